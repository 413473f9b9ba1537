//! Gateways, ABP devices, consumption, billing, meter lifecycle, real-time data.

use crate::harness::{ADMIN, Harness, NORTH_ADMIN, assert_refused};
use app::backend::services::ingest::{IngestOutcome, ingest};
use app::backend::state::Settings;
use app::model::ValveState;
use app::model::fixed::Register;
use app::model::ids::MeterId;
use app::model::reading::NewReading;
use app::model::time::Timestamp;
use serde_json::json;

fn reading(at: &str, forward: &str) -> NewReading {
    NewReading {
        read_at: Timestamp::parse(at).unwrap(),
        forward: Register::parse(forward).unwrap(),
        reverse: Some(Register::parse("0.5").unwrap()),
        flow: Some(Register::parse("1.25").unwrap()),
        valve: Some(ValveState::Open),
        battery_mv: Some(3_650),
        rssi: Some(-101),
        snr_tenths: Some(-25),
        alarms: 0b0101,
        margin: None,
    }
}

/// `queryHistoryMeterReading` rows as (reading, consumption).
fn history_points(history: &serde_json::Value) -> Vec<(String, String)> {
    history["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["reading"].as_str().unwrap().to_owned(), p["consumption"].as_str().unwrap().to_owned()))
        .collect()
}

both!(gateways_and_abp_devices, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    // A radio session is a meter's: the meter comes first.
    h.add_meter(&token, "8cf9572000010103", "DIP Meter", h.north).await;
    // The document's samples, space and all.
    let added = h
        .call(&token, "lorawanApi", "addGateway", json!({"gwID": "b827ebff ed58048", "gwName": "DIP_Gateway", "gwType": "rhf2s208", "region": "eu868", "subnet": "ch_00-07"}))
        .await;
    assert_eq!(added["errcode"], "0", "{added}");
    let status = h.call(&token, "lorawanApi", "readGatewayStatus", json!({"gwID": "b827ebffed58048"})).await;
    assert_eq!(status["data"]["gwID"], "0b827ebffed58048");
    assert_eq!(status["data"]["online"], false);
    assert_eq!(status["data"]["enablePFW"], true);
    assert!(status["data"]["createtime"].as_i64().unwrap() > 1_600_000_000_000, "milliseconds");
    sqlx::query("UPDATE gateways SET last_seen_at = $1")
        .bind(app::backend::clock::now().0)
        .execute(&h.db.pool)
        .await
        .unwrap();
    let status = h.call(&token, "lorawanApi", "readGatewayStatus", json!({"gwID": "0b827ebffed58048"})).await;
    assert_eq!(status["data"]["online"], true);
    let modified = h
        .call(
            &token,
            "lorawanApi",
            "modifyGateway",
            json!({"gwID": "b827ebffed58048", "gwName": "gateway_01", "gwType": "rhf2s208"}),
        )
        .await;
    assert_eq!(modified["errcode"], "0", "{modified}");
    let before = h.snapshot().await;
    assert_refused(
        &h.call(
            &token,
            "lorawanApi",
            "addGateway",
            json!({"gwID": "b827ebffed58048", "gwName": "x", "region": "eu868"}),
        )
        .await,
        "-5",
        "already registered",
    );
    assert_refused(
        &h.call(&token, "lorawanApi", "addGateway", json!({"gwID": "zz", "gwName": "x", "region": "eu868"})).await,
        "-1",
        "gwID",
    );
    assert_refused(
        &h.call(&token, "lorawanApi", "addGateway", json!({"gwID": "01", "gwName": "x", "region": "mars1"})).await,
        "-1",
        "region",
    );
    assert_refused(
        &h.call(&token, "lorawanApi", "addGateway", json!({"gwID": "01", "gwName": "bad name!", "region": "eu868"}))
            .await,
        "-1",
        "gwName",
    );
    assert_refused(
        &h.call(&token, "lorawanApi", "readGatewayStatus", json!({"gwID": "0102"})).await,
        "-3",
        "not found",
    );
    // ABP registration (the document's sample): keys stored, never echoed.
    let secret = "2b7e151628aed2a6abf7158809cf4f3c";
    let abp = json!({"appID": "3", "devName": "DIPMeter03", "devEUI": "8cf9572000010103", "appEUI": "8cf9572000010103", "region": "eu868",
        "subnet": "ch_00-07", "authType": "abp", "devAddr": "00010203", "appSKey": secret, "nwkSKey": secret});
    let registered = h.call(&token, "lorawanApi", "addMeter", abp.clone()).await;
    assert_eq!(registered["errcode"], "0", "{registered}");
    assert!(!registered.to_string().contains(secret));
    let again = h.call(&token, "lorawanApi", "addMeter", abp.clone()).await;
    assert_refused(&again, "-5", "already registered");
    let mut bad = abp.clone();
    bad["devEUI"] = json!("8cf9572000010104");
    bad["appSKey"] = json!("2b7e151628aed2a6abf7158809cf4f3");
    let refused = h.call(&token, "lorawanApi", "addMeter", bad).await;
    assert_refused(&refused, "-1", "appSKey");
    assert!(!refused.to_string().contains("2b7e1516"), "no key material in errors");
    assert_eq!(h.count("lorawan_devices").await, 1);
    assert_eq!(h.snapshot().await, before);
    let north = h.token(NORTH_ADMIN).await;
    assert_eq!(
        h.call(&north, "lorawanApi", "readGatewayStatus", json!({"gwID": "b827ebffed58048"})).await["errcode"],
        "0"
    );
});

