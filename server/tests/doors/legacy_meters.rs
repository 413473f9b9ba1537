//! addMeter, modifyMeter, getAreaArchives, getAreaArchiveInfo.

use crate::harness::{ADMIN, Harness, NORTH_ADMIN, assert_refused};
use serde_json::json;

both!(add_meter_with_the_document_sample, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let answer = h
        .call(
            &token,
            "comApi",
            "addMeter",
            json!({"devEui": "8cf9572000015514", "customerName": "DIPMeter041",
            "customerPhone": "13589541252", "customerAddress": "dubai", "customerCertificateNumber": "5698741526",
            "pricelId": h.water_price.0.to_string(), "reading": "0", "overdraftMoney": "0", "customerFee": "150",
            "normalDayDosage": "10", "valveState": "0", "meterType": "0", "areald": h.north.0.to_string()}),
        )
        .await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    assert_eq!(answer["errmsg"], "Add Successful!!");
    let list = h
        .call(
            &token,
            "comApi",
            "getAreaArchives",
            json!({"areald": h.root.0, "searchContent": "", "sysconfigEquipmentId": ""}),
        )
        .await;
    assert_eq!(list["errcode"], "0", "{list}");
    let row = &list["values"][0];
    assert_eq!(row["deveui"], "8cf9572000015514");
    assert_eq!(row["customerName"], "DIPMeter041");
    assert_eq!(row["readings"], "0.0000");
    assert_eq!(row["valveStatus"], 0);
    assert_eq!(row["balance"], json!(150));
    assert_eq!(row["energyType"], "WATER");
    assert_eq!(row["equipmentModelId"], 3, "the document's default model is the water meter");
    assert_eq!(row["areaOrgId"], h.north.0);
    assert_eq!(row["areaOrgName"], "North");
    assert_eq!(row["payMode"], 0);
    h.assert_ledger_sound().await;
});

both!(add_meter_by_imei_and_fetch_detail_every_way, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let answer = h
        .call(
            &token,
            "zlMeter",
            "addMeter",
            json!({"nbonetNetImei": "862437040310543", "customerName": "NB One",
            "priceId": h.water_price.0, "areaId": h.south.0, "reading": "12.5"}),
        )
        .await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    let id = answer["id"].as_i64().unwrap();
    let lora = h.add_meter(&token, "8CF9572000010105", "Lora One", h.north).await;
    for param in [json!({"id": id}), json!({"nbonetNetImei": "862437040310543"}), json!({"imei": "862437040310543"})] {
        let info = h.call(&token, "comApi", "getAreaArchiveInfo", param.clone()).await;
        assert_eq!(info["errcode"], "0", "{param}: {info}");
        assert_eq!(info["value"]["id"], id);
        assert_eq!(info["value"]["IMEI"], "862437040310543");
        assert_eq!(info["value"]["readings"], "12.5000");
        assert_eq!(info["value"]["equipmentType"], "NBIOT");
        assert_eq!(info["value"]["priceInfo"]["priceName"], "water-flat");
        assert_eq!(info["value"]["priceInfo"]["flatPrice"].to_string(), "2.5");
        assert_eq!(info["priceName"], "water-flat");
    }
    for key in ["devEui", "deveui", "devEUI"] {
        let info = h.call(&token, "comApi", "getAreaArchiveInfo", json!({key: "8cf9572000010105"})).await;
        assert_eq!(info["value"]["id"], lora, "{key}");
        assert_eq!(info["value"]["energyTypeName"], "water");
        assert!(info["value"]["householdNum"].is_i64());
    }
    let missing = h.call(&token, "comApi", "getAreaArchiveInfo", json!({"id": 424242})).await;
    assert_refused(&missing, "-3", "meter information not found!");
    // Another area's meter is not found for an area admin.
    let north = h.token(NORTH_ADMIN).await;
    assert_refused(
        &h.call(&north, "comApi", "getAreaArchiveInfo", json!({"id": id})).await,
        "-3",
        "meter information not found!",
    );
    assert_eq!(h.call(&north, "comApi", "getAreaArchiveInfo", json!({"id": lora})).await["errcode"], "0");
});

