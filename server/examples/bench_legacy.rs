//! Benchmark: requests per second of the legacy door, next to a bare axum
//! handler that returns a JSON body of the same size, measured in the same run
//! over real HTTP on loopback, and next to the SQL the door runs for it
//! (the store's calls on the same pool, no HTTP).
//!
//!     cargo run --release -p server --example bench_legacy [-- METERS SECONDS CONNECTIONS]
//!
//! Seeds METERS (default 100000) meters in a fresh SQLite file (or the
//! database in BENCH_DATABASE_URL, which must be empty), then runs
//! CONNECTIONS (default 32) keep-alive clients for SECONDS (default 5) each
//! against the door and against the bare handler, in turn, three rounds, and
//! prints each side's median rate and their ratio, for:
//! - kept answers: `getAreaArchives` page 1 and `readAllPrices`, asked again
//!   and again with nothing written meanwhile;
//! - the cold path, while a writer commits a reading every 5 ms (as meters
//!   report in service, which makes every kept answer unusable):
//!   `getAreaArchives` with varying page, size and search, `queryRealTimeData`
//!   of varying meters, and a walk through every page in turn.
//!
//! Results go in docs/benchmarks.md.

use app::backend::auth::hash_password;
use app::backend::bootstrap::ensure_admin;
use app::backend::db::Db;
use axum::Router;
use axum::body::Body;
use axum::routing::post;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use server::startup::router;
use server::state::ServerState;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

const PASSWORD: &str = "bench-password-1";

