//! Alert notices through the outbox to a webhook receiver started by the
//! test: signed, once per transition, retried after a refusal and across a
//! restart (a new database handle), failed for good after the last attempt.

use crate::harness::{ADMIN, Harness, reading};
use app::backend::auth::{Caller, load_admin};
use app::backend::db::Db;
use app::backend::services::alerts::{acknowledge, evaluate};
use app::backend::services::ingest::ingest;
use app::backend::services::notifications::MAX_ATTEMPTS;
use app::backend::state::Settings;
use app::backend::store::alerts::{AlertRules, Scope};
use app::model::ids::{AdminId, MeterId};
use app::model::time::Timestamp;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde_json::Value;
use server::config::Secret;
use server::notify::{DELIVERY_HEADER, SIGNATURE_HEADER, WebhookConfig, deliver_due, signature};
use std::sync::{Arc, Mutex};

/// What the receiver got, and the statuses it answers with in turn (200 once they run out).
#[derive(Default)]
struct Receiver {
    got: Mutex<Vec<(HeaderMap, Vec<u8>)>>,
    answers: Mutex<Vec<u16>>,
}

async fn receive(State(r): State<Arc<Receiver>>, headers: HeaderMap, body: axum::body::Bytes) -> StatusCode {
    r.got.lock().unwrap().push((headers, body.to_vec()));
    let next = { r.answers.lock().unwrap().pop() };
    StatusCode::from_u16(next.unwrap_or(200)).unwrap()
}

async fn start(answers: Vec<u16>) -> (String, Arc<Receiver>) {
    let r = Arc::new(Receiver { got: Mutex::default(), answers: Mutex::new(answers.into_iter().rev().collect()) });
    let app = axum::Router::new().route("/hook", axum::routing::post(receive)).with_state(r.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, r)
}

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn plus(t: Timestamp, s: i64) -> Timestamp {
    Timestamp(t.0 + s)
}

const SECRET: &str = "hook-secret-1";