both!(add_meter_refusals_write_nothing, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let north = h.token(NORTH_ADMIN).await;
    h.add_meter(&token, "8cf9572000000001", "First", h.north).await;
    let before = h.snapshot().await;
    let base =
        json!({"devEui": "8cf9572000000002", "customerName": "X", "pricelId": h.water_price.0, "areald": h.north.0});
    let with = |k: &str, v: serde_json::Value| {
        let mut p = base.clone();
        p[k] = v;
        p
    };
    let without = |k: &str| {
        let mut p = base.clone();
        p.as_object_mut().unwrap().remove(k);
        p
    };
    let cases = [
        (&token, with("devEui", json!("8cf9572000000001")), "-5", "already exists"),
        (&token, with("devEui", json!("xyz")), "-1", "16 hexadecimal"),
        (&token, without("devEui"), "-1", "devEui"),
        (&token, without("customerName"), "-1", "customerName"),
        (&token, without("pricelId"), "-1", "priceId"),
        (&token, without("areald"), "-1", "areaId"),
        (&token, with("pricelId", json!("77")), "-1", "price plan 77"),
        (&token, with("areald", json!("abc")), "-1", "areaId"),
        (&token, with("customerFee", json!("12.345")), "-1", "customerFee"),
        (&token, with("reading", json!("-5")), "-1", "reading"),
        (&token, with("meterType", json!("7")), "-1", "meterType"),
        (&token, with("valveState", json!("4")), "-1", "valveState"),
        (&token, with("equipmentModelId", json!("1")), "-1", "ELECTRICITY"),
        (&north, with("areald", json!(h.south.0)), "-4", "not one of your areas"),
    ];
    for (tok, param, code, needle) in cases {
        let answer = h.call(tok, "comApi", "addMeter", param.clone()).await;
        assert_refused(&answer, code, needle);
    }
    assert_eq!(h.snapshot().await, before);
});

both!(modify_meter_keeps_blank_fields_and_adjusts_balance, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let id = h.add_meter(&token, "8cf9572000010105", "Before", h.north).await;
    // The document's sample: everything blank but the DevEUI (and its placeholder meterType).
    let answer = h
        .call(
            &token,
            "comApi",
            "modifyMeter",
            json!({"devEui": "8cf9572000010105", "customerName": "", "customerPhone": "",
            "customerAddress": "", "customerCertificateNumber": "", "priceld": "", "reading": "", "overdraftMoney": "",
            "customerFee": "", "normalDayDosage": "", "valveState": "", "meterType": "meterType"}),
        )
        .await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    let info = h.call(&token, "comApi", "getAreaArchiveInfo", json!({"id": id})).await;
    assert_eq!(info["value"]["customerName"], "Before");
    assert_eq!(info["value"]["balance"], json!(150));
    let answer = h
        .call(
            &token,
            "comApi",
            "modifyMeter",
            json!({"devEui": "8cf9572000010105", "customerName": "After", "customerFee": "99.9",
            "overdraftMoney": "5", "valveState": 1, "meterType": "2"}),
        )
        .await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    let info = h.call(&token, "comApi", "getAreaArchiveInfo", json!({"id": id})).await;
    assert_eq!(info["value"]["customerName"], "After");
    assert_eq!(info["value"]["balance"].to_string(), "99.9");
    assert_eq!(info["value"]["overdraftMoney"], json!(5));
    assert_eq!(info["value"]["payMode"], 0);
    h.assert_ledger_sound().await;
    let before = h.snapshot().await;
    let north = h.token(NORTH_ADMIN).await;
    let south = h.add_meter(&token, "8cf9572000010106", "Southern", h.south).await;
    let before_south = h.snapshot().await;
    let _ = before;
    assert_refused(
        &h.call(&token, "comApi", "modifyMeter", json!({"devEui": "8cf9572000099999", "customerName": "x"})).await,
        "-3",
        "meter information not found!",
    );
    assert_refused(
        &h.call(&north, "comApi", "modifyMeter", json!({"id": south, "customerFee": "1000"})).await,
        "-3",
        "not found",
    );
    assert_refused(
        &h.call(&token, "comApi", "modifyMeter", json!({"id": id, "customerFee": "lots"})).await,
        "-1",
        "customerFee",
    );
    assert_refused(&h.call(&token, "comApi", "modifyMeter", json!({"customerName": "x"})).await, "-1", "devEui");
    assert_eq!(h.snapshot().await, before_south);
});

