//! A stand-in for Safaricom's Daraja API, started by a test (the real one
//! cannot be reached from here): OAuth, STK push and STK push query, in the
//! formats Daraja documents, checking credentials and the request password
//! as Daraja does. A test decides each request's outcome, and sends the
//! callbacks itself, as Daraja would; as a process (the `mpesa_standin`
//! example, for the browser journeys) every payer approves after a moment
//! and the stand-in sends Daraja's callback itself.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use serde_json::{Value, json};
use server::config::Secret;
use server::payments::mpesa::MpesaConfig;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const KEY: &str = "standin-consumer-key";
pub const SECRET: &str = "standin-consumer-secret";
pub const SHORTCODE: &str = "174379";
pub const PASSKEY: &str = "standin-passkey-bfb279f9aa9bdbcf";
pub const TOKEN: &str = "standin-callback-token";
const ACCESS: &str = "standin-access-token";
/// A phone number Daraja refuses.
pub const BAD_PHONE: &str = "254700000000";

/// What the stand-in's status query says about a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Processing,
    Paid,
    Cancelled,
}

#[derive(Debug, Default)]
pub struct Books {
    /// Every STK push request body, in order.
    pub pushes: Vec<Value>,
    pub outcomes: HashMap<String, Outcome>,
    pub queries: usize,
    pub sign_ins: usize,
    /// A request whose status queries are held unanswered (until released),
    /// and what is told when one arrives.
    pub held: Option<(String, Arc<tokio::sync::Notify>)>,
    /// When set, every payer approves this long after the push, and the
    /// callback goes to the push's `CallBackURL`.
    pub approve_after: Option<std::time::Duration>,
}

#[derive(Clone)]
pub struct StandIn {
    pub url: String,
    pub books: Arc<Mutex<Books>>,
}

impl StandIn {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        Self::serve(listener, None).await
    }

    /// Serves on `listener`; with `approve_after`, as a payer who approves
    /// every push after that long.
    pub async fn serve(listener: tokio::net::TcpListener, approve_after: Option<std::time::Duration>) -> Self {
        let books = Arc::new(Mutex::new(Books { approve_after, ..Books::default() }));
        let app = Router::new()
            .route("/oauth/v1/generate", get(oauth))
            .route("/mpesa/stkpush/v1/processrequest", post(push))
            .route("/mpesa/stkpushquery/v1/query", post(query))
            .with_state(books.clone());
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { url, books }
    }

    pub fn config(&self) -> MpesaConfig {
        MpesaConfig {
            base_url: self.url.clone(),
            consumer_key: Secret::new(KEY),
            consumer_secret: Secret::new(SECRET),
            shortcode: SHORTCODE.into(),
            passkey: Secret::new(PASSKEY),
            callback_url: "https://meterline.example/payments/mpesa/stk".into(),
            callback_token: Some(Secret::new(TOKEN)),
        }
    }

    pub fn decide(&self, checkout: &str, outcome: Outcome) {
        self.books.lock().unwrap().outcomes.insert(checkout.to_owned(), outcome);
    }

    /// Holds the status queries of `checkout` unanswered; the returned
    /// notice fires when one arrives.
    pub fn hold(&self, checkout: &str) -> Arc<tokio::sync::Notify> {
        let arrived = Arc::new(tokio::sync::Notify::new());
        self.books.lock().unwrap().held = Some((checkout.to_owned(), arrived.clone()));
        arrived
    }

    pub fn release(&self) {
        self.books.lock().unwrap().held = None;
    }

    pub fn last_push(&self) -> Value {
        self.books.lock().unwrap().pushes.last().cloned().expect("an STK push")
    }
}

type Books_ = Arc<Mutex<Books>>;

fn daraja_error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, axum::Json(json!({"requestId": "standin-1", "errorCode": code, "errorMessage": message}))).into_response()
}

async fn oauth(State(books): State<Books_>, headers: HeaderMap) -> Response {
    let expected = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{KEY}:{SECRET}")));
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(expected.as_str()) {
        return daraja_error(StatusCode::BAD_REQUEST, "400.008.01", "Invalid Authentication passed");
    }
    books.lock().unwrap().sign_ins += 1;
    axum::Json(json!({"access_token": ACCESS, "expires_in": "3599"})).into_response()
}

/// Daraja's checks on every API call: the bearer token and the password.
fn checked(headers: &HeaderMap, body: &Value) -> Result<(), (StatusCode, &'static str, &'static str)> {
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(format!("Bearer {ACCESS}").as_str()) {
        return Err((StatusCode::UNAUTHORIZED, "404.001.03", "Invalid Access Token"));
    }
    let timestamp = body["Timestamp"].as_str().unwrap_or_default();
    let password = base64::engine::general_purpose::STANDARD.encode(format!("{SHORTCODE}{PASSKEY}{timestamp}"));
    if timestamp.len() != 14 || body["Password"].as_str() != Some(password.as_str()) {
        return Err((StatusCode::BAD_REQUEST, "400.002.02", "Bad Request - Invalid Password"));
    }
    if body["BusinessShortCode"].as_str() != Some(SHORTCODE) {
        return Err((StatusCode::BAD_REQUEST, "400.002.02", "Bad Request - Invalid BusinessShortCode"));
    }
    Ok(())
}

