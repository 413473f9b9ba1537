//! MTN MoMo Collections against a stand-in of its API (issue 16):
//! request-to-pay, the callback as a hint, the status query's amount,
//! currency and payer checked against the order.

use crate::harness::{ADMIN, Harness, household_session};
use crate::server_fns::{call, call_form, sign_in};
use app::backend::payments::Providers;
use app::backend::services::payments;
use app::backend::state::Settings;
use app::model::currency::Currency;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use http::Request;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use server::config::Secret;
use server::payments::PaymentsConfig;
use server::payments::momo::MomoConfig;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

const USER: &str = "c72025f5-5cd1-4630-99e4-8ba4722fad56";
const API_KEY: &str = "standin-momo-api-key";
const SUBSCRIPTION: &str = "standin-subscription-key";
const ACCESS: &str = "standin-momo-access";

/// Requests to pay by reference id: the request body and what MoMo answers
/// about it (the status body).
type Requests = Arc<Mutex<HashMap<String, (Value, Value)>>>;

/// The stand-in's books: the requests, and a request whose status queries
/// are held unanswered (until released), with what is told when one arrives.
#[derive(Clone, Default)]
struct Books {
    requests: Requests,
    held: Arc<Mutex<Option<Held>>>,
}

/// A reference whose status queries wait, and what is told when one arrives.
type Held = (String, Arc<tokio::sync::Notify>);

async fn token(headers: HeaderMap) -> Response {
    let basic = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{API_KEY}")));
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok());
    let key = headers.get("ocp-apim-subscription-key").and_then(|v| v.to_str().ok());
    if auth != Some(basic.as_str()) || key != Some(SUBSCRIPTION) {
        return (StatusCode::UNAUTHORIZED, axum::Json(json!({"error": "login_failed"}))).into_response();
    }
    axum::Json(json!({"access_token": ACCESS, "token_type": "access_token", "expires_in": 3600})).into_response()
}

fn authorised(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bearer {ACCESS}"))
        && headers.get("x-target-environment").and_then(|v| v.to_str().ok()) == Some("sandbox")
}

async fn request_to_pay(
    State(Books { requests, .. }): State<Books>,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let Some(reference) = headers.get("x-reference-id").and_then(|v| v.to_str().ok()) else {
        return (StatusCode::BAD_REQUEST, axum::Json(json!({"code": "INVALID_REFERENCE_ID"}))).into_response();
    };
    if body["payer"]["partyId"] == "256700000000" {
        return (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"code": "INVALID_PAYER", "message": "Payer is not valid"})),
        )
            .into_response();
    }
    let pending = json!({"amount": body["amount"], "currency": body["currency"], "externalId": body["externalId"],
        "payer": body["payer"], "status": "PENDING"});
    requests.lock().unwrap().insert(reference.to_owned(), (body, pending));
    StatusCode::ACCEPTED.into_response()
}

