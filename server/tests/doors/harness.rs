//! A fresh database (SQLite file or PostgreSQL database) per test, the real
//! router, and helpers to call the legacy door and the server functions.

use app::backend::auth::{Caller, load_admin};
use app::backend::bootstrap::create_admin;
use app::backend::db::Db;
use app::backend::services::{areas, prices};
use app::model::area::NewArea;
use app::model::ids::{AdminId, AreaId, PriceId};
use app::model::price::{NewPricePlan, Tariff};
use app::model::{EnergyType, UnitPrice};
use axum::Router;
use axum::body::Body;
use http::Request;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use server::startup::router;
use server::state::ServerState;
use tower::ServiceExt;

#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// Runs a test body once per database.
#[macro_export]
macro_rules! both {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let h = $crate::harness::Harness::new($crate::harness::Kind::Sqlite).await;
                let cleanup = h.cleanup.clone();
                ($body)(h).await;
                cleanup.run().await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let h = $crate::harness::Harness::new($crate::harness::Kind::Postgres).await;
                let cleanup = h.cleanup.clone();
                ($body)(h).await;
                cleanup.run().await;
            }
        }
    };
}

/// Sends the GET `build` makes until it is answered: status, headers, body.
///
/// Seen a few times in this suite (never alone, never in a served process): a
/// page rendered on the server never finished, every thread idle, as if a
/// task it awaited had been spawned on another test's tokio runtime (Leptos's
/// executor is process-wide; a server runs one runtime). A GET changes
/// nothing, so it is sent again after 15 s rather than hanging the suite; a
/// render that never finishes at all still fails, on the third try.
pub async fn get_until_answered(router: &Router, build: impl Fn() -> Request<Body>) -> (u16, http::HeaderMap, String) {
    let path = build().uri().to_string();
    for _ in 0..3 {
        let attempt = async {
            let response = router.clone().oneshot(build()).await.unwrap();
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            (status, headers, String::from_utf8_lossy(&bytes).into_owned())
        };
        if let Ok(answer) = tokio::time::timeout(std::time::Duration::from_secs(15), attempt).await {
            return answer;
        }
    }
    panic!("GET {path} never finished, three times");
}

pub const ADMIN: (&str, &str) = ("admin", "admin-password-1");
/// The legacy door's paths: the one clients use and the document's.
pub const LEGACY_PATHS: [&str; 2] = ["/api/commonInternal.jsp", "/internal/commonInternal.jsp"];
pub const NORTH_ADMIN: (&str, &str) = ("north", "north-password-1");

/// A running app with: root area, North and South below it, `admin` managing
/// the root, `north` managing North only, and a water price plan.
pub struct Harness {
    pub kind: Kind,
    pub db: Db,
    pub cleanup: Cleanup,
    pub router: Router,
    pub root: AreaId,
    pub north: AreaId,
    pub south: AreaId,
    pub water_price: PriceId,
}

fn unique() -> String {
    format!("{}_{}", std::process::id(), app::backend::auth::random_token()[..12].to_owned())
}

/// Removes a passed test's database (a failed test's stays for a look).
#[derive(Debug, Clone)]
pub enum Cleanup {
    Sqlite(std::path::PathBuf, Db),
    Postgres { base: String, name: String, db: Db },
}

impl Cleanup {
    pub async fn run(self) {
        match self {
            Cleanup::Sqlite(path, db) => {
                db.pool.close().await;
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Postgres { base, name, db } => {
                db.pool.close().await;
                if let Ok(admin) = sqlx::AnyPool::connect(&base).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&admin).await;
                    admin.close().await;
                }
            }
        }
    }
}

async fn database(kind: Kind) -> (Db, Cleanup) {
    match kind {
        Kind::Sqlite => {
            let path = std::env::temp_dir().join(format!("meterline-test-{}.db", unique()));
            let db = Db::connect(&format!("sqlite://{}", path.display())).await.expect("sqlite");
            (db.clone(), Cleanup::Sqlite(path, db))
        }
        Kind::Postgres => {
            let base = std::env::var("METERLINE_TEST_POSTGRES")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned());
            let name = format!("meterline_t_{}", unique());
            sqlx::any::install_default_drivers();
            let admin = sqlx::AnyPool::connect(&base).await.expect("postgres admin connection");
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.expect("create database");
            admin.close().await;
            let url = match base.rsplit_once('/') {
                Some((server, _)) => format!("{server}/{name}"),
                None => panic!("METERLINE_TEST_POSTGRES needs a database path"),
            };
            let db = Db::connect(&url).await.expect("postgres");
            (db.clone(), Cleanup::Postgres { base, name, db })
        }
    }
}

