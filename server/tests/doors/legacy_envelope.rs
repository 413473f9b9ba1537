//! Transport: paths, GET and POST, malformed input, unknown methods, tokens.

use crate::harness::{ADMIN, Harness, assert_refused};
use axum::body::Body;
use http::Request;
use serde_json::json;

both!(get_with_query_string_on_the_documented_path, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let envelope = json!({"action": "comApi", "method": "readAllPrices", "apiToken": token});
    let query = serde_urlencoded::to_string([("requestParams", envelope.to_string())]).unwrap();
    let answer =
        h.send_json(Request::get(format!("/internal/commonInternal.jsp?{query}")).body(Body::empty()).unwrap()).await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    assert_eq!(answer["data"][0]["priceName"], "water-flat");
});

both!(malformed_requests_get_named_errors, |h: Harness| async move {
    let before = h.snapshot().await;
    let no_params = h
        .send_json(
            Request::post("/api/commonInternal.jsp")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("x=1"))
                .unwrap(),
        )
        .await;
    assert_refused(&no_params, "-1", "requestParams");
    let bad_json = h
        .send_json(
            Request::post("/api/commonInternal.jsp")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("requestParams=%7Bnot%20json"))
                .unwrap(),
        )
        .await;
    assert_refused(&bad_json, "-1", "not valid JSON");
    let token = h.token(ADMIN).await;
    assert_refused(&h.call(&token, "comApi", "fooBar", json!({})).await, "-2", "fooBar");
    assert_refused(&h.call(&token, "otherApi", "readAllPrices", json!({})).await, "-2", "otherApi");
    assert_refused(&h.legacy(json!({"method": "readAllPrices"})).await, "-1", "action");
    assert_refused(&h.call(&token, "comApi", "addMeterPrice", json!(7)).await, "-1", "param");
    assert_eq!(h.snapshot().await, before, "nothing written");
});

both!(tokens_are_required_valid_and_revocable, |h: Harness| async move {
    assert_refused(&h.legacy(json!({"action": "comApi", "method": "readAllPrices"})).await, "-31", "apiToken");
    assert_refused(
        &h.legacy(json!({"action": "comApi", "method": "readAllPrices", "apiToken": "0123456789abcdef"})).await,
        "-31",
        "token",
    );
    let token = h.token(ADMIN).await;
    assert_eq!(h.call(&token, "comApi", "readAllPrices", json!({})).await["errcode"], "0");
    app::backend::auth::revoke_token(&h.db, &token).await.unwrap();
    assert_refused(&h.call(&token, "comApi", "readAllPrices", json!({})).await, "-31", "revoked");
    // The token itself is never stored, only its hash.
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE token_hash = $1")
        .bind(token.clone())
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
    // A browser session is not an apiToken.
    let cookie = app::backend::auth::issue_token(
        &h.db,
        app::model::auth::Role::Admin,
        1,
        app::backend::auth::TokenKind::Browser,
        "portal",
        app::backend::auth::Lifetime::Fixed(3600),
    )
    .await
    .unwrap();
    assert_refused(&h.call(&cookie.token, "comApi", "readAllPrices", json!({})).await, "-31", "token");
});

both!(every_action_name_reaches_the_methods, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    for action in ["comApi", "lorawanApi", "lorawanMeterApi", "lorawanMeter", "zlMeter"] {
        assert_eq!(h.call(&token, action, "readAllPrices", json!({})).await["errcode"], "0", "{action}");
    }
});
