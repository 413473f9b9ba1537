//! The portals in the reader's language: chosen by `Accept-Language`,
//! changed with the language menu's door and remembered in a cookie; pages
//! carry `lang` and `dir`, and amounts follow the language's conventions.

use crate::harness::{ADMIN, Harness, household_session};
use app::backend::catalog::texts;
use app::model::lang::Lang;
use axum::body::Body;
use http::Request;

/// A page as a browser with these headers gets it: status, headers, body.
async fn page(h: &Harness, path: &str, headers: &[(&str, &str)]) -> (u16, http::HeaderMap, String) {
    crate::harness::get_until_answered(&h.router, || {
        let mut request = Request::get(path).header("accept", "text/html");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.body(Body::empty()).unwrap()
    })
    .await
}

/// The message `key` as `lang` says it, HTML-escaped as the page writes text.
fn said(lang: Lang, key: &str) -> String {
    texts(lang).say(key).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\'', "&#39;")
}

both!(the_browsers_language_is_spoken_and_arabic_runs_right_to_left, |h: Harness| async move {
    let (status, headers, french) = page(&h, "/", &[("accept-language", "fr-CH,fr;q=0.9,en;q=0.8")]).await;
    assert_eq!(status, 200);
    assert_eq!(headers["vary"], "Accept-Language, Cookie", "no shared cache answers another language");
    assert!(french.contains(r#"<html lang="fr" dir="ltr""#), "{}", &french[..300.min(french.len())]);
    let title = said(Lang::Fr, "signin-title");
    assert_ne!(title, said(Lang::En, "signin-title"), "French has its own words");
    assert!(french.contains(&title), "the sign-in page speaks French");

    let (_, _, arabic) = page(&h, "/", &[("accept-language", "ar-EG")]).await;
    assert!(arabic.contains(r#"<html lang="ar" dir="rtl""#));
    assert!(arabic.contains(&said(Lang::Ar, "signin-username")));

    // A language we do not speak: English.
    let (_, _, other) = page(&h, "/", &[("accept-language", "de-DE,ja;q=0.5")]).await;
    assert!(other.contains(r#"<html lang="en" dir="ltr""#));
    assert!(other.contains("Name, household number or phone"));
});

both!(the_menus_choice_is_remembered_and_leads_back_to_the_page, |h: Harness| async move {
    let (status, headers, _) =
        page(&h, "/language?lang=sw", &[("host", "meters.example"), ("referer", "http://meters.example/household")])
            .await;
    assert_eq!(status, 303);
    assert_eq!(headers["location"], "/household");
    let cookie = headers["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("lang=sw;") && cookie.contains("Max-Age=31536000"), "{cookie}");

    // Another site's link does not make the door a redirector.
    let (_, headers, _) =
        page(&h, "/language?lang=zh", &[("host", "meters.example"), ("referer", "https://elsewhere.example/x")]).await;
    assert_eq!(headers["location"], "/");

    // The cookie wins over the browser's header.
    let (_, _, swahili) = page(&h, "/", &[("cookie", "lang=sw"), ("accept-language", "fr")]).await;
    assert!(swahili.contains(r#"<html lang="sw""#));
    assert!(swahili.contains(&said(Lang::Sw, "signin-password")));

    // A language we do not have is refused, naming the parameter.
    let (status, _, text) = page(&h, "/language?lang=xx", &[]).await;
    assert_eq!(status, 400);
    assert!(text.starts_with("lang: must be one of en, zh, ar, fr, sw"), "{text}");
});

both!(a_households_page_reads_in_its_language_with_its_amounts, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000091001", "Mama Wanjiru", h.north).await;
    let session = household_session(&h, "Mama Wanjiru").await;
    crate::server_fns::sandbox_paid(&h, &session, meter, "1234.50", "lang-key-0001").await;
    let cookie = format!("{session}; lang=fr");
    let (status, _, page_fr) = page(&h, "/household", &[("cookie", &cookie)]).await;
    assert_eq!(status, 200);
    // "1 234,50 KES" with French separators (narrow no-break space, comma).
    assert!(page_fr.contains("1\u{202f}234,50\u{a0}KES"), "the balance in French style");
    assert!(page_fr.contains(&said(Lang::Fr, "household-meters")));
    assert!(page_fr.contains(&said(Lang::Fr, "energy-water")), "the meter's energy in French");

    // The page carries its language's messages for its islands, without
    // the operator portal's.
    let script = page_fr.split(r#"<script type="application/json" id="ml-texts">"#).nth(1).expect("the islands' texts");
    let script = &script[..script.find("</script>").unwrap()];
    let carried: app::ui::texts::PageData = serde_json::from_str(script).unwrap();
    assert_eq!(carried.texts.lang, Lang::Fr);
    assert_eq!(carried.texts.say("topup-pay"), texts(Lang::Fr).say("topup-pay"));
    assert!(carried.texts.messages.keys().all(|k| !k.starts_with("admin-")));
    assert_eq!(carried.currency.code(), "KES", "and the currency amounts are in");

    let (_, _, page_en) = page(&h, "/household", &[("cookie", &session), ("accept-language", "en-KE")]).await;
    assert!(page_en.contains("KES 1,234.50"));
});
