//! The server functions over HTTP, as the browser calls them: a session
//! cookie from /sfn/login, JSON bodies, statuses that match the error.

use crate::harness::{ADMIN, Harness, NORTH_ADMIN, household_session};
use axum::body::Body;
use http::Request;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

/// Signs in through the login form; returns the session cookie.
pub(crate) async fn sign_in(h: &Harness, role: &str, who: (&str, &str)) -> Result<String, (u16, Value)> {
    let body =
        serde_urlencoded::to_string([("req[role]", role), ("req[username]", who.0), ("req[password]", who.1)]).unwrap();
    let request = Request::post("/sfn/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(Body::from(body))
        .unwrap();
    let response = h.router.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().to_owned());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    match (status, cookie) {
        (200, Some(c)) => Ok(c),
        _ => Err((status, value)),
    }
}

pub(crate) async fn call(h: &Harness, cookie: Option<&str>, name: &str, body: Value) -> (u16, Value) {
    let mut request = Request::post(format!("/sfn/{name}")).header("content-type", "application/json");
    if let Some(c) = cookie {
        request = request.header("cookie", c);
    }
    let response = h.router.clone().oneshot(request.body(Body::from(body.to_string())).unwrap()).await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned())),
    )
}

/// A form-encoded call (what an ActionForm posts).
pub(crate) async fn call_form(h: &Harness, cookie: Option<&str>, name: &str, fields: &[(&str, &str)]) -> (u16, Value) {
    let mut request = Request::post(format!("/sfn/{name}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json");
    if let Some(c) = cookie {
        request = request.header("cookie", c);
    }
    let body = serde_urlencoded::to_string(fields).unwrap();
    let response = h.router.clone().oneshot(request.body(Body::from(body)).unwrap()).await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned())),
    )
}

/// A household pays through the sandbox from the portal's form: the order
/// as the form's answer gives it (still waiting for the payer's approval).
pub(crate) async fn sandbox_pay(h: &Harness, cookie: &str, meter: i64, amount: &str, key: &str) -> (u16, Value) {
    let meter = meter.to_string();
    let fields = [
        ("req[meter_id]", meter.as_str()),
        ("req[amount]", amount),
        ("req[idempotency_key]", key),
        ("req[provider]", "sandbox"),
        ("req[phone]", "0712 345 678"),
    ];
    call_form(h, Some(cookie), "top_up", &fields).await
}

/// The sandbox's callback for an order, as the sandbox sends it; the order
/// as its household then reads it.
pub(crate) async fn sandbox_callback(h: &Harness, cookie: &str, order: &Value) -> Value {
    let reference = order["reference"].as_str().unwrap_or_else(|| panic!("asked the sandbox: {order}"));
    let request = Request::post("/payments/sandbox/callback")
        .header("content-type", "application/json")
        .body(Body::from(json!({ "reference": reference }).to_string()))
        .unwrap();
    let response = h.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 200, "the callback is taken");
    let (status, order) = call(h, Some(cookie), "top_up_outcome", json!({"order_no": order["order_no"]})).await;
    assert_eq!(status, 200, "{order}");
    order
}

/// A sandbox payment, approved: the order once it has ended.
pub(crate) async fn sandbox_paid(h: &Harness, cookie: &str, meter: i64, amount: &str, key: &str) -> Value {
    let (status, order) = sandbox_pay(h, cookie, meter, amount, key).await;
    assert_eq!(status, 200, "{order}");
    assert_eq!(order["state"], "Paying", "{order}");
    sandbox_callback(h, cookie, &order).await
}

fn archive_filter(area: i64, search: Option<&str>) -> Value {
    json!({"filter": {"area_id": area, "energy_type": null, "search": search, "equipment_model_id": null, "page": {"number": 1, "size": 10}}})
}

