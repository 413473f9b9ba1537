//! A gateway and meter simulator: N gateways and M ABP meters over real UDP
//! with real keys and real crypto.
//!
//!     cargo run -p server --example simulator -- [GATEWAYS] [METERS] [INTERVAL_S] [DURATION_S]
//!
//! Registers its gateways, meters and ABP sessions through the service layer
//! (the database in DATABASE_URL, default the demo's `data/meterline.db`),
//! then every INTERVAL_S (default 10) each meter sends a report with a rising
//! register through one gateway to METERLINE_GATEWAY_UDP (default
//! 127.0.0.1:1700). Valve and credit downlinks are obeyed like a meter would
//! (the valve switches, the command is acknowledged in the next report).
//! Prints everything it sends and receives. DURATION_S 0 runs until Ctrl-C.
//!
//! With `SIMULATOR_ACTIVATION=otaa` the meters are registered by their
//! AppKeys and join over the air first (a Join-Request each round until
//! the Join-Accept comes), then report with the session they derived.
//!
//! With `SIMULATOR_NETWORK=chirpstack` it plays a ChirpStack v4 instance
//! instead of gateways: each report is an `up` event published to the broker
//! of `METERLINE_CHIRPSTACK_MQTT` (default mqtt://127.0.0.1:1883) in the
//! application `SIMULATOR_APPLICATION` (default `simulator`), and the
//! downlinks Meterline enqueues on `.../command/down` are obeyed and answered
//! with a `txack`, as ChirpStack and a Class A meter would.
//!
//! With `SIMULATOR_NETWORK=cellular` it plays a carrier's IoT platform with
//! NB-IoT meters (IMEI 868333030000000 and up): each report is pushed to
//! `$METERLINE_URL/networks/cellular/reports` (default
//! http://127.0.0.1:3000) with `Authorization: Bearer $METERLINE_CELLULAR_TOKEN`,
//! and the commands in each answer are obeyed.

use app::backend::auth::{Caller, load_admin};
use app::backend::db::Db;
use app::backend::services::{gateways, prices};
use app::model::EnergyType;
use app::model::fixed::UnitPrice;
use app::model::ids::{AdminId, AreaId};
use app::model::price::{NewPricePlan, Tariff};
use base64::Engine;
use server::lorawan::codec;
#[path = "common/fleet.rs"]
mod fleet;

