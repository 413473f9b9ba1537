//! M-Pesa (Daraja) against its stand-in (issue 16): STK push from the
//! household portal, callbacks as hints confirmed by the status query,
//! expiry, mismatches kept for an operator, and C2B paybill.

use crate::harness::{ADMIN, Harness, NORTH_ADMIN, household_session};
use crate::mpesa_standin::{self as daraja, BAD_PHONE, Outcome, StandIn, TOKEN};
use crate::server_fns::{call, call_form, sign_in};
use app::backend::payments::Providers;
use app::backend::services::payments;
use app::backend::state::Settings;
use axum::body::Body;
use http::Request;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use server::payments::{Doors, PaymentsConfig};
use tower::ServiceExt;

/// The app with M-Pesa on (and nothing else), talking to a fresh stand-in;
/// payments expire after `expiry` seconds.
async fn with_mpesa(h: Harness, expiry: i64) -> (Harness, StandIn, Providers, Settings) {
    let standin = StandIn::start().await;
    let config = PaymentsConfig { mpesa: Some(standin.config()), public_url: "https://x".into(), ..Default::default() };
    let settings = Settings { payment_expiry_seconds: expiry, ..Settings::default() };
    let (providers, doors): (Providers, Doors) = server::payments::providers(&config);
    let (for_state, state_settings) = (providers.clone(), settings.clone());
    let h = h.with_state(move |s| s.with_settings(state_settings).with_payments(for_state, doors));
    (h, standin, providers, settings)
}

async fn pay(h: &Harness, cookie: &str, meter: i64, amount: &str, phone: &str, key: &str) -> (u16, Value) {
    let meter = meter.to_string();
    let fields = [
        ("req[meter_id]", meter.as_str()),
        ("req[amount]", amount),
        ("req[idempotency_key]", key),
        ("req[provider]", "mpesa"),
        ("req[phone]", phone),
    ];
    call_form(h, Some(cookie), "top_up", &fields).await
}

/// POSTs JSON to one of the payment doors, as Daraja does.
async fn post(h: &Harness, path: &str, body: &Value) -> (u16, Value) {
    let request =
        Request::post(path).header("content-type", "application/json").body(Body::from(body.to_string())).unwrap();
    let response = h.router.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

fn stk_path() -> String {
    format!("/payments/mpesa/stk?token={TOKEN}")
}

async fn order(h: &Harness, cookie: &str, order_no: &Value) -> Value {
    let (status, order) = call(h, Some(cookie), "top_up_outcome", json!({"order_no": order_no})).await;
    assert_eq!(status, 200, "{order}");
    order
}

async fn balance(h: &Harness, cookie: &str) -> Value {
    call(h, Some(cookie), "my_account", json!({})).await.1[0]["balance"].clone()
}

/// A household with a meter, signed in.
async fn payer(h: &Harness, dev_eui: &str, name: &str) -> (i64, String) {
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, dev_eui, name, h.north).await;
    (meter, household_session(h, name).await)
}

