//! The calls real client programs make (compat-notes, "More facts from the
//! same clients"), sent as they send them through both of the legacy door's
//! paths, with the fields they read back checked for presence and type.

use crate::harness::{ADMIN, Harness, LEGACY_PATHS, NORTH_ADMIN, assert_refused, reading};
use app::backend::clock::now;
use app::backend::services::ingest::ingest;
use app::backend::state::Settings;
use app::model::ids::MeterId;
use app::model::time::Timestamp;
use serde_json::{Value, json};

const IMEI_A: &str = "862437040310543";
const IMEI_B: &str = "862437040310550";
const EUI_C: &str = "8cf9572000120001";

async fn valve_record(h: &Harness, meter: i64, execution: i64, at: &str) {
    sqlx::query(
        "INSERT INTO valve_records (meter_id, execution, cause, actor, created_at) VALUES ($1, $2, 'test', 'admin:admin', $3)",
    )
    .bind(meter)
    .bind(execution)
    .bind(Timestamp::parse(at).unwrap().0)
    .execute(&h.db.pool)
    .await
    .unwrap();
}

fn rows(answer: &Value, key: &str) -> Vec<Value> {
    answer[key].as_array().unwrap_or_else(|| panic!("{key} is not a list: {answer}")).clone()
}

both!(an_imei_in_a_dev_eui_key_names_the_meter_in_every_method, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    // addMeter with the IMEI in devEui registers it as the IMEI.
    let meter = h.add_meter(&token, IMEI_A, "Cellular A", h.north).await;
    let other = h.add_meter(&token, EUI_C, "LoRa C", h.north).await;
    for (path, amount) in LEGACY_PATHS.into_iter().zip(["5", "6"]) {
        for key in ["devEui", "deveui", "devEUI"] {
            let info = h.call_at(path, &token, "lorawanMeter", "getAreaArchiveInfo", json!({key: IMEI_A})).await;
            assert_eq!(info["errcode"], "0", "{path} {key}: {info}");
            let value = &info["value"];
            assert_eq!(value["id"], meter);
            assert_eq!(value["nbonetNetImei"], IMEI_A);
            assert_eq!(value["deveui"], "", "present and a string, empty for a meter without a DevEUI: {info}");
            assert_eq!(value["priceName"], "water-flat", "{info}");
            assert_eq!(value["flatPrice"], json!(2.5), "{info}");
        }
        let topped = h
            .call_at(path, &token, "lorawanMeter", "remotelyTopUp", json!({"deveui": IMEI_A, "topUpAmount": amount}))
            .await;
        assert_eq!(topped["errcode"], "0", "{path}: {topped}");
        let order = topped["orderId"].as_str().unwrap().to_owned();
        let found = h
            .call_at(path, &token, "lorawanMeter", "getRechargeOrderInfo", json!({"orderId": order, "deveui": IMEI_A}))
            .await;
        assert_eq!(found["errcode"], "0", "{found}");
        assert_eq!(found["value"]["orderId"], order.as_str());
        let live = h.call_at(path, &token, "lorawanMeter", "queryRealTimeData", json!({"devEui": IMEI_A})).await;
        assert_eq!(live["errcode"], "0", "{live}");
        assert_eq!(live["data"]["gps"], "", "a string even when no position is known: {live}");
        assert_eq!(live["data"]["nbonetNetImei"], IMEI_A);
        assert_eq!(live["data"]["devEui"], "");
        let valve = h.call_at(path, &token, "lorawanMeter", "readValveStatus", json!({"devEUI": IMEI_A})).await;
        assert_eq!(valve["errcode"], "0", "{valve}");
        assert_eq!(valve["data"]["nbonetNetImei"], IMEI_A);
        let set = h
            .call_at(path, &token, "lorawanMeter", "setValveState", json!({"deveui": IMEI_A, "valveState": "1"}))
            .await;
        assert_eq!(set["errcode"], "0", "{set}");
        assert!(set["valueId"].is_string(), "{set}");
    }
    let balance: i64 =
        sqlx::query_scalar("SELECT h.balance FROM households h JOIN meters m ON m.household_id = h.id WHERE m.id = $1")
            .bind(meter)
            .fetch_one(&h.db.pool)
            .await
            .unwrap();
    assert_eq!(balance, 15_000 + 500 + 600, "the opening 150.00 and the two top-ups, each credited once");
    // An order is found under its own meter only.
    let theirs = h.call(&token, "lorawanMeter", "remotelyTopUp", json!({"devEui": EUI_C, "topUpAmount": "1"})).await;
    let theirs = theirs["orderId"].as_str().unwrap().to_owned();
    let before = h.snapshot().await;
    assert_refused(
        &h.call(&token, "lorawanMeter", "getRechargeOrderInfo", json!({"orderId": theirs, "deveui": IMEI_A})).await,
        "-3",
        "not found",
    );
    assert_refused(
        &h.call(&token, "lorawanMeter", "queryRealTimeData", json!({"devEui": "12345"})).await,
        "-1",
        "an IMEI (14 to 17 digits)",
    );
    assert_eq!(h.snapshot().await, before);
    assert_ne!(other, meter);
    h.assert_ledger_sound().await;
});

