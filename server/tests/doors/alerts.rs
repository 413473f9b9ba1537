//! Alert rules with time set by the test: each opens once, resolves when its
//! condition clears, and keeps its history; operators see and acknowledge
//! only their areas' alerts, households only their own.

use crate::harness::{ADMIN, Harness, NORTH_ADMIN, household_session, reading};
use crate::server_fns::{call, sign_in};
use app::backend::services::alerts::{Evaluated, evaluate};
use app::backend::services::ingest::ingest;
use app::backend::state::Settings;
use app::backend::store::alerts::{AlertRules, Scope};
use app::model::alert::AlertKind;
use app::model::ids::MeterId;
use app::model::time::Timestamp;
use serde_json::json;

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn kinds(list: &[(AlertKind, i64)]) -> Vec<AlertKind> {
    let mut k: Vec<AlertKind> = list.iter().map(|(k, _)| *k).collect();
    k.sort();
    k
}

async fn run(h: &Harness, scope: Scope, now: &str) -> Evaluated {
    evaluate(&h.db, &AlertRules::default(), scope, at(now)).await.unwrap()
}

/// (kind, state) of a meter's alerts, oldest first.
async fn alerts_of(h: &Harness, meter: i64) -> Vec<(String, String)> {
    sqlx::query_as("SELECT kind, state FROM alerts WHERE meter_id = $1 ORDER BY id")
        .bind(meter)
        .fetch_all(&h.db.pool)
        .await
        .unwrap()
}

fn flagged(at: &str, forward: &str, alarms: i64, battery_mv: i64) -> app::model::reading::NewReading {
    app::model::reading::NewReading { alarms, battery_mv: Some(battery_mv), ..reading(at, forward) }
}

both!(meter_rules_open_once_and_resolve_when_cleared, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf95720001a0001", "Flagged", h.north).await;
    let settings = Settings::default();
    // Leak and magnet flags (bits 0 and 2) and a battery at 3.1 V.
    ingest(&h.db, &settings, MeterId(meter), flagged("2026-11-01 08:00:00", "2", 0b101, 3_100)).await.unwrap();
    let first = run(&h, Scope::All, "2026-11-01 08:10:00").await;
    assert_eq!(kinds(&first.opened), vec![AlertKind::Leak, AlertKind::Magnet, AlertKind::BatteryLow]);
    assert!(first.resolved.is_empty());
    // Evaluated again, and by the incremental path: nothing opens twice.
    assert_eq!(run(&h, Scope::All, "2026-11-01 08:20:00").await, Evaluated::default());
    assert_eq!(
        run(&h, Scope::ReportedSince(at("2026-11-01 07:00:00")), "2026-11-01 08:20:00").await,
        Evaluated::default()
    );
    // Three hours of silence (the default interval of 1 h, times 3) and a bit.
    let silent = run(&h, Scope::All, "2026-11-01 11:00:01").await;
    assert_eq!(kinds(&silent.opened), vec![AlertKind::MeterOffline]);
    let offline: (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT evidence_at, evidence_limit FROM alerts WHERE kind = 'meter_offline' AND meter_id = $1")
            .bind(meter)
            .fetch_one(&h.db.pool)
            .await
            .unwrap();
    assert_eq!(offline, (Some(at("2026-11-01 08:00:00").0), Some(3 * 3600)), "evidence: the last report and the limit");
    // A clean report resolves all four, through the incremental path.
    ingest(&h.db, &settings, MeterId(meter), flagged("2026-11-01 11:05:00", "2.5", 0, 3_600)).await.unwrap();
    let cleared = run(&h, Scope::ReportedSince(at("2026-11-01 11:00:00")), "2026-11-01 11:06:00").await;
    assert_eq!(
        kinds(&cleared.resolved),
        vec![AlertKind::MeterOffline, AlertKind::Leak, AlertKind::Magnet, AlertKind::BatteryLow]
    );
    assert!(cleared.opened.is_empty());
    assert!(alerts_of(&h, meter).await.iter().all(|(_, s)| s == "resolved"));
    // Each alert's history: opened, then resolved, by the system.
    let events: Vec<(String, String)> = sqlx::query_as(
        "SELECT e.state, e.actor FROM alert_events e JOIN alerts a ON a.id = e.alert_id
         WHERE a.meter_id = $1 AND a.kind = 'leak' ORDER BY e.id",
    )
    .bind(meter)
    .fetch_all(&h.db.pool)
    .await
    .unwrap();
    assert_eq!(events, vec![("open".into(), "system".into()), ("resolved".into(), "system".into())]);
    // The same flag later is a new alert, not the old one reopened.
    ingest(&h.db, &settings, MeterId(meter), flagged("2026-11-01 12:00:00", "3", 0b1, 3_600)).await.unwrap();
    let again = run(&h, Scope::ReportedSince(at("2026-11-01 11:06:00")), "2026-11-01 12:01:00").await;
    assert_eq!(kinds(&again.opened), vec![AlertKind::Leak]);
    let leaks = alerts_of(&h, meter).await.into_iter().filter(|(k, _)| k == "leak").count();
    assert_eq!(leaks, 2);
    // A register going backwards: reverse flow, until the register moves on.
    ingest(&h.db, &settings, MeterId(meter), reading("2026-11-01 13:00:00", "2.9")).await.unwrap();
    let backwards = run(&h, Scope::All, "2026-11-01 13:01:00").await;
    assert_eq!(kinds(&backwards.opened), vec![AlertKind::ReverseFlow]);
    assert_eq!(kinds(&backwards.resolved), vec![AlertKind::Leak]);
    ingest(&h.db, &settings, MeterId(meter), reading("2026-11-01 14:00:00", "3.2")).await.unwrap();
    assert_eq!(kinds(&run(&h, Scope::All, "2026-11-01 14:01:00").await.resolved), vec![AlertKind::ReverseFlow]);
    // A removed meter's alerts resolve: nobody is to act on them.
    ingest(&h.db, &settings, MeterId(meter), flagged("2026-11-01 15:00:00", "3.3", 0b10, 3_600)).await.unwrap();
    assert_eq!(kinds(&run(&h, Scope::All, "2026-11-01 15:01:00").await.opened), vec![AlertKind::Tamper]);
    let removed =
        h.call(&token, "lorawanApi", "archivesChange", json!({"type": "0", "devEuis": ["8cf95720001a0001"]})).await;
    assert_eq!(removed["data"][0]["code"], 200, "{removed}");
    assert_eq!(kinds(&run(&h, Scope::All, "2026-11-01 15:02:00").await.resolved), vec![AlertKind::Tamper]);
    assert_eq!(run(&h, Scope::All, "2026-11-09 00:00:00").await, Evaluated::default(), "removed: never offline");
});

