//! Top-ups, consumption charging, valve automation and commands.

use crate::harness::reading;
use crate::harness::{ADMIN, Harness, assert_refused};
use app::backend::services::ingest::{IngestOutcome, ingest};
use app::backend::state::Settings;
use app::model::fixed::Money;
use app::model::ids::MeterId;
use serde_json::{Value, json};

async fn balance(h: &Harness, token: &str, meter: i64) -> String {
    let info = h.call(token, "comApi", "getAreaArchiveInfo", json!({"id": meter})).await;
    info["value"]["balance"].to_string()
}

async fn commands_of(h: &Harness, meter: i64) -> Vec<(String, String, String)> {
    sqlx::query_as("SELECT kind, state, actor FROM commands WHERE meter_id = $1 ORDER BY id")
        .bind(meter)
        .fetch_all(&h.db.pool)
        .await
        .unwrap()
}

both!(remotely_top_up_credits_exactly_once, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000080001", "Topper", h.north).await;
    let answer = h
        .call(&token, "lorawanApi", "remotelyTopUp", json!({"devEui": "8cf9572000080001", "topUpAmount": "100"}))
        .await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    let order = answer["orderId"].as_str().unwrap().to_owned();
    assert_eq!(answer["value"]["orderId"], order);
    assert!(answer["valueId"].is_string());
    assert_eq!(balance(&h, &token, meter).await, "250");
    let info = h.call(&token, "lorawanApi", "getRechargeOrderInfo", json!({"orderId": order})).await;
    assert_eq!(info["value"]["status"], 2, "{info}");
    let polled = h.call(&token, "lorawanMeterApi", "queryCommandInfo", json!({"valueId": answer["valueId"]})).await;
    assert_eq!(polled["state"], 1, "{polled}");
    // A client re-sending after a timeout gets the same order, not a second credit.
    let again =
        h.call(&token, "lorawanApi", "remotelyTopUp", json!({"devEui": "8cf9572000080001", "topUpAmount": 100})).await;
    assert_eq!(again["orderId"], order);
    assert_eq!(balance(&h, &token, meter).await, "250");
    // With the client's own order id as the key: once, and never with another amount.
    for _ in 0..2 {
        let keyed = h
            .call(
                &token,
                "lorawanApi",
                "remotelyTopUp",
                json!({"devEui": "8cf9572000080001", "topUpAmount": "20.5", "orderId": "client-1"}),
            )
            .await;
        assert_eq!(keyed["errcode"], "0", "{keyed}");
    }
    assert_eq!(balance(&h, &token, meter).await, "270.5");
    let before = h.snapshot().await;
    let reuse = h
        .call(
            &token,
            "lorawanApi",
            "remotelyTopUp",
            json!({"devEui": "8cf9572000080001", "topUpAmount": "5", "orderId": "client-1"}),
        )
        .await;
    assert_refused(&reuse, "-5", "another amount");
    for (amount, needle) in [
        (json!("0"), "more than zero"),
        (json!("-5"), "more than zero"),
        (json!("abc"), "topUpAmount"),
        (json!("1000000.01"), "exceed"),
        (json!(12.345), "decimal"),
        (json!(null), "topUpAmount"),
    ] {
        let bad = h
            .call(&token, "lorawanApi", "remotelyTopUp", json!({"devEui": "8cf9572000080001", "topUpAmount": amount}))
            .await;
        assert_refused(&bad, "-1", needle);
    }
    let unknown =
        h.call(&token, "lorawanApi", "remotelyTopUp", json!({"devEui": "8cf9572000089999", "topUpAmount": "5"})).await;
    assert_refused(&unknown, "-3", "meter information not found!");
    assert_eq!(h.snapshot().await, before, "refusals write nothing");
    let orders = h.call(&token, "lorawanApi", "queryPayorders", json!({"devEui": "8cf9572000080001"})).await;
    assert_eq!(orders["data"].as_array().unwrap().len(), 2, "{orders}");
    assert_eq!(orders["data"][0]["state"], 2);
    assert_eq!(orders["code"], 200);
    let old = h
        .call(&token, "comApi", "recharge", json!({"meterNo": "8cf9572000080001", "amount": "1", "apiToken": token}))
        .await;
    assert_eq!(old["errcode"], "0", "{old}");
    assert_refused(
        &h.call(&token, "comApi", "rechargeToken", json!({"imei": "862437040310543", "token": "12345678901234567890"}))
            .await,
        "-2",
        "not supported",
    );
    h.assert_ledger_sound().await;
});

