//! Two real server processes on one PostgreSQL database, as a utility runs
//! them behind a load balancer: a write through one is read through the
//! other (kept answers and tokens learn of it from the database's write
//! notices, not from a timer), concurrent top-ups through both are credited
//! once, and a token revoked through one is refused by both.

use crate::harness::{ADMIN, Harness, Kind};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A server process, killed when dropped.
pub struct Replica {
    child: Child,
    pub base: String,
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn start(database_url: &str) -> Replica {
    start_with(database_url, &[]).await
}

/// A server process on `database_url` with more settings.
pub async fn start_with(database_url: &str, settings: &[(&str, &str)]) -> Replica {
    let port = free_port();
    let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned();
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .current_dir(workspace)
        .env("DATABASE_URL", database_url)
        .env("METERLINE_LISTEN", format!("127.0.0.1:{port}"))
        .env("METERLINE_GATEWAY_UDP", "off")
        .env("RUST_LOG", "warn")
        .env("LEPTOS_OUTPUT_NAME", "meterline")
        .envs(settings.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the server binary");
    let replica = Replica { child, base: format!("http://127.0.0.1:{port}") };
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        if get(&replica, "/healthz").await.is_some_and(|(status, _)| status == 200) {
            return replica;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("replica on port {port} did not become healthy");
}

async fn send(request: http::Request<Full<Bytes>>) -> Option<(u16, String)> {
    let client = Client::builder(TokioExecutor::new()).build_http();
    let response = client.request(request).await.ok()?;
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.ok()?.to_bytes();
    Some((status, String::from_utf8_lossy(&bytes).into_owned()))
}

async fn get(r: &Replica, path: &str) -> Option<(u16, String)> {
    send(http::Request::get(format!("{}{path}", r.base)).body(Full::new(Bytes::new())).unwrap()).await
}

/// A legacy call through the replica at `base`.
async fn legacy(base: &str, envelope: Value) -> Value {
    let body = serde_urlencoded::to_string([("requestParams", envelope.to_string())]).unwrap();
    let request = http::Request::post(format!("{base}/api/commonInternal.jsp"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Full::new(Bytes::from(body)))
        .unwrap();
    let (status, text) = send(request).await.expect("replica answers");
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn call(base: &str, token: &str, method: &str, param: Value) -> Value {
    legacy(base, json!({"action": "comApi", "method": method, "apiToken": token, "param": param})).await
}

/// Asks `read` until `seen` holds; returns how long that took.
async fn until<F, Fut>(what: &str, mut read: F, seen: impl Fn(&Value) -> bool) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Value>,
{
    let started = Instant::now();
    loop {
        let answer = read().await;
        if seen(&answer) {
            return started.elapsed();
        }
        // The kept answers' own lifetime is 2 s: seeing it later than this
        // would mean only the timer, not the database's notice, told us.
        assert!(started.elapsed() < Duration::from_millis(1_000), "{what}: still {answer}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_on_one_postgres_agree() {
    let h = Harness::new(Kind::Postgres).await;
    let cleanup = h.cleanup.clone();
    let url = h.database_url();
    let (a, b) = (start(&url).await, start(&url).await);
    let login = json!({"action": "comApi", "method": "toLogin", "params": {"username": ADMIN.0, "password": ADMIN.1}});
    let token = legacy(&a.base, login).await["value"]["apiToken"].as_str().unwrap().to_owned();

    // B keeps its answer to a repeated read...
    let list = json!({"areaId": h.root.0, "pageNumber": 1, "pageSize": 10});
    assert_eq!(call(&b.base, &token, "getAreaArchives", list.clone()).await["pageInfo"]["rowTotal"], 0);
    assert_eq!(call(&b.base, &token, "getAreaArchives", list.clone()).await["pageInfo"]["rowTotal"], 0);
    // ...and a meter added through A shows in it.
    let meter = json!({"devEui": "8cf9572000180001", "customerName": "Replica", "pricelId": h.water_price.0,
        "areaId": h.north.0, "meterType": "1", "valveState": "1", "reading": "0", "overdraftMoney": "0",
        "customerFee": "10"});
    assert_eq!(call(&a.base, &token, "addMeter", meter).await["errcode"], "0");
    let took = until(
        "B lists A's meter",
        || call(&b.base, &token, "getAreaArchives", list.clone()),
        |v| v["pageInfo"]["rowTotal"] == 1,
    )
    .await;
    println!("a write through A was read through B after {took:?}");

    // The same top-up sent to both at once is one order, credited once.
    let top_up = json!({"devEui": "8cf9572000180001", "topUpAmount": "25", "orderId": "replica-order-0001"});
    let (one, two) = tokio::join!(
        call(&a.base, &token, "remotelyTopUp", top_up.clone()),
        call(&b.base, &token, "remotelyTopUp", top_up.clone())
    );
    assert_eq!((one["errcode"].clone(), two["errcode"].clone()), (json!("0"), json!("0")), "{one} {two}");
    assert_eq!(one["orderId"], two["orderId"]);
    let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payment_orders").fetch_one(&h.db.pool).await.unwrap();
    assert_eq!(orders, 1);
    let balance: i64 = sqlx::query_scalar("SELECT balance FROM households").fetch_one(&h.db.pool).await.unwrap();
    assert_eq!(balance, 3_500, "10 opening + 25 once");
    h.assert_ledger_sound().await;

    // A token B holds in memory, revoked through A, is refused by both.
    let issued = app::backend::auth::issue_token(
        &h.db,
        app::model::auth::Role::Admin,
        1,
        app::backend::auth::TokenKind::Api,
        "replica test",
        app::backend::auth::Lifetime::Fixed(3600),
    )
    .await
    .unwrap();
    assert_eq!(call(&b.base, &issued.token, "readAllPrices", json!({})).await["errcode"], "0");
    assert_eq!(call(&a.base, &issued.token, "readAllPrices", json!({})).await["errcode"], "0");
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM sessions WHERE label = 'replica test'").fetch_one(&h.db.pool).await.unwrap();
    let cookie = crate::server_fns::sign_in(&h, "Admin", ADMIN).await.unwrap();
    let revoke = http::Request::post(format!("{}/sfn/revoke_api_token", a.base))
        .header("content-type", "application/json")
        .header("cookie", cookie)
        .body(Full::new(Bytes::from(json!({"id": id}).to_string())))
        .unwrap();
    assert_eq!(send(revoke).await.unwrap().0, 200);
    assert_eq!(call(&a.base, &issued.token, "readAllPrices", json!({})).await["errcode"], "-31");
    let took = until(
        "B refuses the revoked token",
        || call(&b.base, &issued.token, "readAllPrices", json!({})),
        |v| v["errcode"] == "-31",
    )
    .await;
    println!("a token revoked through A was refused by B after {took:?}");
    drop((a, b));
    cleanup.run().await;
}
