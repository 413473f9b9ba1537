//! Cellular meters by IMEI through a carrier's IoT platform (issue 17): the
//! platform's pushes through the real router, signed as docs/networks.md
//! says; commands go back in the answer to the meter's next report.

use crate::harness::{ADMIN, Harness};
use axum::body::Body;
use hmac::{Hmac, Mac};
use http::Request;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use server::config::Secret;
use server::lorawan::codec::{self, Order, Report};
use server::networks::cellular::{CellularAuth, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use tower::ServiceExt;

const IMEI: &str = "868333030476219";
const SECRET: &str = "carrier-signing-secret";

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The signature headers of `body` signed at `at` (Unix seconds) with `secret`.
fn signed_at(secret: &str, at: i64, body: &str) -> Vec<(&'static str, String)> {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{at}.{body}").as_bytes());
    vec![
        (TIMESTAMP_HEADER, at.to_string()),
        (SIGNATURE_HEADER, format!("sha256={}", hex(&mac.finalize().into_bytes()))),
    ]
}

/// `body` signed now, as docs/networks.md says.
fn signature(body: &str) -> Vec<(&'static str, String)> {
    signed_at(SECRET, chrono::Utc::now().timestamp(), body)
}

async fn push(h: &Harness, signed: Option<&[(&'static str, String)]>, body: &str) -> (u16, Value) {
    let mut request = Request::post("/networks/cellular/reports").header("content-type", "application/json");
    for (name, value) in signed.unwrap_or_default() {
        request = request.header(*name, value);
    }
    let response = h.router.clone().oneshot(request.body(Body::from(body.to_owned())).unwrap()).await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

/// A report of the reference codec, as the platform pushes it.
fn report(id: &str, r: &Report) -> String {
    json!({"imei": IMEI, "payload": hex(&codec::encode_report(r)), "id": id}).to_string()
}

async fn balance(h: &Harness, token: &str) -> Value {
    h.call(token, "comApi", "getAreaArchiveInfo", json!({"devEui": IMEI})).await["value"]["balance"].clone()
}

both!(a_cellular_meter_reports_and_takes_commands_through_its_platform, |h: Harness| async move {
    let h = h.with_state(|s| s.with_cellular(Some(CellularAuth::Hmac(Secret::new(SECRET)))));
    let token = h.token(ADMIN).await;
    h.add_meter(&token, IMEI, "Baraka", h.north).await;
    let first = report("msg-1", &Report { forward: Some(2_000), valve: Some(1), ..Default::default() });

    // Unsigned, signed with another secret, a signature of another body or
    // one recorded a while ago and played again: refused.
    let before = h.snapshot().await;
    let now = chrono::Utc::now().timestamp();
    assert_eq!(push(&h, None, &first).await.0, 401);
    assert_eq!(push(&h, Some(&signed_at("another-secret", now, &first)), &first).await.0, 401);
    assert_eq!(push(&h, Some(&signature("{}")), &first).await.0, 401);
    assert_eq!(push(&h, Some(&signed_at(SECRET, now - 600, &first)), &first).await.0, 401);
    // Signed but not a report: the answer names the field.
    let bad = json!({"imei": IMEI, "payload": "xyz"}).to_string();
    let (status, answer) = push(&h, Some(&signature(&bad)), &bad).await;
    assert_eq!(status, 400);
    assert!(answer["error"].as_str().unwrap().starts_with("payload"), "{answer}");
    assert_eq!(h.snapshot().await, before);

    // 2.000 m³ at 2.5: charged once, however often the platform pushes it.
    for _ in 0..2 {
        let (status, answer) = push(&h, Some(&signature(&first)), &first).await;
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["downlinks"], json!([]));
    }
    assert_eq!(balance(&h, &token).await, json!(145));
    // A meter nobody registered: taken, not stored.
    let stranger = json!({"imei": "868333030470000", "payload": "01d0070000", "id": "msg-x"}).to_string();
    let (_, answer) = push(&h, Some(&signature(&stranger)), &stranger).await;
    assert_eq!((answer["taken"].clone(), answer["outcome"].clone()), (json!(false), json!("no_meter")));

    // An operator closes the valve: the command goes back in the answer to
    // the meter's next report.
    let closed = h.call(&token, "lorawanMeterApi", "setValveState", json!({"devEui": IMEI, "valveState": "0"})).await;
    assert_eq!(closed["errcode"], "0", "{closed}");
    let next = report("msg-2", &Report { forward: Some(2_500), valve: Some(1), ..Default::default() });
    let (_, answer) = push(&h, Some(&signature(&next)), &next).await;
    let downlinks = answer["downlinks"].as_array().unwrap().clone();
    assert_eq!(downlinks.len(), 1, "{answer}");
    assert_eq!((downlinks[0]["port"].clone(), downlinks[0]["encoding"].clone()), (json!(11), json!("hex")));
    let bytes: Vec<u8> = (0..downlinks[0]["payload"].as_str().unwrap().len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&downlinks[0]["payload"].as_str().unwrap()[i..i + 2], 16).unwrap())
        .collect();
    let Some(Order::CloseValve { seq }) = codec::decode_order(&bytes) else { panic!("a close: {answer}") };
    let state: (String, String) =
        sqlx::query_as("SELECT state, result FROM commands").fetch_one(&h.db.pool).await.unwrap();
    assert_eq!(state, ("sent".to_owned(), "handed to the cellular platform".to_owned()));
    // Handed over once: the next report's answer carries nothing more.
    let again = report("msg-3", &Report { forward: Some(2_500), valve: Some(1), ..Default::default() });
    assert_eq!(push(&h, Some(&signature(&again)), &again).await.1["downlinks"], json!([]));
    // But the platform that lost our answer and pushes the report again gets
    // it again, under the same id, and the meter is not charged twice.
    let (_, repeated) = push(&h, Some(&signature(&next)), &next).await;
    assert_eq!(repeated["outcome"], "duplicate", "{repeated}");
    assert_eq!(repeated["downlinks"], json!(downlinks), "the lost answer, again");
    // The meter closes and says so.
    let ack =
        report("msg-4", &Report { forward: Some(2_500), valve: Some(0), acks: vec![(seq, 0)], ..Default::default() });
    assert_eq!(push(&h, Some(&signature(&ack)), &ack).await.0, 200);
    let state: (String, String) =
        sqlx::query_as("SELECT state, result FROM commands").fetch_one(&h.db.pool).await.unwrap();
    assert_eq!(state, ("acknowledged".to_owned(), "executed by the meter".to_owned()));
    // Settled: a push of that old report again carries nothing.
    assert_eq!(push(&h, Some(&signature(&next)), &next).await.1["downlinks"], json!([]));
    let status = h.call(&token, "lorawanApi", "readValveStatus", json!({"devEui": IMEI})).await;
    assert_eq!(status["data"]["valveStatus"], "close");
    h.assert_ledger_sound().await;
});

both!(the_cellular_door_is_shut_until_configured, |h: Harness| async move {
    let body = report("m", &Report::default());
    assert_eq!(push(&h, Some(&signature(&body)), &body).await.0, 404);
});

/// A utility's own codec for its cellular meters: the register in litres
/// (4 bytes), the valve, and the sequence a command is acknowledged with.
const UTILITY_CODEC: &str = r#"
function decodeUplink(input) {
  var b = input.bytes;
  var litres = (b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]) >>> 0;
  var data = { register: litres / 1000, valve: b[4] === 1 ? "open" : "closed" };
  if (b.length >= 7) { data.acks = [{ seq: b[5] << 8 | b[6], ok: true }]; }
  return { data: data };
}
function encodeDownlink(input) {
  var ops = { close_valve: 0xC0, open_valve: 0x0F, report: 0x33 };
  if (!(input.data.command in ops)) { return { errors: ["cannot carry " + input.data.command] }; }
  return { fPort: 7, bytes: [ops[input.data.command], input.data.seq >> 8, input.data.seq & 255] };
}"#;

both!(a_model_with_its_own_javascript_codec_reports_and_takes_commands, |h: Harness| async move {
    use crate::server_fns::{call, sign_in};
    let h = h.with_state(|s| s.with_cellular(Some(CellularAuth::Hmac(Secret::new(SECRET)))));
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, IMEI, "Zawadi", h.north).await;
    let model = h.own_model(meter, "Utility NB-IoT water", "NBIOT", false).await;
    let operator = sign_in(&h, "Admin", ADMIN).await.unwrap();
    // Tried on a sample first: 12.345 m³, open.
    let (status, trial) =
        call(&h, Some(&operator), "try_codec", json!({"script": UTILITY_CODEC, "f_port": 10, "payload": "0000303901"}))
            .await;
    assert_eq!(status, 200, "{trial}");
    assert_eq!(trial["reading"], "register 12.3450, valve open");
    let (status, broken) = call(
        &h,
        Some(&operator),
        "try_codec",
        json!({"script": "function decodeUplink(i) { while (true) {} }", "f_port": 10, "payload": "00"}),
    )
    .await;
    assert_eq!(status, 400);
    assert!(broken.to_string().contains("ran longer than"), "{broken}");
    // Models are every area's: an operator of one district may not change them.
    let north = sign_in(&h, "Admin", crate::harness::NORTH_ADMIN).await.unwrap();
    let (status, _) = call(&h, Some(&north), "set_model_codec", json!({"model": model, "script": UTILITY_CODEC})).await;
    assert_eq!(status, 403);
    let (status, saved) =
        call(&h, Some(&operator), "set_model_codec", json!({"model": model, "script": "function (("})).await;
    assert_eq!(status, 400, "a script that does not compile is not saved: {saved}");
    let (status, saved) =
        call(&h, Some(&operator), "set_model_codec", json!({"model": model, "script": UTILITY_CODEC})).await;
    assert_eq!(status, 200, "{saved}");
    let (_, stored) = call(&h, Some(&operator), "model_codec", json!({"model": model})).await;
    assert_eq!(stored, json!(UTILITY_CODEC.trim()));

    // The meter's reports are read with it: 2.000 m³ at 2.5 from 150.
    let first = json!({"imei": IMEI, "payload": "000007d001", "id": "js-1"}).to_string();
    let (status, answer) = push(&h, Some(&signature(&first)), &first).await;
    assert_eq!((status, answer["outcome"].clone()), (200, json!("accepted")), "{answer}");
    assert_eq!(balance(&h, &token).await, json!(145));
    // Its commands are written by it.
    let closed = h.call(&token, "lorawanMeterApi", "setValveState", json!({"devEui": IMEI, "valveState": "0"})).await;
    assert_eq!(closed["errcode"], "0", "{closed}");
    let next = json!({"imei": IMEI, "payload": "000007d001", "id": "js-2"}).to_string();
    let (_, answer) = push(&h, Some(&signature(&next)), &next).await;
    let down = &answer["downlinks"][0];
    assert_eq!(down["port"], 7, "{answer}");
    let payload = down["payload"].as_str().unwrap();
    assert!(payload.starts_with("c0"), "{answer}");
    // The meter closes and acknowledges, in its own format.
    let ack = json!({"imei": IMEI, "payload": format!("000007d000{}", &payload[2..6]), "id": "js-3"}).to_string();
    push(&h, Some(&signature(&ack)), &ack).await;
    let state: (String, String) =
        sqlx::query_as("SELECT state, result FROM commands").fetch_one(&h.db.pool).await.unwrap();
    assert_eq!(state, ("acknowledged".to_owned(), "executed by the meter".to_owned()));
    // A report the script cannot read is counted, and nothing is charged.
    sqlx::query("UPDATE equipment_models SET script = $1 WHERE id = $2")
        .bind("function decodeUplink(i) { throw new Error('unknown frame'); }")
        .bind(model)
        .execute(&h.db.pool)
        .await
        .unwrap();
    let before = h.count("readings").await;
    let odd = json!({"imei": IMEI, "payload": "ff", "id": "js-4"}).to_string();
    let (_, answer) = push(&h, Some(&signature(&odd)), &odd).await;
    assert_eq!(answer["outcome"], "other_port", "no report: {answer}");
    assert_eq!(h.count("readings").await, before);
    h.assert_ledger_sound().await;
});

