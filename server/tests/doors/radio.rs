//! The gateway door over real UDP sockets: uplinks become charged readings;
//! replays, bad MICs, unknown devices, garbage and strangers are counted and
//! stored nowhere.

use crate::harness::{ADMIN, Harness};
use base64::Engine;
use serde_json::json;
use server::lorawan::codec::{Report, UPLINK_PORT, encode_report};
use server::lorawan::{Door, start};
use server::lorawan::{frame, gwmp};
use server::ops::Metrics;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::UdpSocket;

const NWK: [u8; 16] = [0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6, 0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c];
const APP: [u8; 16] = [0x3c, 0x4f, 0xcf, 0x09, 0x88, 0x15, 0xf7, 0xab, 0xa6, 0xd2, 0xae, 0x28, 0x16, 0x15, 0x7e, 0x2b];
const DEV_ADDR: u32 = 0x2601_1bda;
const GATEWAYS: [[u8; 8]; 3] = [[0xb8, 0x27, 0xeb, 0xff, 0xfe, 0xd5, 0x80, 0x48], [0xaa; 8], [0xbb; 8]];

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

struct Radio {
    door: SocketAddr,
    metrics: Arc<Metrics>,
    gateways: Vec<UdpSocket>,
}

async fn setup(h: &Harness) -> Radio {
    setup_allowing(h, Default::default()).await
}

/// `setup` with the door taking datagrams only from `allowed`.
async fn setup_allowing(h: &Harness, allowed: server::addresses::AllowList) -> Radio {
    let token = h.token(ADMIN).await;
    for (i, gw) in GATEWAYS.iter().enumerate() {
        let added = h
            .call(
                &token,
                "lorawanApi",
                "addGateway",
                json!({"gwID": hex(gw), "gwName": format!("gw_{i}"), "gwType": "rhf2s208", "region": "eu868"}),
            )
            .await;
        assert_eq!(added["errcode"], "0", "{added}");
    }
    h.add_meter(&token, "8cf9572000010103", "Radio Meter", h.north).await;
    let abp = h
        .call(
            &token,
            "lorawanApi",
            "addMeter",
            json!({"devName": "radio_meter", "devEUI": "8cf9572000010103", "region": "eu868",
            "devAddr": format!("{DEV_ADDR:08x}"), "appSKey": hex(&APP), "nwkSKey": hex(&NWK)}),
        )
        .await;
    assert_eq!(abp["errcode"], "0", "{abp}");
    let metrics = Arc::new(Metrics::default());
    let door = Door::new(h.db.clone(), Default::default(), metrics.clone()).allowing(allowed);
    let door = start("127.0.0.1:0".parse().unwrap(), door).await.unwrap();
    let mut gateways = Vec::new();
    for _ in GATEWAYS {
        gateways.push(UdpSocket::bind("127.0.0.1:0").await.unwrap());
    }
    Radio { door, metrics, gateways }
}

fn uplink(fcnt: u32, forward_milli: u32, nwk: [u8; 16]) -> String {
    let report = Report { forward: Some(forward_milli), valve: Some(1), battery_mv: Some(3_600), ..Default::default() };
    let phy = frame::seal(true, DEV_ADDR, fcnt, UPLINK_PORT, &encode_report(&report), nwk, APP).unwrap();
    base64::engine::general_purpose::STANDARD.encode(phy)
}

fn push(token: u16, gateway: [u8; 8], data: &str, rssi: i32) -> Vec<u8> {
    gwmp::push_data(
        token,
        gateway,
        &json!({"rxpk": [{"tmst": 1_000_000, "freq": 868.1, "datr": "SF7BW125", "rssi": rssi, "lsnr": 7.5, "data": data}]}),
    )
}

impl Radio {
    /// Sends from gateway `g`; returns the PUSH_ACK token if one came back.
    async fn send(&self, g: usize, datagram: &[u8]) -> Option<u16> {
        self.gateways[g].send_to(datagram, self.door).await.unwrap();
        let mut buf = [0_u8; 64];
        match tokio::time::timeout(Duration::from_millis(500), self.gateways[g].recv_from(&mut buf)).await {
            Ok(Ok((4, _))) if buf[3] == gwmp::PUSH_ACK || buf[3] == gwmp::PULL_ACK => {
                Some(u16::from_be_bytes([buf[1], buf[2]]))
            }
            _ => None,
        }
    }