async fn status(State(books): State<Books>, headers: HeaderMap, Path(reference): Path<String>) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let held = books.held.lock().unwrap().clone();
    if let Some((_, arrived)) = held.filter(|(r, _)| *r == reference) {
        arrived.notify_one();
        while books.held.lock().unwrap().as_ref().is_some_and(|(r, _)| *r == reference) {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
    let requests = books.requests;
    match requests.lock().unwrap().get(&reference) {
        Some((_, status)) => axum::Json(status.clone()).into_response(),
        None => (StatusCode::NOT_FOUND, axum::Json(json!({"code": "RESOURCE_NOT_FOUND"}))).into_response(),
    }
}

async fn start_standin() -> (String, Books) {
    let books = Books::default();
    let app = Router::new()
        .route("/collection/token/", post(token))
        .route("/collection/v1_0/requesttopay", post(request_to_pay))
        .route("/collection/v1_0/requesttopay/{reference}", get(status))
        .with_state(books.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, books)
}

/// The app with MoMo on, in Uganda's shillings (no minor units), and what
/// the schedule's re-checks need.
async fn with_momo(h: Harness) -> (Harness, Requests, Providers, Settings) {
    let (h, books, providers, settings, _) = with_momo_books(h).await;
    (h, books.requests, providers, settings)
}

/// `with_momo`, with the stand-in's books and address.
async fn with_momo_books(h: Harness) -> (Harness, Books, Providers, Settings, String) {
    let (url, books) = start_standin().await;
    let momo = MomoConfig {
        base_url: url.clone(),
        subscription_key: Secret::new(SUBSCRIPTION),
        api_user: USER.into(),
        api_key: Secret::new(API_KEY),
        target_environment: "sandbox".into(),
        callback_url: "https://meterline.example/payments/momo/callback".into(),
        country_code: Some("256".into()),
    };
    let config =
        PaymentsConfig { momo: Some(momo), public_url: "https://meterline.example".into(), ..Default::default() };
    let (providers, doors) = server::payments::providers(&config);
    let settings = Settings { currency: Currency::parse("UGX").unwrap(), ..Settings::default() };
    let (for_state, state_settings) = (providers.clone(), settings.clone());
    let h = h.with_state(move |s| s.with_settings(state_settings).with_payments(for_state, doors));
    (h, books, providers, settings, url)
}

async fn pay(h: &Harness, cookie: &str, meter: i64, amount: &str, phone: &str, key: &str) -> (u16, Value) {
    let meter = meter.to_string();
    let fields = [
        ("req[meter_id]", meter.as_str()),
        ("req[amount]", amount),
        ("req[idempotency_key]", key),
        ("req[provider]", "momo"),
        ("req[phone]", phone),
    ];
    call_form(h, Some(cookie), "top_up", &fields).await
}

/// MoMo's callback (a PUT to the URL it was given), with the body it sends.
async fn callback(h: &Harness, reference: &str, body: &Value) -> u16 {
    let request = Request::put(format!("/payments/momo/callback/{reference}"))
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = h.router.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let _ = response.into_body().collect().await;
    status
}

async fn outcome(h: &Harness, cookie: &str, order: &Value) -> Value {
    call(h, Some(cookie), "top_up_outcome", json!({"order_no": order["order_no"]})).await.1
}

async fn balance(h: &Harness, cookie: &str) -> Value {
    call(h, Some(cookie), "my_account", json!({})).await.1[0]["balance"].clone()
}

both!(momo_requests_to_pay_and_credits_what_its_status_confirms, |h: Harness| async move {
    let (h, requests, _, _) = with_momo(h).await;
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000170001", "Nakato", h.north).await;
    let cookie = household_session(&h, "Nakato").await;
    // UGX has no minor units: 2,500.50 cannot be paid.
    let (status, wrong) = pay(&h, &cookie, meter, "2500.50", "0772 123 456", "momo-key-0001").await;
    assert_eq!((status, &wrong["Invalid"]["field"]), (400, &json!("amount")), "{wrong}");

    let (status, order) = pay(&h, &cookie, meter, "2500", "0772 123 456", "momo-key-0002").await;
    assert_eq!(status, 200, "{order}");
    assert_eq!(order["state"], "Paying", "{order}");
    let reference = order["reference"].as_str().unwrap().to_owned();
    let (asked, _) = requests.lock().unwrap()[&reference].clone();
    assert_eq!(asked["amount"], "2500");
    assert_eq!(asked["currency"], "UGX");
    assert_eq!(asked["payer"], json!({"partyIdType": "MSISDN", "partyId": "256772123456"}));
    assert_eq!(asked["externalId"], order["order_no"]);

    // A callback claiming success while MoMo still says PENDING changes nothing.
    let claim = json!({"amount": "2500", "currency": "UGX", "financialTransactionId": "FORGED", "status": "SUCCESSFUL",
        "payer": {"partyIdType": "MSISDN", "partyId": "256772123456"}, "externalId": order["order_no"]});
    assert_eq!(callback(&h, &reference, &claim).await, 200);
    assert_eq!(outcome(&h, &cookie, &order).await["state"], "Paying");
    // The payer approves: MoMo's status names the transaction.
    let paid = json!({"amount": "2500", "currency": "UGX", "financialTransactionId": "1754383620",
        "payer": {"partyIdType": "MSISDN", "partyId": "256772123456"}, "externalId": order["order_no"], "status": "SUCCESSFUL"});
    requests.lock().unwrap().get_mut(&reference).unwrap().1 = paid.clone();
    for _ in 0..2 {
        assert_eq!(callback(&h, &reference, &claim).await, 200);
    }
    let done = outcome(&h, &cookie, &order).await;
    assert_eq!(done["state"], "Succeeded", "{done}");
    assert_eq!(done["receipt"], "1754383620", "the status query's transaction, not the callback's claim");
    assert_eq!(balance(&h, &cookie).await, "2650", "credited once");

    // Declined on the phone: failed in words.
    let (_, declined) = pay(&h, &cookie, meter, "1000", "256772123456", "momo-key-0003").await;
    let reference = declined["reference"].as_str().unwrap().to_owned();
    requests.lock().unwrap().get_mut(&reference).unwrap().1 =
        json!({"status": "FAILED", "reason": "APPROVAL_REJECTED"});
    assert_eq!(callback(&h, &reference, &json!({"status": "FAILED"})).await, 200);
    let failed = outcome(&h, &cookie, &declined).await;
    assert_eq!(
        (failed["state"].clone(), failed["result"].clone()),
        (json!("Failed"), json!("MTN MoMo: the payer declined"))
    );
    // MoMo refuses the number: the order fails with its reason.
    let (_, refused) = pay(&h, &cookie, meter, "1000", "256700000000", "momo-key-0004").await;
    assert_eq!(refused["state"], "Failed");
    assert!(refused["result"].as_str().unwrap().contains("Payer is not valid"), "{refused}");
    assert_eq!(balance(&h, &cookie).await, "2650");
    h.assert_ledger_sound().await;
});

both!(momo_money_from_another_wallet_or_of_another_amount_is_kept, |h: Harness| async move {
    let (h, requests, _, _) = with_momo(h).await;
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000170002", "Okello", h.north).await;
    let cookie = household_session(&h, "Okello").await;
    for (key, amount, payer, why) in [
        ("momo-key-0005", "500", "256772999999", "paid from another number"),
        ("momo-key-0006", "700", "256772123456", "UGX 70 was paid, not UGX 700"),
    ] {
        let (_, order) = pay(&h, &cookie, meter, amount, "256772123456", key).await;
        let reference = order["reference"].as_str().unwrap().to_owned();
        let paid_amount = if amount == "700" { "70" } else { amount };
        requests.lock().unwrap().get_mut(&reference).unwrap().1 = json!({"amount": paid_amount, "currency": "UGX",
            "financialTransactionId": format!("TX-{key}"), "payer": {"partyIdType": "MSISDN", "partyId": payer},
            "status": "SUCCESSFUL"});
        assert_eq!(callback(&h, &reference, &json!({"status": "SUCCESSFUL"})).await, 200);
        let failed = outcome(&h, &cookie, &order).await;
        assert_eq!(failed["state"], "Failed", "{failed}");
        assert!(failed["result"].as_str().unwrap().contains(why), "{failed}");
    }
    assert_eq!(balance(&h, &cookie).await, "150", "nothing credited");
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (_, kept) = call(&h, Some(&admin), "list_unmatched", json!({})).await;
    assert_eq!(kept.as_array().unwrap().len(), 2, "{kept}");
    h.assert_ledger_sound().await;
});

both!(momo_callbacks_for_no_order_or_never_sent_credit_once_or_expire, |h: Harness| async move {
    let (h, requests, providers, settings) = with_momo(h).await;
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000170003", "Achieng", h.north).await;
    let cookie = household_session(&h, "Achieng").await;
    let before = h.snapshot().await;
    // A callback for a reference that is no order of ours, which MoMo does
    // not know either: taken, nothing credited, nothing kept.
    let stranger =
        json!({"amount": "900", "currency": "UGX", "financialTransactionId": "STRANGER", "status": "SUCCESSFUL"});
    assert_eq!(callback(&h, "3f1c9a8e-0000-4000-8000-000000000001", &stranger).await, 200);
    assert_eq!(h.count("unmatched_payments").await, 0);
    assert_eq!(h.snapshot().await, before);

    // The payer approves but MoMo's callback never comes: the schedule's
    // status query finds the payment and credits it, once.
    let (_, order) = pay(&h, &cookie, meter, "300", "256772123456", "momo-key-0007").await;
    let reference = order["reference"].as_str().unwrap().to_owned();
    requests.lock().unwrap().get_mut(&reference).unwrap().1 = json!({"amount": "300", "currency": "UGX",
        "financialTransactionId": "1754383700", "payer": {"partyIdType": "MSISDN", "partyId": "256772123456"},
        "status": "SUCCESSFUL"});
    sqlx::query("UPDATE payment_orders SET next_check_at = 0").execute(&h.db.pool).await.unwrap();
    assert_eq!(payments::recheck_due(&h.db, &settings, &providers, 100).await.unwrap(), 1);
    assert_eq!(payments::recheck_due(&h.db, &settings, &providers, 100).await.unwrap(), 0, "nothing left to ask");
    let found = outcome(&h, &cookie, &order).await;
    assert_eq!((found["state"].clone(), found["receipt"].clone()), (json!("Succeeded"), json!("1754383700")));
    assert_eq!(balance(&h, &cookie).await, "450");

    // Still PENDING when its time is up: asked once more, then expired.
    let (_, pending) = pay(&h, &cookie, meter, "200", "256772123456", "momo-key-0008").await;
    sqlx::query("UPDATE payment_orders SET next_check_at = 0, expires_at = 0 WHERE state = 4")
        .execute(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(payments::recheck_due(&h.db, &settings, &providers, 100).await.unwrap(), 1);
    assert_eq!(outcome(&h, &cookie, &pending).await["state"], "Expired");
    assert_eq!(balance(&h, &cookie).await, "450");
    h.assert_ledger_sound().await;
});

both!(momo_a_crash_while_the_status_is_on_its_way_credits_once_after_restart, |h: Harness| async move {
    let (h, books, _, _, url) = with_momo_books(h).await;
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000170004", "Nansubuga", h.north).await;
    let cookie = household_session(&h, "Nansubuga").await;
    let (_, order) = pay(&h, &cookie, meter, "400", "256772123456", "momo-key-0009").await;
    let reference = order["reference"].as_str().unwrap().to_owned();
    // The payer approved; the callback was lost; the order is due.
    books.requests.lock().unwrap().get_mut(&reference).unwrap().1 = json!({"amount": "400", "currency": "UGX",
        "financialTransactionId": "1754383999", "payer": {"partyIdType": "MSISDN", "partyId": "256772123456"},
        "status": "SUCCESSFUL"});
    sqlx::query("UPDATE payment_orders SET next_check_at = 0").execute(&h.db.pool).await.unwrap();
    let arrived = Arc::new(tokio::sync::Notify::new());
    *books.held.lock().unwrap() = Some((reference.clone(), arrived.clone()));
    let settings = [
        ("METERLINE_CURRENCY", "UGX"),
        ("METERLINE_MOMO_BASE_URL", url.as_str()),
        ("METERLINE_MOMO_SUBSCRIPTION_KEY", SUBSCRIPTION),
        ("METERLINE_MOMO_API_USER", USER),
        ("METERLINE_MOMO_API_KEY", API_KEY),
        ("METERLINE_MOMO_COUNTRY_CODE", "256"),
    ];
    let server = crate::replicas::start_with(&h.database_url(), &settings).await;
    // The server's schedule asks MoMo, which has said yes, and the server is
    // killed before the answer reaches it.
    tokio::time::timeout(std::time::Duration::from_secs(60), arrived.notified()).await.expect("the schedule asks");
    drop(server);
    assert_eq!(outcome(&h, &cookie, &order).await["state"], "Paying", "nothing was half done");
    assert_eq!(balance(&h, &cookie).await, "150");
    // Restarted, the schedule asks again and completes the order once.
    *books.held.lock().unwrap() = None;
    let _server = crate::replicas::start_with(&h.database_url(), &settings).await;
    let waited = std::time::Instant::now();
    while outcome(&h, &cookie, &order).await["state"] != "Succeeded" {
        assert!(waited.elapsed().as_secs() < 60, "the restarted server completes the order");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(balance(&h, &cookie).await, "550", "credited once");
    h.assert_ledger_sound().await;
});
