//! ChirpStack's device API (issue 17, item 1): with METERLINE_CHIRPSTACK_API
//! set, old clients that register and retire meters through the legacy door
//! create, disable, enable and delete the devices in ChirpStack, and
//! Meterline keeps none of their keys. ChirpStack is played by a stand-in
//! built from its own API definitions, over real gRPC.

use crate::chirpstack_api_standin::{self as standin, StandIn};
use crate::harness::{ADMIN, Harness, NORTH_ADMIN, assert_refused};
use serde_json::{Value, json};
use server::config::Secret;
use server::networks::chirpstack::api::{ApiConfig, ChirpStackApi, Profiles};
use std::sync::Arc;
use std::sync::atomic::Ordering;

const EUI: &str = "70b3d55612c15844";
const NWK_S_KEY: &str = "2b7e151628aed2a6abf7158809cf4f3c";
const APP_S_KEY: &str = "000102030405060708090a0b0c0d0e0f";
const APP_KEY: &str = "8899aabbccddeeff0011223344556677";

fn config(url: &str, key: &str) -> ApiConfig {
    ApiConfig {
        url: url.to_owned(),
        key: Secret::new(key),
        application: Some(standin::APPLICATION.to_owned()),
        followed: vec![standin::APPLICATION.to_owned(), standin::OTHER_APPLICATION.to_owned()],
        profiles: Profiles::parse(&format!("abp={},otaa={}", standin::ABP_PROFILE, standin::OTAA_PROFILE)).unwrap(),
    }
}

/// The harness's app with ChirpStack's API at `url`.
fn registering(h: Harness, url: &str, key: &str) -> Harness {
    let registry = Arc::new(ChirpStackApi::new(&config(url, key)).unwrap());
    h.with_state(|s| s.with_registry(Some(registry)))
}

fn abp(dev_eui: &str, app_id: &str) -> Value {
    json!({"appID": app_id, "devName": "DIPMeter03", "devEUI": dev_eui, "appEUI": dev_eui, "region": "eu868",
           "subnet": "ch_00-07", "authType": "abp", "devAddr": "01775235", "appSKey": APP_S_KEY, "nwkSKey": NWK_S_KEY})
}

async fn route(h: &Harness, meter: i64) -> Option<(String, String, String)> {
    sqlx::query_as("SELECT network, application, device FROM meter_networks WHERE meter_id = $1")
        .bind(meter)
        .fetch_optional(&h.db.pool)
        .await
        .unwrap()
}

async fn status(h: &Harness, meter: i64) -> String {
    sqlx::query_scalar("SELECT status FROM meters WHERE id = $1").bind(meter).fetch_one(&h.db.pool).await.unwrap()
}

