//! Rules at the edges of a meter's life and its commands: removed meters take
//! no commands, a replaced device's commands end, a refused valve command
//! frees the valve for the balance rule, the billing run is for whole-tree
//! operators and only for months that have ended.

use crate::harness::{ADMIN, Harness, NORTH_ADMIN, assert_refused};
use app::backend::services::commands::{acknowledge, sequence};
use app::model::ids::{CommandId, MeterId};
use serde_json::json;

async fn valve_target(h: &Harness, meter: i64) -> (Option<i64>, Option<String>) {
    sqlx::query_as("SELECT valve_target, valve_hold FROM meters WHERE id = $1")
        .bind(meter)
        .fetch_one(&h.db.pool)
        .await
        .unwrap()
}

async fn command_state(h: &Harness, id: i64) -> (String, String) {
    sqlx::query_as("SELECT state, result FROM commands WHERE id = $1").bind(id).fetch_one(&h.db.pool).await.unwrap()
}

both!(a_refused_valve_command_frees_the_valve, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf95720000f0001", "Refused One", h.north).await;
    let close = h
        .call(&token, "lorawanMeterApi", "setValveState", json!({"devEui": "8cf95720000f0001", "valveState": "0"}))
        .await;
    assert_eq!(close["errcode"], "0", "{close}");
    let id: i64 = close["valueId"].as_str().unwrap().parse().unwrap();
    assert_eq!(valve_target(&h, meter).await.0, Some(0));
    let settled = acknowledge(&h.db, MeterId(meter), sequence(CommandId(id)), false).await.unwrap();
    assert_eq!(settled, Some(CommandId(id)));
    assert_eq!(command_state(&h, id).await.0, "failed");
    assert_eq!(valve_target(&h, meter).await.0, None, "the valve is no longer on its way to closed");
});

both!(removed_meters_take_no_commands_and_replacement_ends_old_ones, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    h.add_meter(&token, "8cf95720000f0002", "Removed One", h.north).await;
    let meter = h.add_meter(&token, "8cf95720000f0003", "Replaced One", h.north).await;
    let removed =
        h.call(&token, "lorawanApi", "archivesChange", json!({"type": "0", "devEuis": ["8cf95720000f0002"]})).await;
    assert_eq!(removed["data"][0]["code"], 200, "{removed}");
    let before = h.count("commands").await;
    assert_refused(
        &h.call(
            &token,
            "lorawanMeterApi",
            "sendCommand",
            json!({"devEui": "8cf95720000f0002", "commandStr": "Query report"}),
        )
        .await,
        "-1",
        "removed",
    );
    assert_eq!(h.count("commands").await, before, "nothing queued for a removed meter");
    let replace_removed = h
        .call(
            &token,
            "lorawanApi",
            "archivesChange",
            json!({"type": "1", "oldDeveui": "8cf95720000f0002", "newDeveui": "8cf95720000f0009"}),
        )
        .await;
    assert_ne!(replace_removed["errcode"], "0", "{replace_removed}");

    let close = h
        .call(&token, "lorawanMeterApi", "setValveState", json!({"devEui": "8cf95720000f0003", "valveState": "0"}))
        .await;
    let id: i64 = close["valueId"].as_str().unwrap().parse().unwrap();
    let replaced = h
        .call(
            &token,
            "lorawanApi",
            "archivesChange",
            json!({"type": "1", "oldDeveui": "8cf95720000f0003", "newDeveui": "8cf95720000f0004"}),
        )
        .await;
    assert_eq!(replaced["errcode"], "0", "{replaced}");
    assert_eq!(command_state(&h, id).await, ("failed".to_owned(), "the device was replaced".to_owned()));
    assert_eq!(valve_target(&h, meter).await, (None, None));
});

both!(the_billing_run_is_for_whole_tree_operators_and_ended_months, |h: Harness| async move {
    let north = h.token(NORTH_ADMIN).await;
    assert_refused(&h.call(&north, "comApi", "runBilling", json!({"billDate": "2024-02"})).await, "-4", "every area");
    let admin = h.token(ADMIN).await;
    let this_month = chrono::Utc::now().format("%Y-%m").to_string();
    assert_refused(&h.call(&admin, "comApi", "runBilling", json!({"billDate": this_month})).await, "-1", "ended");
    let past = h.call(&admin, "comApi", "runBilling", json!({"billDate": "2024-02"})).await;
    assert_eq!(past["errcode"], "0", "{past}");
});

