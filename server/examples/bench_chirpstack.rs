//! Benchmark: readings per second through ChirpStack's MQTT path end to end,
//! from an `up` event published to the real broker (Mosquitto on
//! 127.0.0.1:1883) to a stored, charged reading whose event was acknowledged.
//!
//!     cargo run --release -p server --example bench_chirpstack [-- METERS ROUNDS WINDOW]
//!
//! Registers METERS (default 2000) water meters, starts the ChirpStack door
//! in this process (its own application id and client id, so nothing else on
//! the broker interferes), then: (1) publishes 200 events one at a time and
//! reports the median time until each is committed; (2) publishes ROUNDS
//! (default 5) events from every meter, keeping at most WINDOW (default
//! 2000) published and not yet taken, and reports readings per second. The
//! window stands for the broker's limits: Mosquitto holds at most the
//! subscriber's receive maximum (2000) in flight plus `max_queued_messages`
//! (default 1000) for a subscriber that falls behind, and drops the rest
//! (docs/networks.md). SQLite file (WAL, synchronous=FULL) by
//! default; BENCH_DATABASE_URL=postgres://... for an empty PostgreSQL database.
//! Goal (issue 17): at least 5,000 readings per second.

#[path = "common/fleet.rs"]
mod fleet;

use base64::Engine;
use fleet::SimMeter;
use rumqttc::v5::mqttbytes::QoS;
use rumqttc::v5::{AsyncClient, MqttOptions};
use server::lorawan::codec::{self, Report, UPLINK_PORT};
use server::networks::chirpstack::{self, ChirpstackConfig};
use server::ops::Metrics;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Every outcome the door counts for an `up` event (one per event).
const UP_OUTCOMES: [&str; 8] = [
    "accepted",
    "accepted_backwards",
    "duplicate",
    "duplicate_reading",
    "no_meter",
    "removed_meter",
    "other_port",
    "no_register",
];

fn processed(metrics: &Metrics) -> u64 {
    UP_OUTCOMES.iter().map(|o| metrics.network_count("chirpstack", o)).sum()
}

