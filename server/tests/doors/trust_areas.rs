//! What an operator of one area can reach of another's (issue: trust):
//! radio sessions, gateways, price plans, a balance shared across areas and
//! payment references, each through the real doors; every refusal changes
//! nothing.

use crate::harness::{ADMIN, Harness, NORTH_ADMIN, assert_refused};
use crate::server_fns::{call, sign_in};
use app::backend::bootstrap::create_admin;
use app::model::ids::AreaId;
use serde_json::{Value, json};

pub const SOUTH_ADMIN: (&str, &str) = ("south", "south-password-1");

const KEY: &str = "2b7e151628aed2a6abf7158809cf4f3c";

fn abp(dev_eui: &str) -> Value {
    json!({"devName": "radio_meter", "devEUI": dev_eui, "region": "eu868", "devAddr": "00010203",
        "appSKey": KEY, "nwkSKey": KEY})
}

both!(radio_sessions_need_the_meter_in_the_callers_areas, |h: Harness| async move {
    let admin = h.token(ADMIN).await;
    let north = h.token(NORTH_ADMIN).await;
    h.add_meter(&admin, "8cf9572000110001", "South Radio", h.south).await;
    h.add_meter(&admin, "8cf9572000110002", "North Radio", h.north).await;

    // A DevEUI taken in South is taken, without saying where.
    let taken = h
        .call(
            &north,
            "comApi",
            "addMeter",
            json!({"devEui": "8cf9572000110001", "customerName": "Mine",
            "pricelId": h.water_price.0.to_string(), "areaId": h.north.0.to_string(), "meterType": "1"}),
        )
        .await;
    assert_refused(&taken, "-5", "already exists");
    let text = taken["errmsg"].as_str().unwrap();
    assert!(!text.contains("South") && !text.contains(&h.south.0.to_string()), "{taken}");
    // North's operator cannot claim a South meter's radio session.
    let answer = h.call(&north, "lorawanApi", "addMeter", abp("8cf9572000110001")).await;
    assert_refused(&answer, "-3", "no meter with DevEUI 8cf9572000110001 in your areas");
    // Nor a DevEUI no meter has (it would be waiting for whoever adds the meter).
    let answer = h.call(&north, "lorawanApi", "addMeter", abp("8cf9572000119999")).await;
    assert_refused(&answer, "-3", "add the meter first");
    assert_eq!(h.count("lorawan_devices").await, 0);

    // Through the portal, the same.
    let cookie = sign_in(&h, "Admin", NORTH_ADMIN).await.expect("north signs in");
    let device = json!({"req": {"dev_eui": "8cf9572000110001", "dev_name": "x", "app_eui": "", "app_id": "",
        "region": "eu868", "subnet": "", "dev_addr": "00010203", "app_s_key": KEY, "nwk_s_key": KEY}});
    let (status, answer) = call(&h, Some(&cookie), "register_device", device.clone()).await;
    assert_eq!(status, 404, "{answer}");
    assert_eq!(h.count("lorawan_devices").await, 0);

    // Its own meter it registers, once; South's owner registers South's.
    let answer = h.call(&north, "lorawanApi", "addMeter", abp("8cf9572000110002")).await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    let answer = h.call(&admin, "lorawanApi", "addMeter", abp("8cf9572000110001")).await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    assert_eq!(h.count("lorawan_devices").await, 2);

    // Keys registered (before this rule) for a DevEUI with no meter end when
    // the DevEUI gets its meter; a replaced device's keys end with it.
    sqlx::query(
        "INSERT INTO lorawan_devices (dev_eui, dev_name, region, dev_addr, app_s_key, nwk_s_key, created_at)
         VALUES ('8cf9572000110003', 'squatter', 'eu868', '00010203', $1, $1, 0)",
    )
    .bind(KEY)
    .execute(&h.db.pool)
    .await
    .unwrap();
    h.add_meter(&admin, "8cf9572000110003", "Late Meter", h.south).await;
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM lorawan_devices WHERE dev_eui = '8cf9572000110003'")
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(left, 0, "the squatter's keys are gone");
    let replaced = h
        .call(
            &admin,
            "lorawanApi",
            "archivesChange",
            json!({"type": "1", "oldDeveui": "8cf9572000110001", "newDeveui": "8cf9572000110004"}),
        )
        .await;
    assert_eq!(replaced["errcode"], "0", "{replaced}");
    assert_eq!(h.count("lorawan_devices").await, 1, "the replaced device's session ended");
    // Removing a session is the meter's operators' too.
    let (status, answer) = call(&h, Some(&cookie), "remove_device", json!({"dev_eui": "8cf9572000110004"})).await;
    assert_eq!(status, 404, "{answer}");
    let (status, answer) = call(&h, Some(&cookie), "remove_device", json!({"dev_eui": "8cf9572000110002"})).await;
    assert_eq!((status, answer), (200, json!(true)));
    assert_eq!(h.count("lorawan_devices").await, 0);
});