both!(consumption_is_charged_and_closes_the_valve, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let settings = Settings::default();
    let answer = h
        .call(
            &token,
            "comApi",
            "addMeter",
            json!({"devEui": "8cf9572000090001", "customerName": "Drinker", "priceId": h.water_price.0,
            "areaId": h.north.0, "customerFee": "10", "overdraftMoney": "0", "meterType": 1, "valveState": 1}),
        )
        .await;
    let meter = answer["id"].as_i64().unwrap();
    let id = MeterId(meter);
    // 2 m³ at 2.5 = 5.00
    let first = ingest(&h.db, &settings, id, reading("2024-05-01 10:00:00", "2")).await.unwrap();
    assert_eq!(first, IngestOutcome::Stored { charged: Money::from_minor(500), commands: vec![] });
    assert_eq!(balance(&h, &token, meter).await, "5");
    // The same reading again changes nothing.
    assert_eq!(
        ingest(&h.db, &settings, id, reading("2024-05-01 10:00:00", "2")).await.unwrap(),
        IngestOutcome::Duplicate
    );
    // 4 m³ more = 10.00: the balance goes to -5, below the overdraft of 0: close.
    let second = ingest(&h.db, &settings, id, reading("2024-05-01 11:00:00", "6")).await.unwrap();
    let IngestOutcome::Stored { charged, commands } = second else { panic!("{second:?}") };
    assert_eq!(charged, Money::from_minor(1000));
    assert_eq!(commands.len(), 1);
    assert_eq!(commands_of(&h, meter).await, vec![("close_valve".into(), "queued".into(), "system".into())]);
    // A register that goes backwards is recorded, not charged (or refunded).
    assert_eq!(
        ingest(&h.db, &settings, id, reading("2024-05-01 12:00:00", "5")).await.unwrap(),
        IngestOutcome::Backwards
    );
    assert_eq!(balance(&h, &token, meter).await, "-5");
    // Still below: no second close.
    ingest(&h.db, &settings, id, reading("2024-05-01 13:00:00", "6.4")).await.unwrap();
    assert_eq!(commands_of(&h, meter).await.len(), 1);
    assert_eq!(balance(&h, &token, meter).await, "-6");
    let records = h
        .call(
            &token,
            "comApi",
            "getValverecord",
            json!({"areaId": h.root.0, "startDate": "2000-01-01", "endDate": "2100-01-01"}),
        )
        .await;
    assert_eq!(records["values"][0]["executionType"], 0);
    assert_eq!(records["values"][0]["valCause"], "balance below overdraft");
    assert_eq!(records["values"][0]["operator"], "system");
    assert_eq!(records["values"][0]["status"], "queued");
    let value_id = records["values"][0]["valueId"].clone();
    assert_eq!(h.call(&token, "lorawanMeterApi", "queryCommandInfo", json!({"valueId": value_id})).await["state"], 0);
    // A top-up back above the threshold reopens it.
    let topped =
        h.call(&token, "lorawanApi", "remotelyTopUp", json!({"devEui": "8cf9572000090001", "topUpAmount": "20"})).await;
    assert_eq!(topped["errcode"], "0");
    assert_eq!(balance(&h, &token, meter).await, "14");
    let kinds: Vec<String> = commands_of(&h, meter).await.into_iter().map(|c| c.0).collect();
    assert_eq!(kinds, vec!["close_valve", "open_valve"]);
    h.assert_ledger_sound().await;
});