both!(admin_session_lists_and_adds, |h: Harness| async move {
    let cookie = sign_in(&h, "Admin", ADMIN).await.expect("admin signs in");
    assert!(cookie.starts_with("meterline_session="));
    let token = h.token(ADMIN).await;
    h.add_meter(&token, "8cf9572000060001", "Portal One", h.north).await;
    let (status, page) = call(&h, Some(&cookie), "list_meters", archive_filter(h.root.0, Some("portal"))).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["total_rows"], 1);
    assert_eq!(page["rows"][0]["customer_name"], "Portal One");
    assert_eq!(page["rows"][0]["balance"], "150");
    let (status, id) = call(
        &h,
        Some(&cookie),
        "add_price",
        json!({"req": {"name": "gas-portal", "energy_type": "GAS", "tariff": {"Flat": "3.3"}}}),
    )
    .await;
    assert_eq!(status, 200, "{id}");
    let (_, plans) = call(&h, Some(&cookie), "list_prices", json!({})).await;
    assert!(plans.as_array().unwrap().iter().any(|p| p["name"] == "gas-portal" && p["tariff"]["Flat"] == "3.3"));
    // A client's mistake is a 4xx with the field named, and writes nothing.
    let before = h.snapshot().await;
    let (status, err) = call(
        &h,
        Some(&cookie),
        "add_price",
        json!({"req": {"name": "gas-portal", "energy_type": "GAS", "tariff": {"Flat": "1"}}}),
    )
    .await;
    assert_eq!(status, 409, "{err}");
    assert_eq!(err["Conflict"]["field"], "priceName");
    let (status, err) = call(
        &h,
        Some(&cookie),
        "add_price",
        json!({"req": {"name": "", "energy_type": "GAS", "tariff": {"Flat": "1"}}}),
    )
    .await;
    assert_eq!(status, 400, "{err}");
    assert_eq!(err["Invalid"]["field"], "priceName");
    assert_eq!(h.snapshot().await, before);
});

both!(sessions_and_permissions, |h: Harness| async move {
    let (status, _) = call(&h, None, "list_meters", archive_filter(h.root.0, None)).await;
    assert_eq!(status, 401, "no session");
    let wrong = sign_in(&h, "Admin", (ADMIN.0, "wrong")).await;
    assert!(matches!(wrong, Err((400, _))), "{wrong:?}");
    let north = sign_in(&h, "Admin", NORTH_ADMIN).await.unwrap();
    let (status, _) = call(&h, Some(&north), "list_meters", archive_filter(h.south.0, None)).await;
    assert_eq!(status, 403, "another area");
    let token = h.token(ADMIN).await;
    let (south_meter, number, first) = h.add_meter_welcome(&token, "8cf9572000060002", "South Meter", h.south).await;
    let (status, _) = call(&h, Some(&north), "get_meter", json!({"meter": {"Id": south_meter}})).await;
    assert_eq!(status, 404, "another area's meter is not found");
    // The household the meter created got a random first password, shown
    // once to the operator; the vendor's default does not open it.
    assert_ne!(first, "123456");
    assert!(sign_in(&h, "Household", (&number, "123456")).await.is_err());
    let household = sign_in(&h, "Household", (&number, &first)).await.expect("household signs in");
    // Until it chooses its own, the server answers nothing but who it is and the change.
    let (status, me) = call(&h, Some(&household), "current_user", json!({})).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["Household"]["must_change_password"], true);
    let (status, refused) = call(&h, Some(&household), "my_account", json!({})).await;
    assert_eq!(status, 403, "{refused}");
    assert_eq!(refused["MustChangePassword"]["name"], "South Meter");
    let pay = [
        ("req[meter_id]", south_meter.to_string()),
        ("req[amount]", "5".into()),
        ("req[idempotency_key]", "first-password-pay".into()),
    ];
    let pay: Vec<(&str, &str)> = pay.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let before = h.snapshot().await;
    let (status, _) = call_form(&h, Some(&household), "top_up", &pay).await;
    assert_eq!(status, 403);
    assert_eq!(h.snapshot().await, before, "nothing paid");
    // Changing the first password clears the flag; the old one stops working.
    let (status, err) =
        call_form(&h, Some(&household), "change_password", &[("req[current]", &first), ("req[new]", "short")]).await;
    assert_eq!(status, 400, "{err}");
    assert_eq!(err["Invalid"]["field"], "new", "refused for its length, not its encoding: {err}");
    let (status, _) = call_form(
        &h,
        Some(&household),
        "change_password",
        &[("req[current]", &first), ("req[new]", "a-much-better-one")],
    )
    .await;
    assert_eq!(status, 200);
    assert!(sign_in(&h, "Household", (&number, &first)).await.is_err());
    let again = sign_in(&h, "Household", ("South Meter", "a-much-better-one")).await.unwrap();
    let (status, account) = call(&h, Some(&again), "my_account", json!({})).await;
    assert_eq!(status, 200, "{account}");
    assert_eq!(account[0]["balance"], "150");
    assert_eq!(account[0]["must_change_password"], false);
    assert_eq!(account[1][0]["id"], south_meter);
    let (status, _) = call(&h, Some(&again), "list_meters", archive_filter(h.south.0, None)).await;
    assert_eq!(status, 403, "households cannot list meters");
    let (status, _) = call(&h, Some(&again), "list_prices", json!({})).await;
    assert_eq!(status, 403);
    // Signing out ends the session.
    let (status, _) = call(&h, Some(&again), "logout", json!({})).await;
    assert_eq!(status, 200);
    let (status, _) = call(&h, Some(&again), "my_account", json!({})).await;
    assert_eq!(status, 401);
});

