//! Forms posted without JavaScript: a refusal sends the browser back to the
//! form's page, which shows the message where the form is (never the
//! server function's raw JSON), and nothing changed.

use crate::harness::{ADMIN, Harness, household_session};
use axum::body::Body;
use http::Request;
use http_body_util::BodyExt;
use tower::ServiceExt;

const HOST: &str = "meters.example";

/// A form as a browser without JavaScript posts it from `page`: the answer's
/// status, where it sends the browser (this site's path) and its body.
async fn post_form(
    h: &Harness,
    cookie: Option<&str>,
    action: &str,
    page: &str,
    fields: &[(&str, &str)],
) -> (u16, String, String) {
    let mut request = Request::post(action)
        .header("host", HOST)
        .header("origin", format!("http://{HOST}"))
        .header("referer", format!("http://{HOST}{page}"))
        .header("accept", "text/html,application/xhtml+xml")
        .header("content-type", "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let body = serde_urlencoded::to_string(fields).unwrap();
    let response = h.router.clone().oneshot(request.body(Body::from(body)).unwrap()).await.unwrap();
    let status = response.status().as_u16();
    let location = response.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let path = location.strip_prefix(&format!("http://{HOST}")).unwrap_or(&location).to_owned();
    (status, path, String::from_utf8_lossy(&bytes).into_owned())
}

/// The alert texts of a page.
fn alerts(page: &str) -> Vec<String> {
    page.split(r#"role="alert""#)
        .skip(1)
        .map(|rest| {
            let text = &rest[rest.find('>').unwrap() + 1..];
            // Up to the next tag (a hydration marker `<!>` included).
            text[..text.find('<').unwrap()].to_owned()
        })
        .collect()
}

both!(a_wrong_password_without_script_comes_back_to_the_form_with_its_message, |h: Harness| async move {
    let (status, back, _) = post_form(
        &h,
        None,
        "/sfn/login",
        "/",
        &[("req[role]", "Admin"), ("req[username]", "admin"), ("req[password]", "nope")],
    )
    .await;
    assert_eq!(status, 302);
    assert!(back.starts_with("/?") && back.contains("__err="), "{back}");
    let (status, _, page) = crate::portal_ops::get(&h, None, &back).await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"<form"#) && page.contains("req[password]"), "the form is there again");
    let alerts = alerts(&page);
    assert_eq!(alerts, ["Password: wrong username or password"], "{page}");
    assert!(!page.contains(r#""Invalid""#), "no raw error JSON: {page}");
    // The same page without the error in its address says nothing of it.
    let (_, _, clean) = crate::portal_ops::get(&h, None, "/").await;
    assert!(self::alerts(&clean).is_empty());
});

both!(a_declined_top_up_without_script_is_named_on_the_dashboard_and_nothing_is_paid, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000092001", "Baraka Otieno", h.north).await.to_string();
    let session = household_session(&h, "Baraka Otieno").await;
    let before = h.snapshot().await;
    let fields = [
        ("req[meter_id]", meter.as_str()),
        ("req[amount]", "12.5x"),
        ("req[idempotency_key]", "no-script-key-0001"),
        ("req[provider]", "sandbox"),
        ("req[phone]", "0712 345 678"),
    ];
    let (status, back, _) = post_form(&h, Some(&session), "/sfn/top_up", "/household", &fields).await;
    assert_eq!(status, 302);
    assert!(back.starts_with("/household?__path=%2Fsfn%2Ftop_up"), "{back}");
    let (status, _, page) = crate::portal_ops::get(&h, Some(&session), &back).await;
    assert_eq!(status, 200);
    let alerts = alerts(&page);
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    assert!(alerts[0].starts_with("Amount: "), "the field as the form labels it: {alerts:?}");
    assert_eq!(h.snapshot().await, before, "nothing was written");
});

both!(a_bill_refused_without_script_is_named_once_on_the_dashboard, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    h.add_meter(&token, "8cf9572000092002", "Achieng Bills", h.north).await;
    let session = household_session(&h, "Achieng Bills").await;
    // A bill that is not the household's: refused, said once on top of the dashboard.
    let (status, back, _) =
        post_form(&h, Some(&session), "/sfn/pay_bill", "/household", &[("bill_id", "999999")]).await;
    assert_eq!(status, 302);
    let (_, _, page) = crate::portal_ops::get(&h, Some(&session), &back).await;
    let alerts = alerts(&page);
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    assert!(alerts[0].contains("not found"), "{alerts:?}");
});

both!(a_page_that_cannot_be_shown_keeps_its_status_for_browsers, |h: Harness| async move {
    // Only a form's refusal is answered with the redirect; a page a browser
    // loads (HTML accepted) whose data is refused keeps the refusal's status.
    let request = Request::get("/admin").header("accept", "text/html").body(Body::empty()).unwrap();
    let response = h.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 401);
});