both!(consumption_day_month_history_and_real_time, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let a = h.add_meter(&token, "8cf95720000c0001", "Usage A", h.north).await;
    let b = h.add_meter(&token, "8cf95720000c0002", "Usage B", h.north).await;
    let s = Settings::default();
    for (at, reg) in [
        ("2024-03-31 23:00:00", "10"),
        ("2024-04-01 06:00:00", "11.5"),
        ("2024-04-01 20:00:00", "13.25"),
        ("2024-04-02 08:00:00", "14"),
    ] {
        ingest(&h.db, &s, MeterId(a), reading(at, reg)).await.unwrap();
    }
    ingest(&h.db, &s, MeterId(b), reading("2024-04-01 12:00:00", "100")).await.unwrap();
    let daily = h
        .call(
            &token,
            "lorawanApi",
            "queryAllDailyConsumption",
            json!({"devEui": "8cf95720000c0001,8cf95720000c0002", "date": "2024-04-01"}),
        )
        .await;
    assert_eq!(daily["errcode"], "0", "{daily}");
    assert_eq!(daily["data"][0]["consumption"], "3.25");
    assert_eq!(daily["data"][0]["readTime"], "2024-04-01 20:00:00");
    assert_eq!(daily["data"][1]["consumption"], "0", "one reading: no difference yet");
    let monthly = h
        .call(
            &token,
            "lorawanApi",
            "queryAllMonthlyConsumption",
            json!({"devEui": "8cf95720000c0001", "date": "2024-04"}),
        )
        .await;
    assert_eq!(monthly["data"][0]["consumption"], "4");
    let history = h
        .call(
            &token,
            "lorawanMeter",
            "queryHistoryMeterReading",
            json!({"id": a, "startDate": "2024-04-01 00:00:00", "endDate": "2024-04-30 00:00:00"}),
        )
        .await;
    let points = history_points(&history);
    assert_eq!(
        points,
        vec![("11.5000".into(), "1.5".into()), ("13.2500".into(), "1.75".into()), ("14.0000".into(), "0.75".into())]
    );
    let day_bill = h.call(&token, "comApi", "queryDayBillInfo", json!({"id": a, "billDate": "2024-04-01"})).await;
    assert_eq!(day_bill["value"]["fee"].to_string(), "8.13", "3.25 m³ × 2.5 = 8.125 → 8.13");
    // On a time-of-use plan the day's fee is what the ledger charged, not
    // the flat price: 2 m³ at the valley's 1.00 and 1 m³ at the peak's 5.00.
    let tou = h
        .call(
            &token,
            "comApi",
            "addMeterPrice",
            json!({"priceName": "water-tou", "energyTypes": "WATER", "price": "2.5",
            "peakPrice": "5", "valleyPrice": "1", "tipPrice": "10"}),
        )
        .await;
    let c = h.add_meter(&token, "8cf95720000c0003", "Usage C", h.north).await;
    let moved = h.call(&token, "comApi", "modifyMeter", json!({"id": c, "pricelId": tou["priceId"]})).await;
    assert_eq!(moved["errcode"], "0", "{moved}");
    ingest(&h.db, &s, MeterId(c), reading("2024-04-03 06:00:00", "2")).await.unwrap();
    ingest(&h.db, &s, MeterId(c), reading("2024-04-03 09:00:00", "3")).await.unwrap();
    let tou_bill = h.call(&token, "comApi", "queryDayBillInfo", json!({"id": c, "billDate": "2024-04-03"})).await;
    assert_eq!(tou_bill["value"]["fee"], json!(7), "{tou_bill}");
    let rt = h.call(&token, "lorawanApi", "queryRealTimeData", json!({"devEui": "8cf95720000c0001"})).await;
    let d = &rt["data"];
    assert_eq!(d["readTime"], "2024-04-02 08:00:00");
    assert_eq!(d["cumulantFlow"], "14.0000");
    assert_eq!(d["inverseCumulantFlow"], "0.5000");
    assert_eq!(d["instantFlow"], "1.2500");
    assert_eq!(d["battery"], "3.65");
    assert_eq!(d["leakageMark"], "true");
    assert_eq!(d["tamperMark"], "false");
    assert_eq!(d["magnetMark"], "true");
    assert_eq!(d["rssi"], -101);
    assert_eq!(d["snr"], "-2.5");
    assert_eq!(d["valve"], 1);
    assert_eq!(d["balance"].to_string(), "115", "150 - 14 m³ × 2.5 (charged from the initial register 0)");
    assert_eq!(d["remaining flow"], "46", "115 / 2.5");
    let current = h.call(&token, "comApi", "queryAllMeterCurrentReading", json!({"ids": format!("{a},{b}")})).await;
    assert_eq!(current["data"][1]["reading"], "100.0000");
    // One id as a bare number, as some clients send it.
    let one = h.call(&token, "comApi", "queryAllMeterCurrentReading", json!({"ids": b})).await;
    assert_eq!(one["errcode"], "0", "{one}");
    assert_eq!(one["data"].as_array().map(Vec::len), Some(1));
    assert_eq!(one["data"][0]["reading"], "100.0000");
    let info = h.call(&token, "comApi", "getMeterInfo", json!({"devEui": "8cf95720000c0002"})).await;
    assert_eq!(info["value"]["customerName"], "Usage B");
    let report = h
        .call(
            &token,
            "lorawanMeterApi",
            "sendCommand",
            json!({"devEui": "8cf95720000c0001", "commandStr": "Query report", "commandParams": []}),
        )
        .await;
    assert_eq!(report["errcode"], "0", "{report}");
    assert!(report["valueId"].is_string());
    let unsupported = h
        .call(
            &token,
            "lorawanMeterApi",
            "sendCommand",
            json!({"devEui": "8cf95720000c0001", "commandStr": "Obtain administrator", "commandParams": {}}),
        )
        .await;
    assert_refused(&unsupported, "-2", "Unsupported commands!");
    assert_refused(
        &h.call(
            &token,
            "lorawanApi",
            "queryAllMonthlyConsumption",
            json!({"devEui": "8cf95720000c0001", "date": "April"}),
        )
        .await,
        "-1",
        "date",
    );
});

