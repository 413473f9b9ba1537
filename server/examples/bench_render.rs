//! Benchmark: the household dashboard's server render, pages per second,
//! over real HTTP on loopback with the demo data on SQLite.
//!
//!     cargo run --release -p server --example bench_render [-- SECONDS CONNECTIONS]
//!
//! Loads the demo into a fresh SQLite file, signs the demo household in
//! through the portal's sign-in, then runs CONNECTIONS (default 16)
//! keep-alive clients asking for `/household` for SECONDS (default 5), three
//! rounds, and prints the median rate against the goal (1,000 pages/s,
//! issue 18), with the time of the first (cold) render and the median
//! latency. Every page is checked to be the dashboard (the balance is on
//! it). Results go in docs/benchmarks.md.

use app::backend::bootstrap::ensure_admin;
use app::backend::db::Db;
use http_body_util::{BodyExt, Empty, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use server::startup::router;
use server::state::ServerState;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

const GOAL: f64 = 1_000.0;
const ROUNDS: usize = 3;

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Empty<Bytes>>;

/// The dashboard once: its latency, checked to be the dashboard.
async fn dashboard(client: &HttpClient, addr: SocketAddr, cookie: &str) -> Duration {
    let started = Instant::now();
    let request = hyper::Request::get(format!("http://{addr}/household"))
        .header("accept", "text/html")
        .header("cookie", cookie)
        .body(Empty::new())
        .unwrap();
    let response = client.request(request).await.expect("request");
    assert_eq!(response.status(), 200);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert!(body.windows(18).any(|w| w == b"data-testid=\"balan"), "the page is the dashboard");
    started.elapsed()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let connections: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(16);
    let dir = std::env::temp_dir().join(format!("meterline-bench-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = Db::connect(&format!("sqlite://{}/meterline.db", dir.display())).await.expect("database");
    ensure_admin(&db, "admin", Some("bench-admin-1")).await.expect("admin");
    app::backend::demo::load(&db, app::model::ids::AdminId(1)).await.expect("demo");

    let leptos = leptos::config::LeptosOptions::builder().output_name("meterline").build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = router(ServerState::new(db.clone(), leptos));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    // Signed in as the demo household, through the portal's own sign-in.
    let (user, password) = app::backend::demo::DEMO_HOUSEHOLD;
    let form =
        serde_urlencoded::to_string([("req[role]", "Household"), ("req[username]", user), ("req[password]", password)])
            .unwrap();
    let login = hyper::Request::post(format!("http://{addr}/sfn/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Full::new(Bytes::from(form)))
        .unwrap();
    let signer: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let answer = signer.request(login).await.expect("sign-in");
    assert_eq!(answer.status(), 200, "the demo household signs in");
    let cookie = answer.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();

    let client: HttpClient = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(connections).build_http();
    let cold = dashboard(&client, addr, &cookie).await;
    println!("first render (cold process): {:.1} ms", cold.as_secs_f64() * 1000.0);
    for _ in 0..connections {
        dashboard(&client, addr, &cookie).await;
    }

    let mut rates = Vec::new();
    let mut latencies = Vec::new();
    for round in 1..=ROUNDS {
        let (done, stop) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicBool::new(false)));
        let started = Instant::now();
        let tasks: Vec<_> = (0..connections)
            .map(|_| {
                let (client, cookie, done, stop) = (client.clone(), cookie.clone(), done.clone(), stop.clone());
                tokio::spawn(async move {
                    let mut mine = Vec::new();
                    while !stop.load(Ordering::Relaxed) {
                        mine.push(dashboard(&client, addr, &cookie).await);
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                    mine
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_secs(seconds)).await;
        stop.store(true, Ordering::Relaxed);
        for t in tasks {
            latencies.extend(t.await.unwrap());
        }
        let rate = done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64();
        println!("round {round}: {rate:.0} pages/s");
        rates.push(rate);
    }
    rates.sort_by(f64::total_cmp);
    latencies.sort();
    let rate = rates[rates.len() / 2];
    let verdict = if rate >= GOAL { "meets" } else { "MISSES" };
    println!(
        "household dashboard, {connections} connections: median {rate:.0} pages/s ({verdict} the {GOAL:.0} goal), \
         median latency {:.1} ms, p99 {:.1} ms",
        latencies[latencies.len() / 2].as_secs_f64() * 1000.0,
        latencies[latencies.len() * 99 / 100].as_secs_f64() * 1000.0
    );
    let _ = std::fs::remove_dir_all(&dir);
}
