//! The utility's clock (issue 15): time-of-use periods, days and months in
//! the meter's zone, an area's zone for its subtree only.

use crate::harness::{ADMIN, Harness, NORTH_ADMIN, reading};
use app::backend::auth::{Caller, load_admin};
use app::backend::services::ingest::ingest;
use app::backend::services::{prices, zones};
use app::backend::state::Settings;
use app::model::EnergyType;
use app::model::UnitPrice;
use app::model::ids::{AdminId, MeterId};
use app::model::meter::MeterRef;
use app::model::price::{NewPricePlan, Periods, Tariff};
use app::model::zone::Zone;
use serde_json::json;

async fn admin(h: &Harness) -> Caller {
    Caller::Admin(load_admin(&h.db, AdminId(1)).await.unwrap())
}

fn zone(name: &str) -> Zone {
    Zone::parse(name).unwrap()
}

async fn read(h: &Harness, meter: i64, at: &str, forward: &str) {
    ingest(&h.db, &Settings::default(), MeterId(meter), reading(at, forward)).await.unwrap();
}

async fn balance(h: &Harness, meter: i64) -> i64 {
    sqlx::query_scalar("SELECT h.balance FROM households h JOIN meters m ON m.household_id = h.id WHERE m.id = $1")
        .bind(meter)
        .fetch_one(&h.db.pool)
        .await
        .unwrap()
}

/// A postpaid water meter (billed monthly) through the legacy door.
async fn postpaid(h: &Harness, token: &str, dev_eui: &str, area: app::model::ids::AreaId) -> i64 {
    let answer = h
        .call(
            token,
            "comApi",
            "addMeter",
            json!({"devEui": dev_eui, "customerName": format!("Postpaid {dev_eui}"), "pricelId": h.water_price.0,
                   "meterType": "0", "areaId": area.0}),
        )
        .await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    answer["id"].as_i64().unwrap()
}

both!(time_of_use_is_priced_on_the_meters_wall_clock, |h: Harness| async move {
    let admin = admin(&h).await;
    zones::set_area_zone(&h.db, &admin, h.north, Some(zone("Asia/Shanghai"))).await.unwrap();
    let plan = prices::add_price(
        &h.db,
        &admin,
        NewPricePlan {
            area_id: None,
            name: "water-tou".into(),
            energy_type: EnergyType::Water,
            tariff: Tariff::TimeOfUse {
                flat: UnitPrice::parse("2").unwrap(),
                peak: UnitPrice::parse("3").unwrap(),
                valley: UnitPrice::parse("1").unwrap(),
                tip: UnitPrice::parse("4").unwrap(),
                periods: Periods::parse("00:00=valley,08:00=peak,12:00=flat").unwrap(),
            },
        },
    )
    .await
    .unwrap();
    let token = h.token(ADMIN).await;
    let added = h
        .call(
            &token,
            "comApi",
            "addMeter",
            json!({"devEui": "8cf9572000150001", "customerName": "Shanghai", "pricelId": plan.0, "customerFee": "150",
                   "meterType": "1", "areaId": h.north.0}),
        )
        .await;
    assert_eq!(added["errcode"], "0", "{added}");
    let meter = added["id"].as_i64().unwrap();
    // 01:00 UTC is 09:00 in Shanghai: the peak (3.00), not the valley of 01:00.
    read(&h, meter, "2024-05-01 01:00:00", "2").await;
    assert_eq!(balance(&h, meter).await, 15_000 - 600, "2 units at the peak price");
    // 20:00 UTC is 04:00 the next morning there: the valley (1.00), not the flat of 20:00.
    read(&h, meter, "2024-05-01 20:00:00", "3").await;
    assert_eq!(balance(&h, meter).await, 15_000 - 600 - 100);
    h.assert_ledger_sound().await;
});