async fn seed(db: &Db, meters: usize) {
    ensure_admin(db, "admin", Some(PASSWORD)).await.expect("admin");
    let hash = hash_password("123456".into()).await.expect("hash");
    let area: i64 = sqlx::query_scalar("SELECT id FROM areas ORDER BY id LIMIT 1").fetch_one(&db.pool).await.unwrap();
    let mut tx = db.begin().await.unwrap();
    for (name, energy, price) in [("water", "WATER", 25_000), ("power", "ELECTRICITY", 3_800), ("gas", "GAS", 31_000)] {
        sqlx::query(
            "INSERT INTO price_plans (area_id, name, energy_type, tariff, flat_price, created_at) VALUES ($1, $2, $3, 'flat', $4, 0)",
        )
        .bind(area)
        .bind(name)
            .bind(energy)
            .bind(price)
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    // Multi-row inserts in one transaction: seeding is not what we measure.
    let batch = 500;
    for start in (0..meters).step_by(batch) {
        let end = (start + batch).min(meters);
        let mut households = String::from(
            "INSERT INTO households (id, area_id, name, serialnumber, address, phone, password_hash, balance, created_at) VALUES ",
        );
        let mut rows = String::from(
            "INSERT INTO meters (dev_eui, serialnumber, area_id, household_id, price_id, equipment_model_id, energy_type, pay_mode, meter_type, customer_name, customer_phone, current_reading, valve_state, created_at) VALUES ",
        );
        for i in start..end {
            let id = i + 1;
            let sep = if i == start { "" } else { "," };
            households.push_str(&format!(
                "{sep}({id}, {area}, 'Customer {i}', 'USER{id:08}', 'Street {i}', '05{:08}', '{hash}', {}, 0)",
                i,
                (i as i64 % 50_000) * 100
            ));
            let eui = format!("8cf9{i:012x}");
            rows.push_str(&format!(
                "{sep}('{eui}', '{eui}', {area}, {id}, 1, 3, 'WATER', 'prepaid', 1, 'Customer {i}', '05{:08}', {}, 1, 0)",
                i,
                (i as i64) * 37
            ));
        }
        sqlx::query(&households).execute(&mut *tx).await.unwrap();
        sqlx::query(&rows).execute(&mut *tx).await.unwrap();
    }
    db.commit(tx).await.unwrap();
    if db.backend == app::backend::db::Backend::Postgres {
        // Explicit ids above: move the sequence past them.
        sqlx::query("SELECT setval(pg_get_serial_sequence('households', 'id'), (SELECT MAX(id) FROM households))")
            .execute(&db.pool)
            .await
            .unwrap();
        sqlx::query("ANALYZE").execute(&db.pool).await.unwrap();
    } else {
        sqlx::query("ANALYZE").execute(&db.pool).await.unwrap();
    }
}

fn form(envelope: &Value) -> Bytes {
    Bytes::from(serde_urlencoded::to_string([("requestParams", envelope.to_string())]).unwrap())
}

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

async fn post_once(client: &HttpClient, addr: SocketAddr, path: &str, body: Bytes) -> Bytes {
    let request = hyper::Request::post(format!("http://{addr}{path}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Full::new(body))
        .unwrap();
    let response = client.request(request).await.expect("request");
    assert_eq!(response.status(), 200);
    response.into_body().collect().await.unwrap().to_bytes()
}

/// Requests per second over `seconds` with `connections` concurrent clients,
/// each request with the next of `bodies`.
async fn rate(addr: SocketAddr, path: &'static str, bodies: Vec<Bytes>, seconds: u64, connections: usize) -> f64 {
    let bodies = Arc::new(bodies);
    let client: HttpClient = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(connections).build_http();
    // Warm up connections and caches.
    for _ in 0..connections {
        post_once(&client, addr, path, bodies[0].clone()).await;
    }
    calls_per_second(connections, seconds, move |n| {
        let (client, bodies) = (client.clone(), bodies.clone());
        async move {
            post_once(&client, addr, path, bodies[n % bodies.len()].clone()).await;
        }
    })
    .await
}

/// Calls per second of `call(n)`, `n` counting up across `connections`
/// tasks calling it in turn for `seconds`.
async fn calls_per_second<F, Fut>(connections: usize, seconds: u64, call: F) -> f64
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let call = Arc::new(call);
    let (next, done, stop) =
        (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)), Arc::new(AtomicBool::new(false)));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (call, next, done, stop) = (call.clone(), next.clone(), done.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                call(next.fetch_add(1, Ordering::Relaxed) as usize).await;
                done.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        t.await.unwrap();
    }
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

const ROUNDS: usize = 3;

fn median(mut rates: Vec<f64>) -> f64 {
    rates.sort_by(f64::total_cmp);
    rates[rates.len() / 2]
}

async fn serve(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let meters: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seconds: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(5);
    let connections: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(32);
    let url = std::env::var("BENCH_DATABASE_URL").unwrap_or_else(|_| {
        let path = std::env::temp_dir().join(format!("meterline-bench-{}.db", std::process::id()));
        format!("sqlite://{}", path.display())
    });
    let db = Db::connect(&url).await.expect("database");
    let t = Instant::now();
    seed(&db, meters).await;
    println!("seeded {meters} meters on {:?} in {:.1} s", db.backend, t.elapsed().as_secs_f64());

    let leptos = leptos::config::LeptosOptions::builder().output_name("meterline").build();
    let door = serve(router(ServerState::new(db.clone(), leptos))).await;
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    let login = json!({"action": "comApi", "method": "toLogin", "params": {"username": "admin", "password": PASSWORD}});
    let answer: Value =
        serde_json::from_slice(&post_once(&client, door, "/api/commonInternal.jsp", form(&login)).await).unwrap();
    let token = answer["value"]["apiToken"].as_str().expect("token").to_owned();
    let root: i64 = sqlx::query_scalar("SELECT id FROM areas ORDER BY id LIMIT 1").fetch_one(&db.pool).await.unwrap();

    println!(
        "{:<24} {:>12} {:>12} {:>7} {:>9} {:>10} {:>8}",
        "method", "door req/s", "bare req/s", "ratio", "body B", "SQL /s", "door/SQL"
    );
    let envelope = |method: &str, param: Value| {
        form(&json!({"action": "comApi", "method": method, "apiToken": token, "params": param}))
    };
    let archives = |page: usize, size: usize, search: Option<&str>| {
        let mut params = json!({"areaId": root, "pageNumber": page, "pageSize": size});
        if let Some(term) = search {
            params["searchContent"] = json!(term);
        }
        envelope("getAreaArchives", params)
    };
    let pages = meters.div_ceil(20).max(1);
    // Varying requests from a fixed pseudo-random sequence: pages anywhere in
    // the list, four page sizes, and one request in four searching (customer
    // name, phone or meter number fragments an operator types).
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let terms =
        ["customer 12", "customer 777", "0500004", "05000123", "8cf900000000a", "user0000", "street 99", "customer 5"];
    let varying: Vec<Bytes> = (0..4000)
        .map(|i| {
            let size = [10, 20, 50, 100][next(4)];
            let search = (i % 4 == 3).then(|| terms[next(terms.len())]);
            let last_page = if search.is_some() { 5 } else { meters.div_ceil(size).max(1) };
            archives(1 + next(last_page), size, search)
        })
        .collect();
    let realtime: Vec<Bytes> = (0..4000)
        .map(|_| envelope("queryRealTimeData", json!({"devEui": format!("8cf9{:012x}", next(meters))})))
        .collect();
    let cases: [(&str, Vec<Bytes>, Cold); 5] = [
        ("getAreaArchives kept", vec![archives(1, 20, None)], Cold::No),
        ("readAllPrices kept", vec![envelope("readAllPrices", json!({}))], Cold::No),
        ("getAreaArchives varying", varying, Cold::Yes),
        ("queryRealTimeData", realtime, Cold::Yes),
        ("getAreaArchives walk", (1..=pages).map(|p| archives(p, 20, None)).collect(), Cold::Yes),
    ];
    // BENCH_CASES=name,name runs only those; BENCH_WRITER_MS sets the writer's
    // pause (0: no writer), for finding where the time goes.
    let only = std::env::var("BENCH_CASES").ok();
    let pause: u64 = std::env::var("BENCH_WRITER_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    for (label, bodies, cold) in cases {
        if only.as_deref().is_some_and(|o| !o.split(',').any(|c| c == label)) {
            continue;
        }
        // The bare handler answers the bytes the door answered to the first body.
        let reference = post_once(&client, door, "/api/commonInternal.jsp", bodies[0].clone()).await;
        let parsed: Value = serde_json::from_slice(&reference).unwrap();
        assert_eq!(parsed["errcode"], "0", "{parsed}");
        let bare_body = reference.clone();
        let bare = serve(Router::new().route(
            "/api/commonInternal.jsp",
            post(move || {
                let b = bare_body.clone();
                async move { ([("content-type", "application/json")], Body::from(b)) }
            }),
        ))
        .await;
        let stop_writer = Arc::new(AtomicBool::new(false));
        let writer = (cold == Cold::Yes && pause > 0)
            .then(|| tokio::spawn(write_readings(db.clone(), meters, pause, stop_writer.clone())));
        // Door and bare take turns, three rounds each, and each side's median
        // counts: a neighbour stealing the CPU during one phase moves one
        // sample, not the ratio.
        let (mut door_rates, mut bare_rates) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            door_rates.push(rate(door, "/api/commonInternal.jsp", bodies.clone(), seconds, connections).await);
            bare_rates.push(rate(bare, "/api/commonInternal.jsp", bodies.clone(), seconds, connections).await);
        }
        let sql = match label {
            "queryRealTimeData" => Some(sql_rate(&db, Sql::Live, meters, seconds, connections).await),
            "getAreaArchives walk" => Some(sql_rate(&db, Sql::Walk, meters, seconds, connections).await),
            _ => None,
        };
        // Stopped between transactions: a task cancelled inside one would
        // hand its connection back mid-statement.
        stop_writer.store(true, Ordering::Relaxed);
        if let Some(w) = writer {
            w.await.unwrap();
        }
        let (door_rate, bare_rate) = (median(door_rates), median(bare_rates));
        let sql = sql.map_or(String::new(), |s| format!(" {s:>10.0} {:>8.2}", s / door_rate));
        println!(
            "{:<24} {:>12.0} {:>12.0} {:>6.1}% {:>9}{sql}",
            label,
            door_rate,
            bare_rate,
            100.0 * door_rate / bare_rate,
            reference.len()
        );
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cold {
    Yes,
    No,
}

/// A reading's worth of write every 5 ms, committed as ingest commits: the
/// write generation moves and every kept answer is dropped.
async fn write_readings(db: Db, meters: usize, pause: u64, stop: Arc<AtomicBool>) {
    let mut i = 0;
    while !stop.load(Ordering::Relaxed) {
        i += 1;
        let mut tx = db.begin().await.unwrap();
        sqlx::query("UPDATE meters SET current_reading = current_reading + 1, last_read_at = $1 WHERE id = $2")
            .bind(i)
            .bind((i % meters as i64) + 1)
            .execute(&mut *tx)
            .await
            .unwrap();
        db.commit(tx).await.unwrap();
        tokio::time::sleep(Duration::from_millis(pause)).await;
    }
}

/// What the door's SQL costs alone.
#[derive(Debug, Clone, Copy)]
enum Sql {
    /// `queryRealTimeData`'s one statement, for varying meters.
    Live,
    /// The walk's page statements.
    Walk,
}

/// Calls per second of the store functions the door calls for `what`, from
/// `connections` tasks on the same pool.
async fn sql_rate(db: &Db, what: Sql, meters: usize, seconds: u64, connections: usize) -> f64 {
    use app::backend::store;
    use app::model::ids::DevEui;
    use app::model::meter::{MeterRef, MeterStatus};
    use app::model::paging::PageRequest;
    let path: String =
        sqlx::query_scalar("SELECT path FROM areas ORDER BY id LIMIT 1").fetch_one(&db.pool).await.unwrap();
    let filter = Arc::new(store::meters::ListFilter {
        subtree: format!("{path}%"),
        status: MeterStatus::Active,
        energy_type: None,
        equipment_model_id: None,
        search: None,
    });
    let db = db.clone();
    calls_per_second(connections, seconds, move |n| {
        let (db, filter) = (db.clone(), filter.clone());
        async move {
            // Spread over the meters (7919 is prime to their count).
            let n = n * 7919;
            match what {
                Sql::Live => {
                    use app::backend::services::consumption::{day_bounds, month_bounds, month_of};
                    let eui = DevEui::parse(&format!("8cf9{:012x}", n % meters)).unwrap();
                    let at = app::backend::clock::now();
                    let today = chrono::DateTime::from_timestamp(at.0, 0).unwrap().date_naive();
                    let periods = [day_bounds(today), month_bounds(month_of(at))];
                    store::live::get(&db, &MeterRef::DevEui(eui), &periods).await.unwrap();
                }
                Sql::Walk => {
                    let page = PageRequest::at((n % meters.div_ceil(20)) as u32 + 1, 20);
                    store::meters::page(&db, &filter, page).await.unwrap();
                }
            }
        }
    })
    .await
}