both!(money_rules_follow_the_balance_and_the_valve, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let settings = Settings::default();
    let answer = h
        .call(
            &token,
            "comApi",
            "addMeter",
            json!({"devEui": "8cf95720001b0001", "customerName": "Spender", "priceId": h.water_price.0,
            "areaId": h.north.0, "customerFee": "10", "overdraftMoney": "0", "meterType": 1, "valveState": 1}),
        )
        .await;
    let meter = answer["id"].as_i64().unwrap();
    sqlx::query("UPDATE households SET warn_money = 500 WHERE name = 'Spender'").execute(&h.db.pool).await.unwrap();
    // 2 m³ at 2.5: 5.00 left, not below the warning of 5.00.
    ingest(&h.db, &settings, MeterId(meter), reading("2026-11-02 08:00:00", "2")).await.unwrap();
    assert_eq!(run(&h, Scope::All, "2026-11-02 08:01:00").await, Evaluated::default());
    // 1 m³ more: 2.50 left, below the warning.
    ingest(&h.db, &settings, MeterId(meter), reading("2026-11-02 09:00:00", "3")).await.unwrap();
    let low = run(&h, Scope::ReportedSince(at("2026-11-02 08:30:00")), "2026-11-02 09:01:00").await;
    assert_eq!(kinds(&low.opened), vec![AlertKind::LowBalance]);
    let evidence: (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT evidence_value, evidence_limit FROM alerts WHERE kind = 'low_balance'")
            .fetch_one(&h.db.pool)
            .await
            .unwrap();
    assert_eq!(evidence, (Some(250), Some(500)), "the balance and the warning, in cents");
    // 2 m³ more: -2.50, below the overdraft of 0: the valve is closed.
    ingest(&h.db, &settings, MeterId(meter), reading("2026-11-02 10:00:00", "5")).await.unwrap();
    let cut = run(&h, Scope::ReportedSince(at("2026-11-02 09:30:00")), "2026-11-02 10:01:00").await;
    assert_eq!(kinds(&cut.opened), vec![AlertKind::SupplyCut]);
    // A top-up reopens it: both resolve at the next sweep.
    let topped =
        h.call(&token, "lorawanApi", "remotelyTopUp", json!({"devEui": "8cf95720001b0001", "topUpAmount": "20"})).await;
    assert_eq!(topped["errcode"], "0", "{topped}");
    let restored = run(&h, Scope::All, "2026-11-02 10:05:00").await;
    assert_eq!(kinds(&restored.resolved), vec![AlertKind::LowBalance, AlertKind::SupplyCut]);
    assert!(restored.opened.is_empty());
});

