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

use app::backend::auth::{Caller, load_admin};
use app::backend::db::Db;
use app::backend::services::{gateways, lorawan_devices, meters, prices};
use app::model::EnergyType;
use app::model::ValveState;
use app::model::fixed::{Money, Register, UnitPrice};
use app::model::ids::{AdminId, AreaId, DevEui};
use app::model::lorawan::{DevAddr, NewAbpDevice, SessionKey};
use app::model::meter::NewMeter;
use app::model::price::{NewPricePlan, Tariff};
use base64::Engine;
use server::lorawan::codec::{self, Order, Report};
use server::lorawan::{frame, gwmp};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::UdpSocket;

struct Meter {
    dev_eui: String,
    dev_addr: u32,
    nwk: [u8; 16],
    app: [u8; 16],
    fcnt: u32,
    fcnt_down: u32,
    register: u32,
    valve: u8,
    acks: Vec<(u16, u8)>,
}

/// Keys derived from the meter number: the same on every run, distinct per meter.
fn key(i: u32, salt: u8) -> [u8; 16] {
    let mut k = [0_u8; 16];
    for (n, b) in k.iter_mut().enumerate() {
        *b = (i.wrapping_mul(2_654_435_761).rotate_left(n as u32) as u8) ^ salt ^ (n as u8);
    }
    k
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

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
                NewPricePlan { name: "Simulator water".into(), energy_type: EnergyType::Water, tariff },
            )
            .await?
        }
    };
    let gateway_ids: Vec<[u8; 8]> = (0..n_gw).map(|g| [0x5e, 0x11, 0, 0, 0, 0, 0, g as u8]).collect();
    for (g, id) in gateway_ids.iter().enumerate() {
        let req = gateways::NewGateway {
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
    let mut fleet = Vec::new();
    for i in 0..n_meters {
        let eui = format!("5e11000000{i:06x}");
        let (nwk, app) = (key(i, 0xa5), key(i, 0x3c));
        let dev_addr = 0x2600_0000 | i;
        let new_meter = NewMeter {
            dev_eui: Some(DevEui::parse(&eui)?),
            imei: None,
            serialnumber: None,
            customer_name: format!("Simulated {i}"),
            customer_phone: String::new(),
            customer_address: String::new(),
            customer_certificate_number: String::new(),
            price_id: price,
            reading: Register::ZERO,
            overdraft_money: Money::ZERO,
            customer_fee: Money::from_minor(2_000),
            normal_day_dosage: Register::ZERO,
            valve_state: ValveState::Open,
            meter_type: 1,
            area_id: AreaId(area),
            equipment_model_id: None,
            household_id: None,
        };
        match meters::add_meter(&db, &admin, new_meter).await {
            Ok(id) => println!("registered meter {eui} (archive {id})"),
            Err(app::backend::ServiceError::Conflict { .. }) => {}
            Err(e) => return Err(e.into()),
        }
        let abp = NewAbpDevice {
            dev_eui: DevEui::parse(&eui)?,
            dev_name: format!("sim_{i}"),
            app_eui: String::new(),
            app_id: String::new(),
            region: "eu868".into(),
            subnet: String::new(),
            dev_addr: DevAddr(dev_addr),
            app_s_key: SessionKey::parse(&hex(&app))?,
            nwk_s_key: SessionKey::parse(&hex(&nwk))?,
        };
        match lorawan_devices::register_abp(&db, &admin, abp).await {
            Ok(()) | Err(app::backend::ServiceError::Conflict { .. }) => {}
            Err(e) => return Err(e.into()),
        }
        // A simulated meter restarts its counters each run, like a device
        // re-personalised in the field; the platform is told so here.
        sqlx::query("UPDATE lorawan_devices SET fcnt_up = NULL, fcnt_down = 0 WHERE dev_eui = $1")
            .bind(eui.clone())
            .execute(&db.pool)
            .await?;
        let register: i64 = sqlx::query_scalar("SELECT current_reading FROM meters WHERE dev_eui = $1")
            .bind(eui.clone())
            .fetch_one(&db.pool)
            .await?;
        fleet.push(Meter {
            dev_eui: eui,
            dev_addr,
            nwk,
            app,
            fcnt: 0,
            fcnt_down: 0,
            register: (register / 10) as u32,
            valve: 1,
            acks: Vec::new(),
        });
    }
    db.pool.close().await;
    let fleet = Arc::new(Mutex::new(fleet));
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
                match codec::decode_order(&opened.payload) {
                    Some(Order::CloseValve { seq }) => {
                        m.valve = 0;
                        m.acks.push((seq, 0));
                        println!("[{gw}] <- {} close valve (seq {seq}): closing", m.dev_eui);
                    }
                    Some(Order::OpenValve { seq }) => {
                        m.valve = 1;
                        m.acks.push((seq, 0));
                        println!("[{gw}] <- {} open valve (seq {seq}): opening", m.dev_eui);
                    }
                    Some(Order::AddCredit { seq, amount }) => {
                        m.acks.push((seq, 0));
                        println!("[{gw}] <- {} add credit {amount} (seq {seq})", m.dev_eui);
                    }
                    Some(Order::Report { seq }) => {
                        m.acks.push((seq, 0));
                        println!("[{gw}] <- {} report now (seq {seq})", m.dev_eui);
                    }
                    None => println!("[{gw}] <- {} unknown order {:02x?}", m.dev_eui, opened.payload),
                }
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
                    m.fcnt += 1;
                    // A closed valve lets nothing through.
                    if m.valve == 1 {
                        m.register += 150 + ((tick as u32 * 37 + i as u32 * 11) % 400);
                    }
                    let report = Report {
                        forward: Some(m.register),
                        valve: Some(m.valve),
                        battery_mv: Some(3_600 - (tick % 100) as u16),
                        acks: std::mem::take(&mut m.acks),
                        ..Default::default()
                    };
                    let phy = frame::seal(
                        true,
                        m.dev_addr,
                        m.fcnt,
                        codec::UPLINK_PORT,
                        &codec::encode_report(&report),
                        m.nwk,
                        m.app,
                    )
                    .unwrap_or_default();
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
            let rx = serde_json::json!({"rxpk": [{"tmst": (tick * 1_000_000) as u32, "freq": 868.1, "chan": 0, "rfch": 0, "stat": 1,
                "modu": "LORA", "datr": "SF7BW125", "codr": "4/5", "rssi": -70 - (g as i32) * 10, "lsnr": 8.5, "size": phy.len(),
                "data": base64::engine::general_purpose::STANDARD.encode(&phy)}]});
            sockets[g].send_to(&gwmp::push_data(tick as u16, gateway_ids[g], &rx), door).await?;
            println!("[{}] -> {line}", hex(&gateway_ids[g]));
        }
        if tick.is_multiple_of(3) {
            for (g, s) in sockets.iter().enumerate() {
                s.send_to(&gwmp::pull_data(tick as u16, gateway_ids[g]), door).await?;
            }
        }
        tick += 1;
        if duration > 0 && started.elapsed().as_secs() >= u64::from(duration) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_secs(u64::from(interval))).await;
    }
}
