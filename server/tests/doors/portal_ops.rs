//! What the operator portal adds over the legacy API: valve switching and the
//! command queue from the browser, the dashboard figures, meter charts and the
//! CSV downloads, each limited to the caller's areas.

use crate::harness::{ADMIN, Harness, NORTH_ADMIN, household_session, reading};
use crate::server_fns::{call, call_form, sign_in};
use app::backend::services::ingest::ingest;
use app::backend::state::Settings;
use app::model::ids::MeterId;
use app::model::time::Timestamp;
use axum::body::Body;
use http::Request;
use serde_json::json;

fn first_page() -> serde_json::Value {
    json!({"number": 1, "size": 10})
}

pub(crate) async fn get(h: &Harness, cookie: Option<&str>, uri: &str) -> (u16, String, String) {
    let (status, headers, body) = crate::harness::get_until_answered(&h.router, || {
        let mut request = Request::get(uri);
        if let Some(c) = cookie {
            request = request.header("cookie", c);
        }
        request.body(Body::empty()).unwrap()
    })
    .await;
    let kind = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    (status, kind, body)
}

both!(valve_commands_and_dashboard_stay_in_the_callers_areas, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let north_meter = h.add_meter(&token, "8cf9572000070001", "North One", h.north).await;
    let south_meter = h.add_meter(&token, "8cf9572000070002", "South One", h.south).await;
    let admin = sign_in(&h, "Admin", ADMIN).await.expect("admin signs in");
    let north = sign_in(&h, "Admin", NORTH_ADMIN).await.expect("north signs in");

    // North's operator cannot switch a South valve, and nothing is queued.
    let (status, answer) = call(&h, Some(&north), "set_valve", json!({"meter_id": south_meter, "open": false})).await;
    assert_eq!(status, 404, "{answer}");
    assert_eq!(h.count("commands").await, 0);

    let (status, order) = call(&h, Some(&admin), "set_valve", json!({"meter_id": south_meter, "open": false})).await;
    assert_eq!(status, 200, "{order}");
    assert_eq!(order["already"], false, "{order}");
    let command = order["command"].clone();
    // Closing again while the close is on its way is that close, not a second one.
    let (_, again) = call(&h, Some(&admin), "set_valve", json!({"meter_id": south_meter, "open": false})).await;
    assert_eq!((again["command"].clone(), again["already"].clone()), (command.clone(), json!(true)), "{again}");
    assert_eq!(h.count("commands").await, 1);
    let filter = json!({"filter": {"meter_id": null, "state": null, "page": first_page()}});
    let (status, queue) = call(&h, Some(&admin), "list_commands", filter.clone()).await;
    assert_eq!(status, 200, "{queue}");
    assert_eq!(queue["total_rows"], 1);
    assert_eq!(queue["rows"][0]["command"]["id"], command);
    assert_eq!(queue["rows"][0]["command"]["kind"], "CloseValve");
    assert_eq!(queue["rows"][0]["command"]["state"], "Queued");
    assert_eq!(queue["rows"][0]["customer_name"], "South One");
    let (_, north_queue) = call(&h, Some(&north), "list_commands", filter).await;
    assert_eq!(north_queue["total_rows"], 0, "{north_queue}");
    let (status, _) = call(&h, Some(&north), "get_command", json!({"id": command})).await;
    assert_eq!(status, 404);

    // Cash at the desk counts as revenue; the opening balances do not.
    let (status, order) = call_form(
        &h,
        Some(&admin),
        "top_up",
        &[
            ("req[meter_id]", &north_meter.to_string()),
            ("req[amount]", "25"),
            ("req[idempotency_key]", "desk-0001-abcdef"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{order}");
    let (status, all) = call(&h, Some(&admin), "dashboard_overview", json!({})).await;
    assert_eq!(status, 200, "{all}");
    assert_eq!(all["meters_active"], 2);
    assert_eq!(all["meters_removed"], 0);
    assert_eq!(all["commands_pending"], 1);
    assert_eq!(all["revenue_month"], "25");
    assert_eq!(all["revenue_days"].as_array().unwrap().len(), 14);
    assert_eq!(all["revenue_days"][13]["value"], "25");
    let (_, mine) = call(&h, Some(&north), "dashboard_overview", json!({})).await;
    assert_eq!(mine["meters_active"], 1, "{mine}");
    assert_eq!(mine["commands_pending"], 0);
    assert_eq!(mine["revenue_month"], "25");

    // A household reaches none of it.
    let household = household_session(&h, "North One").await;
    let (status, _) = call(&h, Some(&household), "dashboard_overview", json!({})).await;
    assert_eq!(status, 403);
    let (status, _) = call(&h, Some(&household), "set_valve", json!({"meter_id": north_meter, "open": false})).await;
    assert_eq!(status, 403);
    assert_eq!(h.count("commands").await, 1);
});

both!(meter_usage_is_register_differences_by_day_and_month, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000070003", "Chart One", h.north).await;
    let other = h.add_meter(&token, "8cf9572000070004", "Chart Two", h.south).await;
    let now = app::backend::clock::now().0;
    let today = now - now.rem_euclid(86_400);
    let at = |t: i64| Timestamp(t).text();
    let settings = Settings::default();
    for (t, forward) in [(today - 43_200, "0.5"), (today, "1.0"), (now, "3.5")] {
        ingest(&h.db, &settings, MeterId(meter), reading(&at(t), forward)).await.unwrap();
    }
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (status, series) = call(&h, Some(&admin), "meter_usage", json!({"meter_id": meter})).await;
    assert_eq!(status, 200, "{series}");
    let days = series["days"].as_array().unwrap();
    let months = series["months"].as_array().unwrap();
    assert_eq!((days.len(), months.len()), (30, 12));
    // Today: 3.5 now less 0.5, the last reading before midnight.
    assert_eq!(days[29]["value"], "3", "{series}");
    assert_eq!(days[28]["value"], "0", "a first reading is a baseline, not use");
    assert_eq!(months[11]["value"], "3", "{series}");
    let north = sign_in(&h, "Admin", NORTH_ADMIN).await.unwrap();
    let (status, _) = call(&h, Some(&north), "meter_usage", json!({"meter_id": other})).await;
    assert_eq!(status, 404);
});

both!(csv_exports_hold_every_matching_row_of_the_callers_areas, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let north_meter = h.add_meter(&token, "8cf9572000070005", "Csv North, Ltd", h.north).await;
    h.add_meter(&token, "8cf9572000070006", "Csv South", h.south).await;
    ingest(&h.db, &Settings::default(), MeterId(north_meter), reading("2026-01-05 10:00:00", "12.5")).await.unwrap();
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let north = sign_in(&h, "Admin", NORTH_ADMIN).await.unwrap();

    let (status, kind, body) = get(&h, Some(&admin), "/export/meters.csv").await;
    assert_eq!(status, 200, "{body}");
    assert!(kind.starts_with("text/csv"), "{kind}");
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines.len(), 3, "{body}");
    assert!(lines[0].starts_with("meter_id,meter_address,dev_eui"), "{body}");
    // A comma in a name is quoted, not a new column.
    assert!(body.contains("\"Csv North, Ltd\""), "{body}");

    let (_, _, body) = get(&h, Some(&north), "/export/meters.csv").await;
    assert_eq!(body.lines().count(), 2, "{body}");
    assert!(!body.contains("Csv South"), "{body}");
    let (_, _, body) = get(&h, Some(&admin), "/export/meters.csv?q=south").await;
    assert_eq!(body.lines().count(), 2, "{body}");
    assert!(body.contains("Csv South"), "{body}");

    let (_, _, body) = get(&h, Some(&admin), "/export/readings.csv?start=2026-01-05&end=2026-01-05").await;
    assert_eq!(body.lines().count(), 2, "{body}");
    assert!(body.contains("2026-01-05 10:00:00") && body.contains("12.5"), "{body}");
    let (_, _, body) = get(&h, Some(&admin), "/export/readings.csv?start=2026-01-06").await;
    assert_eq!(body.lines().count(), 1, "{body}");

    let (status, _, body) = get(&h, None, "/export/meters.csv").await;
    assert_eq!(status, 401, "{body}");
    let (status, _, body) = get(&h, Some(&admin), "/export/meters.csv?energy=plasma").await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("energy"), "{body}");
    let (status, _, body) = get(&h, Some(&north), &format!("/export/bills.csv?area={}", h.south.0)).await;
    assert_eq!(status, 403, "{body}");
    let (status, _, body) = get(&h, Some(&admin), "/export/bills.csv?month=2026-13").await;
    assert_eq!(status, 400, "{body}");
});