both!(an_stk_push_is_credited_once_when_daraja_confirms_it, |h: Harness| async move {
    let (h, standin, _, _) = with_mpesa(h, 600).await;
    let (meter, cookie) = payer(&h, "8cf9572000160001", "Wanjiku").await;
    let (status, options) = call(&h, Some(&cookie), "payment_options", json!({})).await;
    assert_eq!(status, 200, "{options}");
    assert_eq!(options[0]["provider"], "Mpesa");
    assert_eq!(options[0]["whole_units"], true);

    let (status, started) = pay(&h, &cookie, meter, "100", "0712 345 678", "mpesa-key-0001").await;
    assert_eq!(status, 200, "{started}");
    assert_eq!(started["state"], "Paying", "{started}");
    assert_eq!(started["result"], "approve the payment on your phone");
    // What Daraja was asked: whole shillings, the phone with its country
    // code, the callback with its token, and our order as the reference.
    let push = standin.last_push();
    assert_eq!(push["Amount"], 100);
    assert_eq!(push["PhoneNumber"], "254712345678");
    assert_eq!(push["PartyA"], "254712345678");
    assert_eq!(push["TransactionType"], "CustomerPayBillOnline");
    assert_eq!(push["CallBackURL"], format!("https://meterline.example/payments/mpesa/stk?token={TOKEN}"));
    let order_no = started["order_no"].as_str().unwrap();
    assert!(order_no.ends_with(push["AccountReference"].as_str().unwrap()), "{push}");
    let checkout = started["reference"].as_str().unwrap().to_owned();
    assert_eq!(balance(&h, &cookie).await, "150", "nothing before the confirmation");

    // The payer approves; Daraja calls back, twice (as it may).
    standin.decide(&checkout, Outcome::Paid);
    let callback = daraja::stk_callback(&checkout, Some(("TLB7RT61SV", 100, 254712345678)));
    for _ in 0..2 {
        let (status, ack) = post(&h, &stk_path(), &callback).await;
        assert_eq!((status, &ack["ResultCode"]), (200, &json!(0)), "{ack}");
    }
    let done = order(&h, &cookie, &started["order_no"]).await;
    assert_eq!(done["state"], "Succeeded", "{done}");
    assert_eq!(done["receipt"], "TLB7RT61SV");
    assert_eq!(balance(&h, &cookie).await, "250", "credited once");
    let cause: String =
        sqlx::query_scalar("SELECT cause FROM ledger_entries WHERE kind = 'topup' ORDER BY id DESC LIMIT 1")
            .fetch_one(&h.db.pool)
            .await
            .unwrap();
    assert!(cause.contains("M-Pesa receipt TLB7RT61SV"), "the ledger names the receipt: {cause}");
    // A double click of the same form asks Daraja nothing more.
    let (_, again) = pay(&h, &cookie, meter, "100", "0712345678", "mpesa-key-0001").await;
    assert_eq!(again["order_no"], started["order_no"]);
    assert_eq!(standin.books.lock().unwrap().pushes.len(), 1);
    // One sign-in served every call.
    assert_eq!(standin.books.lock().unwrap().sign_ins, 1);
    h.assert_ledger_sound().await;
});

both!(declined_forged_and_unknown_callbacks_credit_nothing, |h: Harness| async move {
    let (h, standin, _, _) = with_mpesa(h, 600).await;
    let (meter, cookie) = payer(&h, "8cf9572000160002", "Otieno").await;
    let before = h.snapshot().await;

    // Declined: the payer cancels on the phone.
    let (_, started) = pay(&h, &cookie, meter, "50", "254712345678", "mpesa-key-0002").await;
    let checkout = started["reference"].as_str().unwrap().to_owned();
    standin.decide(&checkout, Outcome::Cancelled);
    let (status, _) = post(&h, &stk_path(), &daraja::stk_callback(&checkout, None)).await;
    assert_eq!(status, 200);
    let failed = order(&h, &cookie, &started["order_no"]).await;
    assert_eq!(failed["state"], "Failed");
    assert_eq!(failed["result"], "M-Pesa: Request cancelled by user");

    // Forged: a callback claims success while Daraja's query says the payment
    // is still being processed: nothing happens. Claimed again once Daraja
    // says cancelled: the order fails and nothing is credited.
    let (_, started) = pay(&h, &cookie, meter, "70", "254712345678", "mpesa-key-0003").await;
    let checkout = started["reference"].as_str().unwrap().to_owned();
    let forged = daraja::stk_callback(&checkout, Some(("FORGED0001", 70, 254712345678)));
    assert_eq!(post(&h, &stk_path(), &forged).await.0, 200);
    assert_eq!(order(&h, &cookie, &started["order_no"]).await["state"], "Paying");
    standin.decide(&checkout, Outcome::Cancelled);
    assert_eq!(post(&h, &stk_path(), &forged).await.0, 200);
    assert_eq!(order(&h, &cookie, &started["order_no"]).await["state"], "Failed");

    // Without the callback token: refused before anything is read.
    let (status, ack) = post(&h, "/payments/mpesa/stk?token=guess", &forged).await;
    assert_eq!((status, &ack["ResultCode"]), (403, &json!(1)), "{ack}");
    let (status, _) = post(&h, "/payments/mpesa/stk", &forged).await;
    assert_eq!(status, 403);
    // Not a callback at all: the answer names what is missing.
    let (status, ack) = post(&h, &stk_path(), &json!({"Body": {}})).await;
    assert_eq!(status, 400);
    assert!(ack["ResultDesc"].as_str().unwrap().contains("stkCallback"), "{ack}");

    // A callback for a request that is no order of ours, which Daraja does
    // not know either: taken and ignored.
    let stranger = daraja::stk_callback("ws_CO_000000000000", Some(("STRANGE01", 10, 254712345678)));
    assert_eq!(post(&h, &stk_path(), &stranger).await.0, 200);
    assert_eq!(h.count("unmatched_payments").await, 0);

    // Daraja refuses the phone number: the order fails with its words.
    let (status, refused) = pay(&h, &cookie, meter, "20", BAD_PHONE, "mpesa-key-0004").await;
    assert_eq!(status, 200, "{refused}");
    assert_eq!(refused["state"], "Failed");
    assert!(refused["result"].as_str().unwrap().contains("Invalid PhoneNumber"), "{refused}");
    // M-Pesa takes whole shillings: refused before Daraja is asked.
    let pushes = standin.books.lock().unwrap().pushes.len();
    let (status, wrong) = pay(&h, &cookie, meter, "10.50", "254712345678", "mpesa-key-0005").await;
    assert_eq!(status, 400, "{wrong}");
    assert_eq!(wrong["Invalid"]["field"], "amount");
    assert_eq!(standin.books.lock().unwrap().pushes.len(), pushes);
    assert_eq!(h.snapshot().await, before, "nothing credited");
    h.assert_ledger_sound().await;
});

