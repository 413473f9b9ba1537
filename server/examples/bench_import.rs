//! Benchmark: importing meters from CSV through the import door, over real
//! HTTP on loopback (issue 19's goal: 50,000 rows in under a minute).
//!
//!     cargo run --release -p server --example bench_import [-- ROWS]
//!
//! Builds a file of ROWS (default 50,000) rows as a utility would bring
//! them: half LoRaWAN meters with their OTAA keys, half NB-IoT meters by
//! IMEI, two meters per household with an opening balance. Signs in as the
//! operator through the portal's sign-in, then posts the file twice, as the
//! import page does: a check (nothing written), then the import (every row
//! written in one transaction), and prints each one's time, the rows per
//! second and the verdict. The database is a fresh SQLite file, or
//! BENCH_DATABASE_URL (which must be empty). Results go in docs/benchmarks.md.

#[path = "common/fleet.rs"]
mod fleet;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use server::startup::router;
use server::state::ServerState;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

const GOAL: Duration = Duration::from_secs(60);

fn file(rows: u32) -> String {
    let mut csv =
        String::from("meter_address,dev_eui,imei,customer,phone,household,area,energy_type,balance,app_key,region\n");
    for i in 0..rows {
        let household = i / 2;
        let (dev_eui, imei, app_key, region) = if i % 2 == 0 {
            (format!("70b3d5{i:010x}"), String::new(), fleet::hex(&fleet::key(i, 0x5a)), "eu868")
        } else {
            (String::new(), format!("{}", 868_000_000_000_000_u64 + u64::from(i)), String::new(), "")
        };
        csv.push_str(&format!(
            "WM-{i:06},{dev_eui},{imei},Customer {household},+2547{household:08},H{household:06},,water,100.00,{app_key},{region}\n"
        ));
    }
    csv
}

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

/// Posts the file; answers the time taken and the report's summary line.
async fn post(client: &HttpClient, addr: SocketAddr, cookie: &str, csv: &str, dry_run: bool) -> (Duration, String) {
    let started = Instant::now();
    let request = hyper::Request::post(format!("http://{addr}/import/meters.csv?dry_run={}", u8::from(dry_run)))
        .header("content-type", "text/csv")
        .header("cookie", cookie)
        .body(Full::new(Bytes::from(csv.to_owned())))
        .unwrap();
    let response = client.request(request).await.expect("request");
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let elapsed = started.elapsed();
    let text = String::from_utf8_lossy(&body);
    assert_eq!(status, 200, "{}", &text[..text.len().min(2000)]);
    (elapsed, text.lines().nth(1).unwrap_or_default().to_owned())
}

#[tokio::main]
async fn main() {
    let rows: u32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let (db, _, _, _) = fleet::bench_database("meterline-bench-import").await.expect("database");
    let csv = file(rows);
    println!("{rows} rows, {:.1} MB, on {:?}", csv.len() as f64 / 1e6, db.backend);

    let leptos = leptos::config::LeptosOptions::builder().output_name("meterline").build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = router(ServerState::new(db.clone(), leptos));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    let form = serde_urlencoded::to_string([
        ("req[role]", "Admin"),
        ("req[username]", "admin"),
        ("req[password]", "bench-password-1"),
    ])
    .unwrap();
    let login = hyper::Request::post(format!("http://{addr}/sfn/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Full::new(Bytes::from(form)))
        .unwrap();
    let answer = client.request(login).await.expect("sign-in");
    assert_eq!(answer.status(), 200, "the operator signs in");
    let cookie = answer.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();

    let (check, summary) = post(&client, addr, &cookie, &csv, true).await;
    println!(
        "check:  {:>6.1} s  {:>7.0} rows/s  {summary}",
        check.as_secs_f64(),
        f64::from(rows) / check.as_secs_f64()
    );
    let (import, summary) = post(&client, addr, &cookie, &csv, false).await;
    println!(
        "import: {:>6.1} s  {:>7.0} rows/s  {summary}",
        import.as_secs_f64(),
        f64::from(rows) / import.as_secs_f64()
    );
    let meters: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM meters").fetch_one(&db.pool).await.unwrap();
    assert_eq!(meters, i64::from(rows), "every row is a meter");
    let verdict = if import < GOAL { "meets" } else { "MISSES" };
    println!(
        "{rows} rows imported in {:.1} s ({verdict} the goal of {} s; check and import together {:.1} s)",
        import.as_secs_f64(),
        GOAL.as_secs(),
        (check + import).as_secs_f64()
    );
}