both!(billing_runs_once_and_bills_are_paid, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let answer = h
        .call(
            &token,
            "comApi",
            "addMeter",
            json!({"devEui": "8cf95720000d0001", "customerName": "Postpaid", "priceId": h.water_price.0,
            "areaId": h.north.0, "customerFee": "100", "meterType": 0}),
        )
        .await;
    let meter = answer["id"].as_i64().unwrap();
    let s = Settings::default();
    for (at, reg) in [("2024-01-31 22:00:00", "5"), ("2024-02-10 10:00:00", "9"), ("2024-02-29 23:00:00", "15")] {
        let out = ingest(&h.db, &s, MeterId(meter), reading(at, reg)).await.unwrap();
        assert!(
            matches!(out, IngestOutcome::Stored { charged, .. } if charged.minor() == 0),
            "postpaid is not charged per reading"
        );
    }
    let run = h.call(&token, "comApi", "runBilling", json!({"billDate": "2024-02"})).await;
    assert_eq!(run["created"], 1, "{run}");
    let again = h.call(&token, "comApi", "runBilling", json!({"billDate": "2024-02"})).await;
    assert_eq!(again["created"], 0, "exactly once");
    let bills = h
        .call(&token, "comApi", "queryMonthBillInfo", json!({"deveui": "8cf95720000d0001", "billDate": "2024-02"}))
        .await;
    assert_eq!(bills["values"][0]["dosage"], "10");
    assert_eq!(bills["values"][0]["fee"], json!(25));
    let bill = bills["values"][0]["id"].as_i64().unwrap();
    let paid = h.call(&token, "comApi", "payBill", json!({"billId": bill})).await;
    assert_eq!(paid["balance"], json!(75), "{paid}");
    assert_refused(&h.call(&token, "comApi", "payBill", json!({"billId": bill})).await, "-5", "already paid");
    let bills = h.call(&token, "comApi", "queryMonthBillInfo", json!({"deveui": "8cf95720000d0001"})).await;
    assert_eq!(bills["values"][0]["billStatus"], "1");
    assert_refused(&h.call(&token, "comApi", "runBilling", json!({"billDate": "2999-01"})).await, "-1", "ended");
    h.assert_ledger_sound().await;
});