fn up(application: &str, m: &mut SimMeter, n: u64) -> (String, String) {
    m.register += 250;
    m.fcnt += 1;
    let report = Report { forward: Some(m.register), valve: Some(1), battery_mv: Some(3_600), ..Default::default() };
    let body = serde_json::json!({
        "deduplicationId": format!("bench-{}-{n}", m.dev_eui),
        "deviceInfo": {"applicationId": application, "devEui": m.dev_eui},
        "fCnt": m.fcnt, "fPort": UPLINK_PORT,
        "data": base64::engine::general_purpose::STANDARD.encode(codec::encode_report(&report)),
        "rxInfo": [{"gatewayId": "0016c0999b0eb948", "rssi": -80, "snr": 7.5}],
    });
    (format!("application/{application}/device/{}/event/up", m.dev_eui), body.to_string())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<u32> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (n_meters, rounds, window) = (
        args.first().copied().unwrap_or(2_000),
        args.get(1).copied().unwrap_or(5),
        args.get(2).copied().unwrap_or(2_000),
    );
    let (db, admin, area, price) = fleet::bench_database("meterline-bench-chirpstack").await?;
    let t = Instant::now();
    let mut meters: Vec<SimMeter> = fleet::register(&db, &admin, area, price, n_meters).await?;
    println!("registered {n_meters} meters on {:?} in {:.1} s", db.backend, t.elapsed().as_secs_f64());

    let run = app::backend::auth::random_uuid();
    let application = format!("bench-{}", &run[..8]);
    let client_id = format!("meterline-bench-{}", &run[..8]);
    let metrics = Arc::new(Metrics::default());
    let config = ChirpstackConfig::parse("mqtt://127.0.0.1:1883", &application, &client_id)?;
    let door = chirpstack::start(db.clone(), Default::default(), metrics.clone(), config);

    let mut options = MqttOptions::new(format!("chirpstack-bench-{}", &run[..8]), "127.0.0.1", 1883);
    options.set_keep_alive(Duration::from_secs(30)).set_outgoing_inflight_upper_limit(1_000);
    let (publisher, mut eventloop) = AsyncClient::new(options, 10_000);
    tokio::spawn(async move { while eventloop.poll().await.is_ok() {} });
    // Until the door has subscribed, the broker drops what is published for it.
    let started = Instant::now();
    while metrics.network_count("chirpstack", "ignored") == 0 {
        if started.elapsed() > Duration::from_secs(10) {
            return Err("the door never subscribed (is Mosquitto running on 127.0.0.1:1883?)".into());
        }
        let topic = format!("application/{application}/device/{}/event/status", meters[0].dev_eui);
        publisher.publish(topic, QoS::AtLeastOnce, false, "{}").await?;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // (1) Latency with nothing else in flight.
    let mut n = 0_u64;
    let mut latencies = Vec::with_capacity(200);
    let count = meters.len();
    for k in 0..200_usize {
        n += 1;
        let (topic, body) = up(&application, &mut meters[k % count], n);
        let before = processed(&metrics);
        let t = Instant::now();
        publisher.publish(topic, QoS::AtLeastOnce, false, body).await?;
        while processed(&metrics) == before {
            tokio::time::sleep(Duration::from_micros(20)).await;
        }
        latencies.push(t.elapsed());
    }
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1_000.0;
    println!(
        "latency, one event in flight: median {:.2} ms, p90 {:.2} ms, max {:.2} ms (published to reading committed)",
        ms(latencies[100]),
        ms(latencies[180]),
        ms(latencies[199])
    );

    // (2) Throughput with WINDOW events in flight.
    let base = processed(&metrics);
    let accepted_before = metrics.network_count("chirpstack", "accepted");
    let total = u64::from(n_meters) * u64::from(rounds);
    let t = Instant::now();
    let mut sent = 0_u64;
    for _ in 0..rounds {
        for m in meters.iter_mut() {
            while sent - (processed(&metrics) - base) >= u64::from(window) {
                tokio::time::sleep(Duration::from_micros(100)).await;
            }
            sent += 1;
            n += 1;
            let (topic, body) = up(&application, m, n);
            publisher.publish(topic, QoS::AtLeastOnce, false, body).await?;
        }
    }
    let published = t.elapsed();
    let (mut seen, mut progress_at) = (0, Instant::now());
    while processed(&metrics) - base < total && progress_at.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(1)).await;
        let now_seen = processed(&metrics) - base;
        if now_seen != seen {
            (seen, progress_at) = (now_seen, Instant::now());
        }
    }
    let done = processed(&metrics) - base;
    let secs = if done < total { (progress_at - t).as_secs_f64() } else { t.elapsed().as_secs_f64() };
    if done < total {
        println!("LOST: {} of {total} events were never taken", total - done);
    }
    let accepted = metrics.network_count("chirpstack", "accepted") - accepted_before;
    println!(
        "{done} readings from {n_meters} meters in {secs:.2} s = {:.0} readings/s (goal 5,000/s); {accepted} accepted; \
         window {window}; publishing took {:.2} s",
        done as f64 / secs,
        published.as_secs_f64()
    );
    for outcome in UP_OUTCOMES.iter().filter(|o| **o != "accepted") {
        let c = metrics.network_count("chirpstack", outcome);
        if c > 0 {
            println!("  {outcome}: {c}");
        }
    }
    let off = app::backend::store::ledger::check(&db.pool).await?;
    println!("ledger check: {} households off", off.len());
    door.stop().await;
    // The broker would keep the door's session (and its subscription) for a
    // week: end it with a clean one under the same id.
    let mut clean = MqttOptions::new(client_id, "127.0.0.1", 1883);
    clean.set_clean_start(true);
    let (ender, mut eventloop) = AsyncClient::new(clean, 10);
    ender.disconnect().await?;
    while eventloop.poll().await.is_ok() {}
    Ok(())
}