    /// Waits until `outcome` has been counted `n` times.
    async fn wait_for(&self, outcome: &'static str, n: u64) {
        for _ in 0..200 {
            if self.metrics.radio_count(outcome) >= n {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("{outcome} counted {} times, wanted {n}", self.metrics.radio_count(outcome));
    }
}

async fn readings(h: &Harness) -> i64 {
    h.count("readings").await
}

both!(uplinks_become_charged_readings_exactly_once, |h: Harness| async move {
    let radio = setup(&h).await;
    // 2.000 m³ at 2.5 = 5.00 charged from the opening 150.
    assert_eq!(radio.send(0, &push(0x0101, GATEWAYS[0], &uplink(1, 2_000, NWK), -97)).await, Some(0x0101));
    radio.wait_for("accepted", 1).await;
    let token = h.token(ADMIN).await;
    let info = h.call(&token, "comApi", "getAreaArchiveInfo", json!({"devEui": "8cf9572000010103"})).await;
    assert_eq!(info["value"]["readings"], "2.0000");
    assert_eq!(info["value"]["balance"], json!(145));
    let rt = h.call(&token, "lorawanApi", "queryRealTimeData", json!({"devEui": "8cf9572000010103"})).await;
    assert_eq!(rt["data"]["rssi"], -97);
    assert_eq!(rt["data"]["snr"], "7.5");
    assert_eq!(rt["data"]["battery"], "3.60");
    // The same frame again: a copy, counted, not stored.
    radio.send(0, &push(0x0102, GATEWAYS[0], &uplink(1, 2_000, NWK), -97)).await;
    radio.wait_for("duplicate", 1).await;
    // One new frame through three gateways at once: one reading.
    let frame = uplink(2, 3_000, NWK);
    let (d0, d1, d2) =
        (push(1, GATEWAYS[0], &frame, -110), push(2, GATEWAYS[1], &frame, -80), push(3, GATEWAYS[2], &frame, -90));
    let (a, b, c) = tokio::join!(radio.send(0, &d0), radio.send(1, &d1), radio.send(2, &d2));
    assert!(a.is_some() && b.is_some() && c.is_some(), "every gateway gets its PUSH_ACK");
    radio.wait_for("accepted", 2).await;
    radio.wait_for("duplicate", 3).await;
    assert_eq!(readings(&h).await, 2);
    let info = h.call(&token, "comApi", "getAreaArchiveInfo", json!({"devEui": "8cf9572000010103"})).await;
    assert_eq!(info["value"]["balance"], json!(142.5), "charged once for the third frame");
    let rt = h.call(&token, "lorawanApi", "queryRealTimeData", json!({"devEui": "8cf9572000010103"})).await;
    assert_eq!(rt["data"]["rssi"], -80, "the best of the three copies is the one kept");
    h.assert_ledger_sound().await;
});

both!(bad_frames_are_counted_and_stored_nowhere, |h: Harness| async move {
    let radio = setup(&h).await;
    radio.send(0, &push(1, GATEWAYS[0], &uplink(10, 1_000, NWK), -90)).await;
    radio.wait_for("accepted", 1).await;
    let before = h.snapshot().await;
    // An older frame (a replay of a recorded one).
    radio.send(0, &push(2, GATEWAYS[0], &uplink(9, 1_000, NWK), -90)).await;
    radio.wait_for("replay", 1).await;
    // A wrong network key: the MIC fails.
    radio.send(0, &push(3, GATEWAYS[0], &uplink(11, 1_000, [9; 16]), -90)).await;
    radio.wait_for("bad_mic", 1).await;
    // An address nobody registered.
    let stranger = frame::seal(true, 0x0bad_cafe, 1, UPLINK_PORT, &[1, 0, 0, 0, 0], NWK, APP).unwrap();
    radio.send(0, &push(4, GATEWAYS[0], &base64::engine::general_purpose::STANDARD.encode(stranger), -90)).await;
    radio.wait_for("unknown_devaddr", 1).await;
    // Garbage: truncated datagram, broken JSON, a frame that is not base64.
    radio.gateways[0].send_to(&[2, 0, 1], radio.door).await.unwrap();
    radio.gateways[0].send_to(&push(5, GATEWAYS[0], "x", 0)[..20], radio.door).await.unwrap();
    radio.wait_for("malformed_datagram", 2).await;
    radio.send(0, &push(6, GATEWAYS[0], "!!not base64!!", -90)).await;
    radio.wait_for("malformed_frame", 1).await;
    // A gateway nobody registered gets no acknowledgement.
    assert_eq!(radio.send(0, &push(7, [0xcc; 8], &uplink(12, 1_000, NWK), -90)).await, None);
    radio.wait_for("unregistered_gateway", 1).await;
    assert_eq!(h.snapshot().await, before, "nothing stored, nothing charged");
    // The door is still serving.
    radio.send(0, &push(8, GATEWAYS[0], &uplink(12, 1_500, NWK), -90)).await;
    radio.wait_for("accepted", 2).await;
});

both!(gateways_come_online_and_go_offline, |h: Harness| async move {
    let radio = setup(&h).await;
    let token = h.token(ADMIN).await;
    let before = h.call(&token, "lorawanApi", "readGatewayStatus", json!({"gwID": hex(&GATEWAYS[1])})).await;
    assert_eq!(before["data"]["online"], false);
    assert_eq!(radio.send(1, &gwmp::pull_data(9, GATEWAYS[1])).await, Some(9), "PULL_ACK");
    let stat = gwmp::push_data(
        10,
        GATEWAYS[1],
        &json!({"stat": {"lati": 25.2048, "long": 55.2708, "alti": 12, "rxnb": 40, "txnb": 3}}),
    );
    radio.send(1, &stat).await;
    let after = h.call(&token, "lorawanApi", "readGatewayStatus", json!({"gwID": hex(&GATEWAYS[1])})).await;
    assert_eq!(after["data"]["online"], true);
    assert_eq!(after["data"]["latitude"].to_string(), "25.2048");
    assert_eq!(after["data"]["altitude"], 12);
    // Heard longer ago than the online window: offline.
    sqlx::query("UPDATE gateways SET last_seen_at = last_seen_at - 600").execute(&h.db.pool).await.unwrap();
    let later = h.call(&token, "lorawanApi", "readGatewayStatus", json!({"gwID": hex(&GATEWAYS[1])})).await;
    assert_eq!(later["data"]["online"], false);
});

impl Radio {
    /// The next PULL_RESP gateway `g` receives: its token and txpk.
    async fn pull_resp(&self, g: usize) -> (u16, serde_json::Value) {
        let mut buf = vec![0_u8; 2048];
        for _ in 0..5 {
            let (len, _) = tokio::time::timeout(Duration::from_secs(2), self.gateways[g].recv_from(&mut buf))
                .await
                .expect("a PULL_RESP in time")
                .unwrap();
            if len > 4 && buf[3] == gwmp::PULL_RESP {
                let body: serde_json::Value = serde_json::from_slice(&buf[4..len]).unwrap();
                return (u16::from_be_bytes([buf[1], buf[2]]), body["txpk"].clone());
            }
        }
        panic!("no PULL_RESP");
    }
}

fn report_frame(fcnt: u32, report: Report) -> String {
    let phy = frame::seal(true, DEV_ADDR, fcnt, UPLINK_PORT, &encode_report(&report), NWK, APP).unwrap();
    base64::engine::general_purpose::STANDARD.encode(phy)
}

/// Opens a PULL_RESP as the meter would and returns the order in it.
fn order_in(txpk: &serde_json::Value, fcnt_down: u32) -> server::lorawan::codec::Order {
    let phy = base64::engine::general_purpose::STANDARD.decode(txpk["data"].as_str().unwrap()).unwrap();
    let opened = frame::open_downlink(&phy, NWK, APP, fcnt_down).expect("the meter can decrypt it");
    assert_eq!(opened.f_port, Some(server::lorawan::codec::DOWNLINK_PORT));
    server::lorawan::codec::decode_order(&opened.payload).expect("a known order")
}

both!(a_low_balance_closes_the_valve_over_the_air, |h: Harness| async move {
    let radio = setup(&h).await;
    assert_eq!(radio.send(0, &gwmp::pull_data(1, GATEWAYS[0])).await, Some(1), "PULL_ACK gives the downlink path");
    // 100 m³ at 2.5 = 250: the balance of 150 falls to -100, below the overdraft of 0.
    let used = Report { forward: Some(100_000), valve: Some(1), ..Default::default() };
    radio.send(0, &push(2, GATEWAYS[0], &report_frame(1, used), -90)).await;
    let (token, txpk) = radio.pull_resp(0).await;
    assert_eq!(txpk["tmst"], 2_000_000, "RX1: one second after the uplink");
    assert_eq!(txpk["freq"].to_string(), "868.1");
    assert_eq!(txpk["datr"], "SF7BW125");
    let server::lorawan::codec::Order::CloseValve { seq } = order_in(&txpk, 1) else { panic!("expected a close") };
    // The gateway could not transmit in time: the command goes out again at the next uplink.
    let mut tx_ack = vec![2, (token >> 8) as u8, token as u8, gwmp::TX_ACK];
    tx_ack.extend_from_slice(&GATEWAYS[0]);
    tx_ack.extend_from_slice(br#"{"txpk_ack":{"error":"TOO_LATE"}}"#);
    radio.gateways[0].send_to(&tx_ack, radio.door).await.unwrap();
    radio.wait_for("tx_ack_error", 1).await;
    let again = Report { forward: Some(100_001), valve: Some(1), ..Default::default() };
    radio.send(0, &push(3, GATEWAYS[0], &report_frame(2, again), -90)).await;
    let (_, txpk) = radio.pull_resp(0).await;
    assert_eq!(order_in(&txpk, 2), server::lorawan::codec::Order::CloseValve { seq }, "same command, next counter");
    // The meter closes and acknowledges.
    let ack = Report { forward: Some(100_001), valve: Some(0), acks: vec![(seq, 0)], ..Default::default() };
    radio.send(0, &push(4, GATEWAYS[0], &report_frame(3, ack), -90)).await;
    radio.wait_for("accepted", 3).await;
    let token_api = h.token(ADMIN).await;
    let records = h
        .call(
            &token_api,
            "comApi",
            "getValverecord",
            json!({"areaId": h.north.0, "startDate": "2000-01-01", "endDate": "2100-01-01"}),
        )
        .await;
    assert_eq!(records["values"][0]["executionType"], 0);
    assert_eq!(records["values"][0]["operator"], "system");
    assert_eq!(records["values"][0]["status"], "succeed", "{records}");
    assert_eq!(records["values"][0]["resultInfo"], "executed by the meter");
    let status = h.call(&token_api, "lorawanApi", "readValveStatus", json!({"devEui": "8cf9572000010103"})).await;
    assert_eq!(status["data"]["valveStatus"], "close");
    h.assert_ledger_sound().await;
});

both!(a_command_the_codec_cannot_carry_fails_and_the_next_one_goes_out, |h: Harness| async move {
    use app::model::command::{CommandKind, CommandState};
    let radio = setup(&h).await;
    assert_eq!(radio.send(0, &gwmp::pull_data(1, GATEWAYS[0])).await, Some(1));
    let meter: i64 = sqlx::query_scalar("SELECT id FROM meters WHERE dev_eui = $1")
        .bind("8cf9572000010103")
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    // A credit of 0.0005 is below the meter's 0.001 step. No door queues one
    // (top-ups are whole steps); an SQL console can.
    let mut ids = Vec::new();
    for (kind, argument) in [(CommandKind::AddCredit, "5"), (CommandKind::CloseValve, "")] {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO commands (meter_id, kind, argument, state, actor, created_at, expires_at)
             VALUES ($1, $2, $3, $4, 'console', 0, 4102444800) RETURNING id",
        )
        .bind(meter)
        .bind(kind.code())
        .bind(argument)
        .bind(CommandState::Queued.code())
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
        ids.push(id);
    }
    radio.send(0, &push(2, GATEWAYS[0], &uplink(1, 2_000, NWK), -90)).await;
    let (_, txpk) = radio.pull_resp(0).await;
    let server::lorawan::codec::Order::CloseValve { seq } = order_in(&txpk, 1) else {
        panic!("the close queued behind the credit goes out in this window")
    };
    assert_eq!(seq, (ids[1] & 0xffff) as u16);
    radio.wait_for("downlink_unsendable", 1).await;
    let (state, result): (String, String) = sqlx::query_as("SELECT state, result FROM commands WHERE id = $1")
        .bind(ids[0])
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(state, CommandState::Failed.code());
    assert!(result.contains("not in the meter's steps"), "{result}");
});

both!(the_downlink_goes_through_the_gateway_that_heard_best, |h: Harness| async move {
    let radio = setup(&h).await;
    for (g, gateway) in GATEWAYS.iter().enumerate().take(2) {
        assert_eq!(radio.send(g, &gwmp::pull_data(1, *gateway)).await, Some(1));
    }
    // A reading that closes the valve, heard weakly by gateway 0 and well by gateway 1.
    let used = report_frame(1, Report { forward: Some(100_000), valve: Some(1), ..Default::default() });
    let (weak, strong) = (push(2, GATEWAYS[0], &used, -115), push(3, GATEWAYS[1], &used, -75));
    let (a, b) = tokio::join!(radio.send(0, &weak), radio.send(1, &strong));
    assert!(a.is_some() && b.is_some());
    let (_, txpk) = radio.pull_resp(1).await;
    assert!(matches!(order_in(&txpk, 1), server::lorawan::codec::Order::CloseValve { .. }));
    radio.wait_for("accepted", 1).await;
    radio.wait_for("duplicate", 1).await;
    assert_eq!(readings(&h).await, 1);
});

both!(an_allow_list_keeps_strangers_out, |h: Harness| async move {
    // The gateways here send from 127.0.0.1: outside the list.
    let allowed = server::addresses::AllowList::parse("10.0.0.0/8").unwrap();
    let radio = setup_allowing(&h, allowed).await;
    assert_eq!(radio.send(0, &push(0x0301, GATEWAYS[0], &uplink(1, 2_000, NWK), -97)).await, None, "no PUSH_ACK");
    radio.wait_for("source_not_allowed", 1).await;
    assert_eq!(readings(&h).await, 0);
    // Listed, the same datagram is taken.
    let listed = server::addresses::AllowList::parse("127.0.0.0/8, 10.0.0.0/8").unwrap();
    let metrics = Arc::new(Metrics::default());
    let door = Door::new(h.db.clone(), Default::default(), metrics.clone()).allowing(listed);
    let other = Radio { door: start("127.0.0.1:0".parse().unwrap(), door).await.unwrap(), metrics, ..radio };
    assert_eq!(other.send(0, &push(0x0302, GATEWAYS[0], &uplink(1, 2_000, NWK), -97)).await, Some(0x0302));
    other.wait_for("accepted", 1).await;
    assert_eq!(readings(&h).await, 1);
});

const OTAA_EUI: &str = "8cf9572000170001";
const APP_KEY: [u8; 16] =
    [0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6, 0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c];
const JOIN_EUI: [u8; 8] = [0x70, 0xb3, 0xd5, 0x7e, 0xd0, 0x00, 0x00, 0x01];

fn eui(text: &str) -> [u8; 8] {
    let bytes: Vec<u8> = (0..16).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect();
    bytes.try_into().unwrap()
}

fn join_request(app_key: [u8; 16], dev_nonce: u16) -> String {
    let phy = server::lorawan::join::request(app_key, JOIN_EUI, eui(OTAA_EUI), dev_nonce);
    base64::engine::general_purpose::STANDARD.encode(phy)
}

both!(an_otaa_meter_joins_over_the_air_and_reports_with_its_new_session, |h: Harness| async move {
    use server::lorawan::join;
    let radio = setup(&h).await;
    let token = h.token(ADMIN).await;
    h.add_meter(&token, OTAA_EUI, "Joining Meter", h.north).await;
    let register = |fields: serde_json::Value| {
        let mut param = json!({"devName": "otaa_meter", "devEUI": OTAA_EUI, "region": "eu868", "authType": "OTAA",
            "appEUI": "70b3d57ed0000001"});
        param.as_object_mut().unwrap().extend(fields.as_object().unwrap().clone());
        let (h, token) = (&h, &token);
        async move { h.call(token, "lorawanApi", "addMeter", param).await }
    };
    // An OTAA device needs its AppKey; the answer never repeats a key.
    let missing = register(json!({})).await;
    assert_eq!(missing["errcode"], "-1", "{missing}");
    assert!(missing["errmsg"].as_str().unwrap().contains("appKey"), "{missing}");
    let added = register(json!({"appKey": hex(&APP_KEY)})).await;
    assert_eq!(added["errcode"], "0", "{added}");
    assert!(!added.to_string().contains(&hex(&APP_KEY)));
    let again = register(json!({"appKey": hex(&APP_KEY)})).await;
    assert_eq!(again["errcodeDetail"], "-5", "registered once: {again}");
    let odd = h
        .call(
            &token,
            "lorawanApi",
            "addMeter",
            json!({"devName": "x", "devEUI": OTAA_EUI, "region": "eu868", "authType": "lora"}),
        )
        .await;
    assert!(odd["errmsg"].as_str().unwrap().contains("authType"), "{odd}");

    assert_eq!(radio.send(0, &gwmp::pull_data(1, GATEWAYS[0])).await, Some(1));
    // A request signed with another key: no answer.
    let mut wrong = APP_KEY;
    wrong[0] ^= 0xff;
    radio.send(0, &push(2, GATEWAYS[0], &join_request(wrong, 7), -90)).await;
    radio.wait_for("join_bad_mic", 1).await;
    // The meter joins: the accept comes in the first join window (5 s).
    radio.send(0, &push(3, GATEWAYS[0], &join_request(APP_KEY, 7), -90)).await;
    let (_, txpk) = radio.pull_resp(0).await;
    assert_eq!(txpk["tmst"], 6_000_000, "JOIN_ACCEPT_DELAY1 after the request");
    assert_eq!((txpk["freq"].to_string(), txpk["datr"].clone()), ("868.1".to_owned(), json!("SF7BW125")));
    let phy = base64::engine::general_purpose::STANDARD.decode(txpk["data"].as_str().unwrap()).unwrap();
    let (dev_addr, session) = join::open_accept(&phy, APP_KEY, 7).expect("the meter opens its Join-Accept");
    assert_eq!(dev_addr >> 25, 0, "an address of NetID 0 (NwkID 0)");
    // The same request again (recorded and played back): a replay, no answer.
    radio.send(0, &push(4, GATEWAYS[0], &join_request(APP_KEY, 7), -90)).await;
    radio.wait_for("join_replay", 1).await;

    // Its first report, with the session it derived: charged.
    let report = Report { forward: Some(2_000), valve: Some(1), ..Default::default() };
    let frame =
        frame::seal(true, dev_addr, 1, UPLINK_PORT, &encode_report(&report), session.nwk_s_key, session.app_s_key)
            .unwrap();
    let data = base64::engine::general_purpose::STANDARD.encode(frame);
    radio.send(0, &push(5, GATEWAYS[0], &data, -90)).await;
    radio.wait_for("accepted", 1).await;
    let info = h.call(&token, "comApi", "getAreaArchiveInfo", json!({"devEui": OTAA_EUI})).await;
    assert_eq!(info["value"]["balance"], json!(145), "{info}");
    // It joins again (a reboot): a new session, and the old one is gone.
    radio.send(0, &push(6, GATEWAYS[0], &join_request(APP_KEY, 8), -90)).await;
    let (_, txpk) = radio.pull_resp(0).await;
    let phy = base64::engine::general_purpose::STANDARD.decode(txpk["data"].as_str().unwrap()).unwrap();
    let (new_addr, new_session) = join::open_accept(&phy, APP_KEY, 8).unwrap();
    assert_ne!(new_session.nwk_s_key, session.nwk_s_key);
    let old =
        frame::seal(true, dev_addr, 2, UPLINK_PORT, &encode_report(&report), session.nwk_s_key, session.app_s_key)
            .unwrap();
    radio.send(0, &push(7, GATEWAYS[0], &base64::engine::general_purpose::STANDARD.encode(old), -90)).await;
    let fresh = Report { forward: Some(3_000), valve: Some(1), ..Default::default() };
    // Counters start again with the new session.
    let frame = frame::seal(
        true,
        new_addr,
        1,
        UPLINK_PORT,
        &encode_report(&fresh),
        new_session.nwk_s_key,
        new_session.app_s_key,
    )
    .unwrap();
    radio.send(0, &push(8, GATEWAYS[0], &base64::engine::general_purpose::STANDARD.encode(frame), -90)).await;
    radio.wait_for("accepted", 2).await;
    assert_eq!(readings(&h).await, 2, "the old session's frame is not taken");
    let keys: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM lorawan_devices WHERE dev_eui = $1")
        .bind(OTAA_EUI)
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(keys, 1, "one session per device");
    h.assert_ledger_sound().await;
});