both!(a_payment_whose_callback_never_comes_is_found_or_expires, |h: Harness| async move {
    let (h, standin, providers, settings) = with_mpesa(h, 600).await;
    let (meter, cookie) = payer(&h, "8cf9572000160003", "Kamau").await;
    let (_, started) = pay(&h, &cookie, meter, "40", "254712345678", "mpesa-key-0006").await;
    let checkout = started["reference"].as_str().unwrap().to_owned();
    // Due for a status query at once in this test; the payer has approved
    // but the callback is lost.
    sqlx::query("UPDATE payment_orders SET next_check_at = 0").execute(&h.db.pool).await.unwrap();
    standin.decide(&checkout, Outcome::Paid);
    assert_eq!(payments::recheck_due(&h.db, &settings, &providers, 100).await.unwrap(), 1);
    let found = order(&h, &cookie, &started["order_no"]).await;
    assert_eq!(found["state"], "Succeeded", "{found}");
    assert_eq!(found["receipt"], checkout, "the request's id stands for the receipt Daraja's query does not give");
    assert_eq!(balance(&h, &cookie).await, "190");
    // A late callback changes nothing.
    let late = daraja::stk_callback(&checkout, Some(("TLB7LATE01", 40, 254712345678)));
    assert_eq!(post(&h, &stk_path(), &late).await.0, 200);
    assert_eq!(balance(&h, &cookie).await, "190");

    // Still processing when its time is up: expired after the query, nothing credited.
    let (h, standin, providers, settings) = (h, standin, providers, Settings { payment_expiry_seconds: 0, ..settings });
    let (_, started) = pay(&h, &cookie, meter, "30", "254712345678", "mpesa-key-0007").await;
    sqlx::query("UPDATE payment_orders SET next_check_at = 0, expires_at = 0 WHERE state = 4")
        .execute(&h.db.pool)
        .await
        .unwrap();
    let queries = standin.books.lock().unwrap().queries;
    assert_eq!(payments::recheck_due(&h.db, &settings, &providers, 100).await.unwrap(), 1);
    assert_eq!(standin.books.lock().unwrap().queries, queries + 1, "asked before expiring");
    let expired = order(&h, &cookie, &started["order_no"]).await;
    assert_eq!(expired["state"], "Expired", "{expired}");
    assert_eq!(balance(&h, &cookie).await, "190");
    // Nothing is due any more.
    assert_eq!(payments::recheck_due(&h.db, &settings, &providers, 100).await.unwrap(), 0);
    // The payer approves after all, too late: Daraja confirms, so the money
    // is kept for an operator (not credited, not lost), once.
    let checkout = started["reference"].as_str().unwrap().to_owned();
    standin.decide(&checkout, Outcome::Paid);
    let late = daraja::stk_callback(&checkout, Some(("TLB7LATE02", 30, 254712345678)));
    for _ in 0..2 {
        assert_eq!(post(&h, &stk_path(), &late).await.0, 200);
    }
    assert_eq!(order(&h, &cookie, &started["order_no"]).await["state"], "Expired");
    assert_eq!(balance(&h, &cookie).await, "190");
    let kept: Vec<(String, String)> =
        sqlx::query_as("SELECT receipt, account FROM unmatched_payments").fetch_all(&h.db.pool).await.unwrap();
    assert_eq!(kept, vec![("TLB7LATE02".to_owned(), started["order_no"].as_str().unwrap().to_owned())]);
    h.assert_ledger_sound().await;
});