both!(area_management, |h: Harness| async move {
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (status, area) =
        call(&h, Some(&admin), "create_area", json!({"req": {"name": "Block 7", "parent_id": h.north.0}})).await;
    assert_eq!(status, 200, "{area}");
    let block = area["id"].as_i64().unwrap();
    let (status, _) = call(&h, Some(&admin), "rename_area", json!({"req": {"id": block, "name": "Block Seven"}})).await;
    assert_eq!(status, 200);
    let (status, err) =
        call(&h, Some(&admin), "move_area", json!({"req": {"id": h.north.0, "new_parent_id": block}})).await;
    assert_eq!(status, 400, "cannot move below itself: {err}");
    let (status, _) =
        call(&h, Some(&admin), "move_area", json!({"req": {"id": block, "new_parent_id": h.south.0}})).await;
    assert_eq!(status, 200);
    let north = sign_in(&h, "Admin", NORTH_ADMIN).await.unwrap();
    let (_, areas) = call(&h, Some(&north), "list_areas", json!({})).await;
    assert_eq!(areas.as_array().unwrap().len(), 1, "Block Seven moved out of North: {areas}");
    let (_, areas) = call(&h, Some(&admin), "list_areas", json!({})).await;
    let moved = areas.as_array().unwrap().iter().find(|a| a["id"] == block).unwrap().clone();
    assert_eq!(moved["name"], "Block Seven");
    assert_eq!(moved["parent_id"], h.south.0);
    let (status, _) = call(&h, Some(&north), "rename_area", json!({"req": {"id": block, "name": "Mine"}})).await;
    assert_eq!(status, 403);
});