both!(an_expired_command_alerts_until_one_of_its_kind_succeeds, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf95720001c0001", "Unanswered", h.north).await;
    let close = h
        .call(&token, "lorawanMeterApi", "setValveState", json!({"devEui": "8cf95720001c0001", "valveState": "0"}))
        .await;
    let id: i64 = close["valueId"].as_str().unwrap().parse().unwrap();
    sqlx::query("UPDATE commands SET expires_at = 1 WHERE id = $1").bind(id).execute(&h.db.pool).await.unwrap();
    assert_eq!(app::backend::services::commands::expire_due(&h.db).await.unwrap(), 1);
    let now = app::backend::clock::now();
    let later = |s: i64| Timestamp(now.0 + s);
    let e = evaluate(&h.db, &AlertRules::default(), Scope::All, later(60)).await.unwrap();
    assert!(kinds(&e.opened).contains(&AlertKind::CommandOverdue), "{e:?}");
    let value: Option<i64> = sqlx::query_scalar("SELECT evidence_value FROM alerts WHERE kind = 'command_overdue'")
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(value, Some(id), "the evidence names the command");
    // Tried again and acknowledged by the meter: resolved.
    let again = h
        .call(&token, "lorawanMeterApi", "setValveState", json!({"devEui": "8cf95720001c0001", "valveState": "0"}))
        .await;
    let retry: i64 = again["valueId"].as_str().unwrap().parse().unwrap();
    let e = evaluate(&h.db, &AlertRules::default(), Scope::All, later(120)).await.unwrap();
    assert!(!kinds(&e.resolved).contains(&AlertKind::CommandOverdue), "a retry on its way resolves nothing");
    use app::backend::services::commands::{acknowledge, sequence};
    use app::model::ids::CommandId;
    acknowledge(&h.db, MeterId(meter), sequence(CommandId(retry)), true).await.unwrap();
    let e = evaluate(&h.db, &AlertRules::default(), Scope::All, later(180)).await.unwrap();
    assert!(kinds(&e.resolved).contains(&AlertKind::CommandOverdue), "{e:?}");
});