both!(a_confirmed_amount_that_differs_is_kept_for_an_operator, |h: Harness| async move {
    let (h, standin, _, _) = with_mpesa(h, 600).await;
    let (meter, cookie) = payer(&h, "8cf9572000160004", "Njeri").await;
    let (_, started) = pay(&h, &cookie, meter, "100", "254712345678", "mpesa-key-0008").await;
    let checkout = started["reference"].as_str().unwrap().to_owned();
    standin.decide(&checkout, Outcome::Paid);
    let odd = daraja::stk_callback(&checkout, Some(("TLB7ODD001", 10, 254712345678)));
    assert_eq!(post(&h, &stk_path(), &odd).await.0, 200);
    let failed = order(&h, &cookie, &started["order_no"]).await;
    assert_eq!(failed["state"], "Failed");
    assert!(failed["result"].as_str().unwrap().contains("KES 10.00 was paid, not KES 100.00"), "{failed}");
    assert_eq!(balance(&h, &cookie).await, "150", "nothing credited");
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (status, kept) = call(&h, Some(&admin), "list_unmatched", json!({})).await;
    assert_eq!(status, 200, "{kept}");
    assert_eq!(kept[0]["receipt"], "TLB7ODD001");
    assert_eq!(kept[0]["amount"], "10");
    assert_eq!(kept[0]["account"], started["order_no"]);
    h.assert_ledger_sound().await;
});

