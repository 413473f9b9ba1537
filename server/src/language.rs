//! The language menu's door: `GET /language?lang=fr` remembers the choice
//! in the `lang` cookie (a year) and goes back to the page the link was on.
//! A plain link, so it works without JavaScript; the pages read the cookie
//! (see `app::backend::catalog::request_lang`).

use axum::Router;
use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::state::ServerState;
use app::model::lang::{COOKIE, Lang};

pub fn routes() -> Router<ServerState> {
    Router::new().route("/language", get(choose))
}

#[derive(Deserialize)]
struct Choice {
    lang: Option<String>,
}

async fn choose(Query(choice): Query<Choice>, headers: HeaderMap) -> Response {
    let Some(lang) = choice.lang.as_deref().and_then(Lang::parse) else {
        let known = Lang::ALL.map(Lang::code).join(", ");
        let message = format!("lang: must be one of {known}, got {:?}", choice.lang.unwrap_or_default());
        return (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], message)
            .into_response();
    };
    let cookie = format!("{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
    (StatusCode::SEE_OTHER, [(header::LOCATION, back(&headers)), (header::SET_COOKIE, cookie)]).into_response()
}

/// The page the link was on, when the browser says so and it is one of this
/// site's (a link elsewhere must not turn the door into a redirector); the
/// sign-in page otherwise.
fn back(headers: &HeaderMap) -> String {
    let text = |name| headers.get(name).and_then(|v: &axum::http::HeaderValue| v.to_str().ok());
    let (Some(referer), Some(host)) = (text(header::REFERER), text(header::HOST)) else { return "/".into() };
    let Some((scheme, rest)) = referer.split_once("://") else { return "/".into() };
    let (authority, path) = rest.find('/').map_or((rest, "/"), |i| (&rest[..i], &rest[i..]));
    let path = path.split('#').next().unwrap_or("/");
    // A form's refusal in the address was said once; the page in another
    // language starts clean.
    let path = without_form_errors(path);
    let path = path.as_str();
    // `//elsewhere` and `/\elsewhere` would leave the site.
    let local = path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\");
    if local && crate::same_origin::same_authority(&format!("{scheme}://{authority}"), host) {
        path.to_owned()
    } else {
        "/".into()
    }
}

/// `path` without the `__path` and `__err` a refused form left in its query.
fn without_form_errors(path: &str) -> String {
    let Some((page, query)) = path.split_once('?') else { return path.to_owned() };
    let kept: Vec<&str> =
        query.split('&').filter(|p| !p.starts_with("__path=") && !p.starts_with("__err=") && !p.is_empty()).collect();
    if kept.is_empty() { page.to_owned() } else { format!("{page}?{}", kept.join("&")) }
}

#[cfg(test)]
mod tests {
    use super::back;
    use axum::http::{HeaderMap, HeaderValue, header};

    fn from(referer: &str) -> String {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("meters.example.org"));
        h.insert(header::REFERER, HeaderValue::from_str(referer).unwrap());
        back(&h)
    }

    #[test]
    fn it_goes_back_only_to_this_sites_pages() {
        assert_eq!(from("https://meters.example.org/admin/meters?page=3#top"), "/admin/meters?page=3");
        assert_eq!(from("https://meters.example.org"), "/");
        assert_eq!(from("https://evil.example.com/admin"), "/");
        assert_eq!(from("https://meters.example.org//evil.example.com"), "/");
        assert_eq!(from("javascript:alert(1)"), "/");
        assert_eq!(back(&HeaderMap::new()), "/");
        assert_eq!(from("https://meters.example.org/?__path=%2Fsfn%2Flogin&__err=eyJ9"), "/");
        assert_eq!(from("https://meters.example.org/household?paid=7&__path=x&__err=y"), "/household?paid=7");
    }
}