both!(a_device_registered_through_the_legacy_door_is_created_in_chirpstack_with_its_keys, |h: Harness| async move {
    let chirpstack = StandIn::default();
    let url = chirpstack.start().await;
    let h = registering(h, &url, standin::KEY);
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, EUI, "Amina", h.north).await;

    // The vendor's own application number ("3") is not one of ChirpStack's:
    // the configured application takes the device.
    let added = h.call(&token, "lorawanApi", "addMeter", abp(EUI, "3")).await;
    assert_eq!(added["errcode"], "0", "{added}");
    let held = chirpstack.device(EUI).expect("created in ChirpStack");
    assert_eq!(held.device.name, "DIPMeter03");
    assert_eq!(held.device.application_id, standin::APPLICATION);
    assert_eq!(held.device.device_profile_id, standin::ABP_PROFILE);
    let session = held.activation.expect("activated");
    assert_eq!((session.dev_addr.as_str(), session.app_s_key.as_str()), ("01775235", APP_S_KEY));
    // LoRaWAN 1.0.x: the one NwkSKey stands for all three of 1.1's.
    for k in [&session.nwk_s_enc_key, &session.s_nwk_s_int_key, &session.f_nwk_s_int_key] {
        assert_eq!(k, NWK_S_KEY);
    }
    // Meterline keeps no key, and sends the meter's commands to ChirpStack.
    assert_eq!(h.count("lorawan_devices").await, 0);
    let expected = ("chirpstack".to_owned(), standin::APPLICATION.to_owned(), EUI.to_owned());
    assert_eq!(route(&h, meter).await, Some(expected));
    assert!(!added.to_string().contains(NWK_S_KEY));

    // Registered twice: ChirpStack's conflict, in the door's words.
    let again = h.call(&token, "lorawanApi", "addMeter", abp(EUI, "3")).await;
    assert_refused(&again, "-5", "ChirpStack already has this device");

    // An OTAA device: its AppKey is ChirpStack's nwk_key for LoRaWAN 1.0.x,
    // in the application the client named when it is one of ChirpStack's.
    let otaa_eui = "70b3d55612c15845";
    let otaa_meter = h.add_meter(&token, otaa_eui, "Baraka", h.north).await;
    let otaa = json!({"appID": standin::OTHER_APPLICATION, "devName": "water_kitchen", "devEUI": otaa_eui,
                      "appEUI": "70b3d57ed0000001", "region": "eu868", "authType": "otaa", "appKey": APP_KEY});
    let added = h.call(&token, "lorawanApi", "addMeter", otaa).await;
    assert_eq!(added["errcode"], "0", "{added}");
    let held = chirpstack.device(otaa_eui).unwrap();
    assert_eq!(held.device.application_id, standin::OTHER_APPLICATION);
    assert_eq!(
        (held.device.device_profile_id.as_str(), held.device.join_eui.as_str()),
        (standin::OTAA_PROFILE, "70b3d57ed0000001")
    );
    let keys = held.keys.expect("keys");
    assert_eq!((keys.nwk_key.as_str(), keys.app_key.as_str()), (APP_KEY, ""));
    assert_eq!(h.count("otaa_devices").await, 0);
    assert_eq!(route(&h, otaa_meter).await.unwrap().1, standin::OTHER_APPLICATION);

    // Another area's operator cannot put a device of ours into ChirpStack.
    let north_only = h.token(NORTH_ADMIN).await;
    let south_eui = "70b3d55612c15846";
    h.add_meter(&token, south_eui, "Chausiku", h.south).await;
    let calls = chirpstack.calls().len();
    let foreign = h.call(&north_only, "lorawanApi", "addMeter", abp(south_eui, "3")).await;
    assert_refused(&foreign, "-3", "no meter with DevEUI");
    assert_eq!(chirpstack.calls().len(), calls, "ChirpStack was not asked");
});

both!(retiring_and_replacing_meters_disables_enables_and_deletes_them_in_chirpstack, |h: Harness| async move {
    let chirpstack = StandIn::default();
    let url = chirpstack.start().await;
    let h = registering(h, &url, standin::KEY);
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, EUI, "Amina", h.north).await;
    assert_eq!(h.call(&token, "lorawanApi", "addMeter", abp(EUI, "3")).await["errcode"], "0");
    // A meter ChirpStack does not serve (one of our own gateways') is
    // retired here only: ChirpStack is not asked about it.
    let other = h.add_meter(&token, "70b3d55612c15899", "Daudi", h.north).await;
    let asked = chirpstack.calls().len();

    let removed = h
        .call(&token, "lorawanApi", "archivesChange", json!({"type": "0", "devEuis": [EUI, "70b3d55612c15899"]}))
        .await;
    assert_eq!(removed["errcode"], "0", "{removed}");
    assert!(chirpstack.device(EUI).unwrap().device.is_disabled, "ChirpStack stops the device's traffic");
    assert_eq!(chirpstack.calls()[asked..], ["Get", "Update"], "one device asked after, one changed");
    assert_eq!((status(&h, meter).await, status(&h, other).await), ("removed".to_owned(), "removed".to_owned()));
    // The update kept the rest of the device as it was.
    let held = chirpstack.device(EUI).unwrap();
    assert_eq!(
        (held.device.name.as_str(), held.device.device_profile_id.as_str()),
        ("DIPMeter03", standin::ABP_PROFILE)
    );

    let recovered = h.call(&token, "lorawanApi", "archivesChange", json!({"type": "2", "devEuis": [EUI]})).await;
    assert_eq!(recovered["errcode"], "0", "{recovered}");
    assert!(!chirpstack.device(EUI).unwrap().device.is_disabled);
    assert_eq!(status(&h, meter).await, "active");

    let new_eui = "70b3d55612c15847";
    let replaced = h
        .call(&token, "lorawanApi", "archivesChange", json!({"type": "1", "oldDeveui": EUI, "newDeveui": new_eui}))
        .await;
    assert_eq!(replaced["errcode"], "0", "{replaced}");
    assert!(chirpstack.device(EUI).is_none(), "the old device is gone from ChirpStack");
    // Stopped first, deleted once the replacement held.
    assert_eq!(chirpstack.calls().iter().rev().take(3).collect::<Vec<_>>(), [&"Delete", &"Update", &"Get"]);
    // Its commands no longer go to the deleted device.
    assert_eq!(route(&h, meter).await, None);
    // The new device is created when its operators register it.
    assert_eq!(h.call(&token, "lorawanApi", "addMeter", abp(new_eui, "3")).await["errcode"], "0");
    assert!(chirpstack.device(new_eui).is_some());
    assert_eq!(route(&h, meter).await.unwrap().2, new_eui);
});

