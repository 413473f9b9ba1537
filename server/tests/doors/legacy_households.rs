//! gethousehold, addHousehold, modifyHousehold, modifiyHousehold.

use crate::harness::{ADMIN, Harness, NORTH_ADMIN, assert_refused};
use serde_json::json;

both!(add_list_and_modify_households, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    // The document's sample, area id adapted.
    let added = h
        .legacy(json!({"action": "comApi", "method": "addHousehold", "apiToken": token, "params": {
            "areald": h.north.0.to_string(), "householdName": "test11", "householdAddress": "address",
            "householdPhone": "18851678765", "householdPassword": "123456", "householdWarnMoney": "0", "householdFee": 200}}))
        .await;
    assert_eq!(added["errcode"], "0", "{added}");
    assert_eq!(added["errmsg"], "succeed");
    let id = added["householdId"].as_i64().unwrap();
    let list = h
        .call(&token, "comApi", "gethousehold", json!({"id": "", "pageNumber": "1", "pageSize": "10", "areaid": h.root.0.to_string(), "searchContent": "TEST1"}))
        .await;
    assert_eq!(list["errcode"], "0", "{list}");
    assert_eq!(list["pageInfo"]["rowTotal"], 1);
    let row = &list["values"][0];
    assert_eq!(row["id"], id);
    assert_eq!(row["householdName"], "test11");
    assert_eq!(row["householdFee"], json!(200));
    assert_eq!(row["areaOrgId"], h.north.0);
    assert!(row["serialnumber"].as_str().unwrap().starts_with("USER"));
    // The document's modify sample, and the clients' misspelling.
    let modified = h
        .call(
            &token,
            "comApi",
            "modifyHousehold",
            json!({"id": id.to_string(), "householdName": "test22",
            "householdAddress": "address", "householdPhone": "18851678765", "householdPassword": "123456",
            "householdWarnMoney": "0", "householdFee": 250.5}),
        )
        .await;
    assert_eq!(modified["householdId"], id, "{modified}");
    let modified = h.call(&token, "comApi", "modifiyHousehold", json!({"id": id, "householdWarnMoney": "20"})).await;
    assert_eq!(modified["errcode"], "0", "{modified}");
    let one = h.call(&token, "comApi", "gethousehold", json!({"id": id, "areaid": h.north.0})).await;
    assert_eq!(one["values"][0]["householdName"], "test22");
    assert_eq!(one["values"][0]["householdFee"].to_string(), "250.5");
    assert_eq!(one["values"][0]["householdWarnMoney"], json!(20));
    // Balance changes are ledger entries: opening 200, adjustment +50.5.
    let kinds: Vec<(String, i64)> =
        sqlx::query_as("SELECT kind, amount FROM ledger_entries WHERE household_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&h.db.pool)
            .await
            .unwrap();
    assert_eq!(kinds, vec![("opening".to_owned(), 20_000), ("adjustment".to_owned(), 5_050)]);
    h.assert_ledger_sound().await;
});

both!(household_errors_change_nothing, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let north = h.token(NORTH_ADMIN).await;
    let added = h
        .call(
            &token,
            "comApi",
            "addHousehold",
            json!({"areaId": h.south.0, "householdName": "southern", "householdFee": "10"}),
        )
        .await;
    let south_id = added["householdId"].as_i64().unwrap();
    let before = h.snapshot().await;
    let cases = [
        (&token, "addHousehold", json!({"areaId": h.north.0, "householdFee": "1"}), "-1", "householdName"),
        (&token, "addHousehold", json!({"householdName": "x"}), "-1", "areaId"),
        (
            &token,
            "addHousehold",
            json!({"areaId": h.north.0, "householdName": "x", "householdFee": "abc"}),
            "-1",
            "householdFee",
        ),
        (&token, "addHousehold", json!({"areaId": 9999, "householdName": "x"}), "-3", "9999"),
        (&north, "addHousehold", json!({"areaId": h.south.0, "householdName": "x"}), "-4", "not one of your areas"),
        (
            &token,
            "addHousehold",
            json!({"areaId": h.north.0, "householdName": "x", "householdPassword": "123"}),
            "-1",
            "householdPassword",
        ),
        (&token, "modifyHousehold", json!({"householdName": "x"}), "-1", "id"),
        (&token, "modifyHousehold", json!({"id": 9999, "householdName": "x"}), "-3", "not found"),
        (&north, "modifyHousehold", json!({"id": south_id, "householdFee": "1000"}), "-3", "not found"),
        (&token, "modifyHousehold", json!({"id": south_id, "householdFee": {"a": 1}}), "-1", "householdFee"),
        (&north, "gethousehold", json!({"areaid": h.south.0}), "-4", "not one of your areas"),
        (&token, "gethousehold", json!({"areaid": h.root.0, "pageNumber": "0"}), "-1", "pageNumber"),
    ];
    for (tok, method, param, code, needle) in cases {
        let answer = h.call(tok, "comApi", method, param.clone()).await;
        assert_refused(&answer, code, needle);
    }
    assert_eq!(h.snapshot().await, before);
});

both!(household_paging_counts_pages, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    for i in 0..5 {
        h.call(&token, "comApi", "addHousehold", json!({"areaId": h.north.0, "householdName": format!("page-{i}")}))
            .await;
    }
    let page =
        h.call(&token, "comApi", "gethousehold", json!({"areaid": h.root.0, "pageSize": "2", "pageNumber": "3"})).await;
    assert_eq!(page["pageInfo"]["pageTotal"], 3);
    assert_eq!(page["pageInfo"]["rowTotal"], 5);
    assert_eq!(page["values"].as_array().unwrap().len(), 1);
    assert_eq!(page["values"][0]["householdName"], "page-4");
});