both!(gateways_are_listed_with_their_state, |h: Harness| async move {
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let req = json!({"req": {"gw_id": "b827ebffed58048a", "name": "roof-1", "gw_type": "rhf2s208", "region": "eu868", "subnet": ""}});
    let (status, answer) = call(&h, Some(&admin), "add_gateway", req.clone()).await;
    assert_eq!(status, 200, "{answer}");
    let (status, answer) = call(&h, Some(&admin), "add_gateway", req).await;
    assert_eq!(status, 409, "{answer}");
    let (status, list) = call(&h, Some(&admin), "list_gateways", json!({})).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["name"], "roof-1");
    assert_eq!(list[0]["online"], false);
});

both!(a_household_reads_its_meters_history_and_no_one_elses, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let mine = h.add_meter(&token, "8cf9572000070007", "History Home", h.north).await;
    let theirs = h.add_meter(&token, "8cf9572000070008", "Next Door", h.north).await;
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (status, _) = call(&h, Some(&admin), "set_valve", json!({"meter_id": mine, "open": false})).await;
    assert_eq!(status, 200);
    let household = household_session(&h, "History Home").await;
    let order = crate::server_fns::sandbox_paid(&h, &household, mine, "12.50", "history-key-0001").await;
    assert_eq!(order["state"], "Succeeded", "{order}");

    let (status, history) = call(&h, Some(&household), "meter_history", json!({"meter_id": mine})).await;
    assert_eq!(status, 200, "{history}");
    assert_eq!(history["usage"]["energy_type"], "WATER");
    assert_eq!(history["usage"]["days"].as_array().unwrap().len(), 30);
    assert_eq!(history["orders"].as_array().unwrap().len(), 1, "{history}");
    assert_eq!(history["orders"][0]["amount"], "12.5");
    assert_eq!(history["orders"][0]["state"], "Succeeded");
    assert_eq!(history["valves"][0]["cause"], "closed by operator", "{history}");
    assert_eq!(history["bills"].as_array().unwrap().len(), 0);

    let (status, _) = call(&h, Some(&household), "meter_history", json!({"meter_id": theirs})).await;
    assert_eq!(status, 404, "another household's meter is not found");
});

