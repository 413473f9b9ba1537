//! toLogin and getAreaOrg.

use crate::harness::{ADMIN, Harness, NORTH_ADMIN, assert_refused};
use serde_json::json;

both!(to_login_returns_token_areas_and_models, |h: Harness| async move {
    // The document's sample, with the client habit of "apiToken": null.
    let answer = h
        .legacy(json!({"action": "comApi", "method": "toLogin", "apiToken": null, "params": {"username": ADMIN.0, "password": ADMIN.1}}))
        .await;
    assert_eq!(answer["errcode"], "0");
    assert_eq!(answer["errmsg"], "Login successfully");
    let value = &answer["value"];
    let token = value["apiToken"].as_str().unwrap();
    assert!(token.len() >= 32, "at least 128 bits");
    assert_eq!(value["username"], ADMIN.0);
    assert_eq!(value["manageArea"][0]["areaId"], h.root.0);
    assert_eq!(value["manageArea"][0]["parentId"], 0);
    assert!(value["equipmentModel"].as_array().unwrap().len() >= 5);
    assert_eq!(value["equipmentModel"][2]["sysconfigEquipmentId"], 3);
    assert!(value["equipmentModel"][2]["equipmentModelName"].as_str().unwrap().contains("water"));
    let again = h.token(ADMIN).await;
    assert_ne!(again, token, "every login gets its own token");
});

both!(to_login_refuses_bad_credentials, |h: Harness| async move {
    let before = h.count("sessions").await;
    let wrong = h
        .legacy(json!({"action": "comApi", "method": "toLogin", "params": {"username": ADMIN.0, "password": "nope"}}))
        .await;
    assert_refused(&wrong, "-6", "wrong username or password");
    let unknown = h
        .legacy(json!({"action": "comApi", "method": "toLogin", "params": {"username": "ghost", "password": "x"}}))
        .await;
    assert_refused(&unknown, "-6", "wrong username or password");
    let missing = h.legacy(json!({"action": "comApi", "method": "toLogin", "params": {"username": ADMIN.0}})).await;
    assert_refused(&missing, "-1", "password");
    let wrong_type = h
        .legacy(json!({"action": "comApi", "method": "toLogin", "params": {"username": ["a"], "password": "x"}}))
        .await;
    assert_refused(&wrong_type, "-1", "username");
    assert_eq!(h.count("sessions").await, before, "no session issued");
});

both!(get_area_org_with_username_and_password, |h: Harness| async move {
    // The document's sample shape.
    let answer = h
        .legacy(
            json!({"action": "comApi", "method": "getAreaOrg", "param": {"username": ADMIN.0, "password": ADMIN.1}}),
        )
        .await;
    assert_eq!(answer["errcode"], "0", "{answer}");
    let names: Vec<&str> = answer["data"].as_array().unwrap().iter().map(|a| a["areaName"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 3);
    assert!(names.contains(&"North") && names.contains(&"South"));
    let north = answer["data"].as_array().unwrap().iter().find(|a| a["areaName"] == "North").unwrap();
    assert_eq!(north["areaid"], h.north.0);
    assert_eq!(north["parentId"], h.root.0);
    // An area admin sees only their subtree.
    let answer = h
        .legacy(json!({"action": "comApi", "method": "getAreaOrg", "param": {"username": NORTH_ADMIN.0, "password": NORTH_ADMIN.1}}))
        .await;
    let names: Vec<&str> = answer["data"].as_array().unwrap().iter().map(|a| a["areaName"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["North"]);
    let bad = h
        .legacy(json!({"action": "comApi", "method": "getAreaOrg", "param": {"username": ADMIN.0, "password": "x"}}))
        .await;
    assert_refused(&bad, "-6", "wrong");
    let none = h.legacy(json!({"action": "comApi", "method": "getAreaOrg", "param": {}})).await;
    assert_refused(&none, "-1", "username");
});
