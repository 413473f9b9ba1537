//! Sessions and the edges of the HTTP surface (issue: trust): a password
//! change ends the account's other sessions, a token ends on the second it
//! expires, pages are asked for within bounds, unknown paths are 404s and
//! `/metrics` names only what exists and may be protected.

use crate::harness::{ADMIN, HOUSEHOLD_PASSWORD, Harness, household_session};
use crate::ops::get_text;
use crate::server_fns::{call, call_form};
use axum::body::Body;
use http::Request;
use http_body_util::BodyExt;
use serde_json::json;
use server::startup::router;
use server::state::ServerState;
use tower::ServiceExt;

both!(a_password_change_ends_the_other_sessions, |h: Harness| async move {
    let admin = h.token(ADMIN).await;
    let meter = h.add_meter(&admin, "8cf9572000150001", "Two Phones", h.north).await;
    let phone = household_session(&h, "Two Phones").await;
    let laptop = household_session(&h, "Two Phones").await;
    let (status, _) = call(&h, Some(&laptop), "my_account", json!({})).await;
    assert_eq!(status, 200);

    // The household changes its password on the phone: the laptop is signed out.
    let change = [("req[current]", HOUSEHOLD_PASSWORD), ("req[new]", "a-new-password-1")];
    let (status, answer) = call_form(&h, Some(&phone), "change_password", &change).await;
    assert_eq!(status, 200, "{answer}");
    let (status, _) = call(&h, Some(&laptop), "my_account", json!({})).await;
    assert_eq!(status, 401, "the other session ended");
    let (status, _) = call(&h, Some(&phone), "my_account", json!({})).await;
    assert_eq!(status, 200, "the session that changed it stays");

    // An operator resetting the password ends every session, the phone's too.
    let household: i64 = sqlx::query_scalar("SELECT household_id FROM meters WHERE id = $1")
        .bind(meter)
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    let reset = h
        .call(&admin, "comApi", "modifyHousehold", json!({"id": household, "householdPassword": "desk-reset-1"}))
        .await;
    assert_eq!(reset["errcode"], "0", "{reset}");
    let (status, _) = call(&h, Some(&phone), "my_account", json!({})).await;
    assert_eq!(status, 401);
});

both!(a_token_ends_on_the_second_it_expires, |h: Harness| async move {
    use app::backend::auth::{Lifetime, TokenKind, issue_token};
    use app::model::auth::Role;
    let issued = issue_token(&h.db, Role::Admin, 1, TokenKind::Api, "short", Lifetime::Fixed(2)).await.unwrap();
    let answer = h.call(&issued.token, "comApi", "readAllPrices", json!({})).await;
    assert_eq!(answer["errcode"], "0", "the caller is now kept in memory: {answer}");
    // Wait until the second it expires has passed (the memory lasts longer).
    while app::backend::clock::now().0 < issued.expires_at.0 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let answer = h.call(&issued.token, "comApi", "readAllPrices", json!({})).await;
    assert_eq!(answer["errcode"], "-31", "an expired token is refused at once: {answer}");
});

both!(server_function_pages_are_checked_when_read, |h: Harness| async move {
    let cookie = crate::server_fns::sign_in(&h, "Admin", ADMIN).await.unwrap();
    let before = h.snapshot().await;
    for (page, needle) in [
        (json!({"number": 0, "size": 10}), "pageNumber: must be 1 or more"),
        (json!({"number": -3, "size": 10}), "pageNumber"),
        (json!({"number": 1, "size": 0}), "pageSize"),
    ] {
        let filter = json!({"filter": {"area_id": h.root.0, "energy_type": null, "search": null,
            "equipment_model_id": null, "page": page}});
        let (status, answer) = call(&h, Some(&cookie), "list_meters", filter).await;
        assert_eq!(status, 400, "{answer}");
        assert!(answer.to_string().contains(needle), "{answer} should mention {needle}");
    }
    // A huge page is capped, not an error.
    let filter = json!({"filter": {"area_id": h.root.0, "energy_type": null, "search": null,
        "equipment_model_id": null, "page": {"number": 1, "size": 4000000000_u64}}});
    let (status, page) = call(&h, Some(&cookie), "list_meters", filter).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["size"], 1000);
    assert_eq!(h.snapshot().await, before);
});

