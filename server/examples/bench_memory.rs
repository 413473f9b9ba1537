//! Benchmark: resident memory of the server process, empty, after loading
//! the demo, and through a flood of failed sign-ins (each a 19 MiB argon2
//! hash when it gets a hashing slot).
//!
//!     cargo run --release -p server --example bench_memory [-- ATTEMPTS CONCURRENT]
//!
//! Runs the real router in this process on a fresh SQLite file, sends
//! ATTEMPTS (default 400) portal sign-ins with wrong passwords, CONCURRENT
//! (default 64) at a time, each for another household and from another
//! address (so the throttle does not refuse them before hashing), and prints
//! VmRSS and VmHWM from /proc/self/status at each step against the goal
//! (150 MB). Results go in docs/benchmarks.md.

use app::backend::bootstrap::ensure_admin;
use app::backend::db::Db;
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::Request;
use server::startup::router;
use server::state::ServerState;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tower::ServiceExt;

const GOAL_MB: f64 = 150.0;

/// VmRSS and VmHWM in MB.
fn memory() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn report(step: &str) {
    let (rss, peak) = memory();
    let verdict = if rss < GOAL_MB { "within" } else { "OVER" };
    println!("{step:<42} resident {rss:7.1} MB (peak {peak:7.1} MB), {verdict} the {GOAL_MB} MB goal");
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let attempts: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(400);
    let concurrent: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(64);
    let dir = std::env::temp_dir().join(format!("meterline-bench-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = Db::connect(&format!("sqlite://{}/meterline.db", dir.display())).await.expect("database");
    report("empty installation, connected");
    ensure_admin(&db, "admin", Some("bench-admin-1")).await.expect("admin");
    let started = Instant::now();
    app::backend::demo::load(&db, app::model::ids::AdminId(1)).await.expect("demo");
    println!("demo loaded in {:.1} s", started.elapsed().as_secs_f64());
    report("after the demo load");

    let leptos = leptos::config::LeptosOptions::builder().output_name("meterline").build();
    let app = router(ServerState::new(db.clone(), leptos));
    let outcomes = Arc::new(Mutex::new(BTreeMap::<u16, usize>::new()));
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrent {
        let (app, outcomes, next) = (app.clone(), outcomes.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= attempts {
                    break;
                }
                let body = serde_urlencoded::to_string([
                    ("req[role]", "Household"),
                    ("req[username]", &format!("USER{:08}", i + 2)),
                    ("req[password]", "not-the-password"),
                ])
                .unwrap();
                let mut request = Request::post("/sfn/login")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("accept", "application/json")
                    .body(Body::from(body))
                    .unwrap();
                let peer: SocketAddr =
                    format!("10.{}.{}.{}:4000", i / 65536 % 256, i / 256 % 256, i % 256).parse().unwrap();
                request.extensions_mut().insert(ConnectInfo(peer));
                let status = app.clone().oneshot(request).await.map(|r| r.status().as_u16()).unwrap_or(0);
                *outcomes.lock().unwrap().entry(status).or_default() += 1;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{attempts} failed sign-ins, {concurrent} at a time, in {seconds:.1} s; answers by status: {:?} (400 wrong password, 429 throttled or busy)",
        outcomes.lock().unwrap()
    );
    report("after the flood of sign-ins");
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    report("two seconds later");
    db.pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
