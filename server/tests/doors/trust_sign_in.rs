//! Sign-in under attack (issue: trust): wrong passwords are throttled per
//! account and per source address on every door that signs in, a blocked
//! account is refused even with the right password until its wait is over,
//! and a household sign-in tries one password hash.

use crate::harness::{ADMIN, Harness, NORTH_ADMIN, assert_refused};
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::Request;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use std::net::SocketAddr;
use tower::ServiceExt;

/// The portal's sign-in from `peer`, as the server sees a TCP peer.
async fn portal_login(h: &Harness, role: &str, who: (&str, &str), peer: &str) -> (u16, Value) {
    login_on(h.router.clone(), role, who, peer).await
}

async fn login_on(router: axum::Router, role: &str, who: (&str, &str), peer: &str) -> (u16, Value) {
    login_via(router, role, who, peer, None).await
}

/// The same, through a proxy at `peer` that says it forwards `forwarded_for`.
async fn login_via(
    router: axum::Router,
    role: &str,
    who: (&str, &str),
    peer: &str,
    forwarded_for: Option<&str>,
) -> (u16, Value) {
    let body =
        serde_urlencoded::to_string([("req[role]", role), ("req[username]", who.0), ("req[password]", who.1)]).unwrap();
    let mut request = Request::post("/sfn/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(Body::from(body))
        .unwrap();
    if let Some(hops) = forwarded_for {
        request.headers_mut().insert("x-forwarded-for", hops.parse().unwrap());
    }
    request.extensions_mut().insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
    let response = router.oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

async fn to_login(h: &Harness, who: (&str, &str)) -> Value {
    h.legacy(json!({"action": "comApi", "method": "toLogin", "params": {"username": who.0, "password": who.1}})).await
}

both!(wrong_passwords_are_throttled_per_account, |h: Harness| async move {
    let peer = "192.0.2.10:40000";
    for _ in 0..5 {
        let (status, answer) = portal_login(&h, "Admin", (ADMIN.0, "wrong-guess"), peer).await;
        assert_eq!(status, 400, "{answer}");
    }
    // The account now waits; the right password does not open it meanwhile,
    // on either door.
    let sessions = h.count("sessions").await;
    let (status, answer) = portal_login(&h, "Admin", ADMIN, "198.51.100.7:1").await;
    assert_eq!(status, 429, "{answer}");
    let wait = answer["Throttled"]["retry_after_seconds"].as_i64().unwrap();
    assert!((1..=2).contains(&wait), "{answer}");
    assert_refused(&to_login(&h, ADMIN).await, "-7", "try again in");
    assert_eq!(h.count("sessions").await, sessions, "no token issued while blocked");
    // Another account is not affected.
    assert_eq!(to_login(&h, NORTH_ADMIN).await["errcode"], "0");
    // After the wait the right password works and clears the count.
    tokio::time::sleep(std::time::Duration::from_secs(wait as u64 + 1)).await;
    assert_eq!(to_login(&h, ADMIN).await["errcode"], "0");
    let (status, answer) = portal_login(&h, "Admin", (ADMIN.0, "wrong-again"), peer).await;
    assert_eq!(status, 400, "a fresh count after a success: {answer}");
    // Failures waited out grow the wait: each one past the free five doubles it.
    for _ in 0..4 {
        portal_login(&h, "Admin", (ADMIN.0, "wrong-again"), peer).await;
    }
    let blocked: i64 =
        sqlx::query_scalar("SELECT blocked_until - updated_at FROM sign_in_failures WHERE key = 'admin:admin'")
            .fetch_one(&h.db.pool)
            .await
            .unwrap();
    assert_eq!(blocked, 2, "the fifth failure waits 2 s");
    // getAreaOrg signs in too, under the same count.
    let org = h
        .legacy(
            json!({"action": "comApi", "method": "getAreaOrg", "params": {"username": ADMIN.0, "password": ADMIN.1}}),
        )
        .await;
    assert_refused(&org, "-7", "try again in");
});

both!(wrong_passwords_are_throttled_per_address, |h: Harness| async move {
    let attacker = "203.0.113.5:5555";
    // Twenty different accounts guessed from one address: all refused as wrong.
    for i in 0..20 {
        let (status, _) = portal_login(&h, "Household", (&format!("USER{i:08}"), "123456"), attacker).await;
        assert_eq!(status, 400);
    }
    // Then the address waits, whatever account it names.
    let (status, answer) = portal_login(&h, "Admin", ADMIN, attacker).await;
    assert_eq!(status, 429, "{answer}");
    // Another address signs in.
    let (status, answer) = portal_login(&h, "Admin", ADMIN, "198.51.100.9:1").await;
    assert_eq!(status, 200, "{answer}");
});

both!(behind_a_trusted_proxy_the_address_counted_is_the_clients, |h: Harness| async move {
    let proxy = "127.0.0.1:45000";
    let h = h.with_state(|s| s.with_trusted_proxies(server::addresses::AllowList::parse("127.0.0.1").unwrap()));
    // Twenty guesses from one client through the proxy: that client waits...
    for i in 0..20 {
        let who = (format!("USER{i:08}"), "123456");
        let (status, _) = login_via(h.router.clone(), "Household", (&who.0, who.1), proxy, Some("203.0.113.5")).await;
        assert_eq!(status, 400);
    }
    let (status, answer) = login_via(h.router.clone(), "Admin", ADMIN, proxy, Some("203.0.113.5")).await;
    assert_eq!(status, 429, "{answer}");
    // ...and everyone else behind the same proxy signs in.
    let (status, answer) = login_via(h.router.clone(), "Admin", ADMIN, proxy, Some("198.51.100.9")).await;
    assert_eq!(status, 200, "{answer}");
    // A header from a peer that is no proxy of ours changes nothing: the
    // blocked client cannot name another address to get away.
    let (status, answer) = login_via(h.router.clone(), "Admin", ADMIN, "203.0.113.5:1", Some("192.0.2.77")).await;
    assert_eq!(status, 429, "{answer}");
});

both!(a_household_sign_in_tries_one_password, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    // Two households share a name; each has its own number.
    let (_, first, first_password) = h.add_meter_welcome(&token, "8cf9572000170001", "Same Name", h.north).await;
    h.add_meter(&token, "8cf9572000170002", "Same Name", h.north).await;
    let (status, answer) = portal_login(&h, "Household", ("Same Name", &first_password), "192.0.2.1:1").await;
    assert_eq!(status, 400, "{answer}");
    assert!(answer.to_string().contains("sign in with your household number"), "{answer}");
    let (status, answer) = portal_login(&h, "Household", (&first, &first_password), "192.0.2.1:1").await;
    assert_eq!(status, 200, "{answer}");
});

both!(parallel_guesses_get_no_more_than_the_free_tries, |h: Harness| async move {
    // Twenty wrong passwords at once for one account: five are checked, the
    // rest refused before any hash (the count is taken before checking).
    let mut guesses = tokio::task::JoinSet::new();
    for i in 0..20 {
        let router = h.router.clone();
        guesses.spawn(async move {
            login_on(router, "Admin", (ADMIN.0, "a-wrong-guess"), &format!("192.0.2.{}:1", 100 + i)).await.0
        });
    }
    let statuses = guesses.join_all().await;
    assert_eq!(statuses.iter().filter(|s| **s == 400).count(), 5, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 15, "{statuses:?}");
});

both!(the_vendors_default_password_opens_no_household, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    // An old client creates a household with the document's sample password.
    let added = h
        .call(
            &token,
            "comApi",
            "addHousehold",
            json!({"areaId": h.north.0, "householdName": "Sample",
            "householdPassword": "123456"}),
        )
        .await;
    assert_eq!(added["errcode"], "0", "{added}");
    let number = added["householdNumber"].as_str().expect("a number and first password instead").to_owned();
    let first = added["initialPassword"].as_str().unwrap().to_owned();
    let (status, _) = portal_login(&h, "Household", (&number, "123456"), "192.0.2.50:1").await;
    assert_eq!(status, 400);
    let (status, answer) = portal_login(&h, "Household", (&number, &first), "192.0.2.50:1").await;
    assert_eq!(status, 200, "{answer}");
    // Any other password an old client gives is kept as given.
    let given = h
        .call(
            &token,
            "comApi",
            "addHousehold",
            json!({"areaId": h.north.0, "householdName": "Given",
            "householdPassword": "client-chosen-1"}),
        )
        .await;
    assert_eq!(given["initialPassword"], Value::Null, "{given}");
    let (status, _) = portal_login(&h, "Household", ("Given", "client-chosen-1"), "192.0.2.50:1").await;
    assert_eq!(status, 200);
    // A reset to the default through modifyHousehold gets a random one too.
    let id = added["householdId"].as_i64().unwrap();
    let reset = h.call(&token, "comApi", "modifyHousehold", json!({"id": id, "householdPassword": "123456"})).await;
    assert_eq!(reset["errcode"], "0", "{reset}");
    assert_eq!(reset["initialPassword"].as_str().unwrap().len(), 14, "{reset}");
    let (status, _) = portal_login(&h, "Household", (&number, "123456"), "192.0.2.51:1").await;
    assert_eq!(status, 400);
});