both!(operators_see_and_acknowledge_only_their_areas_alerts, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let settings = Settings::default();
    let north_meter = h.add_meter(&token, "8cf95720001d0001", "North Leak", h.north).await;
    let south_meter = h.add_meter(&token, "8cf95720001d0002", "South Leak", h.south).await;
    for m in [north_meter, south_meter] {
        ingest(&h.db, &settings, MeterId(m), flagged("2026-11-03 08:00:00", "1", 0b1, 3_600)).await.unwrap();
    }
    let opened = run(&h, Scope::All, "2026-11-03 08:10:00").await;
    assert_eq!(kinds(&opened.opened), vec![AlertKind::Leak, AlertKind::Leak]);
    let south_alert: i64 = sqlx::query_scalar("SELECT id FROM alerts WHERE meter_id = $1 AND kind = 'leak'")
        .bind(south_meter)
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    let north_alert: i64 = sqlx::query_scalar("SELECT id FROM alerts WHERE meter_id = $1 AND kind = 'leak'")
        .bind(north_meter)
        .fetch_one(&h.db.pool)
        .await
        .unwrap();

    let north = sign_in(&h, "Admin", NORTH_ADMIN).await.unwrap();
    let page = json!({"number": 1, "size": 50});
    let (status, list) = call(&h, Some(&north), "list_alerts", json!({"filter": {"kind": "Leak"}, "page": page})).await;
    assert_eq!(status, 200, "{list}");
    let ids: Vec<i64> = list["rows"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![north_alert], "north sees its own leak only");
    assert_eq!(list["rows"][0]["meter_label"], "8cf95720001d0001");
    assert_eq!(list["rows"][0]["area_name"], "North");
    // Another area's alert, alone or among its own: not found, nothing acknowledged.
    let before = h.snapshot().await;
    let (status, refused) =
        call(&h, Some(&north), "acknowledge_alerts", json!({"ids": [north_alert, south_alert], "note": "seen"})).await;
    assert_eq!(status, 404, "{refused}");
    assert_eq!(h.snapshot().await, before);
    let (status, refused) =
        call(&h, Some(&north), "acknowledge_alerts", json!({"ids": [north_alert], "note": "x".repeat(501)})).await;
    assert_eq!(status, 400, "{refused}");
    assert!(refused.to_string().contains("note"), "{refused}");
    let (status, done) =
        call(&h, Some(&north), "acknowledge_alerts", json!({"ids": [north_alert], "note": "plumber sent"})).await;
    assert_eq!((status, done.clone()), (200, json!(1)), "{done}");
    // Twice: nothing more to acknowledge.
    let (_, twice) = call(&h, Some(&north), "acknowledge_alerts", json!({"ids": [north_alert], "note": "again"})).await;
    assert_eq!(twice, json!(0));
    let (_, history) = call(&h, Some(&north), "alert_history", json!({"id": north_alert})).await;
    assert_eq!(history[1]["state"], "Acknowledged", "{history}");
    assert_eq!(history[1]["actor"], "admin:north");
    assert_eq!(history[1]["note"], "plumber sent");
    let (status, _) = call(&h, Some(&north), "alert_history", json!({"id": south_alert})).await;
    assert_eq!(status, 404);
    // Acknowledged is still unresolved: counted, and listed by default.
    let (_, counts) = call(&h, Some(&north), "count_alerts", json!({"meter": null})).await;
    assert_eq!((counts["open"].clone(), counts["acknowledged"].clone()), (json!(0), json!(1)), "{counts}");
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (_, all) = call(&h, Some(&admin), "count_alerts", json!({"meter": null})).await;
    assert_eq!((all["open"].clone(), all["acknowledged"].clone()), (json!(1), json!(1)), "{all}");
    // Bulk: the root operator acknowledges both at once; one was done already.
    let (_, bulk) =
        call(&h, Some(&admin), "acknowledge_alerts", json!({"ids": [north_alert, south_alert], "note": ""})).await;
    assert_eq!(bulk, json!(1));
    // Filter by area: the root operator asks for South's.
    let (_, south_list) = call(
        &h,
        Some(&admin),
        "list_alerts",
        json!({"filter": {"area_id": h.south.0, "state": "Acknowledged"}, "page": page}),
    )
    .await;
    assert_eq!(south_list["total_rows"], 1, "{south_list}");
    // North may not ask for South's list.
    let (status, _) =
        call(&h, Some(&north), "list_alerts", json!({"filter": {"area_id": h.south.0}, "page": page})).await;
    assert_eq!(status, 403);
});