both!(several_keys_name_one_meter_and_two_meters_are_refused, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let a = h.add_meter(&token, IMEI_A, "Cellular A", h.north).await;
    h.add_meter(&token, EUI_C, "LoRa C", h.north).await;
    let south = h.add_meter(&token, IMEI_B, "Cellular South", h.south).await;
    let all_four = json!({"imei": IMEI_A, "nbonetNetImei": IMEI_A, "devEui": IMEI_A, "meterNo": IMEI_A});
    for path in LEGACY_PATHS {
        let live = h.call_at(path, &token, "lorawanMeter", "queryRealTimeData", all_four.clone()).await;
        assert_eq!(live["errcode"], "0", "{live}");
        assert_eq!(live["data"]["nbonetNetImei"], IMEI_A);
    }
    let before = h.snapshot().await;
    let two = h
        .call(&token, "lorawanMeter", "setValveState", json!({"devEui": EUI_C, "imei": IMEI_A, "valveState": "0"}))
        .await;
    assert_refused(&two, "-1", "two different meters");
    assert_eq!(h.snapshot().await, before, "a refused command writes nothing");
    // For north, the south meter's IMEI names nothing it may see: the key
    // naming its own meter is used.
    let north = h.token(NORTH_ADMIN).await;
    let mixed = h.call(&north, "lorawanMeter", "queryRealTimeData", json!({"devEui": IMEI_A, "imei": IMEI_B})).await;
    assert_eq!(mixed["errcode"], "0", "{mixed}");
    assert_eq!(mixed["data"]["nbonetNetImei"], IMEI_A);
    assert_refused(
        &h.call(&north, "lorawanMeter", "readValveStatus", json!({"imei": IMEI_B})).await,
        "-3",
        "not found",
    );
    // Admin sees both: two meters, refused.
    let both = h.call(&token, "lorawanMeter", "queryRealTimeData", json!({"devEui": IMEI_A, "imei": IMEI_B})).await;
    assert_refused(&both, "-1", "two different meters");
    assert_ne!(a, south);
});