both!(a_clash_that_slips_past_the_checks_names_the_identifier_it_is_on, |h: Harness| async move {
    use app::backend::error::ServiceError;
    use app::backend::store::meters::{NewMeterRow, create};
    use app::model::ids::{AreaId, DevEui, EquipmentModelId, HouseholdId, Imei, PriceId};
    let token = h.token(ADMIN).await;
    let first = h.add_meter(&token, "8cf9572000020201", "Clash", h.north).await;
    let (household, price, model): (i64, i64, i64) =
        sqlx::query_as("SELECT household_id, price_id, equipment_model_id FROM meters WHERE id = $1")
            .bind(first)
            .fetch_one(&h.db.pool)
            .await
            .unwrap();
    let imei = Imei::parse("861234567890123").unwrap();
    sqlx::query("UPDATE meters SET imei = $1 WHERE id = $2")
        .bind(imei.as_str())
        .bind(first)
        .execute(&h.db.pool)
        .await
        .unwrap();
    // As when two writers checked at the same moment: only the database sees the clash.
    for (eui, imei, field) in
        [("8cf9572000020202", "861234567890123", "nbonetNetImei"), ("8cf9572000020201", "861234567890999", "devEui")]
    {
        let (eui, imei) = (DevEui::parse(eui).unwrap(), Imei::parse(imei).unwrap());
        let mut tx = h.db.begin().await.unwrap();
        let result = create(
            &mut tx,
            NewMeterRow {
                dev_eui: Some(&eui),
                imei: Some(&imei),
                serialnumber: "clash",
                area: AreaId(h.north.0),
                household: HouseholdId(household),
                price: PriceId(price),
                equipment_model: EquipmentModelId(model),
                energy_type: app::model::EnergyType::Water,
                pay_mode: app::model::PayMode::Prepaid,
                meter_type: 0,
                customer_name: "Clash",
                customer_phone: "",
                customer_address: "",
                customer_certificate: "",
                reading: app::model::Register::from_minor(0),
                overdraft_money: app::model::Money::from_minor(0),
                normal_day_dosage: app::model::Register::from_minor(0),
                valve_state: app::model::ValveState::Unknown,
                at: app::model::time::Timestamp(0),
            },
        )
        .await;
        drop(tx);
        match result {
            Err(ServiceError::Conflict { field: got, .. }) => assert_eq!(got, field),
            other => panic!("expected a conflict on {field}, got {other:?}"),
        }
    }
    assert_eq!(h.count("meters").await, 1);
});

both!(a_valve_order_given_again_while_on_its_way_is_the_same_command, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    h.add_meter(&token, "8cf95720000f0011", "Twice One", h.north).await;
    let set = |state: &'static str| {
        let (h, token) = (&h, token.clone());
        async move {
            let answer = h
                .call(
                    &token,
                    "lorawanMeterApi",
                    "setValveState",
                    json!({"devEui": "8cf95720000f0011", "valveState": state}),
                )
                .await;
            assert_eq!(answer["errcode"], "0", "{answer}");
            answer["valueId"].as_str().unwrap().to_owned()
        }
    };
    let close = set("0").await;
    assert_eq!(set("0").await, close, "a client that sends twice queues one close");
    assert_eq!(h.count("commands").await, 1);
    // A different order is a new command, and so is the first one again after it.
    let open = set("1").await;
    assert_ne!(open, close);
    let close_again = set("0").await;
    assert!(close_again != close && close_again != open);
    assert_eq!(h.count("commands").await, 3);
    assert_eq!(h.count("valve_records").await, 3, "one record per command");
});

both!(
    an_operators_close_of_a_valve_the_balance_rule_is_closing_stays_closed_when_money_comes,
    |h: Harness| async move {
        let token = h.token(ADMIN).await;
        let meter = h.add_meter(&token, "8cf95720000f0012", "Overdrawn One", h.north).await;
        // 100 m³ at 2.5 takes the opening 150 below the overdraft limit: the rule closes.
        let settings = app::backend::state::Settings::default();
        app::backend::services::ingest::ingest(
            &h.db,
            &settings,
            MeterId(meter),
            crate::harness::reading("2026-11-01 08:00:00", "100"),
        )
        .await
        .unwrap();
        assert_eq!(valve_target(&h, meter).await, (Some(0), Some("auto".to_owned())));
        let auto: i64 = sqlx::query_scalar("SELECT id FROM commands WHERE meter_id = $1")
            .bind(meter)
            .fetch_one(&h.db.pool)
            .await
            .unwrap();
        // The operator closes it too, while that close is on its way: the same
        // command, now held by the operator.
        let close = h
            .call(&token, "lorawanMeterApi", "setValveState", json!({"devEui": "8cf95720000f0012", "valveState": "0"}))
            .await;
        assert_eq!(close["valueId"], auto.to_string(), "{close}");
        assert_eq!(valve_target(&h, meter).await, (Some(0), Some("manual".to_owned())));
        // Money does not reopen what an operator closed.
        let paid = h
            .call(
                &token,
                "lorawanMeterApi",
                "remotelyTopUp",
                json!({"devEui": "8cf95720000f0012", "topUpAmount": "500"}),
            )
            .await;
        assert_eq!(paid["errcode"], "0", "{paid}");
        let opens: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM commands WHERE meter_id = $1 AND kind = 'open_valve'")
                .bind(meter)
                .fetch_one(&h.db.pool)
                .await
                .unwrap();
        assert_eq!(opens, 0);
    }
);

both!(identical_valve_orders_at_the_same_instant_queue_one_command, |h: Harness| async move {
    use app::backend::auth::{Caller, load_admin};
    use app::backend::services::valve_switching::set_valve;
    use app::model::meter::MeterRef;
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf95720000f0013", "Double Click", h.north).await;
    let admin = Caller::Admin(load_admin(&h.db, app::model::ids::AdminId(1)).await.unwrap());
    let mut orders = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (db, admin) = (h.db.clone(), admin.clone());
        orders.spawn(async move {
            let settings = app::backend::state::Settings::default();
            set_valve(&db, &settings, &admin, &MeterRef::Id(MeterId(meter)), false).await.unwrap().command
        });
    }
    let commands: std::collections::HashSet<_> = orders.join_all().await.into_iter().collect();
    assert_eq!(commands.len(), 1, "{commands:?}");
    assert_eq!(h.count("commands").await, 1);
});