async fn gateway(h: &Harness, token: &str, id: &str) -> Value {
    h.call(token, "lorawanApi", "readGatewayStatus", json!({"gwID": id})).await
}

both!(gateways_belong_to_an_area, |h: Harness| async move {
    create_admin(&h.db, SOUTH_ADMIN.0, SOUTH_ADMIN.1, &[h.south.0]).await.unwrap();
    let admin = h.token(ADMIN).await;
    let north = h.token(NORTH_ADMIN).await;
    let south = h.token(SOUTH_ADMIN).await;
    let add = |name: &str, id: &str| json!({"gwID": id, "gwName": name, "gwType": "rhf2s208", "region": "eu868"});
    for (token, name, id) in [(&admin, "root_gw", "00000000000000a1"), (&north, "north_gw", "00000000000000b1")] {
        let answer = h.call(token, "lorawanApi", "addGateway", add(name, id)).await;
        assert_eq!(answer["errcode"], "0", "{answer}");
    }

    // South sees the root's gateway, not North's, and cannot tell it exists.
    assert_eq!(gateway(&h, &south, "00000000000000a1").await["data"]["gwName"], "root_gw");
    assert_refused(&gateway(&h, &south, "00000000000000b1").await, "-3", "not found");
    let taken = h.call(&south, "lorawanApi", "addGateway", add("mine", "00000000000000b1")).await;
    assert_refused(&taken, "-5", "already registered");
    assert!(!taken["errmsg"].as_str().unwrap().contains("North"), "{taken}");
    let cookie = sign_in(&h, "Admin", SOUTH_ADMIN).await.expect("south signs in");
    let (status, list) = call(&h, Some(&cookie), "list_gateways", json!({})).await;
    assert_eq!(status, 200, "{list}");
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["root_gw"]);

    // Neither South nor North changes the root's gateway or each other's.
    let rename = |id: &str| json!({"gwID": id, "gwName": "taken_over"});
    assert_refused(&h.call(&north, "lorawanApi", "modifyGateway", rename("00000000000000a1")).await, "-4", "above");
    assert_refused(&h.call(&south, "lorawanApi", "modifyGateway", rename("00000000000000b1")).await, "-3", "not found");
    let (status, _) = call(
        &h,
        Some(&cookie),
        "modify_gateway",
        json!({"req": {"gw_id": "00000000000000a1", "name": "taken_over",
            "gw_type": null, "region": null, "subnet": null}}),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(gateway(&h, &admin, "00000000000000a1").await["data"]["gwName"], "root_gw");
    assert_eq!(gateway(&h, &admin, "00000000000000b1").await["data"]["gwName"], "north_gw");

    // Their own they change; the root's operators change any.
    let answer = h.call(&north, "lorawanApi", "modifyGateway", rename("00000000000000b1")).await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    let answer =
        h.call(&admin, "lorawanApi", "modifyGateway", json!({"gwID": "00000000000000a1", "gwName": "r2"})).await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    assert_eq!(gateway(&h, &north, "00000000000000b1").await["data"]["gwName"], "taken_over");
});

fn plan_names(answer: &Value) -> Vec<String> {
    answer["data"].as_array().unwrap().iter().map(|p| p["priceName"].as_str().unwrap().to_owned()).collect()
}