both!(days_split_at_local_midnight_and_an_areas_zone_is_its_subtrees_only, |h: Harness| async move {
    app::backend::store::zones::set_installation(&h.db, zone("Africa/Nairobi")).await.unwrap();
    let admin = admin(&h).await;
    let token = h.token(ADMIN).await;
    let nairobi = h.add_meter(&token, "8cf9572000150002", "Nairobi", h.north).await;
    // 21:00, 23:30 and 00:30 (the next day) in Nairobi.
    for (at, forward) in [("2024-05-01 18:00:00", "1"), ("2024-05-01 20:30:00", "3"), ("2024-05-01 21:30:00", "7")] {
        read(&h, nairobi, at, forward).await;
    }
    let day = |date: &'static str| {
        let (h, token) = (&h, token.clone());
        async move {
            let answer = h
                .call(
                    &token,
                    "lorawanApi",
                    "queryAllDailyConsumption",
                    json!({"devEui": "8cf9572000150002", "date": date}),
                )
                .await;
            answer["data"][0]["consumption"].as_str().unwrap().to_owned()
        }
    };
    assert_eq!(day("2024-05-01").await, "2", "21:00 to 23:30 local");
    assert_eq!(day("2024-05-02").await, "4", "the 00:30 reading is the next local day's");
    let monthly = h
        .call(
            &token,
            "lorawanApi",
            "queryAllMonthlyConsumption",
            json!({"devEui": "8cf9572000150002", "date": "2024-05"}),
        )
        .await;
    assert_eq!(monthly["data"][0]["consumption"], "6", "{monthly}");

    // South sets its own zone: its meters follow it, North's keep the installation's.
    zones::set_area_zone(&h.db, &admin, h.south, Some(zone("Asia/Shanghai"))).await.unwrap();
    let south = h.add_meter(&token, "8cf9572000150003", "Shanghai", h.south).await;
    let of = |m: i64| {
        let (h, admin) = (&h, admin.clone());
        async move { zones::of_meter(&h.db, &admin, &MeterRef::Id(MeterId(m))).await.unwrap() }
    };
    assert_eq!(of(south).await, zone("Asia/Shanghai"));
    assert_eq!(of(nairobi).await, zone("Africa/Nairobi"));
    // An area operator cannot set the zone of an area not theirs.
    let north = Caller::Admin(load_admin(&h.db, AdminId(2)).await.unwrap());
    assert_eq!(north.admin().unwrap().username, NORTH_ADMIN.0);
    let refused = zones::set_area_zone(&h.db, &north, h.south, Some(zone("UTC"))).await;
    assert!(matches!(refused, Err(app::backend::ServiceError::Forbidden(_))), "{refused:?}");
    zones::set_area_zone(&h.db, &admin, h.south, None).await.unwrap();
    assert_eq!(of(south).await, zone("Africa/Nairobi"), "cleared: inherits again");
});

both!(a_berlin_billing_run_bills_local_months_across_daylight_saving_once, |h: Harness| async move {
    let admin = admin(&h).await;
    zones::set_area_zone(&h.db, &admin, h.south, Some(zone("Europe/Berlin"))).await.unwrap();
    let token = h.token(ADMIN).await;
    let berlin = postpaid(&h, &token, "8cf9572000150004", h.south).await;
    let utc = postpaid(&h, &token, "8cf9572000150005", h.north).await;
    for meter in [berlin, utc] {
        for (at, forward) in [
            ("2024-02-29 22:30:00", "10"), // Berlin: 29 February 23:30, before its March
            ("2024-03-31 21:30:00", "15"), // Berlin: 31 March 23:30 (summer time)
            ("2024-03-31 22:30:00", "40"), // Berlin: 1 April 00:30
            ("2024-10-31 22:30:00", "50"), // Berlin: 31 October 23:30 (winter time)
            ("2024-10-31 23:30:00", "70"), // Berlin: 1 November 00:30
        ] {
            read(&h, meter, at, forward).await;
        }
    }
    for month in ["2024-03", "2024-10"] {
        for run in 0..2 {
            let answer = h.call(&token, "comApi", "runBilling", json!({"billDate": month})).await;
            assert_eq!(answer["errcode"], "0", "{answer}");
            assert_eq!(answer["created"], if run == 0 { 2 } else { 0 }, "one bill per meter and month: {answer}");
        }
    }
    let dosage = |eui: &'static str, month: &'static str| {
        let (h, token) = (&h, token.clone());
        async move {
            let bills = h.call(&token, "comApi", "queryMonthBillInfo", json!({"deveui": eui, "billDate": month})).await;
            assert_eq!(bills["pageInfo"]["rowTotal"], 1, "{bills}");
            bills["values"][0]["dosage"].as_str().unwrap().to_owned()
        }
    };
    assert_eq!(dosage("8cf9572000150004", "2024-03").await, "5", "Berlin's March: 10 to 15");
    assert_eq!(dosage("8cf9572000150004", "2024-10").await, "10", "Berlin's October: 40 to 50");
    assert_eq!(dosage("8cf9572000150005", "2024-03").await, "30", "UTC's March: 10 to 40");
    assert_eq!(dosage("8cf9572000150005", "2024-10").await, "30", "UTC's October: 40 to 70");
});