both!(each_transition_is_told_once_signed_and_retried, |h: Harness| async move {
    let (url, receiver) = start(vec![500]).await;
    let rules = AlertRules { webhook: Some(app::backend::secret_url::SecretUrl::new(url)), ..Default::default() };
    let hook = WebhookConfig { secret: Secret::new(SECRET) };
    let client = reqwest::Client::new();
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf95720001f0001", "Told", h.north).await;
    let flagged = app::model::reading::NewReading { alarms: 1, ..reading("2026-11-05 08:00:00", "1") };
    ingest(&h.db, &Settings::default(), MeterId(meter), flagged).await.unwrap();
    let t0 = at("2026-11-05 08:01:00");
    assert_eq!(evaluate(&h.db, &rules, Scope::All, t0).await.unwrap().opened.len(), 1);

    // The receiver refuses the first attempt: due again 30 s later, not before.
    assert_eq!(deliver_due(&h.db, &hook, &client, t0).await.unwrap(), 0);
    assert_eq!(receiver.got.lock().unwrap().len(), 1);
    assert_eq!(deliver_due(&h.db, &hook, &client, plus(t0, 10)).await.unwrap(), 0);
    assert_eq!(receiver.got.lock().unwrap().len(), 1, "not retried before its time");
    // A restart: a new handle on the same database finds the notice in the outbox.
    let restarted = Db::connect(&h.database_url()).await.unwrap();
    assert_eq!(deliver_due(&restarted, &hook, &client, plus(t0, 31)).await.unwrap(), 1);
    assert_eq!(deliver_due(&restarted, &hook, &client, plus(t0, 100)).await.unwrap(), 0, "taken: never again");
    {
        let got = receiver.got.lock().unwrap();
        assert_eq!(got.len(), 2);
        let (headers, body) = &got[1];
        assert_eq!(headers[SIGNATURE_HEADER].to_str().unwrap(), signature(&Secret::new(SECRET), body));
        assert_eq!(headers[DELIVERY_HEADER], got[0].0[DELIVERY_HEADER], "one delivery id for both attempts");
        let v: Value = serde_json::from_slice(body).unwrap();
        assert_eq!(v["event"], "alert.open");
        assert_eq!(v["alert"]["kind"], "leak");
        assert_eq!(v["alert"]["meter_label"], "8cf95720001f0001");
        assert_eq!(v["alert"]["area_name"], "North");
    }
    let attempts: Vec<(Option<i64>,)> =
        sqlx::query_as("SELECT status FROM notification_attempts ORDER BY id").fetch_all(&h.db.pool).await.unwrap();
    assert_eq!(attempts, vec![(Some(500),), (Some(200),)], "each attempt recorded");

    // Acknowledged, then resolved by a clean report: one notice each.
    let admin = Caller::Admin(load_admin(&h.db, AdminId(1)).await.unwrap());
    let id: i64 = sqlx::query_scalar("SELECT id FROM alerts WHERE kind = 'leak'").fetch_one(&h.db.pool).await.unwrap();
    assert_eq!(acknowledge(&h.db, &rules, &admin, &[id], "on it", plus(t0, 200)).await.unwrap(), 1);
    ingest(&h.db, &Settings::default(), MeterId(meter), reading("2026-11-05 09:00:00", "2")).await.unwrap();
    let later = at("2026-11-05 09:01:00");
    assert_eq!(evaluate(&h.db, &rules, Scope::All, later).await.unwrap().resolved.len(), 1);
    // Evaluated again: no transition, no notice.
    evaluate(&h.db, &rules, Scope::All, plus(later, 60)).await.unwrap();
    assert_eq!(deliver_due(&h.db, &hook, &client, plus(later, 120)).await.unwrap(), 2);
    let events: Vec<String> = receiver.got.lock().unwrap()[2..]
        .iter()
        .map(|(_, b)| serde_json::from_slice::<Value>(b).unwrap()["event"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(events, vec!["alert.acknowledged", "alert.resolved"]);
    assert_eq!(h.count("notifications").await, 3);
});

both!(a_receiver_never_reached_fails_the_notice_for_good, |h: Harness| async move {
    // A port nobody listens on.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", closed.local_addr().unwrap());
    drop(closed);
    let rules = AlertRules { webhook: Some(app::backend::secret_url::SecretUrl::new(url)), ..Default::default() };
    let hook = WebhookConfig { secret: Secret::new(SECRET) };
    let client = reqwest::Client::new();
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf95720001f0002", "Unheard", h.north).await;
    let flagged = app::model::reading::NewReading { alarms: 2, ..reading("2026-11-06 08:00:00", "1") };
    ingest(&h.db, &Settings::default(), MeterId(meter), flagged).await.unwrap();
    let t0 = at("2026-11-06 08:01:00");
    evaluate(&h.db, &rules, Scope::All, t0).await.unwrap();
    // Far enough apart that every attempt is due.
    for i in 0..MAX_ATTEMPTS + 2 {
        assert_eq!(deliver_due(&h.db, &hook, &client, plus(t0, i * 7_200)).await.unwrap(), 0);
    }
    let (state, attempts, error): (String, i64, String) =
        sqlx::query_as("SELECT state, attempts, last_error FROM notifications").fetch_one(&h.db.pool).await.unwrap();
    assert_eq!((state.as_str(), attempts), ("failed", MAX_ATTEMPTS), "then reported, not dropped");
    assert_eq!(error, "not reached");
    assert_eq!(app::backend::store::notifications::failed(&h.db).await.unwrap(), 1);
    assert_eq!(h.count("notification_attempts").await, MAX_ATTEMPTS);
    // Operators see it counted (the alert list names it).
    let admin = Caller::Admin(load_admin(&h.db, AdminId(1)).await.unwrap());
    let counts = app::backend::services::alerts::counts(&h.db, &admin, None).await.unwrap();
    assert_eq!(counts.notices_failed, 1);
});