both!(api_tokens_for_legacy_clients, |h: Harness| async move {
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (status, issued) =
        call(&h, Some(&admin), "issue_api_token", json!({"req": {"label": "billing scheduler", "days": 365}})).await;
    assert_eq!(status, 200, "{issued}");
    let token = issued["token"].as_str().unwrap().to_owned();
    assert_eq!(h.call(&token, "comApi", "readAllPrices", json!({})).await["errcode"], "0");
    let (_, list) = call(&h, Some(&admin), "list_api_tokens", json!({})).await;
    let row = list.as_array().unwrap().iter().find(|t| t["label"] == "billing scheduler").unwrap().clone();
    assert!(row["last_used_at"].is_i64(), "use is recorded: {row}");
    assert!(!list.to_string().contains(&token), "the token text is never listed");
    let (status, _) = call(&h, Some(&admin), "revoke_api_token", json!({"id": row["id"]})).await;
    assert_eq!(status, 200);
    assert_eq!(h.call(&token, "comApi", "readAllPrices", json!({})).await["errcode"], "-31");
    let (status, _) = call(&h, Some(&admin), "revoke_api_token", json!({"id": row["id"]})).await;
    assert_eq!(status, 404, "already revoked");
    let (status, err) = call(&h, Some(&admin), "issue_api_token", json!({"req": {"label": "", "days": 30}})).await;
    assert_eq!(status, 400, "{err}");
    let north = sign_in(&h, "Admin", NORTH_ADMIN).await.unwrap();
    let (status, _) = call(&h, Some(&north), "revoke_api_token", json!({"id": row["id"]})).await;
    assert_eq!(status, 404, "another operator's token");
});

both!(the_other_operations_through_server_functions, |h: Harness| async move {
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (status, household) = call(
        &h,
        Some(&admin),
        "add_household",
        json!({"req": {"area_id": h.north.0, "name": "Portal House", "address": "1 Road", "phone": "0509990000",
            "password": null, "warn_money": "10", "fee": "75.5"}}),
    )
    .await;
    assert_eq!(status, 200, "{household}");
    // Its number and random first password come back this once.
    assert!(household["welcome"]["serialnumber"].as_str().unwrap().starts_with("USER"), "{household}");
    assert_eq!(household["welcome"]["password"].as_str().unwrap().len(), 14, "{household}");
    let household = household["id"].as_i64().unwrap();
    let new_meter = |eui: &str, area: i64| {
        json!({"req": {"dev_eui": eui, "imei": null, "serialnumber": null, "customer_name": "Portal House",
            "customer_phone": "", "customer_address": "", "customer_certificate_number": "", "price_id": h.water_price.0,
            "reading": "1.5", "overdraft_money": "0", "customer_fee": "0", "normal_day_dosage": "0", "valve_state": "Open",
            "meter_type": 1, "area_id": area, "equipment_model_id": null, "household_id": household}})
    };
    let (status, meter) = call(&h, Some(&admin), "add_meter", new_meter("8cf9572000070001", h.north.0)).await;
    assert_eq!(status, 200, "{meter}");
    assert_eq!(meter["welcome"], Value::Null, "an existing household has its password");
    let meter = meter["id"].clone();
    let before = h.snapshot().await;
    let (status, err) = call(&h, Some(&admin), "add_meter", new_meter("8cf9572000070001", h.north.0)).await;
    assert_eq!((status, err["Conflict"]["field"].clone()), (409, json!("devEui")));
    let (status, _) = call(&h, Some(&admin), "add_meter", new_meter("not-an-eui", h.north.0)).await;
    assert_eq!(status, 400, "a bad DevEUI does not even deserialise");
    assert_eq!(h.snapshot().await, before);
    let (status, _) = call(
        &h,
        Some(&admin),
        "modify_meter",
        json!({"req": {"meter": {"DevEui": "8cf9572000070001"}, "patch": {"customer_name": "Renamed", "overdraft_money": "3"}}}),
    )
    .await;
    assert_eq!(status, 200);
    let (_, detail) = call(&h, Some(&admin), "get_meter", json!({"meter": {"Id": meter}})).await;
    assert_eq!(detail[0]["customer_name"], "Renamed");
    assert_eq!(detail[0]["balance"], "75.5");
    assert_eq!(detail[0]["reading"], "1.5");
    assert_eq!(detail[1]["name"], "water-flat");
    let (status, _) =
        call(&h, Some(&admin), "modify_household", json!({"req": {"id": household, "patch": {"fee": "80"}}})).await;
    assert_eq!(status, 200);
    let (_, list) = call(
        &h,
        Some(&admin),
        "list_households",
        json!({"filter": {"area_id": h.root.0, "id": null, "search": "portal", "page": {"number": 1, "size": 10}}}),
    )
    .await;
    assert_eq!(list["rows"][0]["balance"], "80");
    h.assert_ledger_sound().await;
    let (status, _) = call(
        &h,
        Some(&admin),
        "modify_price",
        json!({"req": {"id": h.water_price.0, "name": null, "flat": "2.75", "peak": null, "valley": null, "tip": null, "periods": null}}),
    )
    .await;
    assert_eq!(status, 200);
    let page = json!({"number": 1, "size": 10});
    for (name, filter) in [
        (
            "list_readings",
            json!({"area_id": h.root.0, "search": null, "energy_type": null, "start": 0, "end": 4_000_000_000_i64, "page": page}),
        ),
        (
            "list_valve_records",
            json!({"area_id": h.root.0, "energy_type": null, "start": 0, "end": 4_000_000_000_i64, "username": null, "user_number": null, "operation": null, "page": page}),
        ),
        (
            "list_bills",
            json!({"scope": {"Area": h.root.0}, "energy_type": null, "month": null, "username": null, "user_number": null, "page": page}),
        ),
    ] {
        let (status, rows) = call(&h, Some(&admin), name, json!({"filter": filter})).await;
        assert_eq!(status, 200, "{name}: {rows}");
        assert_eq!(rows["total_rows"], 0, "{name}");
    }
    let north = sign_in(&h, "Admin", NORTH_ADMIN).await.unwrap();
    let (status, _) = call(
        &h,
        Some(&north),
        "list_bills",
        json!({"filter": {"scope": {"Area": h.south.0}, "energy_type": null, "month": null, "username": null, "user_number": null, "page": page}}),
    )
    .await;
    assert_eq!(status, 403);
});