impl Harness {
    pub async fn new(kind: Kind) -> Self {
        let (db, cleanup) = database(kind).await;
        let ensured = app::backend::bootstrap::ensure_admin(&db, ADMIN.0, Some(ADMIN.1)).await.expect("first admin");
        assert!(matches!(ensured, app::backend::bootstrap::AdminBootstrap::Created { .. }));
        let admin = Caller::Admin(load_admin(&db, AdminId(1)).await.expect("admin"));
        let root = AreaId(sqlx::query_scalar::<_, i64>("SELECT id FROM areas").fetch_one(&db.pool).await.unwrap());
        let north =
            areas::create_area(&db, &admin, NewArea { name: "North".into(), parent_id: root }).await.unwrap().id;
        let south =
            areas::create_area(&db, &admin, NewArea { name: "South".into(), parent_id: root }).await.unwrap().id;
        create_admin(&db, NORTH_ADMIN.0, NORTH_ADMIN.1, &[north.0]).await.unwrap();
        let water_price = prices::add_price(
            &db,
            &admin,
            NewPricePlan {
                area_id: None,
                name: "water-flat".into(),
                energy_type: EnergyType::Water,
                tariff: Tariff::Flat(UnitPrice::parse("2.5").unwrap()),
            },
        )
        .await
        .unwrap();
        let leptos = leptos::config::LeptosOptions::builder().output_name("meterline").build();
        let router = router(ServerState::new(db.clone(), leptos));
        Self { kind, db, cleanup, router, root, north, south, water_price }
    }

    /// The same app with its server state changed (payment providers, settings).
    pub fn with_state(mut self, change: impl FnOnce(ServerState) -> ServerState) -> Self {
        let leptos = leptos::config::LeptosOptions::builder().output_name("meterline").build();
        self.router = router(change(ServerState::new(self.db.clone(), leptos)));
        self
    }

    /// The URL of this test's database (for server processes of its own).
    pub fn database_url(&self) -> String {
        match &self.cleanup {
            Cleanup::Sqlite(path, _) => format!("sqlite://{}", path.display()),
            Cleanup::Postgres { base, name, .. } => match base.rsplit_once('/') {
                Some((server, _)) => format!("{server}/{name}"),
                None => panic!("METERLINE_TEST_POSTGRES needs a database path"),
            },
        }
    }

    /// POSTs `requestParams=<json>` as old clients do, to `/api/commonInternal.jsp`.
    pub async fn legacy(&self, envelope: Value) -> Value {
        self.legacy_at(LEGACY_PATHS[0], envelope).await
    }

    /// Calls a method with a token through one of the legacy door's paths.
    pub async fn call_at(&self, path: &str, token: &str, action: &str, method: &str, param: Value) -> Value {
        self.legacy_at(path, json!({"action": action, "method": method, "apiToken": token, "param": param})).await
    }

    /// POSTs `requestParams=<json>` to `path`.
    pub async fn legacy_at(&self, path: &str, envelope: Value) -> Value {
        let body = serde_urlencoded::to_string([("requestParams", envelope.to_string())]).unwrap();
        let request = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send_json(request).await
    }

