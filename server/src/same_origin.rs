//! Cross-site requests: a browser attaches the session cookie to requests
//! any page sends, and `SameSite=Lax` still lets a same-site page (another
//! port, a sibling subdomain) send them. So every server function, sign-in
//! included, answers only requests its own pages could have sent: an
//! `Origin` (or `Sec-Fetch-Site`) naming this site, and a body in one of the
//! two encodings the portal uses; file uploads (`/import/...`) the same
//! origin check. Programs that send neither header (curl, a script with its
//! own session) are not browsers and carry no one else's cookie.

use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The bodies server functions take: JSON, and the forms `ActionForm` posts.
const ACCEPTED_TYPES: [&str; 2] = ["application/json", "application/x-www-form-urlencoded"];

pub async fn guard(request: Request, next: Next) -> Response {
    // Server functions are POSTs; a GET of one changes nothing (it is answered 405).
    let reads = matches!(*request.method(), axum::http::Method::GET | axum::http::Method::HEAD);
    let path = request.uri().path();
    let checked = if reads {
        Ok(())
    } else if path.starts_with("/sfn/") {
        check(request.headers())
    } else if path.starts_with("/import/") {
        // A file upload (multipart or CSV): only where it comes from is checked.
        same_site(request.headers())
    } else {
        Ok(())
    };
    if let Err((status, message)) = checked {
        return (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], message).into_response();
    }
    next.run(request).await
}

fn refuse(status: StatusCode, message: String) -> (StatusCode, String) {
    (status, message)
}

fn text(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim)
}

/// Refuses a request another site's page sent (its `Origin` or
/// `Sec-Fetch-Site` says so): the status and a message naming the header.
fn same_site(headers: &HeaderMap) -> Result<(), (StatusCode, String)> {
    if let Some(origin) = text(headers, header::ORIGIN) {
        let host = text(headers, header::HOST).unwrap_or_default();
        if !same_authority(origin, host) {
            return Err(refuse(
                StatusCode::FORBIDDEN,
                format!("cross-site request refused: Origin {origin} is not this site ({host})\n"),
            ));
        }
    } else if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return Err(refuse(StatusCode::FORBIDDEN, format!("cross-site request refused (Sec-Fetch-Site: {site})\n")));
    }
    Ok(())
}

/// Why a server function call is refused: it came from another site, or
/// its body is in an encoding the portal never sends.
fn check(headers: &HeaderMap) -> Result<(), (StatusCode, String)> {
    same_site(headers)?;
    let kind = text(headers, header::CONTENT_TYPE).unwrap_or_default();
    let essence = kind.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    // A body-less call (a server function without arguments) sends no type.
    let empty = headers.get(header::CONTENT_LENGTH).is_some_and(|v| v.as_bytes() == b"0");
    let accepted = ACCEPTED_TYPES.contains(&essence.as_str()) || (essence.is_empty() && empty);
    if !accepted {
        return Err(refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "Content-Type {kind:?} is not accepted: send application/json or application/x-www-form-urlencoded\n"
            ),
        ));
    }
    Ok(())
}

/// Whether an `Origin` (`scheme://host[:port]`) names the host a request was sent to.
pub(crate) fn same_authority(origin: &str, host: &str) -> bool {
    let Some((scheme, authority)) = origin.split_once("://") else { return false };
    let default_port = match scheme {
        "http" => "80",
        "https" => "443",
        _ => return false,
    };
    let with_port = |a: &str| {
        let a = a.to_ascii_lowercase();
        // An IPv6 literal keeps its colons inside the brackets.
        let has_port = a.rsplit_once(':').is_some_and(|(_, p)| !p.contains(']'));
        if has_port { a } else { format!("{a}:{default_port}") }
    };
    !host.is_empty() && with_port(authority) == with_port(host)
}

#[cfg(test)]
mod tests {
    use super::same_authority;

    #[test]
    fn origins_match_their_host_only() {
        assert!(same_authority("http://127.0.0.1:3000", "127.0.0.1:3000"));
        assert!(same_authority("https://meters.example.org", "meters.example.org"));
        assert!(same_authority("https://meters.example.org", "Meters.Example.org:443"));
        assert!(same_authority("http://[::1]:3000", "[::1]:3000"));
        assert!(!same_authority("http://127.0.0.1:3001", "127.0.0.1:3000"), "another port");
        assert!(!same_authority("https://evil.example.org", "meters.example.org"), "a sibling");
        assert!(!same_authority("http://meters.example.org", "meters.example.org:443"), "another scheme's port");
        assert!(!same_authority("null", "meters.example.org"));
        assert!(!same_authority("http://x", ""));
    }
}
