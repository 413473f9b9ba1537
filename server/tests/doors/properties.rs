//! Property tests: random sequences of top-ups (with retries), readings
//! (forward, repeated, backwards), operator balance settings, refunds,
//! device replacements and monthly bills paid from the balance keep the
//! ledger's invariants on both databases.

use crate::harness::{ADMIN, Harness, Kind};
use app::backend::auth::{Caller, load_admin};
use app::backend::services::billing::run_billing_unchecked;
use app::backend::services::consumption::month_bounds;
use app::backend::services::ingest::ingest;
use app::backend::services::refunds::refund;
use app::backend::state::Settings;
use app::model::fixed::Register;
use app::model::ids::{AdminId, MeterId};
use app::model::reading::NewReading;
use app::model::time::{Month, Timestamp};
use proptest::prelude::*;
use serde_json::json;

#[derive(Debug, Clone)]
enum Op {
    /// A top-up of `cents`, with a key from a small set so retries happen.
    TopUp { cents: i64, key: Option<u8> },
    /// A reading `advance` ten-thousandths above (or, when negative, below) the last.
    Reading { advance: i64 },
    /// The same reading again.
    Repeat,
    /// An operator sets the balance.
    SetBalance { cents: i64 },
    /// An operator refunds the latest top-up not yet refunded.
    Refund,
    /// The device is replaced by a new one whose register starts at zero.
    Replace,
    /// The household's postpaid meter advances `units` ten-thousandths in the
    /// next month, which is billed (twice: the second run writes nothing) and
    /// the bill paid from the balance.
    Bill { units: i64 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        // Few distinct amounts, so keyless re-sends and keyed retries with other amounts happen.
        (prop_oneof![Just(500_i64), Just(1_250), 1_i64..5_000], proptest::option::of(0_u8..4))
            .prop_map(|(cents, key)| Op::TopUp { cents, key }),
        (-20_000_i64..60_000).prop_map(|advance| Op::Reading { advance }),
        Just(Op::Repeat),
        (-2_000_i64..5_000).prop_map(|cents| Op::SetBalance { cents }),
        Just(Op::Refund),
        Just(Op::Replace),
        (0_i64..40_000).prop_map(|units| Op::Bill { units }),
    ]
}

const PRICE: i64 = 25_000; // 2.5 per unit, ten-thousandths
const OVERDRAFT: i64 = 0;