both!(consumption_and_current_readings_by_imei_lists, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let a = h.add_meter(&token, IMEI_A, "Cellular A", h.north).await;
    let b = h.add_meter(&token, IMEI_B, "Cellular B", h.north).await;
    for (meter, at, forward) in [
        (a, "2024-05-01 08:00:00", "1"),
        (a, "2024-05-01 20:00:00", "4"),
        (b, "2024-05-01 09:00:00", "10"),
        (b, "2024-05-02 09:00:00", "12.5"),
    ] {
        ingest(&h.db, &Settings::default(), MeterId(meter), reading(at, forward)).await.unwrap();
    }
    let today = now().date_text();
    for path in LEGACY_PATHS {
        let day = h
            .call_at(
                path,
                &token,
                "lorawanMeter",
                "queryAllDailyConsumption",
                json!({"nbonetNetImeis": format!("{IMEI_A},{IMEI_B}"), "date": "2024-05-01"}),
            )
            .await;
        assert_eq!(day["errcode"], "0", "{day}");
        let data = rows(&day, "data");
        assert_eq!(data.len(), 2, "{day}");
        assert_eq!(data[0]["nbonetNetImei"], IMEI_A);
        assert_eq!(data[0]["devEui"], IMEI_A, "a cellular meter's row is matched by its IMEI");
        assert_eq!(data[0]["consumption"], "3");
        assert_eq!(data[1]["nbonetNetImei"], IMEI_B);
        let empty_date = h
            .call_at(
                path,
                &token,
                "lorawanMeter",
                "queryAllDailyConsumption",
                json!({"nbonetNetImeis": IMEI_A, "date": ""}),
            )
            .await;
        assert_eq!(rows(&empty_date, "data")[0]["date"], today.as_str(), "\"\" is today: {empty_date}");
        let month = h
            .call_at(
                path,
                &token,
                "lorawanMeter",
                "queryAllMonthlyConsumption",
                json!({"nbonetNetImeis": [IMEI_A, IMEI_B], "date": "2024-05"}),
            )
            .await;
        let data = rows(&month, "data");
        assert_eq!((data[0]["consumption"].clone(), data[1]["consumption"].clone()), (json!("3"), json!("2.5")));
        let this_month = h
            .call_at(
                path,
                &token,
                "lorawanMeter",
                "queryAllMonthlyConsumption",
                json!({"nbonetNetImeis": IMEI_B, "date": ""}),
            )
            .await;
        assert_eq!(rows(&this_month, "data")[0]["date"], &today[..7], "{this_month}");
        let current = h
            .call_at(
                path,
                &token,
                "lorawanMeter",
                "queryAllMeterCurrentReading",
                json!({"nbonetNetImeis": format!("{IMEI_B},{IMEI_A}")}),
            )
            .await;
        assert_eq!(current["errcode"], "0", "{current}");
        let data = rows(&current, "data");
        assert_eq!(data[0]["nbonetNetImei"], IMEI_B);
        assert_eq!(data[0]["reading"], "12.5000");
        assert_eq!(data[1]["id"], a);
    }
    assert_refused(
        &h.call(&token, "lorawanMeter", "queryAllDailyConsumption", json!({"nbonetNetImeis": "86243704031"})).await,
        "-1",
        "nbonetNetImeis",
    );
});

both!(one_meters_histories_without_an_area, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let a = h.add_meter(&token, IMEI_A, "Cellular A", h.north).await;
    let b = h.add_meter(&token, IMEI_B, "Cellular B", h.north).await;
    valve_record(&h, a, 0, "2020-01-10 10:39:57").await;
    valve_record(&h, a, 1, "2020-01-11 10:00:00").await;
    valve_record(&h, b, 0, "2020-01-11 11:00:00").await;
    for path in LEGACY_PATHS {
        let all = h
            .call_at(
                path,
                &token,
                "comApi",
                "getValverecord",
                json!({"nbonetNetImei": IMEI_A, "startDate": "", "endDate": ""}),
            )
            .await;
        assert_eq!(all["errcode"], "0", "{all}");
        assert_eq!(all["pageInfo"]["rowTotal"], 2, "that meter's records only: {all}");
        let until_the_11th = h
            .call_at(
                path,
                &token,
                "comApi",
                "getValverecord",
                json!({"nbonetNetImei": IMEI_A, "startDate": "2020-01-11", "endDate": "2020-01-11"}),
            )
            .await;
        assert_eq!(until_the_11th["pageInfo"]["rowTotal"], 1, "a bare end date is the whole day: {until_the_11th}");
        assert_eq!(until_the_11th["values"][0]["dateTime"], "2020-01-11 10:00:00");
        let in_area = h
            .call_at(
                path,
                &token,
                "comApi",
                "getValverecord",
                json!({"areaId": h.root.0, "nbonetNetImei": IMEI_B, "startDate": "", "endDate": ""}),
            )
            .await;
        assert_eq!(in_area["pageInfo"]["rowTotal"], 1, "an area and a meter: the meter's: {in_area}");
        assert_eq!(in_area["values"][0]["username"], "Cellular B");
    }
    let recent = Timestamp(now().0 - 86_400).text();
    let old = Timestamp(now().0 - 40 * 86_400).text();
    ingest(&h.db, &Settings::default(), MeterId(a), reading(&old, "1")).await.unwrap();
    ingest(&h.db, &Settings::default(), MeterId(a), reading(&recent, "2")).await.unwrap();
    let history = h
        .call(
            &token,
            "lorawanMeter",
            "queryHistoryMeterReading",
            json!({"devEui": IMEI_A, "startDate": "", "endDate": ""}),
        )
        .await;
    assert_eq!(history["errcode"], "0", "empty dates are the last 30 days, not an error: {history}");
    let points = rows(&history, "data");
    assert_eq!(points.len(), 1, "{history}");
    assert_eq!(points[0]["readTime"], recent.as_str());
    // getMeterReadings: a bare end date takes in the day, each row has a valueId.
    let day = &recent[..10];
    let listed = h
        .call(
            &token,
            "comApi",
            "getMeterReadings",
            json!({"areaId": h.root.0, "startDate": day, "endDate": day, "pageNumber": 1, "pageSize": 10}),
        )
        .await;
    assert_eq!(listed["errcode"], "0", "{listed}");
    assert_eq!(listed["pageInfo"]["rowTotal"], 1, "{listed}");
    assert!(listed["values"][0]["valueId"].is_i64(), "{listed}");
    assert_eq!(listed["values"][0]["valueId"], listed["values"][0]["id"]);
});