both!(price_plans_belong_to_an_area, |h: Harness| async move {
    create_admin(&h.db, SOUTH_ADMIN.0, SOUTH_ADMIN.1, &[h.south.0]).await.unwrap();
    let admin = h.token(ADMIN).await;
    let north = h.token(NORTH_ADMIN).await;
    let south = h.token(SOUTH_ADMIN).await;
    let plan = |name: &str| json!({"priceName": name, "price": "3", "energyTypes": "WATER"});

    // Each area may have its own "Standard".
    let north_plan = h.call(&north, "comApi", "addMeterPrice", plan("Standard")).await;
    assert_eq!(north_plan["errcode"], "0", "{north_plan}");
    let north_plan: i64 = north_plan["priceId"].as_str().unwrap().parse().unwrap();
    let south_plan = h.call(&south, "comApi", "addMeterPrice", plan("Standard")).await;
    assert_eq!(south_plan["errcode"], "0", "{south_plan}");
    let again = h.call(&south, "comApi", "addMeterPrice", plan("Standard")).await;
    assert_refused(&again, "-5", "already exists");

    // Each sees the root's plans and its own.
    let listed = h.call(&south, "comApi", "readAllPrices", json!({})).await;
    assert_eq!(plan_names(&listed), ["water-flat", "Standard"]);
    assert_eq!(listed["data"][1]["priceId"], south_plan["priceId"].as_str().unwrap().parse::<i64>().unwrap());
    let listed = h.call(&admin, "comApi", "readAllPricesV2", json!({})).await;
    assert_eq!(plan_names(&listed), ["water-flat", "Standard", "Standard"]);

    // North cannot change what South or the root charges.
    let before = h.snapshot().await;
    let raise = |id: i64| json!({"priceId": id.to_string(), "price": "99"});
    assert_refused(&h.call(&north, "comApi", "modifyMeterPrice", raise(h.water_price.0)).await, "-4", "above yours");
    let south_id: i64 = south_plan["priceId"].as_str().unwrap().parse().unwrap();
    assert_refused(&h.call(&north, "comApi", "modifyMeterPrice", raise(south_id)).await, "-3", "not found");
    let prices = h.call(&admin, "comApi", "readAllPrices", json!({})).await;
    assert!(prices["data"].as_array().unwrap().iter().all(|p| p["price"] != 99), "{prices}");

    // A meter gets only a plan of its area or above.
    let meter = |plan: i64, area: i64, eui: &str| {
        json!({"devEui": eui, "customerName": "P", "pricelId": plan.to_string(), "areaId": area.to_string(),
            "meterType": "1", "valveState": "1", "reading": "0", "overdraftMoney": "0", "customerFee": "0"})
    };
    let answer = h.call(&admin, "comApi", "addMeter", meter(south_id, h.north.0, "8cf9572000120001")).await;
    assert_refused(&answer, "-1", "priceId");
    assert_eq!(h.snapshot().await, before, "refusals change nothing");
    let answer = h.call(&north, "comApi", "addMeter", meter(north_plan, h.north.0, "8cf9572000120001")).await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    let answer = h
        .call(&admin, "comApi", "modifyMeter", json!({"devEui": "8cf9572000120001", "pricelId": south_id.to_string()}))
        .await;
    assert_refused(&answer, "-1", "priceId");
    let answer = h
        .call(
            &north,
            "comApi",
            "modifyMeter",
            json!({"devEui": "8cf9572000120001", "pricelId": h.water_price.0.to_string()}),
        )
        .await;
    assert_eq!(answer["errcode"], "0", "the root's plan serves every area: {answer}");
});

/// `addMeter` params for a meter of an existing household.
fn household_meter(h: &Harness, eui: &str, household: i64, area: AreaId) -> Value {
    json!({"devEui": eui, "customerName": "Shared", "householdId": household,
        "pricelId": h.water_price.0.to_string(), "areaId": area.0.to_string(), "meterType": "1",
        "valveState": "1", "reading": "0", "overdraftMoney": "0"})
}

both!(a_shared_balance_is_set_only_by_the_households_operators, |h: Harness| async move {
    let admin = h.token(ADMIN).await;
    let north = h.token(NORTH_ADMIN).await;
    // A household of the root area with a meter in North and one in South.
    let added = h
        .call(
            &admin,
            "comApi",
            "addHousehold",
            json!({"areaId": h.root.0, "householdName": "Shared", "householdFee": "100"}),
        )
        .await;
    assert_eq!(added["errcode"], "0", "{added}");
    let household = added["householdId"].as_i64().unwrap();
    for (eui, area) in [("8cf9572000130001", h.north), ("8cf9572000130002", h.south)] {
        let answer = h.call(&admin, "comApi", "addMeter", household_meter(&h, eui, household, area)).await;
        assert_eq!(answer["errcode"], "0", "{answer}");
    }
    let before = h.snapshot().await;
    let commands = h.count("commands").await;

    // North's operator sees its meter but cannot empty the shared balance
    // (which would close South's valve too).
    let answer =
        h.call(&north, "comApi", "modifyMeter", json!({"devEui": "8cf9572000130001", "customerFee": "-50"})).await;
    assert_refused(&answer, "-4", "customerFee");
    assert_eq!(h.snapshot().await, before);
    assert_eq!(h.count("commands").await, commands, "no valve closed");
    // Nor attach a meter of its own to that household.
    let answer =
        h.call(&north, "comApi", "addMeter", household_meter(&h, "8cf9572000130003", household, h.north)).await;
    assert_refused(&answer, "-3", "not found");
    // A household below the meter's area does not pay for it either.
    let below = h.call(&admin, "comApi", "addHousehold", json!({"areaId": h.north.0, "householdName": "Below"})).await
        ["householdId"]
        .as_i64()
        .unwrap();
    let answer = h.call(&admin, "comApi", "addMeter", household_meter(&h, "8cf9572000130004", below, h.root)).await;
    assert_refused(&answer, "-1", "householdId");
    assert_eq!(h.count("meters").await, 2);

    // The root's operator, who manages the household's area, can.
    let answer =
        h.call(&admin, "comApi", "modifyMeter", json!({"devEui": "8cf9572000130001", "customerFee": "40"})).await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    h.assert_ledger_sound().await;
});