both!(remove_replace_and_recover_meters, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf95720000e0001", "Lifecycle", h.north).await;
    h.add_meter(&token, "8cf95720000e0002", "Other", h.north).await;
    let s = Settings::default();
    ingest(&h.db, &s, MeterId(meter), reading("2024-05-01 00:00:00", "1")).await.unwrap();
    let removed = h
        .call(
            &token,
            "lorawanApi",
            "archivesChange",
            json!({"type": "0", "devEuis": ["8cf95720000e0001", "8cf9572000ffffff"]}),
        )
        .await;
    assert_eq!(removed["data"][0]["code"], 200, "{removed}");
    assert_eq!(removed["data"][1]["code"], 300);
    let list = h.call(&token, "comApi", "getAreaArchives", json!({"areaId": h.north.0})).await;
    assert_eq!(list["pageInfo"]["rowTotal"], 1, "removed meters are not listed");
    assert_eq!(
        ingest(&h.db, &s, MeterId(meter), reading("2024-05-02 00:00:00", "50")).await.unwrap(),
        IngestOutcome::RemovedMeter
    );
    let recovered =
        h.call(&token, "lorawanApi", "archivesChange", json!({"type": 2, "devEuis": ["8cf95720000e0001"]})).await;
    assert_eq!(recovered["data"][0]["code"], 200);
    ingest(&h.db, &s, MeterId(meter), reading("2024-05-02 12:00:00", "2")).await.unwrap();
    // Replace: the new device takes over the archive; its first reading is the baseline.
    let replaced = h
        .call(
            &token,
            "lorawanApi",
            "archivesChange",
            json!({"type": "1", "oldDeveui": "8cf95720000e0001", "newDeveui": "8cf95720000e0003"}),
        )
        .await;
    assert_eq!(replaced["errcode"], "0", "{replaced}");
    assert_refused(
        &h.call(&token, "comApi", "getAreaArchiveInfo", json!({"devEui": "8cf95720000e0001"})).await,
        "-3",
        "not found",
    );
    let info = h.call(&token, "comApi", "getAreaArchiveInfo", json!({"devEui": "8cf95720000e0003"})).await;
    assert_eq!(info["value"]["id"], meter);
    let balance_before = info["value"]["balance"].clone();
    // The new device starts below where the old one ended.
    let first = ingest(&h.db, &s, MeterId(meter), reading("2024-05-03 00:00:00", "0.5")).await.unwrap();
    assert_eq!(first, IngestOutcome::Stored { charged: app::model::fixed::Money::ZERO, commands: vec![] });
    ingest(&h.db, &s, MeterId(meter), reading("2024-05-04 00:00:00", "1.5")).await.unwrap();
    let info = h.call(&token, "comApi", "getAreaArchiveInfo", json!({"id": meter})).await;
    assert_eq!(balance_before.to_string(), "145");
    assert_eq!(info["value"]["balance"].to_string(), "142.5", "1 m³ on the new device");
    // History continues across the replacement: consumption is 1 m³ on each
    // device (1 → 2, then 0.5 → 1.5), not the difference of two devices' registers.
    let usage = |from: &str| {
        let start = app::model::time::Timestamp::parse(from).unwrap();
        let end = app::model::time::Timestamp::parse("2024-06-01 00:00:00").unwrap();
        let db = h.db.clone();
        async move { app::backend::services::consumption::usage(&db, MeterId(meter), start, end).await.unwrap() }
    };
    assert_eq!(usage("2024-05-01 00:00:00").await.consumption.to_string(), "2", "both devices");
    assert_eq!(usage("2024-05-02 18:00:00").await.consumption.to_string(), "1", "the new device only");
    let history = h
        .call(
            &token,
            "lorawanApi",
            "queryHistoryMeterReading",
            json!({"devEui": "8cf95720000e0003", "startDate": "2024-05-02 18:00:00", "endDate": "2024-05-05 00:00:00"}),
        )
        .await;
    let points = history_points(&history);
    assert_eq!(
        points,
        [("0.5000".to_owned(), "0".to_owned()), ("1.5000".to_owned(), "1".to_owned())],
        "each device's own register, the meter's consumption: {history}"
    );
    assert_refused(
        &h.call(
            &token,
            "lorawanApi",
            "archivesChange",
            json!({"type": "1", "oldDeveui": "8cf95720000e0003", "newDeveui": "8cf95720000e0002"}),
        )
        .await,
        "-5",
        "already exists",
    );
    assert_refused(
        &h.call(&token, "lorawanApi", "archivesChange", json!({"type": "5", "devEuis": []})).await,
        "-1",
        "type",
    );
    h.assert_ledger_sound().await;
});
