//! /healthz and /metrics.

use crate::harness::{ADMIN, Harness};
use axum::body::Body;
use http::Request;
use serde_json::json;

pub(crate) async fn get_text(h: &Harness, path: &str) -> (u16, String) {
    let (status, _, body) =
        crate::harness::get_until_answered(&h.router, || Request::get(path).body(Body::empty()).unwrap()).await;
    (status, body)
}

both!(health_and_metrics, |h: Harness| async move {
    assert_eq!(get_text(&h, "/healthz").await, (200, "ok\n".to_owned()));
    let token = h.token(ADMIN).await;
    h.call(&token, "comApi", "readAllPrices", json!({})).await;
    h.call(&token, "comApi", "getAreaArchives", json!({})).await;
    let (status, text) = get_text(&h, "/metrics").await;
    assert_eq!(status, 200);
    assert!(text.contains(r#"meterline_calls_total{door="legacy",method="readAllPrices",outcome="ok"} 1"#), "{text}");
    assert!(
        text.contains(r#"meterline_calls_total{door="legacy",method="getAreaArchives",outcome="invalid"} 1"#),
        "{text}"
    );
    assert!(text.contains("meterline_call_duration_seconds_bucket"), "{text}");
    assert!(text.contains("meterline_db_pool_connections"), "{text}");
    assert!(!text.contains(&token), "no secret in metrics");
    h.db.pool.close().await;
    assert_eq!(get_text(&h, "/healthz").await.0, 503);
});