async fn push(State(books): State<Books_>, headers: HeaderMap, axum::Json(body): axum::Json<Value>) -> Response {
    if let Err((status, code, message)) = checked(&headers, &body) {
        return daraja_error(status, code, message);
    }
    if body["PhoneNumber"].as_str() == Some(BAD_PHONE) {
        return daraja_error(StatusCode::BAD_REQUEST, "400.002.02", "Bad Request - Invalid PhoneNumber");
    }
    if !body["Amount"].is_u64() {
        return daraja_error(StatusCode::BAD_REQUEST, "400.002.02", "Bad Request - Invalid Amount");
    }
    let mut shelf = books.lock().unwrap();
    shelf.pushes.push(body.clone());
    let n = shelf.pushes.len();
    let checkout = format!("ws_CO_0212202612000{n:04}");
    shelf.outcomes.insert(checkout.clone(), Outcome::Processing);
    if let Some(delay) = shelf.approve_after {
        tokio::spawn(approve(books.clone(), body, checkout.clone(), format!("TLB{n:07}"), delay));
    }
    drop(shelf);
    axum::Json(json!({
        "MerchantRequestID": format!("29115-34620561-{n}"),
        "CheckoutRequestID": checkout,
        "ResponseCode": "0",
        "ResponseDescription": "Success. Request accepted for processing",
        "CustomerMessage": "Success. Request accepted for processing",
    }))
    .into_response()
}

async fn query(State(books): State<Books_>, headers: HeaderMap, axum::Json(body): axum::Json<Value>) -> Response {
    if let Err((status, code, message)) = checked(&headers, &body) {
        return daraja_error(status, code, message);
    }
    let checkout = body["CheckoutRequestID"].as_str().unwrap_or_default().to_owned();
    let held = books.lock().unwrap().held.clone();
    if let Some((_, arrived)) = held.filter(|(c, _)| *c == checkout) {
        arrived.notify_one();
        while books.lock().unwrap().held.as_ref().is_some_and(|(c, _)| *c == checkout) {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
    let mut books = books.lock().unwrap();
    books.queries += 1;
    let answer = |code: &str, desc: &str| {
        axum::Json(json!({
            "ResponseCode": "0",
            "ResponseDescription": "The service request has been accepted successsfully",
            "MerchantRequestID": "29115-34620561-1",
            "CheckoutRequestID": checkout,
            "ResultCode": code,
            "ResultDesc": desc,
        }))
        .into_response()
    };
    match books.outcomes.get(&checkout) {
        None => daraja_error(StatusCode::BAD_REQUEST, "400.002.02", "Bad Request - Invalid CheckoutRequestID"),
        Some(Outcome::Processing) => {
            daraja_error(StatusCode::INTERNAL_SERVER_ERROR, "500.001.1001", "The transaction is being processed")
        }
        Some(Outcome::Paid) => answer("0", "The service request is processed successfully."),
        Some(Outcome::Cancelled) => answer("1032", "Request cancelled by user"),
    }
}

/// The payer approves `checkout` after `delay`: Daraja's query then says
/// paid, and its callback is posted to the URL the push named.
async fn approve(books: Books_, push: Value, checkout: String, receipt: String, delay: std::time::Duration) {
    tokio::time::sleep(delay).await;
    books.lock().unwrap().outcomes.insert(checkout.clone(), Outcome::Paid);
    let amount = push["Amount"].as_u64().unwrap_or_default();
    let phone = push["PhoneNumber"].as_str().and_then(|p| p.parse().ok()).unwrap_or_default();
    let callback = stk_callback(&checkout, Some((&receipt, amount, phone)));
    let url = push["CallBackURL"].as_str().unwrap_or_default();
    if let Err(e) = reqwest::Client::new().post(url).json(&callback).send().await {
        eprintln!("mpesa stand-in: the callback for {checkout} did not reach {url}: {e}");
    }
}

/// Daraja's STK callback for a request: paid (with receipt, amount and
/// phone) or cancelled.
pub fn stk_callback(checkout: &str, paid: Option<(&str, u64, u64)>) -> Value {
    match paid {
        Some((receipt, amount, phone)) => json!({"Body": {"stkCallback": {
            "MerchantRequestID": "29115-34620561-1", "CheckoutRequestID": checkout,
            "ResultCode": 0, "ResultDesc": "The service request is processed successfully.",
            "CallbackMetadata": {"Item": [
                {"Name": "Amount", "Value": amount}, {"Name": "MpesaReceiptNumber", "Value": receipt},
                {"Name": "Balance"}, {"Name": "TransactionDate", "Value": 20261202120501u64},
                {"Name": "PhoneNumber", "Value": phone}]}}}}),
        None => json!({"Body": {"stkCallback": {
            "MerchantRequestID": "29115-34620561-1", "CheckoutRequestID": checkout,
            "ResultCode": 1032, "ResultDesc": "Request cancelled by user"}}}),
    }
}

/// A C2B validation or confirmation body, as Daraja posts it.
pub fn c2b(trans_id: &str, amount: &str, account: &str) -> Value {
    json!({
        "TransactionType": "Pay Bill", "TransID": trans_id, "TransTime": "20261202120501",
        "TransAmount": amount, "BusinessShortCode": SHORTCODE, "BillRefNumber": account,
        "InvoiceNumber": "", "OrgAccountBalance": "49197.00", "ThirdPartyTransID": "",
        "MSISDN": "2547 ***** 126", "FirstName": "JOHN", "MiddleName": "", "LastName": "DOE",
    })
}
