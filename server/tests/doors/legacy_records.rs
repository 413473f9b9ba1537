//! getMeterReadings, getValverecord, queryMonthBillInfo. Until the ingest and
//! billing services exist (money-and-commands issue) rows are inserted directly.

use crate::harness::{ADMIN, Harness, NORTH_ADMIN, assert_refused};
use app::model::time::Timestamp;
use serde_json::json;

async fn reading(h: &Harness, meter: i64, at: &str, register: i64) {
    sqlx::query(
        "INSERT INTO readings (meter_id, read_at, forward_register, total_register, valve_state, battery_mv, rssi, snr_tenths, alarms, created_at)
         VALUES ($1, $2, $3, $3, 1, 3600, -97, 75, 0, $2)",
    )
    .bind(meter)
    .bind(Timestamp::parse(at).unwrap().0)
    .bind(register)
    .execute(&h.db.pool)
    .await
    .unwrap();
}

both!(meter_readings_by_range_and_area, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let a = h.add_meter(&token, "8cf9572000030001", "Reader A", h.north).await;
    let b = h.add_meter(&token, "8cf9572000030002", "Reader B", h.south).await;
    reading(&h, a, "2020-06-18 16:23:27", 123_456).await;
    reading(&h, a, "2020-06-19 16:23:27", 133_456).await;
    reading(&h, b, "2020-06-18 10:00:00", 5_000).await;
    reading(&h, a, "2021-01-01 00:00:00", 200_000).await;
    // The document's sample (area adapted).
    let answer = h
        .call(&token, "comApi", "getMeterReadings", json!({"pageNumber": "1", "pageSize": "10", "areald": h.root.0.to_string(),
            "searchContent": "", "energyType": "WATER", "startDate": "2019-07-01 00:00:00", "endDate": "2020-07-01 00:00:00"}))
        .await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    assert_eq!(answer["pageInfo"]["rowTotal"], 3);
    let first = &answer["values"][0];
    assert_eq!(first["meterReadingtime"], "2020-06-19 16:23:27", "newest first");
    assert_eq!(first["freezeReading"], "13.3456");
    assert_eq!(first["archivesName"], "Reader A");
    assert_eq!(first["type"], "LORA");
    assert_eq!(first["valve"], 1);
    assert_eq!(first["signals"], "-97");
    assert_eq!(first["signalNoise"], "7.5");
    assert_eq!(first["voltage"], "3.600");
    let searched = h
        .call(
            &token,
            "comApi",
            "getMeterReadings",
            json!({"areald": h.root.0, "searchContent": "reader b",
            "startDate": "2020-01-01 00:00:00", "endDate": "2020-12-31 00:00:00"}),
        )
        .await;
    assert_eq!(searched["pageInfo"]["rowTotal"], 1);
    let north = h.token(NORTH_ADMIN).await;
    let only_north = h
        .call(
            &north,
            "comApi",
            "getMeterReadings",
            json!({"areald": h.north.0, "startDate": "2020-01-01", "endDate": "2022-01-01"}),
        )
        .await;
    assert_eq!(only_north["pageInfo"]["rowTotal"], 3);
    assert_refused(
        &h.call(&token, "comApi", "getMeterReadings", json!({"areald": h.root.0, "endDate": "2020-01-01"})).await,
        "-1",
        "startDate",
    );
    assert_refused(
        &h.call(
            &token,
            "comApi",
            "getMeterReadings",
            json!({"areald": h.root.0, "startDate": "01/01/2020", "endDate": "2020-01-01"}),
        )
        .await,
        "-1",
        "startDate",
    );
    assert_refused(
        &h.call(
            &token,
            "comApi",
            "getMeterReadings",
            json!({"areald": h.root.0, "startDate": "2021-01-01", "endDate": "2020-01-01"}),
        )
        .await,
        "-1",
        "endDate",
    );
    assert_refused(
        &h.call(
            &north,
            "comApi",
            "getMeterReadings",
            json!({"areald": h.south.0, "startDate": "2020-01-01", "endDate": "2021-01-01"}),
        )
        .await,
        "-4",
        "not one of your areas",
    );
});