both!(paybill_takes_known_accounts_once_and_keeps_strangers_money, |h: Harness| async move {
    let (h, _standin, _, _) = with_mpesa(h, 600).await;
    let (_, cookie) = payer(&h, "8cf9572000160005", "Achieng").await;
    let number: String = sqlx::query_scalar("SELECT serialnumber FROM households WHERE name = 'Achieng'")
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    let path = |door: &str| format!("/payments/mpesa/c2b/{door}?token={TOKEN}");
    // Validation: the household's number, its meter's DevEUI (any case) yes; a typo no.
    for account in [number.as_str(), "8CF9572000160005"] {
        let (status, v) = post(&h, &path("validation"), &daraja::c2b("TLB0VALID1", "200", account)).await;
        assert_eq!((status, &v["ResultCode"]), (200, &json!("0")), "{account}: {v}");
    }
    let (_, v) = post(&h, &path("validation"), &daraja::c2b("TLB0VALID2", "200", "USER0000TYPO")).await;
    assert_eq!(v["ResultCode"], "C2B00012", "{v}");
    let (_, v) = post(&h, &path("validation"), &daraja::c2b("TLB0VALID3", "20.50", &number)).await;
    assert_eq!(v["ResultCode"], "C2B00013", "whole shillings only: {v}");
    let (status, _) = post(&h, "/payments/mpesa/c2b/validation", &daraja::c2b("TLB0VALID4", "200", &number)).await;
    assert_eq!(status, 403, "no token");

    // Confirmation: credited once per TransID, however often it comes.
    for _ in 0..2 {
        let (status, ack) = post(&h, &path("confirmation"), &daraja::c2b("TLB0PAID01", "200", &number)).await;
        assert_eq!((status, &ack["ResultCode"]), (200, &json!(0)), "{ack}");
    }
    assert_eq!(balance(&h, &cookie).await, "350");
    // A typo in the account: the money is kept, not lost.
    let (status, _) = post(&h, &path("confirmation"), &daraja::c2b("TLB0LOST01", "75", "USER0000TYPO")).await;
    assert_eq!(status, 200);
    assert_eq!(post(&h, &path("confirmation"), &daraja::c2b("TLB0LOST01", "75", "USER0000TYPO")).await.0, 200);
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (_, overview) = call(&h, Some(&admin), "dashboard_overview", json!({})).await;
    assert_eq!(overview["unmatched_payments"], 1, "{overview}");
    let (_, kept) = call(&h, Some(&admin), "list_unmatched", json!({})).await;
    assert_eq!(kept.as_array().unwrap().len(), 1, "kept once: {kept}");
    assert_eq!(kept[0]["account"], "USER0000TYPO");
    assert_eq!(kept[0]["payer_name"], "JOHN DOE");
    let id = kept[0]["id"].clone();
    // An operator of one area only may not act on money of no area.
    let north = sign_in(&h, "Admin", NORTH_ADMIN).await.unwrap();
    let (status, _) = call(&h, Some(&north), "assign_unmatched", json!({"id": id, "account": number})).await;
    assert_eq!(status, 403);
    let (status, wrong) =
        call(&h, Some(&admin), "assign_unmatched", json!({"id": id, "account": "USER0000TYPO"})).await;
    assert_eq!((status, &wrong["Invalid"]["field"]), (400, &json!("account")), "{wrong}");
    let (status, assigned) = call(&h, Some(&admin), "assign_unmatched", json!({"id": id, "account": number})).await;
    assert_eq!(status, 200, "{assigned}");
    assert_eq!(assigned["state"], "Assigned");
    assert_eq!(balance(&h, &cookie).await, "425");
    let (status, _) = call(&h, Some(&admin), "assign_unmatched", json!({"id": id, "account": number})).await;
    assert_eq!(status, 409, "assigned once");
    assert_eq!(balance(&h, &cookie).await, "425");
    h.assert_ledger_sound().await;
});

