//! Flutterwave against a stand-in of its v3 API (issue 16): the hosted
//! checkout, the webhook verified by its secret hash, and the verify query.

use crate::harness::{ADMIN, Harness, household_session};
use crate::server_fns::call;
use app::backend::payments::Providers;
use app::backend::services::payments;
use app::backend::state::Settings;
use axum::Router;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http::Request;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use server::config::Secret;
use server::payments::PaymentsConfig;
use server::payments::flutterwave::FlutterwaveConfig;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

const SECRET_KEY: &str = "FLWSECK_TEST-standin";
const HASH: &str = "standin-verif-hash";

/// Checkouts by tx_ref: the request, and the transaction once there is one.
type Checkouts = Arc<Mutex<HashMap<String, (Value, Option<Value>)>>>;

fn authorised(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bearer {SECRET_KEY}"))
}

async fn checkout(State(c): State<Checkouts>, headers: HeaderMap, axum::Json(body): axum::Json<Value>) -> Response {
    if !authorised(&headers) {
        return (
            StatusCode::UNAUTHORIZED,
            axum::Json(json!({"status": "error", "message": "Invalid authorization key"})),
        )
            .into_response();
    }
    if body["customer"]["email"].as_str().is_none_or(|e| !e.contains('@')) {
        return (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"status": "error", "message": "customer.email is required"})),
        )
            .into_response();
    }
    let tx_ref = body["tx_ref"].as_str().unwrap_or_default().to_owned();
    c.lock().unwrap().insert(tx_ref.clone(), (body, None));
    axum::Json(json!({"status": "success", "message": "Hosted Link",
        "data": {"link": format!("https://checkout.flutterwave.example/v3/hosted/pay/{tx_ref}")}}))
    .into_response()
}

/// Checkouts whose verify queries are held unanswered (until released), and
/// what is told when one arrives; by tx_ref, so parallel tests keep apart.
static HELD: std::sync::LazyLock<Mutex<HashMap<String, Arc<tokio::sync::Notify>>>> =
    std::sync::LazyLock::new(Default::default);

async fn verify(State(c): State<Checkouts>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let tx_ref = q.get("tx_ref").cloned().unwrap_or_default();
    let held = HELD.lock().unwrap().get(&tx_ref).cloned();
    if let Some(arrived) = held {
        arrived.notify_one();
        while HELD.lock().unwrap().contains_key(&tx_ref) {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
    match c.lock().unwrap().get(&tx_ref) {
        Some((_, Some(tx))) => {
            axum::Json(json!({"status": "success", "message": "Transaction fetched successfully", "data": tx}))
                .into_response()
        }
        _ => (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"status": "error", "message": "No transaction was found for this id"})),
        )
            .into_response(),
    }
}