both!(valve_records_filter_by_operation_and_user, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let a = h.add_meter(&token, "8cf9572000040001", "Valve A", h.north).await;
    let b = h.add_meter(&token, "8cf9572000040002", "Valve B", h.south).await;
    for (meter, execution, at) in
        [(a, 0, "2020-01-10 10:39:57"), (a, 1, "2020-01-11 10:00:00"), (b, 0, "2020-01-12 08:00:00")]
    {
        sqlx::query("INSERT INTO valve_records (meter_id, execution, cause, actor, created_at) VALUES ($1, $2, 'test', 'admin:admin', $3)")
            .bind(meter)
            .bind(execution)
            .bind(Timestamp::parse(at).unwrap().0)
            .execute(&h.db.pool)
            .await
            .unwrap();
    }
    let all = h
        .call(&token, "comApi", "getValverecord", json!({"id": "", "pageNumber": "1", "pageSize": "10", "areald": h.root.0.to_string(),
            "userNumber": "", "energyType": "WATER", "username": "", "operationType": "", "startDate": "2019-07-01 00:00:00",
            "endDate": "2020-07-01 00:00:00"}))
        .await;
    assert_eq!(all["errcode"], "0", "{all}");
    assert_eq!(all["pageInfo"]["rowTotal"], 3);
    assert_eq!(all["values"][0]["username"], "Valve B");
    assert_eq!(all["values"][0]["dateTime"], "2020-01-12 08:00:00");
    assert_eq!(all["values"][0]["status"], "succeed");
    let closes = h
        .call(
            &token,
            "comApi",
            "getValverecord",
            json!({"areald": h.root.0, "operationType": "0", "username": "valve a",
            "startDate": "2019-07-01 00:00:00", "endDate": "2020-07-01 00:00:00"}),
        )
        .await;
    assert_eq!(closes["pageInfo"]["rowTotal"], 1);
    assert_eq!(closes["values"][0]["executionType"], 0);
    assert_refused(
        &h.call(
            &token,
            "comApi",
            "getValverecord",
            json!({"areald": h.root.0, "operationType": "5", "startDate": "2019-07-01", "endDate": "2020-07-01"}),
        )
        .await,
        "-1",
        "operationType",
    );
});

both!(month_bills_by_area_and_by_meter, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let a = h.add_meter(&token, "8cf9572000050001", "Bill A", h.north).await;
    let b = h.add_meter(&token, "8cf9572000050002", "Bill B", h.south).await;
    for (meter, month, dosage, fee, status) in
        [(a, "2020-06", 280_000, 14_000, 0), (b, "2020-06", 10_000, 250, 1), (a, "2020-05", 5_000, 125, 1)]
    {
        sqlx::query("INSERT INTO bills (meter_id, month, start_register, end_register, dosage, fee, status, created_at) VALUES ($1, $2, 0, $3, $3, $4, $5, 0)")
            .bind(meter)
            .bind(month)
            .bind(dosage)
            .bind(fee)
            .bind(status)
            .execute(&h.db.pool)
            .await
            .unwrap();
    }
    let june = h
        .call(
            &token,
            "comApi",
            "queryMonthBillInfo",
            json!({"pageNumber": "1", "pageSize": "10", "username": "", "areaid": h.root.0.to_string(),
            "billDate": "2020-06", "energyType": "WATER", "userNumber": ""}),
        )
        .await;
    assert_eq!(june["errcode"], "0", "{june}");
    assert_eq!(june["pageInfo"]["rowTotal"], 2);
    let bill_a = june["values"].as_array().unwrap().iter().find(|v| v["customerName"] == "Bill A").unwrap().clone();
    assert_eq!(bill_a["billStatus"], "0");
    assert_eq!(bill_a["dosage"], "28");
    assert_eq!(bill_a["fee"], json!(140));
    assert_eq!(bill_a["energyType"], 0);
    assert_eq!(bill_a["settlementDate"], "2020-06");
    let per_meter = h.call(&token, "lorawanMeter", "queryMonthBillInfo", json!({"deveui": "8cf9572000050001"})).await;
    assert_eq!(per_meter["pageInfo"]["rowTotal"], 2);
    let north = h.token(NORTH_ADMIN).await;
    assert_refused(
        &h.call(&north, "comApi", "queryMonthBillInfo", json!({"deveui": "8cf9572000050002"})).await,
        "-3",
        "not found",
    );
    assert_refused(
        &h.call(&token, "comApi", "queryMonthBillInfo", json!({"areaid": h.root.0, "billDate": "June"})).await,
        "-1",
        "billDate",
    );
    assert_refused(&h.call(&token, "comApi", "queryMonthBillInfo", json!({})).await, "-1", "areaId");
});