async fn run(kind: Kind, ops: Vec<Op>) {
    let h = Harness::new(kind).await;
    let cleanup = h.cleanup.clone();
    let token = h.token(ADMIN).await;
    let added = h
        .call(
            &token,
            "comApi",
            "addMeter",
            json!({"devEui": "8cf9572000aa0001", "customerName": "Prop", "priceId": h.water_price.0,
            "areaId": h.north.0, "customerFee": "10", "overdraftMoney": "0", "meterType": 1, "valveState": 1}),
        )
        .await;
    let meter = added["id"].as_i64().unwrap();
    let household = h.call(&token, "comApi", "getAreaArchiveInfo", json!({"id": meter})).await["value"]["householdNum"]
        .as_i64()
        .unwrap();
    // A postpaid meter of the same household, billed monthly.
    let postpaid = h
        .call(
            &token,
            "comApi",
            "addMeter",
            json!({"devEui": "8cf9572000cc0001", "customerName": "Prop", "priceId": h.water_price.0,
            "areaId": h.north.0, "householdId": household, "overdraftMoney": "0", "meterType": 0, "valveState": 1}),
        )
        .await;
    assert_eq!(postpaid["errcode"], "0", "{postpaid}");
    let postpaid = postpaid["id"].as_i64().unwrap();
    let mut postpaid_register: i64 = 0;
    let mut billed_register: Option<i64> = None;
    let mut bill_month = 0_i32;
    let settings = Settings::default();
    let admin_id: i64 =
        sqlx::query_scalar("SELECT id FROM admins WHERE username = 'admin'").fetch_one(&h.db.pool).await.unwrap();
    let admin = Caller::Admin(load_admin(&h.db, AdminId(admin_id)).await.unwrap());
    let mut dev_eui = "8cf9572000aa0001".to_owned();
    let mut replacements = 0;
    // Succeeded top-ups not refunded yet: order number and cents.
    let mut refundable: Vec<(String, i64)> = Vec::new();
    // The next reading is a new device's baseline (not charged).
    let mut fresh = false;
    let mut any_reading = false;
    // The model: what the ledger, the register and the valve should be.
    let mut balance: i64 = 1_000;
    let mut credited_keys = std::collections::HashMap::<u8, i64>::new();
    // Keyless top-ups equal to an earlier keyless one within two minutes (the
    // whole run) are taken as a client re-sending it.
    let mut keyless_amounts = std::collections::HashSet::<i64>::new();
    let mut register: i64 = 0; // last reading sent
    let mut charged: i64 = 0; // highest register charged
    let mut advances_total: i128 = 0;
    let mut closed = false;
    let mut expected_commands: Vec<&'static str> = Vec::new();
    let mut t = Timestamp::parse("2024-01-01 00:00:00").unwrap().0;
    let mut charged_cents: i64 = 0;
    let mut remainder: i128 = 0;
    let apply_rule = |balance: i64, closed: &mut bool, expected: &mut Vec<&'static str>| {
        if balance < OVERDRAFT && !*closed {
            *closed = true;
            expected.push("close_valve");
        } else if balance >= OVERDRAFT && *closed {
            *closed = false;
            expected.push("open_valve");
        }
    };
    for op in ops {
        match op {
            Op::TopUp { cents, key } => {
                let mut param =
                    json!({"devEui": dev_eui, "topUpAmount": format!("{}.{:02}", cents / 100, cents % 100)});
                if let Some(k) = key {
                    param["orderId"] = json!(format!("key-{k}"));
                }
                let answer = h.call(&token, "lorawanApi", "remotelyTopUp", param).await;
                let first_use = match key {
                    Some(k) => !credited_keys.contains_key(&k),
                    None => keyless_amounts.insert(cents),
                };
                let same_amount = key.is_none_or(|k| credited_keys.get(&k).is_none_or(|c| *c == cents));
                if first_use {
                    assert_eq!(answer["errcode"], "0", "{answer}");
                    refundable.push((answer["orderId"].as_str().unwrap().to_owned(), cents));
                    if let Some(k) = key {
                        credited_keys.insert(k, cents);
                    }
                    balance += cents;
                    apply_rule(balance, &mut closed, &mut expected_commands);
                } else if same_amount {
                    assert_eq!(answer["errcode"], "0", "a retry answers like the first: {answer}");
                } else {
                    assert_eq!(answer["errcodeDetail"], "-5", "{answer}");
                }
            }
            Op::Reading { advance } => {
                t += 600;
                register = (register + advance).max(0);
                let reading = plain_reading(Timestamp(t), register);
                ingest(&h.db, &settings, MeterId(meter), reading).await.unwrap();
                any_reading = true;
                if fresh {
                    fresh = false;
                    charged = register;
                } else if register > charged {
                    let total = i128::from(register - charged) * i128::from(PRICE) + remainder;
                    let cents = if total >= 0 { (total + 500_000) / 1_000_000 } else { (total - 500_000) / 1_000_000 };
                    remainder = total - cents * 1_000_000;
                    advances_total += i128::from(register - charged);
                    charged = register;
                    charged_cents += cents as i64;
                    if cents != 0 {
                        balance -= cents as i64;
                        apply_rule(balance, &mut closed, &mut expected_commands);
                    }
                }
            }
            Op::Repeat => {
                let reading = plain_reading(Timestamp(t), register);
                // Nothing new: duplicate at the same time, or the very first
                // reading (a new device's baseline, or register 0 on the first).
                let _ = ingest(&h.db, &settings, MeterId(meter), reading).await.unwrap();
                if !any_reading {
                    any_reading = true;
                    if fresh {
                        fresh = false;
                        charged = register;
                    }
                }
            }
            Op::SetBalance { cents } => {
                let fee = format!("{}{}.{:02}", if cents < 0 { "-" } else { "" }, cents.abs() / 100, cents.abs() % 100);
                let answer =
                    h.call(&token, "comApi", "modifyHousehold", json!({"id": household, "householdFee": fee})).await;
                assert_eq!(answer["errcode"], "0", "{answer}");
                balance = cents;
                apply_rule(balance, &mut closed, &mut expected_commands);
            }
            Op::Refund => {
                let Some((order, cents)) = refundable.last().cloned() else { continue };
                let refunded = refund(&h.db, &settings, &admin, &order, "property test").await;
                if balance >= cents {
                    assert!(refunded.is_ok(), "{refunded:?}");
                    refundable.pop();
                    balance -= cents;
                    apply_rule(balance, &mut closed, &mut expected_commands);
                } else {
                    assert!(refunded.is_err(), "a refund never takes the balance below zero: {refunded:?}");
                }
            }
            Op::Bill { units } => {
                let month = Month { year: 2020 + bill_month / 12, month: (bill_month % 12 + 1) as u32 };
                bill_month += 1;
                postpaid_register += units;
                let (start, _) = month_bounds(month);
                let reading = plain_reading(Timestamp(start.0 + 86_400), postpaid_register);
                ingest(&h.db, &settings, MeterId(postpaid), reading).await.unwrap();
                let run = run_billing_unchecked(&h.db, month).await.unwrap();
                assert_eq!(run.created, 1, "one bill for the postpaid meter");
                assert_eq!(run_billing_unchecked(&h.db, month).await.unwrap().created, 0, "billed once");
                // The first month has no reading before it: the bill starts at its first reading.
                let dosage = billed_register.map_or(0, |b| postpaid_register - b);
                billed_register = Some(postpaid_register);
                let fee = (dosage * PRICE + 500_000) / 1_000_000;
                let bill: i64 = sqlx::query_scalar("SELECT id FROM bills WHERE meter_id = $1 AND month = $2")
                    .bind(postpaid)
                    .bind(month.to_string())
                    .fetch_one(&h.db.pool)
                    .await
                    .unwrap();
                let stored_fee: i64 = sqlx::query_scalar("SELECT fee FROM bills WHERE id = $1")
                    .bind(bill)
                    .fetch_one(&h.db.pool)
                    .await
                    .unwrap();
                assert_eq!(stored_fee, fee, "the bill is the register difference at the plan's price");
                let paid = h.call(&token, "comApi", "payBill", json!({"billId": bill})).await;
                if balance >= fee {
                    assert_eq!(paid["errcode"], "0", "{paid}");
                    balance -= fee;
                    apply_rule(balance, &mut closed, &mut expected_commands);
                } else {
                    assert_ne!(paid["errcode"], "0", "a bill the balance cannot cover is refused: {paid}");
                }
            }
            Op::Replace => {
                replacements += 1;
                let new_eui = format!("8cf9572000bb{replacements:04x}");
                let answer = h
                    .call(
                        &token,
                        "lorawanApi",
                        "archivesChange",
                        json!({"type": 1, "oldDeveui": dev_eui, "newDeveui": new_eui}),
                    )
                    .await;
                assert_eq!(answer["errcode"], "0", "{answer}");
                dev_eui = new_eui;
                register = 0;
                fresh = true;
                // The new device's valve is unknown until it reports: not closed.
                closed = false;
            }
        }
    }
    h.assert_ledger_sound().await;
    let stored: i64 = sqlx::query_scalar("SELECT balance FROM households WHERE id = $1")
        .bind(household)
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(stored, balance, "balance follows the model");
    let consumption: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM ledger_entries WHERE kind = 'consumption'",
    )
    .fetch_one(&h.db.pool)
    .await
    .unwrap();
    assert_eq!(-consumption, charged_cents, "every advance charged once");
    let left: i64 = sqlx::query_scalar("SELECT charge_remainder FROM meters WHERE id = $1")
        .bind(meter)
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(
        i128::from(-consumption) * 1_000_000 + i128::from(left),
        advances_total * i128::from(PRICE),
        "nothing lost to rounding"
    );
    let topups: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'topup'")
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    let orders: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM payment_orders WHERE state = 2").fetch_one(&h.db.pool).await.unwrap();
    assert_eq!(topups, orders, "one ledger entry per succeeded order");
    let commands: Vec<String> = sqlx::query_scalar("SELECT kind FROM commands WHERE meter_id = $1 ORDER BY id")
        .bind(meter)
        .fetch_all(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(commands, expected_commands, "valve commands exactly at the crossings");
    cleanup.run().await;
}

fn plain_reading(at: Timestamp, register: i64) -> NewReading {
    NewReading {
        read_at: at,
        forward: Register::from_minor(register),
        reverse: None,
        flow: None,
        valve: None,
        battery_mv: None,
        rssi: None,
        snr_tenths: None,
        alarms: 0,
        margin: None,
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

proptest! {
    // Each case builds a fresh database; a dozen random sequences per run and
    // database keep the suite quick while covering retries and crossings.
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    #[test]
    fn ledger_invariants_sqlite(ops in proptest::collection::vec(op(), 1..25)) {
        runtime().block_on(run(Kind::Sqlite, ops));
    }

    #[test]
    fn ledger_invariants_postgres(ops in proptest::collection::vec(op(), 1..25)) {
        runtime().block_on(run(Kind::Postgres, ops));
    }
}