both!(the_legacy_door_reads_and_writes_wall_clock_times, |h: Harness| async move {
    app::backend::store::zones::set_installation(&h.db, zone("Africa/Nairobi")).await.unwrap();
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000150006", "Nairobi", h.north).await;
    read(&h, meter, "2024-05-01 20:30:00", "3").await; // 23:30 in Nairobi
    let live = h.call(&token, "lorawanApi", "queryRealTimeData", json!({"devEui": "8cf9572000150006"})).await;
    assert_eq!(live["data"]["readTime"], "2024-05-01 23:30:00", "{live}");
    // A range typed in local time: 23:00 to the end of the local day.
    let listed = h
        .call(
            &token,
            "comApi",
            "getMeterReadings",
            json!({"areaId": h.root.0, "startDate": "2024-05-01 23:00:00", "endDate": "2024-05-01"}),
        )
        .await;
    assert_eq!(listed["pageInfo"]["rowTotal"], 1, "{listed}");
    assert_eq!(listed["values"][0]["meterReadingtime"], "2024-05-01 23:30:00");
    // The same hour read as UTC would miss it: the next local day has nothing.
    let next_day = h
        .call(
            &token,
            "comApi",
            "getMeterReadings",
            json!({"areaId": h.root.0, "startDate": "2024-05-02", "endDate": "2024-05-02"}),
        )
        .await;
    assert_eq!(next_day["pageInfo"]["rowTotal"], 0, "{next_day}");
    let history = h
        .call(
            &token,
            "lorawanMeter",
            "queryHistoryMeterReading",
            json!({"devEui": "8cf9572000150006", "startDate": "2024-05-01", "endDate": "2024-05-01"}),
        )
        .await;
    assert_eq!(history["data"][0]["readTime"], "2024-05-01 23:30:00", "{history}");
    let daily = h
        .call(
            &token,
            "lorawanApi",
            "queryAllDailyConsumption",
            json!({"devEui": "8cf9572000150006", "date": "2024-05-01"}),
        )
        .await;
    assert_eq!(daily["data"][0]["readTime"], "2024-05-01 23:30:00", "{daily}");
});

both!(operators_set_an_areas_zone_from_the_portal, |h: Harness| async move {
    use crate::server_fns::{call, sign_in};
    let cookie = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (status, err) =
        call(&h, Some(&cookie), "set_area_zone", json!({"req": {"id": h.south.0, "time_zone": "Mars/Base"}})).await;
    assert_eq!(status, 400, "{err}");
    assert_eq!(err["Invalid"]["field"], "time_zone", "{err}");
    let (status, _) =
        call(&h, Some(&cookie), "set_area_zone", json!({"req": {"id": h.south.0, "time_zone": "africa/kigali"}})).await;
    assert_eq!(status, 200);
    let (_, areas) = call(&h, Some(&cookie), "list_areas", json!({})).await;
    let south = areas.as_array().unwrap().iter().find(|a| a["id"] == h.south.0).unwrap().clone();
    assert_eq!(south["time_zone"], "Africa/Kigali", "{areas}");
    let north = sign_in(&h, "Admin", NORTH_ADMIN).await.unwrap();
    let (status, _) = call(&h, Some(&north), "set_area_zone", json!({"req": {"id": h.south.0, "time_zone": ""}})).await;
    assert_eq!(status, 403, "not north's area");
    let (status, _) =
        call(&h, Some(&cookie), "set_area_zone", json!({"req": {"id": h.south.0, "time_zone": ""}})).await;
    assert_eq!(status, 200);
    let (_, areas) = call(&h, Some(&cookie), "list_areas", json!({})).await;
    assert!(areas.as_array().unwrap().iter().all(|a| a["time_zone"].is_null()), "cleared: {areas}");
});

both!(exports_take_and_write_local_times, |h: Harness| async move {
    app::backend::store::zones::set_installation(&h.db, zone("Africa/Nairobi")).await.unwrap();
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000150007", "Csv Nairobi", h.north).await;
    read(&h, meter, "2026-01-05 21:30:00", "4").await; // 6 January 00:30 in Nairobi
    let cookie = crate::server_fns::sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (status, _, body) =
        crate::portal_ops::get(&h, Some(&cookie), "/export/readings.csv?start=2026-01-06&end=2026-01-06").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body.lines().count(), 2, "the local day holds the reading: {body}");
    assert!(body.contains("2026-01-06 00:30:00"), "{body}");
    let (_, _, body) =
        crate::portal_ops::get(&h, Some(&cookie), "/export/readings.csv?start=2026-01-05&end=2026-01-05").await;
    assert_eq!(body.lines().count(), 1, "nothing on the 5th, local time: {body}");
    // The readings page's date filter reads the same local day.
    let (status, _, page) =
        crate::portal_ops::get(&h, Some(&cookie), "/admin/readings?q=Csv+Nairobi&start=2026-01-06&end=2026-01-06")
            .await;
    assert_eq!(status, 200);
    // People read the date as their language writes it (the CSV keeps ISO times).
    assert!(page.contains("6 Jan 2026, 00:30"), "the page lists it on its local day: {page}");
    let (_, _, page) =
        crate::portal_ops::get(&h, Some(&cookie), "/admin/readings?q=Csv+Nairobi&start=2026-01-05&end=2026-01-05")
            .await;
    assert!(page.contains("Times in ") && page.contains("Africa/Nairobi"), "{page}");
    assert!(!page.contains("2026, 00:30"), "nothing on the 5th, local time: {page}");
});