use fleet::hex;
use server::lorawan::{frame, gwmp};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::UdpSocket;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<u32> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (n_gw, n_meters, interval, duration) = (
        args.first().copied().unwrap_or(2),
        args.get(1).copied().unwrap_or(5),
        args.get(2).copied().unwrap_or(10),
        args.get(3).copied().unwrap_or(0),
    );
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| "sqlite://data/meterline.db".to_owned());
    let door: std::net::SocketAddr =
        std::env::var("METERLINE_GATEWAY_UDP").unwrap_or_else(|_| "127.0.0.1:1700".to_owned()).parse()?;
    let db = Db::connect(&url).await?;
    let admin_id: i64 = sqlx::query_scalar("SELECT id FROM admins ORDER BY id LIMIT 1").fetch_one(&db.pool).await?;
    let admin = Caller::Admin(load_admin(&db, AdminId(admin_id)).await?);
    let area: i64 = sqlx::query_scalar("SELECT area_id FROM admin_areas WHERE admin_id = $1 LIMIT 1")
        .bind(admin_id)
        .fetch_one(&db.pool)
        .await?;
    let price = match prices::list_prices(&db, &admin).await?.into_iter().find(|p| p.energy_type == EnergyType::Water) {
        Some(p) => p.id,
        None => {
            let tariff = Tariff::Flat(UnitPrice::parse("2.5").map_err(|e| e.to_string())?);
            prices::add_price(
                &db,
                &admin,
                NewPricePlan { area_id: None, name: "Simulator water".into(), energy_type: EnergyType::Water, tariff },
            )
            .await?
        }
    };
    let gateway_ids: Vec<[u8; 8]> = (0..n_gw).map(|g| [0x5e, 0x11, 0, 0, 0, 0, 0, g as u8]).collect();
    for (g, id) in gateway_ids.iter().enumerate() {
        let req = gateways::NewGateway {
            area_id: None,
            gw_id: hex(id),
            name: format!("sim_gw_{g}"),
            gw_type: "rhf2s208".into(),
            region: "eu868".into(),
            subnet: "ch_00-07".into(),
        };
        match gateways::add_gateway(&db, &admin, req).await {
            Ok(()) => println!("registered gateway {}", hex(id)),
            Err(app::backend::ServiceError::Conflict { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    if std::env::var("SIMULATOR_NETWORK").as_deref() == Ok("cellular") {
        let fleet = fleet::register_cellular(&db, &admin, AreaId(area), price, n_meters).await?;
        println!("registered {} cellular meters (IMEI 868333030000000 and up)", fleet.len());
        db.pool.close().await;
        return play_cellular(fleet, interval, duration).await;
    }
    let otaa = std::env::var("SIMULATOR_ACTIVATION").is_ok_and(|a| a.eq_ignore_ascii_case("otaa"));
    let fleet = fleet::register_as(&db, &admin, AreaId(area), price, n_meters, otaa).await?;
    let activation = if otaa { "OTAA" } else { "ABP" };
    println!("registered {} {activation} meters (5e11000000000000 and up)", fleet.len());
    db.pool.close().await;
    let fleet = Arc::new(Mutex::new(fleet));
    if std::env::var("SIMULATOR_NETWORK").as_deref() == Ok("chirpstack") {
        return play_chirpstack(fleet, interval, duration).await;
    }
    let mut sockets = Vec::new();
    for id in &gateway_ids {
        let socket = Arc::new(UdpSocket::bind("0.0.0.0:0").await?);
        socket.send_to(&gwmp::pull_data(1, *id), door).await?;
        sockets.push(socket.clone());
        let fleet = fleet.clone();
        let gw = hex(id);
        // Downlinks: decrypt, obey, remember the acknowledgement for the next report.
        tokio::spawn(async move {
            let mut buf = vec![0_u8; 4096];
            while let Ok((len, _)) = socket.recv_from(&mut buf).await {
                if len < 4 || buf[3] != gwmp::PULL_RESP {
                    continue;
                }
                let Ok(body) = serde_json::from_slice::<serde_json::Value>(&buf[4..len]) else { continue };
                let Some(data) = body["txpk"]["data"].as_str() else { continue };
                let Ok(phy) = base64::engine::general_purpose::STANDARD.decode(data) else { continue };
                if phy.first() == Some(&0x20) {
                    let Ok(mut fleet) = fleet.lock() else { return };
                    let mut joined = None;
                    for m in fleet.iter_mut() {
                        if m.accept(&phy) {
                            joined = Some((m.dev_eui.clone(), m.dev_addr));
                            break;
                        }
                    }
                    match joined {
                        Some((eui, addr)) => println!("[{gw}] <- {eui} joined as {addr:08x}"),
                        None => println!("[{gw}] a Join-Accept no meter here waits for"),
                    }
                    continue;
                }
                if phy.len() < 8 {
                    continue;
                }
                let addr = u32::from_le_bytes([phy[1], phy[2], phy[3], phy[4]]);
                let fcnt16 = u16::from_le_bytes([phy[6], phy[7]]);
                let Ok(mut fleet) = fleet.lock() else { return };
                let Some(m) = fleet.iter_mut().find(|m| m.dev_addr == addr) else { continue };
                let fcnt = (m.fcnt_down & 0xffff_0000) | u32::from(fcnt16);
                let Ok(opened) = frame::open_downlink(&phy, m.nwk, m.app, fcnt) else {
                    println!("[{gw}] downlink for {} failed its MIC", m.dev_eui);
                    continue;
                };
                m.fcnt_down = fcnt;
                let said = m.obey(&opened.payload);
                println!("[{gw}] <- {} {said}", m.dev_eui);
            }
        });
    }
    println!("simulating {n_gw} gateways and {n_meters} meters against {door}, a report every {interval} s");
    let started = std::time::Instant::now();
    let mut tick = 0_u64;
    loop {
        let frames: Vec<(usize, Vec<u8>, String)> = {
            let mut fleet = fleet.lock().map_err(|_| "poisoned")?;
            fleet
                .iter_mut()
                .enumerate()
                .map(|(i, m)| {
                    if !m.joined() {
                        let phy = m.join_request().unwrap_or_default();
                        let line = format!("{} join request (DevNonce {:04x})", m.dev_eui, m.joining.unwrap_or(0));
                        return (i % sockets.len(), phy, line);
                    }
                    let used = 150 + ((tick as u32 * 37 + i as u32 * 11) % 400);
                    let phy = m.next_uplink(used, 3_600 - (tick % 100) as u16);
                    let line = format!(
                        "{} fcnt {} register {}.{:03} valve {}",
                        m.dev_eui,
                        m.fcnt,
                        m.register / 1000,
                        m.register % 1000,
                        m.valve
                    );
                    (i % sockets.len(), phy, line)
                })
                .collect()
        };
        for (g, phy, line) in frames {
            let datagram =
                fleet::push_data(tick as u16, gateway_ids[g], (tick * 1_000_000) as u32, -70 - (g as i32) * 10, &phy);
            sockets[g].send_to(&datagram, door).await?;
            println!("[{}] -> {line}", hex(&gateway_ids[g]));
        }
        if tick.is_multiple_of(3) {
            for (g, s) in sockets.iter().enumerate() {
                s.send_to(&gwmp::pull_data(tick as u16, gateway_ids[g]), door).await?;
            }
        }
        tick += 1;
        if duration > 0 && started.elapsed().as_secs() >= u64::from(duration) {
            // What was published last is still on its way to the broker.
            tokio::time::sleep(Duration::from_secs(1)).await;
            return Ok(());
        }
        tokio::time::sleep(Duration::from_secs(u64::from(interval))).await;
    }
}

/// The meters report through a simulated ChirpStack (see the top).
async fn play_chirpstack(
    fleet: Arc<Mutex<Vec<fleet::SimMeter>>>,
    interval: u32,
    duration: u32,
) -> Result<(), Box<dyn std::error::Error>> {
    use rumqttc::v5::mqttbytes::QoS;
    use rumqttc::v5::mqttbytes::v5::Packet;
    use rumqttc::v5::{AsyncClient, Event, MqttOptions};
    let broker = std::env::var("METERLINE_CHIRPSTACK_MQTT").unwrap_or_else(|_| "mqtt://127.0.0.1:1883".to_owned());
    let application = std::env::var("SIMULATOR_APPLICATION").unwrap_or_else(|_| "simulator".to_owned());
    let mut config = server::networks::chirpstack::ChirpstackConfig::parse(&broker, &application, "simulator")?;
    if let Ok(ca) = std::env::var("METERLINE_CHIRPSTACK_MQTT_CA") {
        config = config.with_ca_file(&ca)?;
    }
    let mut options =
        MqttOptions::new(format!("chirpstack-simulator-{}", std::process::id()), config.host.clone(), config.port);
    options.set_keep_alive(Duration::from_secs(30));
    server::networks::chirpstack::connection::reach(&mut options, &config);
    let (client, mut eventloop) = AsyncClient::new(options, 1_000);
    client.subscribe(format!("application/{application}/device/+/command/down"), QoS::AtLeastOnce).await?;
    let (answers, downlink_client) = (fleet.clone(), client.clone());
    let app = application.clone();
    tokio::spawn(async move {
        loop {
            let p = match eventloop.poll().await {
                Ok(Event::Incoming(Packet::Publish(p))) => p,
                Ok(_) => continue,
                Err(e) => {
                    println!("[chirpstack] broker: {e}; reconnecting");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            let Ok(down) = serde_json::from_slice::<serde_json::Value>(&p.payload) else { continue };
            let eui = down["devEui"].as_str().unwrap_or_default().to_owned();
            let payload = base64::engine::general_purpose::STANDARD.decode(down["data"].as_str().unwrap_or_default());
            let said = {
                let Ok(mut fleet) = answers.lock() else { return };
                let Some(m) = fleet.iter_mut().find(|m| m.dev_eui == eui) else { continue };
                m.obey(&payload.unwrap_or_default())
            };
            println!("[chirpstack] <- {eui} {said}");
            // The gateway transmitted it in the meter's next receive window.
            let txack = serde_json::json!({"downlinkId": 1, "queueItemId": down["id"], "fCntDown": 1,
                "gatewayId": "5e11000000000000"});
            let topic = format!("application/{app}/device/{eui}/event/txack");
            let _ = downlink_client.publish(topic, QoS::AtLeastOnce, false, txack.to_string()).await;
        }
    });
    println!("simulating ChirpStack application {application} on {broker}, a report every {interval} s");
    let started = std::time::Instant::now();
    let mut tick = 0_u64;
    loop {
        let events: Vec<(String, serde_json::Value, String)> = {
            let mut fleet = fleet.lock().map_err(|_| "poisoned")?;
            fleet
                .iter_mut()
                .enumerate()
                .map(|(i, m)| {
                    let used = 150 + ((tick as u32 * 37 + i as u32 * 11) % 400);
                    let report = m.next_report(used, 3_600 - (tick % 100) as u16);
                    let line = format!(
                        "{} fcnt {} register {}.{:03} valve {}",
                        m.dev_eui,
                        m.fcnt,
                        m.register / 1000,
                        m.register % 1000,
                        m.valve
                    );
                    let event = serde_json::json!({
                        "deduplicationId": app::backend::auth::random_uuid(),
                        "time": chrono::Utc::now().to_rfc3339(),
                        "deviceInfo": {"applicationId": application, "devEui": m.dev_eui, "deviceName": m.dev_eui},
                        "fCnt": m.fcnt, "fPort": codec::UPLINK_PORT,
                        "data": base64::engine::general_purpose::STANDARD.encode(codec::encode_report(&report)),
                        "rxInfo": [{"gatewayId": "5e11000000000000", "rssi": -70 - (i as i64 % 30), "snr": 8.5}],
                    });
                    (m.dev_eui.clone(), event, line)
                })
                .collect()
        };
        for (eui, event, line) in events {
            let topic = format!("application/{application}/device/{eui}/event/up");
            client.publish(topic, QoS::AtLeastOnce, false, event.to_string()).await?;
            println!("[chirpstack] -> {line}");
        }
        tick += 1;
        if duration > 0 && started.elapsed().as_secs() >= u64::from(duration) {
            // What was published last is still on its way to the broker.
            tokio::time::sleep(Duration::from_secs(1)).await;
            return Ok(());
        }
        tokio::time::sleep(Duration::from_secs(u64::from(interval))).await;
    }
}

/// The meters report through a simulated carrier platform (see the top).
async fn play_cellular(
    mut fleet: Vec<fleet::SimMeter>,
    interval: u32,
    duration: u32,
) -> Result<(), Box<dyn std::error::Error>> {
    let base = std::env::var("METERLINE_URL").unwrap_or_else(|_| "http://127.0.0.1:3000".to_owned());
    let token = std::env::var("METERLINE_CELLULAR_TOKEN").map_err(|_| "set METERLINE_CELLULAR_TOKEN")?;
    let client = reqwest::Client::new();
    println!("simulating a cellular platform pushing to {base}, a report every {interval} s");
    let started = std::time::Instant::now();
    let mut tick = 0_u64;
    loop {
        for (i, m) in fleet.iter_mut().enumerate() {
            let used = 150 + ((tick as u32 * 37 + i as u32 * 11) % 400);
            let report = m.next_report(used, 3_600 - (tick % 100) as u16);
            let payload: String = codec::encode_report(&report).iter().map(|b| format!("{b:02x}")).collect();
            let body = serde_json::json!({"imei": m.dev_eui, "payload": payload,
                "time": chrono::Utc::now().to_rfc3339(), "id": app::backend::auth::random_uuid()});
            let answer =
                client.post(format!("{base}/networks/cellular/reports")).bearer_auth(&token).json(&body).send().await;
            let answer: serde_json::Value = match answer {
                Ok(a) => a.json().await.unwrap_or_default(),
                Err(e) => {
                    println!("[cellular] {} not pushed: {e}", m.dev_eui);
                    continue;
                }
            };
            println!(
                "[cellular] -> {} fcnt {} register {}.{:03} valve {}: {}",
                m.dev_eui,
                m.fcnt,
                m.register / 1000,
                m.register % 1000,
                m.valve,
                answer["outcome"]
            );
            for down in answer["downlinks"].as_array().cloned().unwrap_or_default() {
                let hex = down["payload"].as_str().unwrap_or_default();
                let bytes: Vec<u8> =
                    (0..hex.len() / 2).filter_map(|k| u8::from_str_radix(&hex[2 * k..2 * k + 2], 16).ok()).collect();
                let said = m.obey(&bytes);
                println!("[cellular] <- {} {said}", m.dev_eui);
            }
        }
        tick += 1;
        if duration > 0 && started.elapsed().as_secs() >= u64::from(duration) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_secs(u64::from(interval))).await;
    }
}