/// What a carrier platform's command API was given: (authorization, body).
type Given = std::sync::Arc<std::sync::Mutex<Vec<(String, Value)>>>;

/// A stand-in of a carrier platform's command API (the real ones cannot be
/// reached from here), taking the body docs/networks.md gives.
async fn command_api() -> (String, Given) {
    use axum::extract::State;
    use axum::http::HeaderMap;
    let given: Given = Default::default();
    let app = axum::Router::new()
        .route(
            "/v1/commands",
            axum::routing::post(
                |State(given): State<Given>, headers: HeaderMap, axum::Json(body): axum::Json<Value>| async move {
                    let auth =
                        headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
                    given.lock().unwrap().push((auth, body));
                    (http::StatusCode::ACCEPTED, axum::Json(json!({"status": "queued"})))
                },
            ),
        )
        .with_state(given.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/v1/commands", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, given)
}

both!(commands_go_out_through_the_platforms_command_api_and_its_receipts_are_read, |h: Harness| async move {
    use server::networks::cellular::{CommandApi, start_commands};
    let h = h.with_state(|s| s.with_cellular(Some(CellularAuth::Hmac(Secret::new(SECRET)))));
    let token = h.token(ADMIN).await;
    h.add_meter(&token, IMEI, "Amani", h.north).await;
    let (url, given) = command_api().await;
    let api = CommandApi { url, token: Secret::new("carrier-command-token") };
    let publisher = start_commands(h.db.clone(), std::sync::Arc::new(server::ops::Metrics::default()), &api).unwrap();
    let first = report("api-1", &Report { forward: Some(1_000), valve: Some(1), ..Default::default() });
    assert_eq!(push(&h, Some(&signature(&first)), &first).await.0, 200);
    // A close goes to the platform at once, not with the next report.
    let closed = h.call(&token, "lorawanMeterApi", "setValveState", json!({"devEui": IMEI, "valveState": "0"})).await;
    assert_eq!(closed["errcode"], "0", "{closed}");
    let started = std::time::Instant::now();
    while given.lock().unwrap().is_empty() {
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "no command reached the platform");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let (auth, body) = given.lock().unwrap()[0].clone();
    assert_eq!(auth, "Bearer carrier-command-token");
    assert_eq!(
        (body["imei"].clone(), body["port"].clone(), body["encoding"].clone()),
        (json!(IMEI), json!(11), json!("hex"))
    );
    let bytes: Vec<u8> = (0..body["payload"].as_str().unwrap().len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&body["payload"].as_str().unwrap()[i..i + 2], 16).unwrap())
        .collect();
    let Some(Order::CloseValve { seq }) = codec::decode_order(&bytes) else { panic!("a close: {body}") };
    let command = || async {
        sqlx::query_as::<_, (String, String)>("SELECT state, result FROM commands").fetch_one(&h.db.pool).await.unwrap()
    };
    assert_eq!(command().await, ("sent".to_owned(), "handed to the cellular platform".to_owned()));
    // The platform's receipts: checked as its reports are, and read.
    let receipt = |status: &str| json!({"id": body["id"], "status": status}).to_string();
    let post_receipt = |text: String, signed: bool| {
        let h = &h;
        async move {
            let mut request =
                http::Request::post("/networks/cellular/receipts").header("content-type", "application/json");
            if signed {
                for (name, value) in signature(&text) {
                    request = request.header(name, value);
                }
            }
            let response =
                tower::ServiceExt::oneshot(h.router.clone(), request.body(axum::body::Body::from(text)).unwrap())
                    .await
                    .unwrap();
            let status = response.status().as_u16();
            let bytes = http_body_util::BodyExt::collect(response.into_body()).await.unwrap().to_bytes();
            (status, serde_json::from_slice::<Value>(&bytes).unwrap_or(Value::Null))
        }
    };
    assert_eq!(post_receipt(receipt("sent"), false).await.0, 401);
    let (status, refused) = post_receipt(receipt("lost"), true).await;
    assert_eq!(status, 400);
    assert!(refused["error"].as_str().unwrap().contains("status"), "{refused}");
    assert_eq!(post_receipt(receipt("sent"), true).await.0, 200);
    assert_eq!(command().await, ("sent".to_owned(), "transmitted by the cellular platform".to_owned()));
    // The meter's next report needs to carry nothing; it acknowledges the close.
    let ack =
        report("api-2", &Report { forward: Some(1_000), valve: Some(0), acks: vec![(seq, 0)], ..Default::default() });
    let (_, answer) = push(&h, Some(&signature(&ack)), &ack).await;
    assert_eq!(answer["downlinks"], json!([]), "handed over once, through the API");
    assert_eq!(command().await, ("acknowledged".to_owned(), "executed by the meter".to_owned()));
    assert_eq!(given.lock().unwrap().len(), 1);
    publisher.abort();
    h.assert_ledger_sound().await;
});
