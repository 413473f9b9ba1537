//! Benchmark: uplinks per second end to end, from a gateway datagram on a real
//! UDP socket to a verified, decrypted, stored and charged reading, and the
//! latency from datagram to committed reading.
//!
//!     cargo run --release -p server --example bench_uplinks [-- METERS ROUNDS WINDOW]
//!
//! Registers METERS (default 2000) ABP water meters and a gateway through the
//! service layer, starts the gateway door in this process on 127.0.0.1, then:
//! (1) sends 200 uplinks one at a time and reports the median time until each
//! is committed (the door counts a frame once its reading is committed);
//! (2) sends ROUNDS (default 5) reports from every meter, keeping at most WINDOW
//! (default 2000) frames in flight (each waits out the door's 100 ms dedup
//! window, so WINDOW bounds the rate at WINDOW × 10 per second), and reports
//! uplinks per second. Frames the kernel dropped (a full receive buffer) are
//! reported as lost after 3 s without progress. SQLite file (WAL, synchronous=FULL) by default;
//! BENCH_DATABASE_URL=postgres://... for an empty PostgreSQL database.

use app::backend::services::gateways;
use app::backend::state::Settings;
use server::lorawan::{self as door, Door};
#[path = "common/fleet.rs"]
mod fleet;

use fleet::{SimMeter, hex};
use server::lorawan::gwmp;
use server::ops::Metrics;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::UdpSocket;

/// Every outcome the door counts for an uplink frame (one per frame).
const FRAME_OUTCOMES: [&str; 15] = [
    "accepted",
    "accepted_backwards",
    "duplicate",
    "duplicate_reading",
    "replay",
    "bad_mic",
    "unknown_devaddr",
    "no_meter",
    "removed_meter",
    "internal_error",
    "codec_error",
    "malformed_frame",
    "not_uplink_data",
    "other_port",
    "no_register",
];

fn processed(metrics: &Metrics) -> u64 {
    FRAME_OUTCOMES.iter().map(|o| metrics.radio_count(o)).sum()
}

const GATEWAY: [u8; 8] = [0xbe, 0x9c, 0, 0, 0, 0, 0, 1];

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<u32> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (n_meters, rounds, window) = (
        args.first().copied().unwrap_or(2_000),
        args.get(1).copied().unwrap_or(5),
        args.get(2).copied().unwrap_or(2_000),
    );
    let (db, admin, area, price) = fleet::bench_database("meterline-bench-uplinks").await?;
    let gateway = gateways::NewGateway {
        area_id: None,
        gw_id: hex(&GATEWAY),
        name: "bench_gw".into(),
        gw_type: "rhf2s208".into(),
        region: "eu868".into(),
        subnet: String::new(),
    };
    gateways::add_gateway(&db, &admin, gateway).await?;
    let t = Instant::now();
    let mut meters: Vec<SimMeter> = fleet::register(&db, &admin, area, price, n_meters).await?;
    println!("registered {n_meters} meters on {:?} in {:.1} s", db.backend, t.elapsed().as_secs_f64());

    let metrics = Arc::new(Metrics::default());
    let door_addr =
        door::start("127.0.0.1:0".parse()?, Door::new(db.clone(), Settings::default(), metrics.clone())).await?;
    let socket = Arc::new(UdpSocket::bind("127.0.0.1:0").await?);
    socket.send_to(&gwmp::pull_data(0, GATEWAY), door_addr).await?;
    // Drain the acknowledgements so the gateway's socket buffer never fills.
    let drain = socket.clone();
    tokio::spawn(async move {
        let mut buf = vec![0_u8; 4096];
        while drain.recv_from(&mut buf).await.is_ok() {}
    });
    let mut token: u16 = 1;
    let mut send = |m: &mut SimMeter| {
        token = token.wrapping_add(1);
        fleet::push_data(token, GATEWAY, u32::from(token) * 1_000, -80, &m.next_uplink(250, 3_600))
    };

    // (1) Latency with nothing else in flight.
    let mut latencies = Vec::with_capacity(200);
    let count = meters.len();
    for k in 0..200_usize {
        let datagram = send(&mut meters[k % count]);
        let before = processed(&metrics);
        let t = Instant::now();
        socket.send_to(&datagram, door_addr).await?;
        while processed(&metrics) == before {
            tokio::time::sleep(Duration::from_micros(20)).await;
        }
        latencies.push(t.elapsed());
    }
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1_000.0;
    println!(
        "latency, one frame in flight: median {:.2} ms, p90 {:.2} ms, max {:.2} ms (datagram sent to reading committed)",
        ms(latencies[100]),
        ms(latencies[180]),
        ms(latencies[199])
    );

    // (2) Throughput with WINDOW frames in flight.
    let base = processed(&metrics);
    let accepted_before = metrics.radio_count("accepted");
    let total = u64::from(n_meters) * u64::from(rounds);
    let t = Instant::now();
    let mut sent = 0_u64;
    for _ in 0..rounds {
        for m in meters.iter_mut() {
            while sent - (processed(&metrics) - base) >= u64::from(window) {
                tokio::time::sleep(Duration::from_micros(100)).await;
            }
            socket.send_to(&send(m), door_addr).await?;
            sent += 1;
        }
    }
    let (mut seen, mut progress_at) = (0, Instant::now());
    while processed(&metrics) - base < total && progress_at.elapsed() < Duration::from_secs(3) {
        tokio::time::sleep(Duration::from_millis(1)).await;
        let now_seen = processed(&metrics) - base;
        if now_seen != seen {
            (seen, progress_at) = (now_seen, Instant::now());
        }
    }
    let done = processed(&metrics) - base;
    let secs = if done < total { (progress_at - t).as_secs_f64() } else { t.elapsed().as_secs_f64() };
    if done < total {
        println!("LOST: {} of {total} frames never arrived (receive buffer overflow)", total - done);
    }
    let accepted = metrics.radio_count("accepted") - accepted_before;
    let rate = done as f64 / secs;
    println!(
        "{done} uplinks from {n_meters} meters in {secs:.2} s = {rate:.0} uplinks/s (goal 5,000/s); {accepted} accepted, \
         mean time in flight {:.1} ms",
        f64::from(window) / rate * 1_000.0
    );
    for outcome in FRAME_OUTCOMES.iter().filter(|o| **o != "accepted") {
        let n = metrics.radio_count(outcome);
        if n > 0 {
            println!("  {outcome}: {n}");
        }
    }
    let off = app::backend::store::ledger::check(&db.pool).await?;
    println!("ledger check: {} households off", off.len());
    Ok(())
}