both!(month_bills_by_imei_with_a_bill_date, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let a = h.add_meter(&token, IMEI_A, "Cellular A", h.north).await;
    let b = h.add_meter(&token, IMEI_B, "Cellular B", h.north).await;
    for (meter, month) in [(a, "2020-06"), (a, "2020-05"), (b, "2020-06")] {
        sqlx::query("INSERT INTO bills (meter_id, month, start_register, end_register, dosage, fee, status, created_at) VALUES ($1, $2, 0, 10000, 10000, 250, 0, 0)")
            .bind(meter)
            .bind(month)
            .execute(&h.db.pool)
            .await
            .unwrap();
    }
    for path in LEGACY_PATHS {
        let june = h
            .call_at(
                path,
                &token,
                "lorawanMeter",
                "queryMonthBillInfo",
                json!({"nbonetNetImei": IMEI_A, "billDate": "2020-06-15"}),
            )
            .await;
        assert_eq!(june["errcode"], "0", "{june}");
        assert_eq!(june["pageInfo"]["rowTotal"], 1, "that date's month, that meter: {june}");
        assert_eq!(june["values"][0]["settlementDate"], "2020-06");
        let by_dev_eui_key = h
            .call_at(
                path,
                &token,
                "lorawanMeter",
                "queryMonthBillInfo",
                json!({"devEui": IMEI_A, "billDate": "2020-05-01"}),
            )
            .await;
        assert_eq!(by_dev_eui_key["values"][0]["settlementDate"], "2020-05", "{by_dev_eui_key}");
    }
});

both!(command_results_read_both_ways_and_only_success_reads_as_done, |h: Harness| async move {
    use app::backend::services::commands::{acknowledge, sequence};
    use app::model::ids::CommandId;
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, EUI_C, "LoRa C", h.north).await;
    let command = |state: &'static str| {
        let h = &h;
        let token = token.clone();
        async move {
            let set =
                h.call(&token, "lorawanMeterApi", "setValveState", json!({"devEui": EUI_C, "valveState": state})).await;
            set["valueId"].as_str().unwrap().to_owned()
        }
    };
    let done = command("0").await;
    acknowledge(&h.db, MeterId(meter), sequence(CommandId(done.parse().unwrap())), true).await.unwrap();
    let refused = command("1").await;
    acknowledge(&h.db, MeterId(meter), sequence(CommandId(refused.parse().unwrap())), false).await.unwrap();
    for path in LEGACY_PATHS {
        let info = h.call_at(path, &token, "lorawanMeterApi", "queryCommandInfo", json!({"valueId": done})).await;
        assert_eq!(info["errcode"], "0", "{info}");
        assert_eq!(info["state"], 1);
        let entry = &info["jsonParse"]["values"][0];
        assert_eq!(entry["name"], "Implementation results", "{info}");
        assert!(entry["value"].is_string());
        assert_eq!(entry["Implementation results"], entry["value"], "the name as a key, too: {info}");
        let failed = h.call_at(path, &token, "lorawanMeterApi", "queryCommandInfo", json!({"valueId": refused})).await;
        assert_eq!(failed["errcode"], "0", "{failed}");
        let state = failed["state"].as_i64().unwrap();
        assert!(state != 1 && state != 2, "a failed command must not read as done: {failed}");
        assert_eq!(state, 3);
        assert!(failed["errmsg"].as_str().unwrap().starts_with("failed"), "{failed}");
    }
});