both!(portal_top_ups_pay_once_and_declines_credit_nothing, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000090099", "Portal Payer", h.north).await;
    let household = household_session(&h, "Portal Payer").await;
    let before = h.snapshot().await;
    let (status, order) = sandbox_pay(&h, &household, meter, "25", "form-key-0001").await;
    assert_eq!(status, 200, "{order}");
    assert_eq!(order["state"], "Paying", "the payer approves first: {order}");
    assert_eq!(order["channel"], "portal");
    assert_eq!(order["provider"], "Sandbox");
    assert_eq!(order["payer"], "254712345678", "the national number read with the country code");
    assert_eq!(h.snapshot().await, before, "nothing credited before the provider confirms");
    // A double click (same form key) asks once.
    let (_, again) = sandbox_pay(&h, &household, meter, "25", "form-key-0001").await;
    assert_eq!(again["order_no"], order["order_no"]);
    let paid = sandbox_callback(&h, &household, &order).await;
    assert_eq!(paid["state"], "Succeeded", "{paid}");
    assert!(paid["receipt"].as_str().unwrap().starts_with("SANDBOX-"), "{paid}");
    // The callback again, late: still credited once.
    assert_eq!(sandbox_callback(&h, &household, &order).await["state"], "Succeeded");
    let (_, account) = call(&h, Some(&household), "my_account", json!({})).await;
    assert_eq!(account[0]["balance"], "175");
    // Declined by the payer: the order fails, nothing is credited.
    let before = h.snapshot().await;
    let declined = sandbox_paid(&h, &household, meter, "10.13", "form-key-0002").await;
    assert_eq!(declined["state"], "Failed", "{declined}");
    assert!(declined["result"].as_str().unwrap().contains("cancelled"), "{declined}");
    let (status, _) = sandbox_pay(&h, &household, meter, "5", "short").await;
    assert_eq!(status, 400, "a form without its key");
    // Not an amount, no provider, not a phone: the answer names the field.
    let (status, wrong) = sandbox_pay(&h, &household, meter, "abc", "form-key-0004").await;
    assert_eq!((status, &wrong["Invalid"]["field"]), (400, &json!("amount")), "{wrong}");
    let m = meter.to_string();
    let form = |provider: &'static str, phone: &'static str| {
        [
            ("req[meter_id]", m.clone()),
            ("req[amount]", "5".to_owned()),
            ("req[idempotency_key]", "form-key-0005".to_owned()),
            ("req[provider]", provider.to_owned()),
            ("req[phone]", phone.to_owned()),
        ]
    };
    for (provider, phone, field) in
        [("paypal", "0712345678", "provider"), ("", "0712345678", "provider"), ("sandbox", "call me", "phone")]
    {
        let fields = form(provider, phone);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, wrong) = call_form(&h, Some(&household), "top_up", &fields).await;
        assert_eq!((status, &wrong["Invalid"]["field"]), (400, &json!(field)), "{wrong}");
    }
    // Over what the sandbox takes at once: refused before anything is asked.
    let (status, wrong) = sandbox_pay(&h, &household, meter, "2500", "form-key-0006").await;
    assert_eq!(status, 400, "{wrong}");
    assert!(wrong.to_string().contains("at most KES 2,000.00"), "{wrong}");
    let (_, account) = call(&h, Some(&household), "my_account", json!({})).await;
    assert_eq!(account[0]["balance"], "175");
    assert_eq!(h.snapshot().await, before, "nothing credited for what failed or was refused");
    // Another household's meter is out of reach.
    let other = h.add_meter(&token, "8cf9572000090098", "Someone Else", h.north).await;
    let (status, _) = sandbox_pay(&h, &household, other, "5", "form-key-0003").await;
    assert_eq!(status, 404);
    h.assert_ledger_sound().await;
});