both!(a_household_sees_its_own_alerts_only, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let settings = Settings::default();
    let mine = h.add_meter(&token, "8cf95720001e0001", "Home Owner", h.north).await;
    let theirs = h.add_meter(&token, "8cf95720001e0002", "Neighbour", h.north).await;
    // A leak and a tamper flag at home, a leak next door.
    ingest(&h.db, &settings, MeterId(mine), flagged("2026-11-04 08:00:00", "1", 0b11, 3_600)).await.unwrap();
    ingest(&h.db, &settings, MeterId(theirs), flagged("2026-11-04 08:00:00", "1", 0b1, 3_600)).await.unwrap();
    evaluate(&h.db, &AlertRules::default(), Scope::All, app::backend::clock::now()).await.unwrap();
    let session = household_session(&h, "Home Owner").await;
    let (status, list) =
        call(&h, Some(&session), "list_alerts", json!({"filter": {}, "page": {"number": 1, "size": 20}})).await;
    assert_eq!(status, 200, "{list}");
    let rows = list["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "its leak; not the tamper flag (for operators), not the neighbour's: {list}");
    assert_eq!(rows[0]["kind"], "Leak");
    assert_eq!(rows[0]["meter_id"], mine);
    // Its dashboard says so, in words (served to a browser, no script needed).
    let (status, _, html) = crate::portal_ops::get(&h, Some(&session), "/household").await;
    assert_eq!(status, 200);
    assert!(html.contains("Needs your attention"), "{html}");
    assert!(html.contains("Meter 8cf95720001e0001 reports a possible leak"), "{html}");
    assert!(!html.contains("8cf95720001e0002"), "nothing of the neighbour's");
    // Households cannot acknowledge, nor count an operator's alerts.
    let id = rows[0]["id"].as_i64().unwrap();
    let (status, _) = call(&h, Some(&session), "acknowledge_alerts", json!({"ids": [id], "note": ""})).await;
    assert_eq!(status, 403);
    let (status, _) = call(&h, Some(&session), "count_alerts", json!({"meter": null})).await;
    assert_eq!(status, 403);
});

both!(a_silent_gateway_alerts_until_it_is_heard, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let added = h
        .call(
            &token,
            "lorawanApi",
            "addGateway",
            json!({"gwID": "b827ebfffe0a1b2c", "gwName": "Hilltop", "gwType": "rhf2s208", "region": "eu868"}),
        )
        .await;
    assert_eq!(added["errcode"], "0", "{added}");
    let now = app::backend::clock::now();
    let t = AlertRules::default();
    let quiet = evaluate(&h.db, &t, Scope::All, Timestamp(now.0 + 10 * 60)).await.unwrap();
    assert!(quiet.opened.is_empty(), "ten minutes is within the allowed silence: {quiet:?}");
    let silent = evaluate(&h.db, &t, Scope::All, Timestamp(now.0 + t.gateway_silence_s + 60)).await.unwrap();
    assert_eq!(kinds(&silent.opened), vec![AlertKind::GatewayOffline]);
    // The incremental path (meters that reported) leaves gateways alone.
    let eui = app::model::ids::GatewayEui::parse("b827ebfffe0a1b2c").unwrap();
    assert!(app::backend::services::gateways::heard(&h.db, &eui, &Default::default()).await.unwrap());
    let later = Timestamp(app::backend::clock::now().0 + 60);
    assert_eq!(evaluate(&h.db, &t, Scope::ReportedSince(now), later).await.unwrap(), Evaluated::default());
    let heard = evaluate(&h.db, &t, Scope::All, later).await.unwrap();
    assert_eq!(kinds(&heard.resolved), vec![AlertKind::GatewayOffline]);
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (_, list) = call(
        &h,
        Some(&admin),
        "list_alerts",
        json!({"filter": {"state": "Resolved"}, "page": {"number": 1, "size": 10}}),
    )
    .await;
    assert_eq!(list["rows"][0]["gateway_label"], "b827ebfffe0a1b2c Hilltop", "{list}");
});

both!(an_unmatched_payment_is_an_alert_of_the_top_area_until_it_is_settled, |h: Harness| async move {
    use app::backend::store::unmatched::{NewUnmatched, keep};
    use app::model::payment::ProviderId;
    let payment = NewUnmatched {
        provider: ProviderId::Mpesa,
        receipt: "SGH7K2L9QX",
        account: "NO-SUCH-ACCOUNT",
        payer: "254700000009",
        payer_name: "J. Doe",
        amount: app::model::fixed::Money::from_minor(12_000),
        currency: "KES",
        reason: "the account names no household",
        at: at("2026-11-02 09:00:00"),
    };
    assert!(keep(&h.db.pool, payment).await.unwrap());
    // Ingest does not move it: only the sweep looks.
    assert_eq!(
        run(&h, Scope::ReportedSince(at("2026-11-02 08:00:00")), "2026-11-02 09:01:00").await,
        Evaluated::default()
    );
    let opened = run(&h, Scope::All, "2026-11-02 09:01:00").await;
    assert_eq!(kinds(&opened.opened), vec![AlertKind::UnmatchedPayment]);
    assert_eq!(run(&h, Scope::All, "2026-11-02 09:02:00").await, Evaluated::default(), "once");

    let page = json!({"number": 1, "size": 50});
    let filter = json!({"filter": {"kind": "UnmatchedPayment"}, "page": page});
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (status, list) = call(&h, Some(&admin), "list_alerts", filter.clone()).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["rows"].as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list["rows"][0]["evidence"]["value"], 12_000);
    let north = sign_in(&h, "Admin", NORTH_ADMIN).await.unwrap();
    let (_, list) = call(&h, Some(&north), "list_alerts", filter).await;
    assert_eq!(list["rows"], json!([]), "an operator below the top area does not settle payments");

    let id: i64 = sqlx::query_scalar("SELECT id FROM unmatched_payments").fetch_one(&h.db.pool).await.unwrap();
    let (status, answer) = call(&h, Some(&admin), "refund_unmatched", json!({"id": id, "note": "sent back"})).await;
    assert_eq!(status, 200, "{answer}");
    let settled = run(&h, Scope::All, "2026-11-02 10:00:00").await;
    assert_eq!(settled.resolved.len(), 1, "{settled:?}");
    assert!(settled.opened.is_empty());
});