/// A household's portal payment with the one form key this test shares.
async fn pay(h: &Harness, cookie: &str, meter: i64, amount: &str) -> (u16, Value) {
    crate::server_fns::sandbox_pay(h, cookie, meter, amount, "shared-reference-0001").await
}

both!(a_form_key_is_its_households_own, |h: Harness| async move {
    let admin = h.token(ADMIN).await;
    let a_meter = h.add_meter(&admin, "8cf9572000140001", "Payer A", h.north).await;
    let b_meter = h.add_meter(&admin, "8cf9572000140002", "Payer B", h.north).await;
    let mut cookies = Vec::new();
    for name in ["Payer A", "Payer B"] {
        cookies.push(crate::harness::household_session(&h, name).await);
    }
    let (status, order) = pay(&h, &cookies[0], a_meter, "25").await;
    assert_eq!(status, 200, "{order}");
    let before = h.snapshot().await;

    // B with the same key starts B's own payment, for B's meter: A's order
    // is neither found nor touched.
    let (status, theirs) = pay(&h, &cookies[1], b_meter, "50").await;
    assert_eq!(status, 200, "{theirs}");
    assert_ne!(theirs["order_no"], order["order_no"]);
    assert_eq!(theirs["household_id"], b_meter_household(&h, b_meter).await);
    // A presenting it again for another amount is refused; the same
    // payment again is the same order.
    let (status, answer) = pay(&h, &cookies[0], a_meter, "30").await;
    assert_eq!(status, 409);
    assert!(answer.to_string().contains("another payment"), "{answer}");
    let (status, again) = pay(&h, &cookies[0], a_meter, "25").await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["order_no"], order["order_no"]);
    assert_eq!(h.snapshot().await, before, "nothing credited before the provider confirms");
    // B's approval credits B alone.
    let paid = crate::server_fns::sandbox_callback(&h, &cookies[1], &theirs).await;
    assert_eq!(paid["state"], "Succeeded");
    let (_, a_account) = crate::server_fns::call(&h, Some(&cookies[0]), "my_account", json!({})).await;
    let (_, b_account) = crate::server_fns::call(&h, Some(&cookies[1]), "my_account", json!({})).await;
    assert_eq!((a_account[0]["balance"].clone(), b_account[0]["balance"].clone()), (json!("150"), json!("200")));
});

async fn b_meter_household(h: &Harness, meter: i64) -> i64 {
    sqlx::query_scalar("SELECT household_id FROM meters WHERE id = $1").bind(meter).fetch_one(&h.db.pool).await.unwrap()
}

both!(an_area_moves_only_with_what_its_meters_need, |h: Harness| async move {
    let admin = h.token(ADMIN).await;
    let north = h.token(NORTH_ADMIN).await;
    let caller = app::backend::auth::Caller::Admin(
        app::backend::auth::load_admin(&h.db, app::model::ids::AdminId(1)).await.unwrap(),
    );
    let village = app::backend::services::areas::create_area(
        &h.db,
        &caller,
        app::model::area::NewArea { name: "Village".into(), parent_id: h.north },
    )
    .await
    .unwrap()
    .id;
    // A meter of the village on North's own tariff.
    let plan = h
        .call(
            &north,
            "comApi",
            "addMeterPrice",
            json!({"priceName": "North tariff", "price": "3", "energyTypes": "WATER"}),
        )
        .await;
    let plan = plan["priceId"].as_str().unwrap().to_owned();
    let meter = json!({"devEui": "8cf9572000190001", "customerName": "Villager", "pricelId": plan,
        "areaId": village.0.to_string(), "meterType": "1"});
    assert_eq!(h.call(&north, "comApi", "addMeter", meter).await["errcode"], "0");
    // Moved under South, North's tariff would price a South meter: refused.
    let cookie = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let paths = || async {
        sqlx::query_scalar::<_, String>("SELECT path FROM areas ORDER BY id").fetch_all(&h.db.pool).await.unwrap()
    };
    let before = paths().await;
    let (status, answer) =
        call(&h, Some(&cookie), "move_area", json!({"req": {"id": village.0, "new_parent_id": h.south.0}})).await;
    assert_eq!(status, 400, "{answer}");
    assert!(answer.to_string().contains("price plan"), "{answer}");
    assert_eq!(paths().await, before);
    // On the root's tariff it may move.
    let answer = h
        .call(
            &admin,
            "comApi",
            "modifyMeter",
            json!({"devEui": "8cf9572000190001", "pricelId": h.water_price.0.to_string()}),
        )
        .await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    let (status, answer) =
        call(&h, Some(&cookie), "move_area", json!({"req": {"id": village.0, "new_parent_id": h.south.0}})).await;
    assert_eq!(status, 200, "{answer}");
});