/// A top-up form posted by a household: its answer and the `Location` the
/// browser is sent to (302 without JavaScript; a header the client follows
/// with it).
async fn post_top_up(
    h: &Harness,
    cookie: &str,
    accept: &str,
    fields: &[(&str, String)],
) -> (u16, Option<String>, bool, Value) {
    let request = Request::post("/sfn/top_up")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", accept)
        .header("cookie", cookie)
        .body(Body::from(serde_urlencoded::to_string(fields).unwrap()))
        .unwrap();
    let response = h.router.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let location = response.headers().get("location").map(|v| v.to_str().unwrap().to_owned());
    let follow = response.headers().contains_key("serverfnredirect");
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, location, follow, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

both!(a_household_top_up_ends_on_its_outcome, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9572000090097", "Outcome Payer", h.north).await.to_string();
    let household = household_session(&h, "Outcome Payer").await;
    let form = |amount: &str, key: &str| {
        [
            ("req[meter_id]", meter.clone()),
            ("req[amount]", amount.to_owned()),
            ("req[idempotency_key]", key.to_owned()),
            ("req[provider]", "sandbox".to_owned()),
            ("req[phone]", "+254712345678".to_owned()),
        ]
    };

    // With JavaScript: the order comes back and the client is told where to go.
    let (status, location, follow, order) =
        post_top_up(&h, &household, "application/json", &form("12.50", "outcome-key-01")).await;
    assert_eq!(status, 200, "{order}");
    assert!(follow, "the client is asked to follow the redirect");
    let order_no = order["order_no"].as_str().expect("an order number").to_owned();
    assert_eq!(location.as_deref(), Some(format!("/household?paid={order_no}").as_str()));

    // Without JavaScript: a 302 to the same page, for the next order.
    let (status, location, _, _) =
        post_top_up(&h, &household, "text/html,application/xhtml+xml", &form("5", "outcome-key-02")).await;
    assert_eq!(status, 302);
    let second = location.expect("a Location").trim_start_matches("/household?paid=").to_owned();
    assert_ne!(second, order_no);

    // The dashboard reads the outcome back; another household, or a number
    // that names no order, gets no outcome (and its page still answers 200).
    let (status, found) = call(&h, Some(&household), "top_up_outcome", json!({"order_no": order_no})).await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["amount"], "12.5");
    assert_eq!(found["state"], "Paying", "the dashboard follows it until the payer approves");
    assert_eq!(crate::server_fns::sandbox_callback(&h, &household, &found).await["state"], "Succeeded");
    h.add_meter(&token, "8cf9572000090096", "Nosy Neighbour", h.north).await;
    let neighbour = household_session(&h, "Nosy Neighbour").await;
    let (status, other) = call(&h, Some(&neighbour), "top_up_outcome", json!({"order_no": order_no})).await;
    assert_eq!((status, other), (200, Value::Null));
    let (status, none) = call(&h, Some(&household), "top_up_outcome", json!({"order_no": "ML-none"})).await;
    assert_eq!((status, none), (200, Value::Null));
    // Signed out, there is nothing to read.
    let (status, _) = call(&h, None, "top_up_outcome", json!({"order_no": order_no})).await;
    assert_eq!(status, 401);

    // A payment refused before the provider is asked is answered in place:
    // no order, nowhere to go.
    let (status, location, follow, _) =
        post_top_up(&h, &household, "application/json", &form("10.135", "outcome-key-03")).await;
    assert_eq!((status, location, follow), (400, None, false));

    // An operator's cash top-up stays on the operator's page.
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (status, location, follow, order) =
        post_top_up(&h, &admin, "application/json", &form("3", "outcome-key-04")).await;
    assert_eq!((status, location, follow), (200, None, false), "{order}");
});