    /// Sends a request, asserts HTTP 200 and returns the JSON body.
    pub async fn send_json(&self, request: Request<Body>) -> Value {
        let response = self.router.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), 200, "the legacy door always answers 200");
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes)))
    }

    /// Signs in through toLogin and returns the apiToken.
    pub async fn token(&self, who: (&str, &str)) -> String {
        let answer = self
            .legacy(json!({"action": "comApi", "method": "toLogin", "params": {"username": who.0, "password": who.1}}))
            .await;
        assert_eq!(answer["errcode"], "0", "{answer}");
        answer["value"]["apiToken"].as_str().unwrap().to_owned()
    }

    /// Calls a method with a token.
    pub async fn call(&self, token: &str, action: &str, method: &str, param: Value) -> Value {
        self.legacy(json!({"action": action, "method": method, "apiToken": token, "param": param})).await
    }

    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&self.db.pool).await.unwrap()
    }

    /// Row counts of every table a refused request must not touch.
    pub async fn snapshot(&self) -> Vec<i64> {
        let mut out = Vec::new();
        for t in
            ["areas", "price_plans", "households", "meters", "ledger_entries", "readings", "valve_records", "bills"]
        {
            out.push(self.count(t).await);
        }
        let balances: i64 = sqlx::query_scalar("SELECT CAST(COALESCE(SUM(balance), 0) AS BIGINT) FROM households")
            .fetch_one(&self.db.pool)
            .await
            .unwrap();
        out.push(balances);
        out
    }

    /// The ledger agrees with every balance.
    pub async fn assert_ledger_sound(&self) {
        let bad = app::backend::store::ledger::check(&self.db.pool).await.unwrap();
        assert!(bad.is_empty(), "balances differ from their ledgers: {bad:?}");
    }

    /// Adds a water meter through the legacy door and returns its id.
    pub async fn add_meter(&self, token: &str, dev_eui: &str, name: &str, area: AreaId) -> i64 {
        self.add_meter_welcome(token, dev_eui, name, area).await.0
    }

    /// Gives `meter` a water model of its own, named `name`, of
    /// `equipment_type` (`LORAWAN`, `NBIOT`), holding its own credit or not;
    /// returns the model's id.
    pub async fn own_model(&self, meter: i64, name: &str, equipment_type: &str, holds_credit: bool) -> i64 {
        let model: i64 = sqlx::query_scalar(
            "INSERT INTO equipment_models (name, energy_type, equipment_type, codec, holds_credit)
             VALUES ($1, 'WATER', $2, 'meterline-v1', $3) RETURNING id",
        )
        .bind(name.to_owned())
        .bind(equipment_type.to_owned())
        .bind(i64::from(holds_credit))
        .fetch_one(&self.db.pool)
        .await
        .unwrap();
        sqlx::query("UPDATE meters SET equipment_model_id = $1 WHERE id = $2")
            .bind(model)
            .bind(meter)
            .execute(&self.db.pool)
            .await
            .unwrap();
        model
    }

    /// Adds a water meter (and a household for it) through the legacy door;
    /// returns its id and the new household's number and first password.
    pub async fn add_meter_welcome(
        &self,
        token: &str,
        dev_eui: &str,
        name: &str,
        area: AreaId,
    ) -> (i64, String, String) {
        let answer = self
            .call(
                token,
                "comApi",
                "addMeter",
                json!({
                    "devEui": dev_eui, "customerName": name, "customerPhone": "0501112222",
                    "customerAddress": "dubai", "customerCertificateNumber": "5698741526",
                    "pricelId": self.water_price.0.to_string(), "reading": "0", "overdraftMoney": "0",
                    "customerFee": "150", "normalDayDosage": "10", "valveState": "1", "meterType": "1",
                    "areald": area.0.to_string(),
                }),
            )
            .await;
        assert_eq!(answer["errcode"], "0", "{answer}");
        let text = |key: &str| answer[key].as_str().unwrap_or_else(|| panic!("{key} missing: {answer}")).to_owned();
        (answer["id"].as_i64().unwrap(), text("householdNumber"), text("initialPassword"))
    }
}

/// Asserts a refusal: the errcode and that errmsg mentions `needle`.
/// `code` is the finer code (`errcodeDetail`); `errcode` itself is only ever
/// `-1` (refused) or `-31` (sign in again), the two clients act on.
pub fn assert_refused(answer: &Value, code: &str, needle: &str) {
    let errcode = if code == "-31" { "-31" } else { "-1" };
    assert_eq!(answer["errcode"], errcode, "{answer}");
    assert_eq!(answer["errcodeDetail"], code, "{answer}");
    let msg = answer["errmsg"].as_str().unwrap_or_default();
    assert!(msg.contains(needle), "errmsg {msg:?} should mention {needle:?}");
}

/// A plain reading of `forward` at `at` (`yyyy-MM-dd HH:mm:ss`, UTC).
pub fn reading(at: &str, forward: &str) -> app::model::reading::NewReading {
    app::model::reading::NewReading {
        read_at: app::model::time::Timestamp::parse(at).unwrap(),
        forward: app::model::Register::parse(forward).unwrap(),
        reverse: None,
        flow: None,
        valve: None,
        battery_mv: Some(3600),
        rssi: Some(-90),
        snr_tenths: Some(80),
        alarms: 0,
        margin: None,
    }
}

/// The password `household_session` gives households.
pub const HOUSEHOLD_PASSWORD: &str = "household-own-1";

/// A browser session of the household named `name` (one a meter's
/// `addMeter` created), as if it had chosen its own password already: set
/// behind the server's back, then signed in through the door.
pub async fn household_session(h: &Harness, name: &str) -> String {
    let hash = app::backend::auth::hash_password(HOUSEHOLD_PASSWORD.to_owned()).await.unwrap();
    sqlx::query("UPDATE households SET password_hash = $1, must_change_password = 0 WHERE name = $2")
        .bind(hash)
        .bind(name.to_owned())
        .execute(&h.db.pool)
        .await
        .unwrap();
    crate::server_fns::sign_in(h, "Household", (name, HOUSEHOLD_PASSWORD)).await.expect("household signs in")
}