both!(refusals_carry_only_the_two_codes_clients_act_on, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    h.add_meter(&token, EUI_C, "LoRa C", h.north).await;
    for path in LEGACY_PATHS {
        let refusals = [
            h.call_at(path, &token, "comApi", "noSuchMethod", json!({})).await,
            h.call_at(path, &token, "lorawanMeterApi", "sendCommand", json!({"devEui": EUI_C, "commandStr": "reboot"}))
                .await,
            h.call_at(path, &token, "comApi", "getAreaArchiveInfo", json!({"devEui": "8cf9572000129999"})).await,
            h.call_at(path, &token, "comApi", "addMeterPrice", json!({"energyTypes": "WATER"})).await,
            h.legacy_at(
                path,
                json!({"action": "comApi", "method": "toLogin", "params": {"username": "admin", "password": "wrong"}}),
            )
            .await,
        ];
        for answer in &refusals {
            assert_eq!(answer["errcode"], "-1", "{path}: {answer}");
            assert!(answer["errcodeDetail"].is_string() && answer["errmsg"].is_string(), "{answer}");
        }
        assert_eq!(refusals[1]["errmsg"], "Unsupported commands!");
        for answer in [
            h.call_at(path, "no-such-token", "comApi", "readAllPrices", json!({})).await,
            h.legacy_at(path, json!({"action": "comApi", "method": "readAllPrices"})).await,
        ] {
            assert_eq!(answer["errcode"], "-31", "{path}: {answer}");
        }
    }
});

both!(client_tokens_live_while_used_and_named_tokens_work_everywhere, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    h.add_meter(&token, EUI_C, "LoRa C", h.north).await;
    // A toLogin token about to end is renewed by its use.
    let at = now().0;
    sqlx::query("UPDATE sessions SET expires_at = $1, last_used_at = $2 WHERE label = 'toLogin'")
        .bind(at + 2)
        .bind(at - 3600)
        .execute(&h.db.pool)
        .await
        .unwrap();
    // Written behind the server's back: forget the caller it keeps (5 s).
    h.db.caches.tokens.clear();
    let used = h.call(&token, "comApi", "readAllPrices", json!({})).await;
    assert_eq!(used["errcode"], "0", "{used}");
    let expires: i64 = sqlx::query_scalar("SELECT expires_at FROM sessions WHERE label = 'toLogin'")
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert!(expires >= at + 29 * 86_400, "renewed to 30 days after its use: {expires} vs {at}");
    tokio::time::sleep(std::time::Duration::from_millis(3_000)).await;
    let later = h.call(&token, "comApi", "readAllPrices", json!({})).await;
    assert_eq!(later["errcode"], "0", "past its old expiry, still working: {later}");

    // A named token an operator issued for two years works in every action.
    let admin = app::backend::auth::resolve_token(&h.db, &token, app::backend::auth::TokenKind::Api).await.unwrap();
    let issued = app::backend::services::tokens::issue(
        &h.db,
        &admin,
        app::model::token::NewApiToken { label: "billing system".into(), days: 730 },
    )
    .await
    .unwrap();
    assert!(issued.expires_at.0 >= at + 729 * 86_400);
    for path in LEGACY_PATHS {
        for action in ["comApi", "lorawanApi", "lorawanMeterApi", "lorawanMeter", "zlMeter"] {
            for (method, param) in [
                ("readAllPrices", json!({})),
                ("getAreaArchives", json!({"areaId": h.root.0})),
                ("queryRealTimeData", json!({"devEui": EUI_C})),
                ("getPaymod", json!({"devEuis": EUI_C})),
            ] {
                let answer = h.call_at(path, &issued.token, action, method, param).await;
                assert_eq!(answer["errcode"], "0", "{path} {action} {method}: {answer}");
            }
        }
    }
});

both!(to_login_lists_the_models_the_callers_meters_use_first, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let model_of = |name: &'static str| {
        let h = &h;
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM equipment_models WHERE name = $1")
                .bind(name)
                .fetch_one(&h.db.pool)
                .await
                .unwrap()
        }
    };
    let nb = model_of("NB-IoT water meter").await;
    let lora = model_of("LoRaWAN water meter").await;
    for (id, model, area) in [(IMEI_A, nb, h.south), (IMEI_B, nb, h.south), (EUI_C, lora, h.north)] {
        let meter = h.add_meter(&token, id, "Model user", area).await;
        sqlx::query("UPDATE meters SET equipment_model_id = $1 WHERE id = $2")
            .bind(model)
            .bind(meter)
            .execute(&h.db.pool)
            .await
            .unwrap();
    }
    let first_model = |who: (&'static str, &'static str)| {
        let h = &h;
        async move {
            let answer = h
                .legacy(
                    json!({"action": "comApi", "method": "toLogin", "params": {"username": who.0, "password": who.1}}),
                )
                .await;
            let models = rows(&answer["value"], "equipmentModel");
            assert!(models.len() >= 6, "every model is still listed: {answer}");
            models[0]["sysconfigEquipmentId"].as_i64().unwrap()
        }
    };
    assert_eq!(first_model(ADMIN).await, nb, "two of the admin's meters are NB-IoT");
    assert_eq!(first_model(NORTH_ADMIN).await, lora, "north's one meter is LoRaWAN");
});

