//! Benchmark: normal requests while thousands of slow clients hold
//! connections (each has sent half a request and stalls), against the same
//! requests without them, in the same run, over real TCP on loopback.
//!
//!     cargo run --release -p server --example bench_slow_clients [-- SLOW SECONDS CLIENTS]
//!
//! Serves the real router with the default limits (headers within 10 s, at
//! most 10,000 connections) on a fresh SQLite file; CLIENTS (default 16)
//! keep-alive clients ask `/healthz` (a database round trip) for SECONDS
//! (default 3); then SLOW (default 3000) connections each send an unfinished
//! request, and the clients run again while those are held. Prints both rates
//! and their ratio, and how many slow connections the server had closed when
//! their header deadline passed. Results go in docs/benchmarks.md.

use app::backend::db::Db;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use server::serve::{Limits, serve};
use server::startup::router;
use server::state::ServerState;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn rate(base: &str, clients: usize, seconds: u64) -> f64 {
    let client = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(clients).build_http::<Full<Bytes>>();
    let done = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (client, done, stop, url) = (client.clone(), done.clone(), stop.clone(), format!("{base}/healthz"));
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let request = http::Request::get(&url).body(Full::new(Bytes::new())).unwrap();
                if let Ok(response) = client.request(request).await
                    && response.status() == 200
                    && response.into_body().collect().await.is_ok()
                {
                    done.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        let _ = t.await;
    }
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let slow: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3000);
    let seconds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    let clients: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(16);
    let dir = std::env::temp_dir().join(format!("meterline-bench-slow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = Db::connect(&format!("sqlite://{}/meterline.db", dir.display())).await.expect("database");
    let leptos = leptos::config::LeptosOptions::builder().output_name("meterline").build();
    let app = router(ServerState::new(db, leptos));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = Limits::default();
    tokio::spawn(serve(listener, app, limits, std::future::pending()));
    let base = format!("http://{addr}");

    let before = rate(&base, clients, seconds).await;
    println!("without slow clients: {before:.0} requests/s ({clients} clients, {seconds} s)");
    let opened = Instant::now();
    let mut held = Vec::with_capacity(slow);
    for _ in 0..slow {
        match tokio::net::TcpStream::connect(addr).await {
            Ok(mut s) => {
                let _ = s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ").await;
                held.push(s);
            }
            Err(e) => {
                println!("could open only {} slow connections: {e}", held.len());
                break;
            }
        }
    }
    println!("{} slow connections held, opened in {:.2} s", held.len(), opened.elapsed().as_secs_f64());
    let during = rate(&base, clients, seconds).await;
    println!("with them:            {during:.0} requests/s, {:.1} % of without", 100.0 * during / before);
    // Past the header deadline every slow connection must have been closed.
    tokio::time::sleep((limits.header_timeout + Duration::from_secs(1)).saturating_sub(opened.elapsed())).await;
    let mut closed = 0;
    for s in &mut held {
        let mut buf = [0_u8; 256];
        if matches!(tokio::time::timeout(Duration::from_millis(5), s.read(&mut buf)).await, Ok(Ok(_)) | Ok(Err(_))) {
            closed += 1;
        }
    }
    println!(
        "{closed} of {} slow connections closed by the server {:.1} s after they opened (header deadline {} s)",
        held.len(),
        opened.elapsed().as_secs_f64(),
        limits.header_timeout.as_secs()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