/// A server process on the test's database with M-Pesa pointed at the
/// stand-in, killed (SIGKILL) when dropped.
struct Process(std::process::Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn server_process(h: &Harness, standin: &StandIn) -> Process {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .current_dir(workspace)
        .env("DATABASE_URL", h.database_url())
        .env("METERLINE_LISTEN", format!("127.0.0.1:{port}"))
        .env("METERLINE_GATEWAY_UDP", "off")
        .env("METERLINE_ADMIN_PASSWORD", ADMIN.1)
        .env("RUST_LOG", "warn")
        .env("LEPTOS_OUTPUT_NAME", "meterline")
        .env("METERLINE_MPESA_BASE_URL", &standin.url)
        .env("METERLINE_MPESA_CONSUMER_KEY", daraja::KEY)
        .env("METERLINE_MPESA_CONSUMER_SECRET", daraja::SECRET)
        .env("METERLINE_MPESA_SHORTCODE", daraja::SHORTCODE)
        .env("METERLINE_MPESA_PASSKEY", daraja::PASSKEY)
        .env("METERLINE_MPESA_CALLBACK_TOKEN", TOKEN)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .expect("start the server binary");
    Process(child)
}

async fn state_of(h: &Harness, order_no: &Value) -> i64 {
    sqlx::query_scalar("SELECT state FROM payment_orders WHERE order_no = $1")
        .bind(order_no.as_str().unwrap().to_owned())
        .fetch_one(&h.db.pool)
        .await
        .unwrap()
}

both!(a_crash_while_the_confirmation_is_on_its_way_credits_once_after_restart, |h: Harness| async move {
    let (h, standin, _, _) = with_mpesa(h, 600).await;
    let (meter, cookie) = payer(&h, "8cf9572000160006", "Mwangi").await;
    let (_, started) = pay(&h, &cookie, meter, "60", "254712345678", "mpesa-key-0009").await;
    let checkout = started["reference"].as_str().unwrap().to_owned();
    // The payer approved; the callback was lost; the order is due.
    standin.decide(&checkout, Outcome::Paid);
    sqlx::query("UPDATE payment_orders SET next_check_at = 0").execute(&h.db.pool).await.unwrap();
    let arrived = standin.hold(&checkout);
    let server = server_process(&h, &standin);
    // The server's schedule asks Daraja; Daraja has said yes, and the server
    // is killed before the answer reaches it.
    tokio::time::timeout(std::time::Duration::from_secs(60), arrived.notified()).await.expect("the schedule asks");
    drop(server);
    assert_eq!(state_of(&h, &started["order_no"]).await, 4, "still paying: nothing was half done");
    assert_eq!(balance(&h, &cookie).await, "150");
    // Restarted, the schedule asks again and completes the order once.
    standin.release();
    let _server = server_process(&h, &standin);
    let waited = std::time::Instant::now();
    while state_of(&h, &started["order_no"]).await != 2 {
        assert!(waited.elapsed().as_secs() < 60, "the restarted server completes the order");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(balance(&h, &cookie).await, "210", "credited once");
    let credits: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ledger_entries WHERE cause LIKE $1")
        .bind(format!("%{}%", started["order_no"].as_str().unwrap()))
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(credits, 1);
    h.assert_ledger_sound().await;
});

/// Makes `meter` one that holds its own credit: top-ups travel to it.
async fn holds_credit(h: &Harness, meter: i64) {
    h.own_model(meter, "Credit water meter", "LORAWAN", true).await;
}

async fn order_state(h: &Harness, receipt: &str) -> i64 {
    sqlx::query_scalar("SELECT state FROM payment_orders WHERE receipt = $1")
        .bind(receipt.to_owned())
        .fetch_one(&h.db.pool)
        .await
        .unwrap()
}

both!(paid_credit_a_meter_never_takes_lands_in_the_balance, |h: Harness| async move {
    let (h, _standin, _, _) = with_mpesa(h, 600).await;
    let (meter, cookie) = payer(&h, "8cf9572000160007", "Chebet").await;
    holds_credit(&h, meter).await;
    // Paid from the phone menu to the meter's DevEUI: the credit travels to the meter.
    let path = format!("/payments/mpesa/c2b/confirmation?token={TOKEN}");
    let (status, _) = post(&h, &path, &daraja::c2b("TLB0METER1", "100", "8cf9572000160007")).await;
    assert_eq!(status, 200);
    let state: i64 = sqlx::query_scalar("SELECT state FROM payment_orders WHERE receipt = 'TLB0METER1'")
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(state, 1, "in recharge until the meter confirms");
    assert_eq!(balance(&h, &cookie).await, "150");
    // The meter never confirms: the money M-Pesa took is in the balance, not lost.
    sqlx::query("UPDATE commands SET expires_at = 0").execute(&h.db.pool).await.unwrap();
    assert_eq!(app::backend::services::commands::expire_due(&h.db).await.unwrap(), 1);
    let state: i64 = sqlx::query_scalar("SELECT state FROM payment_orders WHERE receipt = 'TLB0METER1'")
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(state, 2);
    assert_eq!(balance(&h, &cookie).await, "250");
    let cause: String = sqlx::query_scalar("SELECT cause FROM ledger_entries ORDER BY id DESC LIMIT 1")
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert!(cause.contains("M-Pesa receipt TLB0METER1") && cause.contains("did not take the credit"), "{cause}");
    h.assert_ledger_sound().await;
});

both!(a_sent_credit_the_meter_never_confirms_waits_for_its_word_and_is_never_credited_twice, |h: Harness| async move {
    use app::backend::services::commands;
    use app::model::ids::{CommandId, MeterId};
    let (h, _standin, _, _) = with_mpesa(h, 600).await;
    let (meter, cookie) = payer(&h, "8cf9572000160009", "Achieng").await;
    holds_credit(&h, meter).await;
    let path = format!("/payments/mpesa/c2b/confirmation?token={TOKEN}");
    let sent_and_expired = |receipt: &'static str| {
        let (h, path) = (&h, &path);
        async move {
            let (status, _) = post(h, path, &daraja::c2b(receipt, "100", "8cf9572000160009")).await;
            assert_eq!(status, 200);
            let id: i64 = sqlx::query_scalar(
                "SELECT c.id FROM commands c JOIN payment_orders o ON o.command_id = c.id WHERE o.receipt = $1",
            )
            .bind(receipt)
            .fetch_one(&h.db.pool)
            .await
            .unwrap();
            // The radio path sends it; no acknowledgement comes back in time.
            commands::mark_sent(&h.db, CommandId(id)).await.unwrap();
            sqlx::query("UPDATE commands SET expires_at = 0 WHERE id = $1").bind(id).execute(&h.db.pool).await.unwrap();
            assert_eq!(commands::expire_due(&h.db).await.unwrap(), 1);
            CommandId(id)
        }
    };
    let first = sent_and_expired("TLB0UNSURE1").await;
    // The meter may hold it: not refunded, not failed, not sent again.
    assert_eq!(order_state(&h, "TLB0UNSURE1").await, 6, "unconfirmed");
    assert_eq!(balance(&h, &cookie).await, "150", "nothing refunded while the meter may hold the credit");
    let state: String = sqlx::query_scalar("SELECT state FROM commands WHERE id = $1")
        .bind(first.0)
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(state, "unconfirmed");
    assert_eq!(commands::next_queued(&h.db, MeterId(meter)).await.unwrap(), None, "not sent again");
    // An old client asking keeps waiting rather than recharging again.
    let token = h.token(ADMIN).await;
    let info = h.call(&token, "lorawanMeterApi", "queryCommandInfo", json!({"valueId": first.0.to_string()})).await;
    assert_eq!(info["state"], 0, "{info}");
    // The meter's late acknowledgement settles it: on the meter, not in the balance.
    let late = commands::acknowledge(&h.db, MeterId(meter), commands::sequence(first), true).await.unwrap();
    assert_eq!(late, Some(first));
    assert_eq!(order_state(&h, "TLB0UNSURE1").await, 2);
    assert_eq!(balance(&h, &cookie).await, "150");

    // Another one no acknowledgement ever settles: an operator reads the meter.
    let second = sent_and_expired("TLB0UNSURE2").await;
    let id = second.0.to_string();
    let no = [("id", id.as_str()), ("took", "false")];
    let (status, refused) = call_form(&h, Some(&cookie), "settle_credit", &no).await;
    assert_eq!(status, 403, "a household cannot settle it: {refused}");
    let north = sign_in(&h, "Admin", NORTH_ADMIN).await.unwrap();
    let (status, done) = call_form(&h, Some(&north), "settle_credit", &no).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(order_state(&h, "TLB0UNSURE2").await, 2);
    assert_eq!(balance(&h, &cookie).await, "250", "the meter does not show it: the money is in the balance");
    let (status, again) = call_form(&h, Some(&north), "settle_credit", &[("id", id.as_str()), ("took", "true")]).await;
    assert_eq!(status, 409, "settled once: {again}");
    assert!(again.to_string().contains("not a credit waiting to be confirmed"), "{again}");
    // A late acknowledgement after that changes nothing either.
    assert_eq!(commands::acknowledge(&h.db, MeterId(meter), commands::sequence(second), true).await.unwrap(), None);
    assert_eq!(balance(&h, &cookie).await, "250");
    let credits: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ledger_entries WHERE cause LIKE '%TLB0UNSURE%'")
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(credits, 1);
    h.assert_ledger_sound().await;
});

both!(reconciliation_names_every_difference_per_provider_and_day, |h: Harness| async move {
    let (h, standin, _, _) = with_mpesa(h, 600).await;
    let (meter, cookie) = payer(&h, "8cf9572000160008", "Wambui").await;
    // One paid and credited; one paid for another amount; one paybill to nobody.
    let (_, good) = pay(&h, &cookie, meter, "100", "254712345678", "recon-key-0001").await;
    let checkout = good["reference"].as_str().unwrap().to_owned();
    standin.decide(&checkout, Outcome::Paid);
    post(&h, &stk_path(), &daraja::stk_callback(&checkout, Some(("TLBRECON01", 100, 254712345678)))).await;
    let (_, odd) = pay(&h, &cookie, meter, "80", "254712345678", "recon-key-0002").await;
    let checkout = odd["reference"].as_str().unwrap().to_owned();
    standin.decide(&checkout, Outcome::Paid);
    post(&h, &stk_path(), &daraja::stk_callback(&checkout, Some(("TLBRECON02", 8, 254712345678)))).await;
    let path = format!("/payments/mpesa/c2b/confirmation?token={TOKEN}");
    post(&h, &path, &daraja::c2b("TLBRECON03", "55", "NOBODY-1")).await;

    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (status, days) = call(&h, Some(&admin), "reconcile", json!({"start": "", "end": ""})).await;
    assert_eq!(status, 200, "{days}");
    assert_eq!(days.as_array().unwrap().len(), 1, "one provider, one day: {days}");
    let day = &days[0];
    assert_eq!(day["provider"], "Mpesa");
    assert_eq!((day["confirmed_count"].clone(), day["confirmed_total"].clone()), (json!(3), json!("163")), "{day}");
    assert_eq!((day["credited_count"].clone(), day["credited_total"].clone()), (json!(1), json!("100")), "{day}");
    let kinds: Vec<(String, String)> = day["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["kind"].as_str().unwrap().to_owned(), d["receipt"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("AmountDiffers".to_owned(), "TLBRECON02".to_owned()),
            ("ConfirmedNotCredited".to_owned(), "TLBRECON03".to_owned())
        ]
    );
    // The same as CSV, one line per difference.
    let (status, _, csv) = crate::portal_ops::get(&h, Some(&admin), "/export/reconciliation.csv").await;
    assert_eq!(status, 200, "{csv}");
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.contains("amount differs") && csv.contains("confirmed but not credited"), "{csv}");
    // Dates that are not dates, or a range that runs backwards, are named.
    let (status, err) = call(&h, Some(&admin), "reconcile", json!({"start": "soon", "end": ""})).await;
    assert_eq!((status, &err["Invalid"]["field"]), (400, &json!("start")), "{err}");
    let (status, _) = call(&h, Some(&admin), "reconcile", json!({"start": "2026-12-02", "end": "2026-11-01"})).await;
    assert_eq!(status, 400);
    // An operator of one area does not see money of no area.
    let north = sign_in(&h, "Admin", NORTH_ADMIN).await.unwrap();
    assert_eq!(call(&h, Some(&north), "reconcile", json!({"start": "", "end": ""})).await.0, 403);
});

