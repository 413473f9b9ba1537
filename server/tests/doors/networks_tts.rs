//! The Things Stack (issue 17): its webhook messages, as its documentation
//! shows them, through the real router; downlinks pushed to a stand-in of
//! its webhook downlink API (the real one cannot be reached from here).

use crate::harness::{ADMIN, Harness};
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use base64::Engine;
use http::Request;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use server::config::Secret;
use server::lorawan::codec::{self, Order, Report};
use server::networks::tts::{self, TtsApi, TtsConfig};
use server::ops::Metrics;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tower::ServiceExt;

const SECRET: &str = "tts-webhook-secret-7f3a";
const API_KEY: &str = "NNSXS.STANDIN.KEY";
const EUI: &str = "70B3D57ED005E9A1";

/// Downlinks pushed: (application, webhook, device, body).
type Pushes = Arc<Mutex<Vec<(String, String, String, Value)>>>;

async fn push(
    State(pushes): State<Pushes>,
    Path((app, webhook, device)): Path<(String, String, String)>,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(&format!("Bearer {API_KEY}")) {
        return (StatusCode::UNAUTHORIZED, axum::Json(json!({"code": 16, "message": "error:pkg/auth:token_invalid"})))
            .into_response();
    }
    pushes.lock().unwrap().push((app, webhook, device, body));
    axum::Json(json!({})).into_response()
}

/// The app with The Things Stack's webhook on, and its downlinks going to a
/// fresh stand-in.
async fn with_tts(h: Harness) -> (Harness, Pushes, tokio::task::JoinHandle<()>) {
    let pushes: Pushes = Arc::default();
    let api = Router::new()
        .route("/api/v3/as/applications/{app}/webhooks/{webhook}/devices/{device}/down/push", post(push))
        .with_state(pushes.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, api).await.unwrap() });
    let config = TtsConfig {
        webhook_secret: Secret::new(SECRET),
        downlinks: Some(TtsApi { base_url, api_key: Secret::new(API_KEY), webhook_id: "meterline".into() }),
    };
    let publisher = tts::start(h.db.clone(), Arc::new(Metrics::default()), &config).unwrap();
    (h.with_state(move |s| s.with_tts(Some(config.webhook_secret))), pushes, publisher)
}

