//! Handing a downlink to a network's HTTP API (The Things Stack's webhook
//! downlink API, a carrier platform's command API): whether it surely did
//! not take it, or may have.

use crate::networks::downlinks::NotTaken;

/// POSTs `body` to `url` with the bearer `token`; `who` names the network in
/// the reasons. Refused: it surely does not have it (no connection, a 4xx);
/// unknown: it may (no answer in time, a 5xx after the request went out).
pub async fn post(
    client: &reqwest::Client,
    url: reqwest::Url,
    token: &str,
    body: &serde_json::Value,
    who: &str,
) -> Result<(), NotTaken> {
    let answer = client.post(url).bearer_auth(token).json(body).send().await.map_err(|e| {
        // Not connected, or the request could not even be built: it never left.
        let refused = e.is_connect() || e.is_builder();
        let why = format!("{who} unreachable: {}", e.without_url());
        if refused { NotTaken::Refused(why) } else { NotTaken::Unknown(why) }
    })?;
    let status = answer.status();
    if status.is_success() {
        return Ok(());
    }
    let text = answer.text().await.unwrap_or_default();
    let why = format!("{who} answered {status}: {}", text.chars().take(200).collect::<String>());
    Err(if status.is_client_error() { NotTaken::Refused(why) } else { NotTaken::Unknown(why) })
}