both!(batches_take_imeis_and_a_meter_named_twice_answers_once, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let a = h.add_meter(&token, IMEI_A, "Cellular A", h.north).await;
    for path in LEGACY_PATHS {
        let twice = h
            .call_at(
                path,
                &token,
                "lorawanMeter",
                "queryAllDailyConsumption",
                json!({"devEui": IMEI_A, "nbonetNetImeis": IMEI_A, "ids": a, "date": "2024-05-01"}),
            )
            .await;
        assert_eq!(rows(&twice, "data").len(), 1, "{twice}");
        let current = h
            .call_at(path, &token, "comApi", "queryAllMeterCurrentReading", json!({"ids": a, "nbonetNetImeis": IMEI_A}))
            .await;
        assert_eq!(rows(&current, "data").len(), 1, "named by id and by IMEI, answered once: {current}");
        let modes =
            h.call_at(path, &token, "lorawanApi", "getPaymod", json!({"nbonetNetImeis": [IMEI_A, "123"]})).await;
        let data = rows(&modes, "data");
        assert_eq!((data[0]["code"].clone(), data[1]["code"].clone()), (json!(200), json!(300)), "{modes}");
        assert!(data[1]["msg"].as_str().unwrap().starts_with("devEuis must be a DevEUI"), "{modes}");
    }
    let removed = h.call(&token, "comApi", "archivesChange", json!({"type": 0, "devEuis": [IMEI_A]})).await;
    assert_eq!(removed["data"][0]["code"], 200, "{removed}");
    let status: String =
        sqlx::query_scalar("SELECT status FROM meters WHERE id = $1").bind(a).fetch_one(&h.db.pool).await.unwrap();
    assert_eq!(status, "removed");
    let recovered = h.call(&token, "comApi", "archivesChange", json!({"type": 2, "nbonetNetImei": IMEI_A})).await;
    assert_eq!(recovered["data"][0]["code"], 200, "{recovered}");
    let unknown = h.call(&token, "comApi", "archivesChange", json!({"type": 0, "devEuis": IMEI_B})).await;
    assert_eq!(unknown["data"][0]["code"], 300, "{unknown}");
    assert_eq!(unknown["data"][0]["msg"], "meter information not found!");
});

both!(a_cellular_meters_device_is_replaced_by_imei, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let a = h.add_meter(&token, IMEI_A, "Cellular A", h.north).await;
    h.add_meter(&token, EUI_C, "LoRa C", h.north).await;
    let before = h.snapshot().await;
    for (old, new, code, needle) in [
        (IMEI_A, EUI_C, "-1", "same kind of identifier"),
        (IMEI_A, IMEI_A, "-1", "the same as oldDeveui"),
        (IMEI_B, "862437040310999", "-3", "not found"),
    ] {
        let answer =
            h.call(&token, "comApi", "archivesChange", json!({"type": 1, "oldDeveui": old, "newDeveui": new})).await;
        assert_refused(&answer, code, needle);
    }
    assert_eq!(h.snapshot().await, before, "refusals change nothing");
    let replaced =
        h.call(&token, "comApi", "archivesChange", json!({"type": 1, "oldDeveui": IMEI_A, "newDeveui": IMEI_B})).await;
    assert_eq!(replaced["data"][0]["code"], 200, "{replaced}");
    assert_eq!(replaced["data"][0]["newDeveui"], IMEI_B);
    let info = h.call(&token, "lorawanMeter", "getAreaArchiveInfo", json!({"deveui": IMEI_B})).await;
    assert_eq!(info["value"]["id"], a, "the archive carries on under the new IMEI: {info}");
    assert_refused(
        &h.call(&token, "lorawanMeter", "getAreaArchiveInfo", json!({"deveui": IMEI_A})).await,
        "-3",
        "not found",
    );
});
