//! addMeterPrice, modifyMeterPrice, readAllPrices, readAllPricesV2.

use crate::harness::{ADMIN, Harness, assert_refused};
use serde_json::json;

both!(add_and_read_prices_exactly, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    // The document's sample.
    let added = h
        .legacy(json!({"action": "comApi", "method": "addMeterPrice", "apiToken": token,
            "params": {"energyTypes": "WATER", "priceName": "waterPrice01", "price": "10"}}))
        .await;
    assert_eq!(added["errcode"], "0", "{added}");
    assert_eq!(added["errmsg"], "Added successfully!!");
    let id: i64 = added["priceId"].as_str().unwrap().parse().unwrap();
    // Time of use, prices as JSON numbers.
    let tou = h
        .call(
            &token,
            "comApi",
            "addMeterPrice",
            json!({"energyTypes": "ELECTRICITY", "priceName": "elec_price",
            "price": 1.1, "peakPrice": 1.35, "valleyPrice": "0.6", "tipPrice": 2}),
        )
        .await;
    assert_eq!(tou["errcode"], "0", "{tou}");
    let all = h.call(&token, "comApi", "readAllPrices", json!({})).await;
    let row = all["data"].as_array().unwrap().iter().find(|p| p["priceId"] == id).unwrap().clone();
    assert_eq!(row["price"], json!(10));
    let v2 = h.call(&token, "comApi", "readAllPricesV2", json!({})).await;
    assert_eq!(v2["errmsg"], "search successful!");
    let elec = v2["data"].as_array().unwrap().iter().find(|p| p["priceName"] == "elec_price").unwrap().clone();
    assert_eq!(elec["energyType"], "ELECTRICITY");
    assert_eq!(elec["flatPrice"].to_string(), "1.1");
    assert_eq!(elec["peakPrice"].to_string(), "1.35");
    assert_eq!(elec["valleyPrice"].to_string(), "0.6");
    assert_eq!(elec["tipPrice"].to_string(), "2");
    assert!(elec["pricelid"].is_i64());
    let water = v2["data"].as_array().unwrap().iter().find(|p| p["pricelid"] == id).unwrap().clone();
    assert_eq!(water["price"], json!(10));
    assert!(water.get("peakPrice").is_none());
});

both!(bad_prices_are_refused_without_writes, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let before = h.snapshot().await;
    let cases = [
        (json!({"energyTypes": "WATER", "priceName": "p", "price": "ten"}), "-1", "price"),
        (json!({"energyTypes": "WATER", "priceName": "p", "price": "-1"}), "-1", "negative"),
        (json!({"energyTypes": "WATER", "priceName": "p", "price": "0.00001"}), "-1", "decimal"),
        (json!({"energyTypes": "STEAM", "priceName": "p", "price": "1"}), "-1", "energy type"),
        (json!({"priceName": "p", "price": "1"}), "-1", "energyTypes"),
        (json!({"energyTypes": "WATER", "price": "1"}), "-1", "priceName"),
        (json!({"energyTypes": "WATER", "priceName": "p"}), "-1", "price"),
        (json!({"energyTypes": "WATER", "priceName": "water-flat", "price": "1"}), "-5", "already exists"),
        (json!({"energyTypes": "GAS", "priceName": "p", "price": "1", "peakPrice": "2"}), "-1", "valleyPrice"),
    ];
    for (param, code, needle) in cases {
        let answer = h.call(&token, "comApi", "addMeterPrice", param.clone()).await;
        assert_refused(&answer, code, needle);
    }
    assert_eq!(h.snapshot().await, before);
});

both!(modify_price_with_every_id_spelling, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let id = h.water_price.0.to_string();
    for (key, price) in [("priceld", "3"), ("priceId", "3.25"), ("pricelId", "4"), ("pricelid", "4.5")] {
        let answer =
            h.call(&token, "comApi", "modifyMeterPrice", json!({key: id, "priceName": "", "price": price})).await;
        assert_eq!(answer["errcode"], "0", "{key}: {answer}");
        assert_eq!(answer["priceld"], id);
    }
    let v2 = h.call(&token, "comApi", "readAllPricesV2", json!({})).await;
    assert_eq!(v2["data"][0]["price"].to_string(), "4.5");
    assert_eq!(v2["data"][0]["priceName"], "water-flat", "an empty name keeps the name");
    let before = h.snapshot().await;
    assert_refused(
        &h.call(&token, "comApi", "modifyMeterPrice", json!({"priceld": "999", "price": "1"})).await,
        "-3",
        "999",
    );
    assert_refused(&h.call(&token, "comApi", "modifyMeterPrice", json!({"price": "1"})).await, "-1", "priceId");
    assert_refused(
        &h.call(&token, "comApi", "modifyMeterPrice", json!({"priceId": "abc", "price": "1"})).await,
        "-1",
        "whole number",
    );
    assert_refused(
        &h.call(&token, "comApi", "modifyMeterPrice", json!({"priceId": id, "peakPrice": "1"})).await,
        "-1",
        "valleyPrice",
    );
    assert_eq!(h.snapshot().await, before);
});