both!(operators_find_removed_meters_recover_and_replace_them, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000070009", "Lifecycle One", h.north).await;
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let filter = |status: &str| {
        json!({"filter": {"area_id": h.root.0, "energy_type": null, "search": "lifecycle", "equipment_model_id": null,
            "status": status, "page": first_page()}})
    };
    let (status, _) = call(&h, Some(&admin), "remove_meter", json!({"meter_id": meter})).await;
    assert_eq!(status, 200);
    let (_, active) = call(&h, Some(&admin), "list_meters", filter("Active")).await;
    assert_eq!(active["total_rows"], 0, "{active}");
    let (_, removed) = call(&h, Some(&admin), "list_meters", filter("Removed")).await;
    assert_eq!(removed["total_rows"], 1, "{removed}");
    assert_eq!(removed["rows"][0]["id"], meter);
    let (status, refused) =
        call(&h, Some(&admin), "replace_meter", json!({"old": "8cf9572000070009", "new": "8cf957200007000a"})).await;
    assert_eq!(status, 400, "a removed meter is recovered before its device is replaced: {refused}");
    let (status, _) = call(&h, Some(&admin), "recover_meter", json!({"meter_id": meter})).await;
    assert_eq!(status, 200);
    let (status, answer) =
        call(&h, Some(&admin), "replace_meter", json!({"old": "8cf9572000070009", "new": "8cf957200007000a"})).await;
    assert_eq!(status, 200, "{answer}");
    let (_, page) = call(&h, Some(&admin), "list_meters", filter("Active")).await;
    assert_eq!(page["rows"][0]["id"], meter, "the archive continues under the new device");
    assert_eq!(page["rows"][0]["dev_eui"], "8cf957200007000a");
});