both!(operators_switch_valves_and_money_does_not_undo_it, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf95720000a0001", "Manual", h.north).await;
    let closed = h
        .call(&token, "lorawanMeterApi", "setValveState", json!({"devEui": "8cf95720000a0001", "valveState": "0"}))
        .await;
    assert_eq!(closed["errcode"], "0", "{closed}");
    let value_id = closed["valueId"].as_str().unwrap().to_owned();
    let info = h.call(&token, "lorawanMeterApi", "queryCommandInfo", json!({"valueId": value_id})).await;
    assert_eq!(info["state"], 0);
    assert_eq!(info["baseObject"]["command"], "close_valve");
    assert_eq!(info["jsonParse"]["values"][0]["name"], "Implementation results");
    h.call(&token, "lorawanApi", "remotelyTopUp", json!({"devEui": "8cf95720000a0001", "topUpAmount": "50"})).await;
    assert_eq!(commands_of(&h, meter).await.len(), 1, "a top-up does not reopen an operator's close");
    assert_refused(
        &h.call(&token, "lorawanMeterApi", "setValveState", json!({"devEui": "8cf95720000a0001", "valveState": "3"}))
            .await,
        "-1",
        "valveState",
    );
    assert_refused(
        &h.call(&token, "lorawanMeterApi", "queryCommandInfo", json!({"valueId": "999999"})).await,
        "-3",
        "not found",
    );
    let status = h.call(&token, "lorawanApi", "readValveStatus", json!({"devEui": "8cf95720000a0001"})).await;
    assert_eq!(status["data"]["valveStatus"], "open", "the meter has not reported the close yet: {status}");
    let modes =
        h.call(&token, "lorawanApi", "getPaymod", json!({"devEuis": ["8cf95720000a0001", "8cf95720000a9999"]})).await;
    assert_eq!(modes["data"][0]["paymod"], 1);
    assert_eq!(modes["data"][1]["code"], 300);
    // Commands that wait too long expire.
    sqlx::query("UPDATE commands SET expires_at = 0").execute(&h.db.pool).await.unwrap();
    assert_eq!(app::backend::services::commands::expire_due(&h.db).await.unwrap(), 1);
    let info = h.call(&token, "lorawanMeterApi", "queryCommandInfo", json!({"valueId": value_id})).await;
    assert_eq!(info["state"], 4, "an expired command is not read as done (1 or 2): {info}");
    assert!(info["errmsg"].as_str().unwrap().starts_with("expired"), "{info}");
});

both!(concurrent_top_ups_and_readings_keep_the_ledger, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf95720000b0001", "Busy", h.north).await;
    let mut tasks = Vec::new();
    // Ten retries of one keyed top-up, ten distinct top-ups, ten readings, all at once.
    for i in 0..30 {
        let (router_h, token) = (h.router.clone(), token.clone());
        let db = h.db.clone();
        tasks.push(tokio::spawn(async move {
            match i % 3 {
                0 => {
                    let body = json!({"action": "lorawanApi", "method": "remotelyTopUp", "apiToken": token,
                        "param": {"devEui": "8cf95720000b0001", "topUpAmount": "7", "orderId": "same-key"}});
                    post(router_h, body).await
                }
                1 => {
                    let body = json!({"action": "lorawanApi", "method": "remotelyTopUp", "apiToken": token,
                        "param": {"devEui": "8cf95720000b0001", "topUpAmount": "1", "orderId": format!("k{i}")}});
                    post(router_h, body).await
                }
                _ => {
                    let at = format!("2024-06-01 00:{i:02}:00");
                    let forward = format!("{}", i / 3 + 1);
                    ingest(&db, &Settings::default(), MeterId(meter), reading(&at, &forward)).await.unwrap();
                    json!({"errcode": "0"})
                }
            }
        }));
    }
    for t in tasks {
        let answer = t.await.unwrap();
        assert_eq!(answer["errcode"], "0", "{answer}");
    }
    // 150 opening + 7 once + 10 × 1; readings up to register 10, charged at
    // 2.5 only for advances that arrived in order (late lower registers are backwards).
    let topups: i64 = sqlx::query_scalar("SELECT CAST(SUM(amount) AS BIGINT) FROM ledger_entries WHERE kind = 'topup'")
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(topups, 1_700);
    let charged: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM ledger_entries WHERE kind = 'consumption'",
    )
    .fetch_one(&h.db.pool)
    .await
    .unwrap();
    let register: i64 = sqlx::query_scalar("SELECT charged_register FROM meters WHERE id = $1")
        .bind(meter)
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(-charged, register * 25_000 / 1_000_000, "every charged advance exactly once");
    h.assert_ledger_sound().await;
});

async fn post(router: axum::Router, envelope: Value) -> Value {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let body = serde_urlencoded::to_string([("requestParams", envelope.to_string())]).unwrap();
    let request = http::Request::post("/api/commonInternal.jsp")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(body))
        .unwrap();
    let response = router.oneshot(request).await.unwrap();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&bytes).unwrap()
}

