//! Friendly credit: a close for an overdrawn balance that falls in its
//! hours, days or holidays waits, on the meter's area's clock, and comes at
//! the next time outside them (or never, when a top-up comes first); the
//! ledger charges the same either way. Time is the test's.

use crate::harness::reading;
use crate::harness::{ADMIN, Harness, NORTH_ADMIN, household_session};
use crate::server_fns::{call, call_form, sign_in};
use app::backend::services::alerts::evaluate;
use app::backend::services::ingest::ingest;
use app::backend::services::valve_switching::close_waiting;
use app::backend::state::Settings;
use app::backend::store::alerts::{AlertRules, Scope};
use app::model::alert::AlertKind;
use app::model::friendly::FriendlyCredit;
use app::model::ids::MeterId;
use app::model::time::Timestamp;
use serde_json::json;

fn every_day() -> Settings {
    Settings { friendly: FriendlyCredit::parse("", "mon,tue,wed,thu,fri,sat,sun").unwrap(), ..Default::default() }
}

fn nights() -> Settings {
    Settings { friendly: FriendlyCredit::parse("18:00-08:00", "").unwrap(), ..Default::default() }
}

fn utc(text: &str) -> Timestamp {
    Timestamp(chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap().and_utc().timestamp())
}

/// A prepaid water meter with 10.00, overdraft 0.
async fn meter(h: &Harness, token: &str, dev_eui: &str, name: &str) -> MeterId {
    let answer = h
        .call(
            token,
            "comApi",
            "addMeter",
            json!({"devEui": dev_eui, "customerName": name, "priceId": h.water_price.0,
            "areaId": h.north.0, "customerFee": "10", "overdraftMoney": "0", "meterType": 1, "valveState": 1}),
        )
        .await;
    MeterId(answer["id"].as_i64().unwrap())
}

async fn closes(h: &Harness, meter: MeterId) -> Vec<String> {
    sqlx::query_scalar("SELECT kind FROM commands WHERE meter_id = $1 ORDER BY id")
        .bind(meter.0)
        .fetch_all(&h.db.pool)
        .await
        .unwrap()
}

async fn waiting(h: &Harness, meter: MeterId) -> bool {
    sqlx::query_scalar::<_, Option<i64>>("SELECT close_deferred_at FROM meters WHERE id = $1")
        .bind(meter.0)
        .fetch_one(&h.db.pool)
        .await
        .unwrap()
        .is_some()
}

async fn balance(h: &Harness, meter: MeterId) -> i64 {
    sqlx::query_scalar("SELECT h.balance FROM households h JOIN meters m ON m.household_id = h.id WHERE m.id = $1")
        .bind(meter.0)
        .fetch_one(&h.db.pool)
        .await
        .unwrap()
}

both!(an_overdraft_close_waits_for_friendly_credit_and_comes_after_it, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let friendly = every_day();
    let drinker = meter(&h, &token, "8cf9572000110001", "Night Drinker").await;
    // 6 m³ at 2.5 = 15.00 against 10.00: -5.00, below the overdraft of 0.
    ingest(&h.db, &friendly, drinker, reading("2026-12-05 22:00:00", "6")).await.unwrap();
    assert_eq!(balance(&h, drinker).await, -500, "charged as without friendly credit");
    assert!(closes(&h, drinker).await.is_empty(), "no close while friendly credit holds");
    assert!(waiting(&h, drinker).await);
    // Still friendly: still waiting.
    assert_eq!(close_waiting(&h.db, &friendly, utc("2026-12-06 10:00")).await.unwrap(), 0);
    assert!(closes(&h, drinker).await.is_empty());

    // A household that tops up before the close is only unmarked.
    let saver = meter(&h, &token, "8cf9572000110002", "Quick Saver").await;
    ingest(&h.db, &friendly, saver, reading("2026-12-05 22:00:00", "6")).await.unwrap();
    assert!(waiting(&h, saver).await);
    let topped =
        h.call(&token, "lorawanApi", "remotelyTopUp", json!({"devEui": "8cf9572000110002", "topUpAmount": "20"})).await;
    assert_eq!(topped["errcode"], "0", "{topped}");
    assert!(!waiting(&h, saver).await, "the top-up settles it");

    // The wait is an alert the household sees ("stays open through the night").
    let of_kind = |list: &[(AlertKind, i64)], kind: AlertKind| list.iter().filter(|(k, _)| *k == kind).count();
    let seen = evaluate(&h.db, &AlertRules::default(), Scope::All, utc("2026-12-06 10:00")).await.unwrap();
    assert_eq!(of_kind(&seen.opened, AlertKind::CloseWaiting), 1, "the drinker's, not the saver's: {seen:?}");
    let waiting_for: i64 = sqlx::query_scalar("SELECT meter_id FROM alerts WHERE kind = 'close_waiting'")
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(waiting_for, drinker.0);
    let session = household_session(&h, "Night Drinker").await;
    let (_, mine) =
        call(&h, Some(&session), "list_alerts", json!({"filter": {}, "page": {"number": 1, "size": 10}})).await;
    assert!(mine["rows"].as_array().unwrap().iter().any(|a| a["kind"] == "CloseWaiting"), "{mine}");

    // Friendly credit over: the waiting close comes, once.
    let over = Settings::default();
    assert_eq!(close_waiting(&h.db, &over, utc("2026-12-07 10:00")).await.unwrap(), 1);
    let closed = evaluate(&h.db, &AlertRules::default(), Scope::All, utc("2026-12-07 10:01")).await.unwrap();
    assert_eq!(of_kind(&closed.resolved, AlertKind::CloseWaiting), 1, "{closed:?}");
    assert_eq!(of_kind(&closed.opened, AlertKind::SupplyCut), 1, "{closed:?}");
    assert_eq!(closes(&h, drinker).await, ["close_valve"]);
    assert!(!waiting(&h, drinker).await);
    assert!(closes(&h, saver).await.is_empty());
    assert_eq!(close_waiting(&h.db, &over, utc("2026-12-07 10:01")).await.unwrap(), 0);
    let cause: String = sqlx::query_scalar("SELECT cause FROM valve_records WHERE meter_id = $1")
        .bind(drinker.0)
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(cause, "balance below overdraft (waited for friendly credit)");
    assert_eq!(balance(&h, drinker).await, -500, "the ledger is the same either way");
    h.assert_ledger_sound().await;
});