async fn send(h: &Harness, request: Request<Body>) -> (u16, String) {
    let response = h.router.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

both!(unknown_paths_are_not_found, |h: Harness| async move {
    let (status, page) = get_text(&h, "/no/such/path").await;
    assert_eq!(status, 404, "{page}");
    assert!(page.contains("Page not found."), "people get a page: {page}");
    let post =
        |uri: &str| Request::post(uri).header("content-type", "application/json").body(Body::from("{}")).unwrap();
    let (status, text) = send(&h, post("/sfn/nonexistent")).await;
    assert_eq!((status, text.as_str()), (404, "no such endpoint: POST /sfn/nonexistent\n"));
    let (status, _) = send(&h, post("/no/such/path")).await;
    assert_eq!(status, 404);
    let (status, _) = get_text(&h, "/sfn/login").await;
    assert_eq!(status, 405, "a known function asked the wrong way");
    let (status, _) = send(&h, post("/healthz")).await;
    assert_eq!(status, 405);
    // Pages that exist still answer 200.
    assert_eq!(get_text(&h, "/").await.0, 200);
});

both!(metrics_count_only_known_names_and_may_need_a_token, |h: Harness| async move {
    for i in 0..20 {
        let request = Request::post(format!("/sfn/bogus{i}")).body(Body::from("{}")).unwrap();
        send(&h, request).await;
    }
    crate::server_fns::sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (status, text) = get_text(&h, "/metrics").await;
    assert_eq!(status, 200);
    assert!(!text.contains("bogus"), "{text}");
    assert!(text.contains(r#"door="server_fn",method="unknown",outcome="client_error"} 20"#), "{text}");
    assert!(text.contains(r#"door="server_fn",method="login",outcome="ok"} 1"#), "{text}");

    // With a token, /metrics answers only its bearer.
    let leptos = leptos::config::LeptosOptions::builder().output_name("meterline").build();
    let state = ServerState::new(h.db.clone(), leptos)
        .with_metrics_token(Some(server::config::Secret::new("scrape-token-123")));
    let guarded = router(state);
    let ask = |auth: Option<&str>| {
        let mut request = Request::get("/metrics");
        if let Some(a) = auth {
            request = request.header("authorization", a);
        }
        guarded.clone().oneshot(request.body(Body::empty()).unwrap())
    };
    assert_eq!(ask(None).await.unwrap().status(), 401);
    assert_eq!(ask(Some("Bearer wrong-token-1234")).await.unwrap().status(), 401);
    assert_eq!(ask(Some("Bearer scrape-token-123")).await.unwrap().status(), 200);
});

both!(cross_site_requests_are_refused, |h: Harness| async move {
    let admin = h.token(ADMIN).await;
    let meter = h.add_meter(&admin, "8cf9572000160001", "Cross Site", h.north).await;
    let cookie = household_session(&h, "Cross Site").await;
    let sessions = h.count("sessions").await;
    let before = h.snapshot().await;
    let post = |path: &str, kind: &str, origin: Option<&str>, body: String| {
        let mut request = Request::post(path).header("host", "127.0.0.1:3000").header("content-type", kind);
        if let Some(o) = origin {
            request = request.header("origin", o);
        }
        request.header("cookie", cookie.clone()).body(Body::from(body)).unwrap()
    };
    let top_up = serde_urlencoded::to_string([
        ("req[meter_id]", meter.to_string()),
        ("req[amount]", "7".to_owned()),
        ("req[idempotency_key]", "cross-site-0001".to_owned()),
        ("req[provider]", "sandbox".to_owned()),
        ("req[phone]", "254712345678".to_owned()),
    ])
    .unwrap();
    let form = "application/x-www-form-urlencoded";
    // A page on another port of the same host (same site for SameSite=Lax).
    let (status, text) = send(&h, post("/sfn/top_up", form, Some("http://127.0.0.1:3001"), top_up.clone())).await;
    assert_eq!(status, 403, "{text}");
    assert!(text.contains("cross-site request refused"), "{text}");
    let mut fetch = post("/sfn/top_up", form, None, top_up.clone());
    fetch.headers_mut().insert("sec-fetch-site", "same-site".parse().unwrap());
    assert_eq!(send(&h, fetch).await.0, 403);
    // A JSON function given a text/plain body (which needs no preflight).
    let (status, text) =
        send(&h, post("/sfn/my_account", "text/plain", Some("http://127.0.0.1:3000"), "{}".into())).await;
    assert_eq!(status, 415, "{text}");
    // Sign-in from elsewhere opens no session.
    let login =
        serde_urlencoded::to_string([("req[role]", "Admin"), ("req[username]", ADMIN.0), ("req[password]", ADMIN.1)])
            .unwrap();
    let (status, _) = send(&h, post("/sfn/login", form, Some("https://evil.example"), login.clone())).await;
    assert_eq!(status, 403);
    assert_eq!(h.count("sessions").await, sessions);
    assert_eq!(h.snapshot().await, before, "nothing paid");
    // The site's own pages are answered.
    let (status, text) = send(&h, post("/sfn/top_up", form, Some("http://127.0.0.1:3000"), top_up)).await;
    assert_eq!(status, 200, "{text}");
    let (status, _) = send(&h, post("/sfn/login", form, Some("http://127.0.0.1:3000"), login)).await;
    assert_eq!(status, 200);
});