async fn with_flutterwave(h: Harness) -> (Harness, Checkouts, Providers, String) {
    let checkouts: Checkouts = Arc::default();
    let app = Router::new()
        .route("/v3/payments", post(checkout))
        .route("/v3/transactions/verify_by_reference", get(verify))
        .with_state(checkouts.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let flutterwave = FlutterwaveConfig {
        base_url: url.clone(),
        secret_key: Secret::new(SECRET_KEY),
        webhook_hash: Secret::new(HASH),
        public_url: "https://meterline.example".into(),
        customer_email: "payments@meterline.example".into(),
    };
    let config = PaymentsConfig { flutterwave: Some(flutterwave), ..Default::default() };
    let (providers, doors) = server::payments::providers(&config);
    let for_state = providers.clone();
    (h.with_state(move |s| s.with_payments(for_state, doors)), checkouts, providers, url)
}

/// The portal form through Flutterwave: the answer's status, where the
/// browser is sent, and the order.
async fn pay(h: &Harness, cookie: &str, meter: i64, amount: &str, key: &str) -> (u16, Option<String>, Value) {
    let fields = [
        ("req[meter_id]", meter.to_string()),
        ("req[amount]", amount.to_owned()),
        ("req[idempotency_key]", key.to_owned()),
        ("req[provider]", "flutterwave".to_owned()),
    ];
    let request = Request::post("/sfn/top_up")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("cookie", cookie)
        .body(Body::from(serde_urlencoded::to_string(fields).unwrap()))
        .unwrap();
    let response = h.router.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let location = response.headers().get("location").map(|v| v.to_str().unwrap().to_owned());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, location, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

async fn webhook(h: &Harness, hash: Option<&str>, body: &Value) -> u16 {
    let mut request = Request::post("/payments/flutterwave/webhook").header("content-type", "application/json");
    if let Some(hash) = hash {
        request = request.header("verif-hash", hash);
    }
    let response = h.router.clone().oneshot(request.body(Body::from(body.to_string())).unwrap()).await.unwrap();
    response.status().as_u16()
}

fn charge(tx_ref: &str, id: u64, amount: u64, status: &str) -> Value {
    json!({"id": id, "tx_ref": tx_ref, "flw_ref": "FLW-MOCK-1", "amount": amount, "charged_amount": amount,
        "currency": "KES", "status": status, "processor_response": "Declined by the card issuer"})
}

both!(a_hosted_checkout_is_credited_once_its_webhook_is_verified, |h: Harness| async move {
    let (h, checkouts, _, _) = with_flutterwave(h).await;
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000180001", "Amina", h.north).await;
    let cookie = household_session(&h, "Amina").await;
    let (status, location, order) = pay(&h, &cookie, meter, "100", "flw-key-0001").await;
    assert_eq!(status, 200, "{order}");
    assert_eq!(order["state"], "Paying");
    let tx_ref = order["reference"].as_str().unwrap().to_owned();
    assert!(tx_ref.starts_with(order["order_no"].as_str().unwrap()), "{tx_ref}");
    // The payer is sent to Flutterwave's page, which sends them back to the dashboard.
    assert_eq!(
        location.as_deref(),
        Some(format!("https://checkout.flutterwave.example/v3/hosted/pay/{tx_ref}").as_str())
    );
    let asked = checkouts.lock().unwrap()[&tx_ref].0.clone();
    assert_eq!(asked["amount"], "100");
    assert_eq!(asked["currency"], "KES");
    assert_eq!(
        asked["redirect_url"],
        format!("https://meterline.example/household?paid={}", order["order_no"].as_str().unwrap())
    );

    // A webhook without the hash, or with a wrong one, is refused unread.
    let claim = json!({"event": "charge.completed", "data": charge(&tx_ref, 9001, 100, "successful")});
    assert_eq!(webhook(&h, None, &claim).await, 401);
    assert_eq!(webhook(&h, Some("standin-verif"), &claim).await, 401);
    // With the hash but before Flutterwave has the transaction: nothing.
    assert_eq!(webhook(&h, Some(HASH), &claim).await, 200);
    let (_, now) = call(&h, Some(&cookie), "top_up_outcome", json!({"order_no": order["order_no"]})).await;
    assert_eq!(now["state"], "Paying");
    // Paid: credited once, under Flutterwave's transaction id.
    checkouts.lock().unwrap().get_mut(&tx_ref).unwrap().1 = Some(charge(&tx_ref, 9001, 100, "successful"));
    for _ in 0..2 {
        assert_eq!(webhook(&h, Some(HASH), &claim).await, 200);
    }
    let (_, done) = call(&h, Some(&cookie), "top_up_outcome", json!({"order_no": order["order_no"]})).await;
    assert_eq!(done["state"], "Succeeded", "{done}");
    assert_eq!(done["receipt"], "9001");
    let (_, account) = call(&h, Some(&cookie), "my_account", json!({})).await;
    assert_eq!(account[0]["balance"], "250");

    // A declined card: failed in Flutterwave's words.
    let (_, _, declined) = pay(&h, &cookie, meter, "40", "flw-key-0002").await;
    let tx_ref = declined["reference"].as_str().unwrap().to_owned();
    checkouts.lock().unwrap().get_mut(&tx_ref).unwrap().1 = Some(charge(&tx_ref, 9002, 40, "failed"));
    let event = json!({"event": "charge.completed", "data": charge(&tx_ref, 9002, 40, "failed")});
    assert_eq!(webhook(&h, Some(HASH), &event).await, 200);
    let (_, failed) = call(&h, Some(&cookie), "top_up_outcome", json!({"order_no": declined["order_no"]})).await;
    assert_eq!(failed["state"], "Failed");
    assert_eq!(failed["result"], "Flutterwave: Declined by the card issuer");
    let (_, account) = call(&h, Some(&cookie), "my_account", json!({})).await;
    assert_eq!(account[0]["balance"], "250");
    h.assert_ledger_sound().await;
});

both!(flutterwave_strangers_short_payments_and_lost_webhooks, |h: Harness| async move {
    let (h, checkouts, providers, _) = with_flutterwave(h).await;
    let settings = Settings::default();
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000180002", "Wanjiru", h.north).await;
    let cookie = household_session(&h, "Wanjiru").await;
    let before = h.snapshot().await;
    // A webhook for a tx_ref no order holds, which Flutterwave does not know
    // either: taken, nothing credited, nothing kept.
    let stranger = json!({"event": "charge.completed", "data": charge("ML-NOBODY-1", 9100, 500, "successful")});
    assert_eq!(webhook(&h, Some(HASH), &stranger).await, 200);
    assert_eq!(h.count("unmatched_payments").await, 0);
    assert_eq!(h.snapshot().await, before);

    // Flutterwave confirms less than the order asked: the order fails and
    // the money is kept for an operator.
    let (_, _, short) = pay(&h, &cookie, meter, "100", "flw-key-0003").await;
    let tx_ref = short["reference"].as_str().unwrap().to_owned();
    checkouts.lock().unwrap().get_mut(&tx_ref).unwrap().1 = Some(charge(&tx_ref, 9101, 60, "successful"));
    let event = json!({"event": "charge.completed", "data": charge(&tx_ref, 9101, 100, "successful")});
    assert_eq!(webhook(&h, Some(HASH), &event).await, 200);
    let (_, failed) = call(&h, Some(&cookie), "top_up_outcome", json!({"order_no": short["order_no"]})).await;
    assert_eq!(failed["state"], "Failed", "{failed}");
    let kept: Vec<(String, i64)> =
        sqlx::query_as("SELECT receipt, amount FROM unmatched_payments").fetch_all(&h.db.pool).await.unwrap();
    assert_eq!(kept, vec![("9101".to_owned(), 6000)], "the 60.00 that came, under Flutterwave's id");

    // Paid, but the webhook is lost: the schedule's verify query finds it.
    let (_, _, lost) = pay(&h, &cookie, meter, "80", "flw-key-0004").await;
    let tx_ref = lost["reference"].as_str().unwrap().to_owned();
    checkouts.lock().unwrap().get_mut(&tx_ref).unwrap().1 = Some(charge(&tx_ref, 9102, 80, "successful"));
    sqlx::query("UPDATE payment_orders SET next_check_at = 0").execute(&h.db.pool).await.unwrap();
    assert_eq!(payments::recheck_due(&h.db, &settings, &providers, 100).await.unwrap(), 1);
    let (_, found) = call(&h, Some(&cookie), "top_up_outcome", json!({"order_no": lost["order_no"]})).await;
    assert_eq!((found["state"].clone(), found["receipt"].clone()), (json!("Succeeded"), json!("9102")));
    let (_, account) = call(&h, Some(&cookie), "my_account", json!({})).await;
    assert_eq!(account[0]["balance"], "230", "150 + 80, the short payment not credited");

    // The payer never finishes the checkout: expired once its time is up.
    let (_, _, abandoned) = pay(&h, &cookie, meter, "20", "flw-key-0005").await;
    sqlx::query("UPDATE payment_orders SET next_check_at = 0, expires_at = 0 WHERE state = 4")
        .execute(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(payments::recheck_due(&h.db, &settings, &providers, 100).await.unwrap(), 1);
    let (_, expired) = call(&h, Some(&cookie), "top_up_outcome", json!({"order_no": abandoned["order_no"]})).await;
    assert_eq!(expired["state"], "Expired", "{expired}");
    h.assert_ledger_sound().await;
});

both!(flutterwave_a_crash_while_the_verification_is_on_its_way_credits_once_after_restart, |h: Harness| async move {
    let (h, checkouts, _, url) = with_flutterwave(h).await;
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000180003", "Mutua", h.north).await;
    let cookie = household_session(&h, "Mutua").await;
    let (_, _, order) = pay(&h, &cookie, meter, "70", "flw-key-0006").await;
    let tx_ref = order["reference"].as_str().unwrap().to_owned();
    // Paid on Flutterwave's page; the webhook was lost; the order is due.
    checkouts.lock().unwrap().get_mut(&tx_ref).unwrap().1 = Some(charge(&tx_ref, 9200, 70, "successful"));
    sqlx::query("UPDATE payment_orders SET next_check_at = 0").execute(&h.db.pool).await.unwrap();
    let arrived = Arc::new(tokio::sync::Notify::new());
    HELD.lock().unwrap().insert(tx_ref.clone(), arrived.clone());
    let settings = [
        ("METERLINE_FLUTTERWAVE_BASE_URL", url.as_str()),
        ("METERLINE_FLUTTERWAVE_SECRET_KEY", SECRET_KEY),
        ("METERLINE_FLUTTERWAVE_WEBHOOK_HASH", HASH),
    ];
    let server = crate::replicas::start_with(&h.database_url(), &settings).await;
    // The schedule asks Flutterwave, which confirms, and the server is
    // killed before the answer reaches it.
    tokio::time::timeout(std::time::Duration::from_secs(60), arrived.notified()).await.expect("the schedule asks");
    drop(server);
    let state = || async { call(&h, Some(&cookie), "top_up_outcome", json!({"order_no": order["order_no"]})).await.1 };
    assert_eq!(state().await["state"], "Paying", "nothing was half done");
    // Restarted, the schedule asks again and completes the order once.
    HELD.lock().unwrap().remove(&tx_ref);
    let _server = crate::replicas::start_with(&h.database_url(), &settings).await;
    let waited = std::time::Instant::now();
    while state().await["state"] != "Succeeded" {
        assert!(waited.elapsed().as_secs() < 60, "the restarted server completes the order");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let (_, account) = call(&h, Some(&cookie), "my_account", json!({})).await;
    assert_eq!(account[0]["balance"], "220", "150 + 70, once");
    h.assert_ledger_sound().await;
});