both!(archives_page_search_and_filter, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    for i in 0..5 {
        h.add_meter(
            &token,
            &format!("8cf95720000200{i:02}"),
            &format!("Customer {i}"),
            if i < 3 { h.north } else { h.south },
        )
        .await;
    }
    let page = h
        .call(&token, "comApi", "getAreaArchives", json!({"areald": h.root.0, "pageSize": "2", "pageNumber": "3"}))
        .await;
    assert_eq!(page["pageInfo"]["pageTotal"], 3);
    assert_eq!(page["pageInfo"]["pageNumber"], 3);
    assert_eq!(page["values"].as_array().unwrap().len(), 1);
    let north_only = h.call(&token, "comApi", "getAreaArchives", json!({"areaId": h.north.0})).await;
    assert_eq!(north_only["pageInfo"]["rowTotal"], 3);
    let search =
        h.call(&token, "comApi", "getAreaArchives", json!({"areald": h.root.0, "searchContent": "customer 4"})).await;
    assert_eq!(search["pageInfo"]["rowTotal"], 1);
    assert_eq!(search["values"][0]["customerName"], "Customer 4");
    let by_eui = h.call(&token, "comApi", "getAreaArchives", json!({"areald": h.root.0, "searchContent": "200"})).await;
    assert_eq!(by_eui["pageInfo"]["rowTotal"], 5, "DevEUI substring");
    let wildcard = h.call(&token, "comApi", "getAreaArchives", json!({"areald": h.root.0, "searchContent": "%"})).await;
    assert_eq!(wildcard["pageInfo"]["rowTotal"], 0, "% matches itself only");
    let gas = h.call(&token, "comApi", "getAreaArchives", json!({"areald": h.root.0, "energyType": "GAS"})).await;
    assert_eq!(gas["pageInfo"]["rowTotal"], 0);
    let north = h.token(NORTH_ADMIN).await;
    assert_refused(
        &h.call(&north, "comApi", "getAreaArchives", json!({"areald": h.south.0})).await,
        "-4",
        "not one of your areas",
    );
    assert_refused(
        &h.call(&north, "comApi", "getAreaArchives", json!({"areald": h.root.0})).await,
        "-4",
        "not one of your areas",
    );
    assert_refused(&h.call(&token, "comApi", "getAreaArchives", json!({})).await, "-1", "areaId");
    assert_refused(
        &h.call(&token, "comApi", "getAreaArchives", json!({"areald": h.root.0, "energyType": "STEAM"})).await,
        "-1",
        "energy",
    );
});

both!(repeated_reads_see_every_write_at_once, |h: Harness| async move {
    use crate::harness::reading;
    use app::backend::services::ingest::ingest;
    use app::backend::state::Settings;
    use app::model::ids::MeterId;

    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000010301", "Cached One", h.north).await;
    let list = || h.call(&token, "comApi", "getAreaArchives", json!({"areaId": h.north.0}));
    // The database's notice of those writes comes a few milliseconds later
    // (and moves the generation again): let it arrive before counting hits.
    tokio::time::sleep(app::backend::watch::POLL * 4).await;
    let first = list().await;
    assert_eq!(first["values"][0]["readings"], "0.0000", "{first}");
    assert_eq!(list().await, first, "a repeated read answers the same");
    let (_, metrics) = crate::ops::get_text(&h, "/metrics").await;
    assert!(metrics.contains("meterline_legacy_answer_cache_total{outcome=\"hit\"} 1"), "{metrics}");
    // A write through the legacy door.
    let renamed = h.call(&token, "comApi", "modifyMeter", json!({"id": meter, "customerName": "Renamed"})).await;
    assert_eq!(renamed["errcode"], "0", "{renamed}");
    assert_eq!(list().await["values"][0]["customerName"], "Renamed");
    // A write through the ingest service (the radio door's path).
    ingest(&h.db, &Settings::default(), MeterId(meter), reading("2024-07-01 10:00:00", "3")).await.unwrap();
    let after = list().await;
    assert_eq!(after["values"][0]["readings"], "3.0000", "{after}");
    assert_eq!(after["values"][0]["balance"], json!(142.5), "150 less 3 m³ at 2.50");
    // Another caller's page is its own: the area admin sees the same rows.
    let north = h.token(NORTH_ADMIN).await;
    let theirs = h.call(&north, "comApi", "getAreaArchives", json!({"areaId": h.north.0})).await;
    assert_eq!(theirs["values"], after["values"]);
    // A writer that moves no generation itself (another replica, an SQL
    // console, a write path that forgot) is seen as soon as the database's
    // write notice arrives, long before the kept answer's two seconds.
    sqlx::query("UPDATE meters SET customer_name = 'Elsewhere' WHERE id = $1")
        .bind(meter)
        .execute(&h.db.pool)
        .await
        .unwrap();
    let started = std::time::Instant::now();
    while list().await["values"][0]["customerName"] != "Elsewhere" {
        assert!(started.elapsed() < std::time::Duration::from_millis(1_000), "not seen within 1 s");
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    // Renaming an area is a write like any other: the kept page shows the new name at once.
    let admin = app::backend::auth::Caller::Admin(
        app::backend::auth::load_admin(&h.db, app::model::ids::AdminId(1)).await.unwrap(),
    );
    let area: i64 =
        sqlx::query_scalar("SELECT area_id FROM meters WHERE id = $1").bind(meter).fetch_one(&h.db.pool).await.unwrap();
    let rename = app::model::area::AreaRename { id: app::model::ids::AreaId(area), name: "Renamed Area".into() };
    app::backend::services::areas::rename_area(&h.db, &admin, rename).await.unwrap();
    assert_eq!(list().await["values"][0]["areaOrgName"], "Renamed Area");
});