both!(an_expired_close_is_commanded_again_and_keys_stay_with_their_meter, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let settings = Settings::default();
    let answer = h
        .call(
            &token,
            "comApi",
            "addMeter",
            json!({"devEui": "8cf95720000f0001", "customerName": "Again", "priceId": h.water_price.0,
            "areaId": h.north.0, "customerFee": "1", "meterType": 1, "valveState": 1}),
        )
        .await;
    let meter = answer["id"].as_i64().unwrap();
    let household =
        h.call(&token, "comApi", "getAreaArchiveInfo", json!({"id": meter})).await["value"]["householdNum"].clone();
    ingest(&h.db, &settings, MeterId(meter), reading("2024-07-01 10:00:00", "1")).await.unwrap();
    assert_eq!(commands_of(&h, meter).await.len(), 1, "balance -1.5: close");
    sqlx::query("UPDATE commands SET expires_at = 0").execute(&h.db.pool).await.unwrap();
    app::backend::services::commands::expire_due(&h.db).await.unwrap();
    ingest(&h.db, &settings, MeterId(meter), reading("2024-07-01 11:00:00", "2")).await.unwrap();
    let states: Vec<String> = commands_of(&h, meter).await.into_iter().map(|c| c.1).collect();
    assert_eq!(states, vec!["expired", "queued"], "the close that never arrived is sent again");
    // An operator setting the balance back above the threshold reopens at once.
    let set = h.call(&token, "comApi", "modifyHousehold", json!({"id": household, "householdFee": "50"})).await;
    assert_eq!(set["errcode"], "0", "{set}");
    let kinds: Vec<String> = commands_of(&h, meter).await.into_iter().map(|c| c.0).collect();
    assert_eq!(kinds.last().map(String::as_str), Some("open_valve"));
    // A second meter of the same household cannot reuse the first one's key.
    let second = h
        .call(
            &token,
            "comApi",
            "addMeter",
            json!({"devEui": "8cf95720000f0002", "customerName": "Again", "priceId": h.water_price.0,
            "areaId": h.north.0, "householdId": household, "meterType": 1}),
        )
        .await;
    assert_eq!(second["errcode"], "0", "{second}");
    let first = h
        .call(
            &token,
            "lorawanApi",
            "remotelyTopUp",
            json!({"devEui": "8cf95720000f0001", "topUpAmount": "3", "orderId": "k"}),
        )
        .await;
    assert_eq!(first["errcode"], "0");
    let reused = h
        .call(
            &token,
            "lorawanApi",
            "remotelyTopUp",
            json!({"devEui": "8cf95720000f0002", "topUpAmount": "3", "orderId": "k"}),
        )
        .await;
    assert_refused(&reused, "-5", "another meter");
    h.assert_ledger_sound().await;
});

both!(credit_for_a_meter_that_holds_it_travels_to_the_meter, |h: Harness| async move {
    use app::backend::services::commands::{acknowledge, sequence};
    use app::model::ids::CommandId;
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf95720000d0001", "Credit Meter", h.north).await;
    h.own_model(meter, "Credit water meter", "LORAWAN", true).await;
    let eui = "8cf95720000d0001";
    // Its balance is on the meter: a day's cost is its use at the flat
    // price, not the ledger's charges (there are none).
    let s = app::backend::state::Settings::default();
    for (at, reg) in [("2024-05-01 06:00:00", "1"), ("2024-05-01 18:00:00", "3")] {
        let r = crate::harness::reading(at, reg);
        app::backend::services::ingest::ingest(&h.db, &s, app::model::ids::MeterId(meter), r).await.unwrap();
    }
    let day = h.call(&token, "comApi", "queryDayBillInfo", json!({"id": meter, "billDate": "2024-05-01"})).await;
    assert_eq!(day["value"]["fee"], json!(5), "2 m³ at 2.50: {day}");
    // A fourth decimal the meter cannot count: refused, nothing written.
    let before = h.snapshot().await;
    assert_refused(
        &h.call(
            &token,
            "lorawanApi",
            "remotelyTopUp",
            json!({"devEui": eui, "topUpAmount": "10", "topUpToDeviceAmount": "1.2345"}),
        )
        .await,
        "-1",
        "0.001",
    );
    assert_eq!(h.snapshot().await, before);
    // Converted at the price (10.00 at 2.5 = 4 m³) and sent to the meter; the balance waits.
    let answer = h.call(&token, "lorawanApi", "remotelyTopUp", json!({"devEui": eui, "topUpAmount": "10"})).await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    assert_eq!(answer["value"]["status"], 1, "in recharge until the meter confirms");
    let command: i64 = answer["valueId"].as_str().unwrap().parse().unwrap();
    let argument: String = sqlx::query_scalar("SELECT argument FROM commands WHERE id = $1")
        .bind(command)
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(argument, "40000", "4.000 in ten-thousandths");
    assert_eq!(balance(&h, &token, meter).await, "150", "the platform's balance is not credited");
    acknowledge(&h.db, MeterId(meter), sequence(CommandId(command)), true).await.unwrap();
    let order = h.call(&token, "comApi", "getRechargeOrderInfo", json!({"orderId": answer["orderId"]})).await;
    assert_eq!(order["errcode"], "0", "{order}");
    assert!(order.to_string().contains("credited to the meter"), "{order}");
    h.assert_ledger_sound().await;
});