both!(a_callback_that_races_the_write_of_its_reference_settles_the_order, |h: Harness| async move {
    let (h, standin, _, _) = with_mpesa(h, 600).await;
    let (meter, cookie) = payer(&h, "8cf9572000160009", "Kiprono").await;
    let (_, started) = pay(&h, &cookie, meter, "45", "254712345678", "race-key-0001").await;
    let checkout = started["reference"].as_str().unwrap().to_owned();
    standin.decide(&checkout, Outcome::Paid);
    // As if Daraja called back before the reference was written: it lands a moment later.
    sqlx::query("UPDATE payment_orders SET reference = NULL").execute(&h.db.pool).await.unwrap();
    let db = h.db.clone();
    let written = checkout.clone();
    let late_write = tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        sqlx::query("UPDATE payment_orders SET reference = $1").bind(written).execute(&db.pool).await.unwrap();
    });
    let callback = daraja::stk_callback(&checkout, Some(("TLB7RACE01", 45, 254712345678)));
    assert_eq!(post(&h, &stk_path(), &callback).await.0, 200);
    late_write.await.unwrap();
    assert_eq!(order(&h, &cookie, &started["order_no"]).await["state"], "Succeeded");
    assert_eq!(h.count("unmatched_payments").await, 0, "credited, not also kept");
    assert_eq!(balance(&h, &cookie).await, "195");
    h.assert_ledger_sound().await;
});