both!(use_in_every_hour_of_the_night_is_a_suspected_leak_until_a_quiet_night, |h: Harness| async move {
    use app::backend::services::night_flow::measure;
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf95720001f0001", "Night Tap", h.north).await;
    let settings = Settings::default();
    let rules = AlertRules::default();
    let report = |day: &'static str, registers: [&'static str; 5]| {
        let h = &h;
        let settings = &settings;
        async move {
            for (hour, register) in ["00:50", "01:50", "02:50", "03:50", "04:50"].iter().zip(registers) {
                let at = format!("{day} {hour}:00");
                ingest(&h.db, settings, MeterId(meter), reading(&at, register)).await.unwrap();
            }
        }
    };
    // The night of 2 November (01:00-05:00 on the installation's clock, UTC):
    // 10 litres in every hour, where 5 count as flow.
    report("2026-11-02", ["1.00", "1.01", "1.02", "1.03", "1.04"]).await;
    assert_eq!(
        measure(&h.db, &rules, at("2026-11-01 06:00:00"), at("2026-11-02 04:00:00")).await.unwrap(),
        0,
        "not over yet"
    );
    assert_eq!(measure(&h.db, &rules, at("2026-11-01 06:00:00"), at("2026-11-02 06:00:00")).await.unwrap(), 1);
    let opened = run(&h, Scope::All, "2026-11-02 06:01:00").await;
    assert_eq!(kinds(&opened.opened), vec![AlertKind::NightFlow]);
    let evidence: (i64, i64, i64) = sqlx::query_as(
        "SELECT evidence_at, evidence_value, evidence_limit FROM alerts WHERE kind = 'night_flow' AND meter_id = $1",
    )
    .bind(meter)
    .fetch_one(&h.db.pool)
    .await
    .unwrap();
    assert_eq!(evidence, (at("2026-11-02 01:00:00").0, 100, 50), "from 01:00, at least 0.01 an hour, 0.005 counts");
    assert_eq!(run(&h, Scope::All, "2026-11-02 06:02:00").await, Evaluated::default(), "once");
    // The household is told too.
    let session = household_session(&h, "Night Tap").await;
    let (status, list) =
        call(&h, Some(&session), "list_alerts", json!({"filter": {}, "page": {"number": 1, "size": 10}})).await;
    assert_eq!(status, 200, "{list}");
    assert!(list["rows"].as_array().unwrap().iter().any(|a| a["kind"] == "NightFlow"), "{list}");

    // The next night has a quiet hour: the suspicion is resolved.
    report("2026-11-03", ["1.05", "1.06", "1.06", "1.07", "1.08"]).await;
    assert_eq!(measure(&h.db, &rules, at("2026-11-02 06:00:00"), at("2026-11-03 06:00:00")).await.unwrap(), 1);
    assert_eq!(
        measure(&h.db, &rules, at("2026-11-03 06:00:00"), at("2026-11-03 07:00:00")).await.unwrap(),
        0,
        "measured once"
    );
    let quiet = run(&h, Scope::All, "2026-11-03 06:01:00").await;
    assert_eq!(kinds(&quiet.resolved), vec![AlertKind::NightFlow]);
});