both!(days_of_credit_count_every_meter_of_the_household, |h: Harness| async move {
    use crate::harness::reading;
    use app::backend::clock::now;
    use app::backend::services::ingest::ingest;
    use app::backend::state::Settings;
    use app::model::ids::MeterId;
    use app::model::time::Timestamp;

    let token = h.token(ADMIN).await;
    let water = h.add_meter(&token, "8cf9572000090201", "Two Meters", h.north).await;
    let (status, account) = call(&h, Some(&household_session(&h, "Two Meters").await), "my_account", json!({})).await;
    assert_eq!(status, 200, "{account}");
    assert_eq!(account[2]["days_left"], Value::Null, "nothing used yet: no estimate");
    let household = account[0]["id"].as_i64().unwrap();
    // A second meter on the same account draws on the same balance.
    let second = h
        .call(
            &token,
            "comApi",
            "addMeter",
            json!({"devEui": "8cf9572000090202", "customerName": "Two Meters", "customerPhone": "0501112222",
                   "pricelId": h.water_price.0, "reading": "0", "overdraftMoney": "0", "normalDayDosage": "10",
                   "valveState": "1", "meterType": "1", "areald": h.north.0, "householdId": household}),
        )
        .await;
    assert_eq!(second["errcode"], "0", "{second}");
    let second = second["id"].as_i64().unwrap();
    // Ten days ago and yesterday: 2 + 8 m³ on one meter, 10 m³ on the other,
    // at 2.50 a m³: 50.00 over the ten days since the first charge.
    let at = |days_ago: i64| Timestamp(now().0 - days_ago * 86_400).text();
    let settings = Settings::default();
    for (meter, days_ago, forward) in [(water, 10, "2"), (water, 1, "10"), (second, 1, "10")] {
        ingest(&h.db, &settings, MeterId(meter), reading(&at(days_ago), forward)).await.unwrap();
    }
    let cookie = household_session(&h, "Two Meters").await;
    let (_, account) = call(&h, Some(&cookie), "my_account", json!({})).await;
    assert_eq!(account[0]["balance"], "100", "150 less 50 of use: {account}");
    assert_eq!(account[2]["daily_spend"], "5", "50.00 over 10 days: {account}");
    assert_eq!(account[2]["days_left"], 20, "100.00 at 5.00 a day");
    h.assert_ledger_sound().await;
});