async fn webhook(h: &Harness, secret: Option<&str>, body: &Value) -> (u16, Value) {
    let mut request = Request::post("/networks/tts/webhook").header("content-type", "application/json");
    if let Some(s) = secret {
        request = request.header("authorization", format!("Bearer {s}"));
    }
    let response = h.router.clone().oneshot(request.body(Body::from(body.to_string())).unwrap()).await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

fn ids() -> Value {
    json!({"device_id": "water-kitchen", "application_ids": {"application_id": "utility-meters"},
        "dev_eui": EUI, "join_eui": "0000000000000000", "dev_addr": "260B1C7E"})
}

fn uplink(id: &str, f_cnt: u32, report: &Report) -> Value {
    json!({
        "end_device_ids": ids(),
        "correlation_ids": [format!("as:up:{id}"), "gs:conn:01HKX"],
        "received_at": chrono::Utc::now().to_rfc3339(),
        "uplink_message": {"session_key_id": "AYzGq0vH1r9nW7xZ9YbKxQ==", "f_port": 10, "f_cnt": f_cnt,
            "frm_payload": base64::engine::general_purpose::STANDARD.encode(codec::encode_report(report)),
            "rx_metadata": [{"gateway_ids": {"gateway_id": "gw-roof"}, "rssi": -96, "channel_rssi": -96, "snr": 5.25}],
            "received_at": chrono::Utc::now().to_rfc3339()},
    })
}

async fn balance(h: &Harness, token: &str) -> Value {
    h.call(token, "comApi", "getAreaArchiveInfo", json!({"devEui": EUI})).await["value"]["balance"].clone()
}

async fn command(h: &Harness) -> (String, String) {
    sqlx::query_as("SELECT state, result FROM commands").fetch_one(&h.db.pool).await.unwrap()
}

async fn next_push(pushes: &Pushes, n: usize) -> (String, String, String, Value) {
    let started = Instant::now();
    loop {
        if let Some(p) = pushes.lock().unwrap().get(n).cloned() {
            return p;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "no downlink pushed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

both!(the_things_stack_reports_and_takes_commands_through_its_webhook, |h: Harness| async move {
    let (h, pushes, publisher) = with_tts(h).await;
    let token = h.token(ADMIN).await;
    h.add_meter(&token, EUI, "Akinyi", h.north).await;
    let first =
        uplink("01HKX3Y6V7R9A0WQ2ZB9R3N8XK", 1, &Report { forward: Some(2_000), valve: Some(1), ..Default::default() });

    // Without the secret, or with a wrong one: refused unread.
    let before = h.snapshot().await;
    assert_eq!(webhook(&h, None, &first).await.0, 401);
    assert_eq!(webhook(&h, Some("guess"), &first).await.0, 401);
    // Not a message: the answer says what is wrong.
    let (status, answer) = webhook(&h, Some(SECRET), &json!({"uplink_message": {"f_port": 10}})).await;
    assert_eq!(status, 400);
    assert!(answer["error"].as_str().unwrap().contains("application_id"), "{answer}");
    assert_eq!(h.snapshot().await, before);

    // 2.000 m³ at 2.5: 5.00 from the opening 150; delivered twice, charged once.
    assert_eq!(webhook(&h, Some(SECRET), &first).await.0, 200);
    assert_eq!(webhook(&h, Some(SECRET), &first).await.0, 200);
    assert_eq!(balance(&h, &token).await, json!(145));
    let route: (String, String, String) =
        sqlx::query_as("SELECT network, application, device FROM meter_networks").fetch_one(&h.db.pool).await.unwrap();
    assert_eq!(route, ("tts".into(), "utility-meters".into(), "water-kitchen".into()));

    // 100 m³ more: below the overdraft, the valve is to close; the command is
    // pushed to the device's queue in its application.
    let used = Report { forward: Some(102_000), valve: Some(1), ..Default::default() };
    assert_eq!(webhook(&h, Some(SECRET), &uplink("01HKX4", 2, &used)).await.0, 200);
    let (app, hook, device, body) = next_push(&pushes, 0).await;
    assert_eq!((app.as_str(), hook.as_str(), device.as_str()), ("utility-meters", "meterline", "water-kitchen"));
    let down = &body["downlinks"][0];
    assert_eq!((down["f_port"].clone(), down["confirmed"].clone()), (json!(11), json!(false)));
    let payload = base64::engine::general_purpose::STANDARD.decode(down["frm_payload"].as_str().unwrap()).unwrap();
    let Some(Order::CloseValve { seq }) = codec::decode_order(&payload) else { panic!("a close: {body}") };
    let correlation = down["correlation_ids"][0].as_str().unwrap().to_owned();
    assert!(correlation.starts_with("meterline:cmd:"), "{correlation}");
    assert_eq!(command(&h).await.1, "handed to The Things Stack");

    // The network could not send it: queued again and pushed again.
    let failed = json!({"end_device_ids": ids(), "downlink_failed": {
        "downlink": {"f_port": 11, "frm_payload": down["frm_payload"], "correlation_ids": [correlation]},
        "error": {"namespace": "pkg/networkserver", "name": "device_not_found", "message_format": "device not found", "code": 5}}});
    assert_eq!(webhook(&h, Some(SECRET), &failed).await.0, 200);
    let (_, _, _, again) = next_push(&pushes, 1).await;
    assert_eq!(again["downlinks"][0]["frm_payload"], down["frm_payload"], "the same command");
    let correlation = again["downlinks"][0]["correlation_ids"][0].as_str().unwrap().to_owned();
    // Sent this time; the meter closes and says so in its report.
    let sent = json!({"end_device_ids": ids(), "correlation_ids": ["as:downlink:01H"],
        "downlink_sent": {"f_port": 11, "correlation_ids": [correlation]}});
    assert_eq!(webhook(&h, Some(SECRET), &sent).await.0, 200);
    assert_eq!(command(&h).await, ("sent".to_owned(), "transmitted by The Things Stack".to_owned()));
    let closed = Report { forward: Some(102_000), valve: Some(0), acks: vec![(seq, 0)], ..Default::default() };
    assert_eq!(webhook(&h, Some(SECRET), &uplink("01HKX5", 3, &closed)).await.0, 200);
    assert_eq!(command(&h).await, ("acknowledged".to_owned(), "executed by the meter".to_owned()));
    let status = h.call(&token, "lorawanApi", "readValveStatus", json!({"devEui": EUI})).await;
    assert_eq!(status["data"]["valveStatus"], "close");
    publisher.abort();
    h.assert_ledger_sound().await;
});

both!(a_downlink_the_network_keeps_failing_is_tried_after_growing_pauses_then_failed, |h: Harness| async move {
    let (h, pushes, publisher) = with_tts(h).await;
    let token = h.token(ADMIN).await;
    h.add_meter(&token, EUI, "Otieno", h.north).await;
    let report = Report { forward: Some(1_000), valve: Some(1), ..Default::default() };
    assert_eq!(webhook(&h, Some(SECRET), &uplink("01HKY1", 1, &report)).await.0, 200);
    let closed = h.call(&token, "lorawanMeterApi", "setValveState", json!({"devEui": EUI, "valveState": "0"})).await;
    assert_eq!(closed["errcode"], "0", "{closed}");
    let target = || async {
        sqlx::query_scalar::<_, Option<i64>>("SELECT valve_target FROM meters").fetch_one(&h.db.pool).await.unwrap()
    };
    assert_eq!(target().await, Some(0), "closing");
    // A refusal that lasts: The Things Stack fails every push of it.
    for n in 1..=5usize {
        let (_, _, _, body) = next_push(&pushes, n - 1).await;
        let down = &body["downlinks"][0];
        let failed = json!({"end_device_ids": ids(), "downlink_failed": {
            "downlink": {"f_port": 11, "frm_payload": down["frm_payload"], "correlation_ids": down["correlation_ids"]},
            "error": {"namespace": "pkg/networkserver", "name": "application_downlink_too_long",
                "message_format": "application downlink too long", "code": 3}}});
        assert_eq!(webhook(&h, Some(SECRET), &failed).await.0, 200);
        let (state, result) = command(&h).await;
        if n == 5 {
            assert_eq!(state, "failed", "{result}");
            assert!(result.ends_with("given up after 5 tries"), "{result}");
            break;
        }
        let pause = 5 << (n - 1);
        assert_eq!(state, "queued");
        assert!(result.ends_with(&format!("will retry in {pause} s")), "{result}");
        if n == 1 {
            // Not pushed again at once (the publisher looks every second).
            tokio::time::sleep(Duration::from_millis(2_500)).await;
            assert_eq!(pushes.lock().unwrap().len(), 1, "pushed before its pause was over");
        }
        // The pause is over (without the test waiting it out).
        sqlx::query("UPDATE commands SET not_before = 0").execute(&h.db.pool).await.unwrap();
    }
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert_eq!(pushes.lock().unwrap().len(), 5, "a failed command is not pushed again");
    // The valve rule may command again: the close that never went out is forgotten.
    assert_eq!(target().await, None);
    publisher.abort();
});

both!(the_things_stack_door_is_shut_until_configured, |h: Harness| async move {
    let (status, answer) = webhook(&h, Some(SECRET), &uplink("x", 1, &Report::default())).await;
    assert_eq!(status, 404, "{answer}");
});