both!(a_payment_is_refunded_once_and_never_into_debt, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf957200007000b", "Refund Home", h.north).await;
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let pay = |amount: &'static str, key: &'static str| {
        let admin = admin.clone();
        let h = &h;
        async move {
            let fields = [
                ("req[meter_id]", meter.to_string()),
                ("req[amount]", amount.to_owned()),
                ("req[idempotency_key]", key.to_owned()),
            ];
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call_form(h, Some(&admin), "top_up", &fields).await
        }
    };
    let (status, order) = pay("40", "refund-key-00001").await;
    assert_eq!(status, 200, "{order}");
    let order_no = order["order_no"].as_str().unwrap().to_owned();
    let refund = json!({"order_no": order_no, "reason": "paid twice at the desk"});

    // A household cannot refund, an empty reason is refused: nothing changes.
    let household = household_session(&h, "Refund Home").await;
    let before = h.snapshot().await;
    let (status, _) = call(&h, Some(&household), "refund_order", refund.clone()).await;
    assert_eq!(status, 403);
    let (status, answer) = call(&h, Some(&admin), "refund_order", json!({"order_no": order_no, "reason": " "})).await;
    assert_eq!(status, 400, "{answer}");
    assert_eq!(h.snapshot().await, before);

    let (status, refunded) = call(&h, Some(&admin), "refund_order", refund.clone()).await;
    assert_eq!(status, 200, "{refunded}");
    assert!(refunded["refunded_at"].is_number(), "{refunded}");
    let info = h.call(&token, "comApi", "getAreaArchiveInfo", json!({"id": meter})).await;
    assert_eq!(info["value"]["balance"], json!(150), "the opening 150 is back where it was");
    let entry: (String, i64, String) = sqlx::query_as(
        "SELECT kind, amount, cause FROM ledger_entries WHERE household_id = (SELECT household_id FROM meters WHERE id = $1) ORDER BY id DESC LIMIT 1",
    )
    .bind(meter)
    .fetch_one(&h.db.pool)
    .await
    .unwrap();
    assert_eq!(entry.0, "refund");
    assert_eq!(entry.1, -4_000);
    assert!(entry.2.contains(&order_no) && entry.2.contains("paid twice"), "{entry:?}");

    // Twice: refused, nothing written.
    let before = h.snapshot().await;
    let (status, again) = call(&h, Some(&admin), "refund_order", refund).await;
    assert_eq!(status, 400, "{again}");
    assert!(again.to_string().contains("already refunded"), "{again}");
    assert_eq!(h.snapshot().await, before);

    // More than the balance holds: refused. 150 + 200 paid, then 132 m³ at 2.5
    // (330.00) used: 20.00 left.
    let (_, big) = pay("200", "refund-key-00002").await;
    ingest(&h.db, &Settings::default(), MeterId(meter), reading("2026-01-05 10:00:00", "132")).await.unwrap();
    let (status, answer) =
        call(&h, Some(&admin), "refund_order", json!({"order_no": big["order_no"], "reason": "wrong meter"})).await;
    assert_eq!(status, 400, "{answer}");
    assert!(answer.to_string().contains("balance holds only 20"), "{answer}");
    h.assert_ledger_sound().await;
});