both!(when_chirpstack_refuses_or_cannot_be_reached_nothing_changes, |h: Harness| async move {
    let chirpstack = StandIn::default();
    let url = chirpstack.start().await;
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, EUI, "Amina", h.north).await;
    let served = h.add_meter(&token, "70b3d55612c15849", "Baraka", h.north).await;
    let ours = h.add_meter(&token, "70b3d55612c15850", "Chausiku", h.north).await;
    let h = registering(h, &url, standin::KEY);
    assert_eq!(h.call(&token, "lorawanApi", "addMeter", abp("70b3d55612c15849", "3")).await["errcode"], "0");
    let before = h.snapshot().await;

    // Nothing listens there: the client is told ChirpStack did not answer.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let nowhere = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let down = registering(h, &nowhere, standin::KEY);
    let answer = down.call(&token, "lorawanApi", "addMeter", abp(EUI, "3")).await;
    assert_refused(&answer, "-503", "ChirpStack did not answer");
    assert!(answer["errmsg"].as_str().unwrap().contains("nothing changed here"), "{answer}");
    assert_eq!(down.snapshot().await, before);
    // Retiring: the meter ChirpStack serves fails in its row and stays; one
    // of our own gateways' is retired as usual.
    let answer = down
        .call(
            &token,
            "lorawanApi",
            "archivesChange",
            json!({"type": "0", "devEuis": ["70b3d55612c15849", "70b3d55612c15850"]}),
        )
        .await;
    assert_eq!(
        (answer["data"][0]["code"].clone(), answer["data"][1]["code"].clone()),
        (json!(300), json!(200)),
        "{answer}"
    );
    assert!(answer["data"][0]["msg"].as_str().unwrap().contains("ChirpStack did not answer"), "{answer}");
    assert_eq!((status(&down, served).await, status(&down, ours).await), ("active".to_owned(), "removed".to_owned()));
    assert!(!chirpstack.device("70b3d55612c15849").unwrap().device.is_disabled);

    // A wrong API key is Meterline's misconfiguration, said as such.
    let h = registering(down, &url, "not-the-key");
    let answer = h.call(&token, "lorawanApi", "addMeter", abp(EUI, "3")).await;
    assert_refused(&answer, "-503", "refused Meterline's API key");
    assert!(chirpstack.device(EUI).is_none());

    // Keys ChirpStack refuses: the device it created is deleted again, so a
    // retry starts afresh.
    let h = registering(h, &url, standin::KEY);
    chirpstack.refuse_keys.store(true, Ordering::SeqCst);
    let answer = h.call(&token, "lorawanApi", "addMeter", abp(EUI, "3")).await;
    assert_refused(&answer, "-1", "ChirpStack refused the device: the stand-in was told to refuse keys");
    assert!(chirpstack.device(EUI).is_none(), "no device without a session");
    assert_eq!(route(&h, meter).await, None);
    chirpstack.refuse_keys.store(false, Ordering::SeqCst);
    assert_eq!(h.call(&token, "lorawanApi", "addMeter", abp(EUI, "3")).await["errcode"], "0");

    // An application Meterline does not follow would never be heard from.
    let stray = h.add_meter(&token, "70b3d55612c15848", "Daudi", h.north).await;
    let answer =
        h.call(&token, "lorawanApi", "addMeter", abp("70b3d55612c15848", "11111111-2222-3333-4444-555555555555")).await;
    assert_refused(&answer, "-1", "application 11111111-2222-3333-4444-555555555555 is not one Meterline follows");
    assert_eq!(route(&h, stray).await, None);
    assert!(chirpstack.device("70b3d55612c15848").is_none());
});