both!(friendly_hours_are_the_areas_clock_and_holidays_are_listed_by_the_top_areas_operators, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    // North runs on Nairobi's clock (UTC+3); the installation on UTC.
    let (status, answer) =
        call(&h, Some(&admin), "set_area_zone", json!({"req": {"id": h.north.0, "time_zone": "Africa/Nairobi"}})).await;
    assert_eq!(status, 200, "{answer}");
    let m = meter(&h, &token, "8cf9572000120001", "Evening Cook").await;
    ingest(&h.db, &every_day(), m, reading("2026-12-07 15:00:00", "6")).await.unwrap();
    assert!(waiting(&h, m).await);

    // 17:00 UTC is 20:00 in Nairobi: a friendly night there.
    assert_eq!(close_waiting(&h.db, &nights(), utc("2026-12-07 17:00")).await.unwrap(), 0);
    // Holidays: only the top area's operators list them; bad dates are named.
    let north = sign_in(&h, "Admin", NORTH_ADMIN).await.unwrap();
    let (status, _) =
        call_form(&h, Some(&north), "add_friendly_day", &[("day", "2026-12-08"), ("name", "Not Yours")]).await;
    assert_eq!(status, 403);
    let (status, answer) =
        call_form(&h, Some(&admin), "add_friendly_day", &[("day", "08/12/2026"), ("name", "X")]).await;
    assert_eq!(status, 400);
    assert!(answer.to_string().contains("day"), "{answer}");
    let (status, answer) =
        call_form(&h, Some(&admin), "add_friendly_day", &[("day", "2026-12-08"), ("name", "Founders' Day")]).await;
    assert_eq!(status, 200, "{answer}");
    let (status, _) =
        call_form(&h, Some(&admin), "add_friendly_day", &[("day", "2026-12-08"), ("name", "Again")]).await;
    assert_eq!(status, 409);
    let (_, listed) = call(&h, Some(&north), "list_friendly_days", json!({})).await;
    assert_eq!(listed, json!([{"day": "2026-12-08", "name": "Founders' Day"}]), "every operator reads the list");

    // 06:00 UTC on the 8th is 09:00 in Nairobi, past the night: but a holiday.
    assert_eq!(close_waiting(&h.db, &nights(), utc("2026-12-08 06:00")).await.unwrap(), 0);
    let (status, _) = call_form(&h, Some(&admin), "remove_friendly_day", &[("day", "2026-12-08")]).await;
    assert_eq!(status, 200);
    // On UTC's clock 06:00 would still be night; on Nairobi's it is morning: the close comes.
    assert_eq!(close_waiting(&h.db, &nights(), utc("2026-12-08 06:00")).await.unwrap(), 1);
    assert_eq!(closes(&h, m).await, ["close_valve"]);
    let (status, _) = call_form(&h, Some(&admin), "remove_friendly_day", &[("day", "2026-12-08")]).await;
    assert_eq!(status, 404);
});
