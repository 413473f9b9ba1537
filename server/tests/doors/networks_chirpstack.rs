//! ChirpStack's MQTT integration through the real Mosquitto broker (issue
//! 17): the test plays ChirpStack, publishing its events as a real v4.20 does
//! (spec/chirpstack-notes.md) and taking the downlinks Meterline enqueues.

use crate::harness::{ADMIN, Harness, Kind};
use crate::replicas::start_with;
use base64::Engine;
use rumqttc::v5::mqttbytes::QoS;
use rumqttc::v5::mqttbytes::v5::Packet;
use rumqttc::v5::{AsyncClient, Event, MqttOptions};
use serde_json::{Value, json};
use server::lorawan::codec::{self, Order, Report, UPLINK_PORT};
use server::networks::chirpstack::{self, ChirpstackConfig};
use server::ops::Metrics;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

const BROKER: &str = "mqtt://127.0.0.1:1883";
const EUI: &str = "70b3d55612c15844";

/// A name no other test (or run) uses: topics and sessions are the broker's, shared by all.
fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", &app::backend::auth::random_uuid()[..13])
}

/// The test's ChirpStack: publishes events of one application and receives
/// what Meterline enqueues for its devices.
struct ChirpStack {
    application: String,
    client: AsyncClient,
    downlinks: mpsc::UnboundedReceiver<(String, Value)>,
}

impl ChirpStack {
    async fn start(application: &str) -> Self {
        Self::start_at(application, 1883).await
    }

    /// Publishing to the broker at 127.0.0.1:`port`.
    async fn start_at(application: &str, port: u16) -> Self {
        let mut options = MqttOptions::new(unique("chirpstack"), "127.0.0.1", port);
        options.set_keep_alive(Duration::from_secs(30));
        let (client, mut eventloop) = AsyncClient::new(options, 1_000);
        let (tx, downlinks) = mpsc::unbounded_channel();
        let (subscribed, mut ready) = mpsc::unbounded_channel();
        client.subscribe(format!("application/{application}/device/+/command/down"), QoS::AtLeastOnce).await.unwrap();
        tokio::spawn(async move {
            loop {
                match eventloop.poll().await {
                    Ok(Event::Incoming(Packet::SubAck(_))) => {
                        let _ = subscribed.send(());
                    }
                    Ok(Event::Incoming(Packet::Publish(p))) => {
                        let topic = String::from_utf8_lossy(&p.topic).into_owned();
                        let body: Value = serde_json::from_slice(&p.payload).unwrap_or(Value::Null);
                        if tx.send((topic, body)).is_err() {
                            return;
                        }
                    }
                    Ok(_) => {}
                    Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
                }
            }
        });
        tokio::time::timeout(Duration::from_secs(10), ready.recv()).await.expect("subscribed to downlinks");
        Self { application: application.to_owned(), client, downlinks }
    }

    async fn publish(&self, dev_eui: &str, kind: &str, body: Value) {
        let topic = format!("application/{}/device/{dev_eui}/event/{kind}", self.application);
        self.client.publish(topic, QoS::AtLeastOnce, false, body.to_string()).await.unwrap();
    }

    /// An `up` event of the reference codec's report, as ChirpStack writes it.
    async fn up(&self, dev_eui: &str, dedup: &str, fcnt: u32, report: &Report, time: Option<&str>) {
        self.publish(dev_eui, "up", up_event(&self.application, dev_eui, dedup, fcnt, report, time)).await;
    }

    async fn next_downlink(&mut self) -> (String, Value) {
        tokio::time::timeout(Duration::from_secs(10), self.downlinks.recv())
            .await
            .expect("a downlink within 10 s")
            .expect("the broker connection is up")
    }
}

fn up_event(application: &str, dev_eui: &str, dedup: &str, fcnt: u32, report: &Report, time: Option<&str>) -> Value {
    let mut up = json!({
        "deduplicationId": dedup,
        "deviceInfo": {"tenantId": "d4ba0389-e1ca-449f-b4fe-7d43e5d9461e", "tenantName": "utility",
            "applicationId": application, "applicationName": "meters", "deviceProfileName": "water-abp",
            "deviceName": "meter", "devEui": dev_eui, "deviceClassEnabled": "CLASS_A", "tags": {}},
        "devAddr": "01775235", "adr": false, "dr": 5, "fCnt": fcnt, "fPort": UPLINK_PORT, "confirmed": false,
        "data": base64::engine::general_purpose::STANDARD.encode(codec::encode_report(report)),
        "rxInfo": [{"gatewayId": "0016c0999b0eb948", "uplinkId": 1422623673, "rssi": -57, "snr": 9.5,
            "context": "GYCb/Q==", "crcStatus": "CRC_OK"}],
        "txInfo": {"frequency": 868100000, "modulation": {"lora": {"bandwidth": 125000, "spreadingFactor": 7}}},
        "regionConfigId": "eu868",
    });
    if let Some(t) = time {
        up["time"] = json!(t);
    }
    up
}

/// Meterline's ChirpStack door on the harness's database, following one
/// application; returned once its subscription is live.
async fn door(h: &Harness, chirpstack: &ChirpStack, client_id: &str) -> (chirpstack::Handle, Arc<Metrics>) {
    let config = ChirpstackConfig::parse(BROKER, &chirpstack.application, client_id).unwrap();
    door_with(h, chirpstack, config).await
}

async fn door_with(
    h: &Harness,
    chirpstack: &ChirpStack,
    config: ChirpstackConfig,
) -> (chirpstack::Handle, Arc<Metrics>) {
    let metrics = Arc::new(Metrics::default());
    let handle = chirpstack::start(h.db.clone(), Default::default(), metrics.clone(), config);
    // Until the door's subscription is in place the broker drops events for
    // it: knock with an event it ignores until one is counted.
    let started = Instant::now();
    while metrics.network_count("chirpstack", "ignored") == 0 {
        assert!(started.elapsed() < Duration::from_secs(10), "the door never subscribed");
        chirpstack.publish(EUI, "status", json!({"margin": 10, "batteryLevel": 87.5})).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (handle, metrics)
}

/// Ends a door's session at the broker for good (a fresh session under the
/// same client id, which ends when it disconnects).
/// Ends the broker's sessions of the door's two connections (events and downlinks).
async fn forget_session(client_id: &str) {
    forget_one(client_id).await;
    forget_one(&format!("{client_id}-downlinks")).await;
}

async fn forget_one(client_id: &str) {
    let mut options = MqttOptions::new(client_id, "127.0.0.1", 1883);
    options.set_clean_start(true);
    let (client, mut eventloop) = AsyncClient::new(options, 10);
    while let Ok(event) = eventloop.poll().await {
        if matches!(event, Event::Incoming(Packet::ConnAck(_))) {
            let _ = client.disconnect().await;
        }
        if matches!(event, Event::Outgoing(rumqttc::Outgoing::Disconnect)) {
            break;
        }
    }
}

async fn wait_for(metrics: &Metrics, outcome: &'static str, n: u64) {
    let started = Instant::now();
    while metrics.network_count("chirpstack", outcome) < n {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{outcome} counted {} times, wanted {n}",
            metrics.network_count("chirpstack", outcome)
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn balance(h: &Harness, token: &str, dev_eui: &str) -> Value {
    h.call(token, "comApi", "getAreaArchiveInfo", json!({"devEui": dev_eui})).await["value"]["balance"].clone()
}

fn register(forward_milli: u32) -> Report {
    Report { forward: Some(forward_milli), valve: Some(1), battery_mv: Some(3_600), ..Default::default() }
}

both!(chirpstack_uplinks_are_charged_once_per_deduplication_id, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    h.add_meter(&token, EUI, "Njeri", h.north).await;
    let cs = ChirpStack::start(&unique("app")).await;
    let client_id = unique("meterline");
    let (door, metrics) = door(&h, &cs, &client_id).await;

    // 2.000 m³ at 2.5 = 5.00 from the opening 150.
    cs.up(EUI, "c61a394b-0f1b-4702-9bd3-da7ac6fb73f7", 1, &register(2_000), None).await;
    wait_for(&metrics, "accepted", 1).await;
    assert_eq!(balance(&h, &token, EUI).await, json!(145));
    let rt = h.call(&token, "lorawanApi", "queryRealTimeData", json!({"devEui": EUI})).await;
    assert_eq!((rt["data"]["rssi"].clone(), rt["data"]["snr"].clone()), (json!(-57), json!("9.5")));
    // ChirpStack delivers the same frame again: taken once.
    cs.up(EUI, "c61a394b-0f1b-4702-9bd3-da7ac6fb73f7", 1, &register(2_000), None).await;
    wait_for(&metrics, "duplicate", 1).await;
    // A frame whose fields at their defaults were left out: charged.
    let minimal = json!({"deduplicationId": "5e1d3c2b-0000-4000-8000-000000000002", "fCnt": 2,
        "fPort": 10, "data": base64::engine::general_purpose::STANDARD.encode(codec::encode_report(&register(3_000)))});
    cs.publish(EUI, "up", minimal).await;
    wait_for(&metrics, "accepted", 2).await;
    assert_eq!(balance(&h, &token, EUI).await, json!(142.5));

    // Not ours, not an event, not a report: counted, nothing stored.
    let before = h.snapshot().await;
    cs.up("70b3d55612c1ffff", "stranger-1", 1, &register(9_000), None).await;
    wait_for(&metrics, "no_meter", 1).await;
    cs.publish(EUI, "up", json!("not an event")).await;
    cs.publish(EUI, "up", json!({"deduplicationId": "x", "data": "%%%"})).await;
    wait_for(&metrics, "malformed", 2).await;
    cs.publish(EUI, "up", json!({"deduplicationId": "mac-only", "fCnt": 3})).await;
    wait_for(&metrics, "other_port", 1).await;
    assert_eq!(h.snapshot().await, before);

    // A replayed counter is only a log event in ChirpStack: kept on the meter.
    cs.publish(
        EUI,
        "log",
        json!({"time": "2026-12-01T19:08:00.5+00:00", "deviceInfo": {"devEui": EUI}, "level": "WARNING",
        "code": "UPLINK_F_CNT_RETRANSMISSION",
        "description": "Uplink was flagged as re-transmission / frame-counter did not increment"}),
    )
    .await;
    wait_for(&metrics, "logged", 1).await;
    let logged: Vec<(String, String, Option<i64>)> =
        sqlx::query_as("SELECT level, code, meter_id FROM network_log").fetch_all(&h.db.pool).await.unwrap();
    assert_eq!(logged.len(), 1);
    assert_eq!((logged[0].0.as_str(), logged[0].1.as_str()), ("WARNING", "UPLINK_F_CNT_RETRANSMISSION"));
    assert!(logged[0].2.is_some(), "under the meter");
    // The meter is now served through ChirpStack, in this application.
    let route: (String, String) =
        sqlx::query_as("SELECT network, application FROM meter_networks").fetch_one(&h.db.pool).await.unwrap();
    assert_eq!(route, ("chirpstack".to_owned(), cs.application.clone()));
    // The operator's meter page shows both; nobody else's.
    let meter: i64 = sqlx::query_scalar("SELECT id FROM meters").fetch_one(&h.db.pool).await.unwrap();
    let operator = crate::server_fns::sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (status, shown) = crate::server_fns::call(&h, Some(&operator), "meter_network", json!({"id": meter})).await;
    assert_eq!(status, 200, "{shown}");
    assert_eq!(shown["route"]["network"], "ChirpStack");
    assert_eq!(shown["route"]["application"], json!(cs.application));
    assert_eq!(shown["log"][0]["code"], "UPLINK_F_CNT_RETRANSMISSION");
    let household = crate::harness::household_session(&h, "Njeri").await;
    let (status, _) = crate::server_fns::call(&h, Some(&household), "meter_network", json!({"id": meter})).await;
    assert_eq!(status, 403, "operators only");
    // The meter moves to our own gateways: a report through our door ends
    // the route, so its commands go out there, not to ChirpStack.
    use app::backend::services::uplinks::{self, MeterReport, Uplink};
    let own = Uplink {
        device: app::model::meter::DeviceId::DevEui(app::model::ids::DevEui::parse(EUI).unwrap()),
        claim: None,
        heard_at: None,
        via: None,
        report: Some(MeterReport {
            forward: Some(app::model::fixed::Register::from_minor(40_000)),
            ..Default::default()
        }),
        rssi: None,
        snr_tenths: None,
    };
    uplinks::apply(&h.db, &Default::default(), &[own]).await.unwrap();
    assert_eq!(h.count("meter_networks").await, 0);
    door.stop().await;
    forget_session(&client_id).await;
    h.assert_ledger_sound().await;
});

both!(a_low_balance_closes_the_valve_through_chirpstack, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    h.add_meter(&token, EUI, "Wafula", h.north).await;
    let mut cs = ChirpStack::start(&unique("app")).await;
    let client_id = unique("meterline");
    let (door, metrics) = door(&h, &cs, &client_id).await;
    // 100 m³ at 2.5 = 250: the balance of 150 falls below the overdraft of 0.
    cs.up(EUI, "dedup-use-1", 1, &register(100_000), None).await;
    let (topic, down) = cs.next_downlink().await;
    assert_eq!(topic, format!("application/{}/device/{EUI}/command/down", cs.application));
    assert_eq!((down["devEui"].clone(), down["fPort"].clone()), (json!(EUI), json!(11)), "{down}");
    assert_eq!(down["confirmed"], false);
    let payload = base64::engine::general_purpose::STANDARD.decode(down["data"].as_str().unwrap()).unwrap();
    let Some(Order::CloseValve { seq }) = codec::decode_order(&payload) else { panic!("expected a close: {down}") };
    let queue_item = down["id"].as_str().unwrap().to_owned();
    let state = || async {
        sqlx::query_as::<_, (String, String)>("SELECT state, result FROM commands").fetch_one(&h.db.pool).await.unwrap()
    };
    assert_eq!(state().await.1, "handed to ChirpStack");
    // The gateway transmitted it.
    cs.publish(
        EUI,
        "txack",
        json!({"downlinkId": 1, "queueItemId": queue_item, "fCntDown": 1,
        "gatewayId": "0016c0999b0eb948"}),
    )
    .await;
    let started = Instant::now();
    while state().await.1 != "transmitted by ChirpStack gateway 0016c0999b0eb948" {
        assert!(started.elapsed() < Duration::from_secs(10), "{:?}", state().await);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The device did not acknowledge it: enqueued again, under a new id.
    cs.publish(EUI, "ack", json!({"queueItemId": queue_item, "acknowledged": false, "fCntDown": 1})).await;
    let (_, again) = cs.next_downlink().await;
    assert_ne!(again["id"], down["id"]);
    assert_eq!(again["data"], down["data"], "the same command");
    // The meter closes and says so in its report.
    let closed = Report { forward: Some(100_001), valve: Some(0), acks: vec![(seq, 0)], ..Default::default() };
    cs.up(EUI, "dedup-ack-2", 2, &closed, None).await;
    wait_for(&metrics, "accepted", 2).await;
    assert_eq!(state().await, ("acknowledged".to_owned(), "executed by the meter".to_owned()));
    let status = h.call(&token, "lorawanApi", "readValveStatus", json!({"devEui": EUI})).await;
    assert_eq!(status["data"]["valveStatus"], "close");
    // An acknowledgement of a queue item that is not ours changes nothing.
    cs.publish(EUI, "txack", json!({"queueItemId": "8f0e0000-0000-4000-8000-00000000dead"})).await;
    wait_for(&metrics, "ack_unknown", 1).await;
    door.stop().await;
    forget_session(&client_id).await;
    h.assert_ledger_sound().await;
});

both!(events_published_while_meterline_is_away_are_taken_when_it_returns, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    h.add_meter(&token, EUI, "Chebet", h.north).await;
    let cs = ChirpStack::start(&unique("app")).await;
    let client_id = unique("meterline");
    let (door_1, _) = door(&h, &cs, &client_id).await;
    door_1.stop().await;
    // Meterline is down (restarting, say): ChirpStack goes on publishing,
    // each event with the time its frame was heard (ChirpStack's format).
    let now = chrono::Utc::now().timestamp();
    let heard: Vec<i64> = vec![now - 300, now - 200, now - 100];
    for (i, at) in heard.iter().enumerate() {
        let time = chrono::DateTime::from_timestamp(*at, 0).unwrap().format("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string();
        let n = i as u32 + 1;
        cs.up(EUI, &format!("while-away-{n}"), n, &register(1_000 * n), Some(&time)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(h.count("readings").await, 0);
    // Back under the same client id: the broker kept the session and its events.
    let config = ChirpstackConfig::parse(BROKER, &cs.application, &client_id).unwrap();
    let metrics = Arc::new(Metrics::default());
    let door_2 = chirpstack::start(h.db.clone(), Default::default(), metrics.clone(), config);
    wait_for(&metrics, "accepted", 3).await;
    let read: Vec<i64> =
        sqlx::query_scalar("SELECT read_at FROM readings ORDER BY read_at").fetch_all(&h.db.pool).await.unwrap();
    assert_eq!(read, heard, "read when ChirpStack heard them, not when they reached us");
    assert_eq!(balance(&h, &token, EUI).await, json!(142.5), "3.000 m³ at 2.5");
    door_2.stop().await;
    forget_session(&client_id).await;
    h.assert_ledger_sound().await;
});

/// `meterline_network_events_total` of one outcome, read from a replica's `/metrics`.
async fn counted(base: &str, outcome: &str) -> u64 {
    let text = reqwest::get(format!("{base}/metrics")).await.unwrap().text().await.unwrap();
    let needle = format!("meterline_network_events_total{{network=\"chirpstack\",outcome=\"{outcome}\"}} ");
    text.lines().find_map(|l| l.strip_prefix(needle.as_str())).and_then(|n| n.trim().parse().ok()).unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_split_chirpstacks_events_and_take_each_once() {
    let h = Harness::new(Kind::Postgres).await;
    let token = h.token(ADMIN).await;
    let euis: Vec<String> = (0..20).map(|i| format!("70b3d55612c2{i:04x}")).collect();
    for (i, eui) in euis.iter().enumerate() {
        h.add_meter(&token, eui, &format!("Household {i}"), h.north).await;
    }
    let cs = ChirpStack::start(&unique("app")).await;
    let url = h.database_url();
    let ids = [unique("meterline-a"), unique("meterline-b")];
    let mut replicas = Vec::new();
    for id in &ids {
        let settings = [
            ("METERLINE_CHIRPSTACK_MQTT", BROKER),
            ("METERLINE_CHIRPSTACK_APPLICATIONS", cs.application.as_str()),
            ("METERLINE_CHIRPSTACK_CLIENT_ID", id.as_str()),
        ];
        replicas.push(start_with(&url, &settings).await);
    }
    // Both subscribed: each has ignored one of the knocks.
    let started = Instant::now();
    loop {
        let mut ready = 0;
        for r in &replicas {
            ready += u64::from(counted(&r.base, "ignored").await > 0);
        }
        if ready == 2 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the replicas never both subscribed");
        cs.publish(EUI, "status", json!({"margin": 10})).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Two frames per meter, each delivered twice (as after a reconnect); the
    // second frames once the first are in, as a meter's frames 15 minutes
    // apart would be.
    let now = chrono::Utc::now().timestamp();
    let (mut a, mut b) = (0, 0);
    for round in 0..2_u32 {
        let events: Vec<(&String, Value)> = euis
            .iter()
            .enumerate()
            .map(|(i, eui)| {
                let at = now - 600 + i64::from(round) * 300 + i as i64;
                let time = chrono::DateTime::from_timestamp(at, 0).unwrap().to_rfc3339();
                let report = register(1_000 * (round + 1));
                (eui, up_event(&cs.application, eui, &format!("{eui}-{round}"), round + 1, &report, Some(&time)))
            })
            .collect();
        // Every frame once, then every frame again.
        for _ in 0..2 {
            for (eui, event) in &events {
                cs.publish(eui, "up", event.clone()).await;
            }
        }
        let want = 20 * u64::from(round + 1);
        let started = Instant::now();
        while a + b < want {
            assert!(started.elapsed() < Duration::from_secs(20), "accepted {a} + {b} of {want}");
            tokio::time::sleep(Duration::from_millis(100)).await;
            (a, b) = (counted(&replicas[0].base, "accepted").await, counted(&replicas[1].base, "accepted").await);
        }
    }
    assert_eq!(a + b, 40, "each frame taken once");
    assert!(a > 0 && b > 0, "both replicas took a share: {a} and {b}");
    let duplicates = counted(&replicas[0].base, "duplicate").await + counted(&replicas[1].base, "duplicate").await;
    assert_eq!(duplicates, 40, "every second copy recognised, whichever replica had the first");
    assert_eq!(h.count("readings").await, 40);
    // 2.000 m³ at 2.5 each: 150 - 5.
    for eui in &euis {
        assert_eq!(balance(&h, &token, eui).await, json!(145), "{eui}");
    }
    drop(replicas);
    for id in &ids {
        forget_session(id).await;
    }
    h.assert_ledger_sound().await;
    h.cleanup.run().await;
}

/// A second Mosquitto of the test's own: a plain listener for the test's
/// ChirpStack and a TLS one, with a certificate from a CA made for the test
/// (openssl), for Meterline.
struct TlsBroker {
    child: std::process::Child,
    dir: std::path::PathBuf,
    plain: u16,
    tls: u16,
}

impl TlsBroker {
    fn start() -> Self {
        let dir = std::env::temp_dir().join(unique("meterline-tls"));
        std::fs::create_dir_all(&dir).unwrap();
        let run = |args: &[&str]| {
            let out = std::process::Command::new("openssl").args(args).current_dir(&dir).output().expect("openssl");
            assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        };
        run(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=Meterline test CA",
        ]);
        run(&[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=127.0.0.1",
        ]);
        std::fs::write(dir.join("san.ext"), "subjectAltName=IP:127.0.0.1\n").unwrap();
        run(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-days",
            "2",
            "-extfile",
            "san.ext",
        ]);
        let free = || std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let (plain, tls) = (free(), free());
        let conf = format!(
            "user root\npersistence false\nallow_anonymous true\nlistener {plain} 127.0.0.1\n\
             listener {tls} 127.0.0.1\ncafile {d}/ca.pem\ncertfile {d}/server.pem\nkeyfile {d}/server.key\n",
            d = dir.display()
        );
        std::fs::write(dir.join("mosquitto.conf"), conf).unwrap();
        let child = std::process::Command::new("/usr/sbin/mosquitto")
            .arg("-c")
            .arg(dir.join("mosquitto.conf"))
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(dir.join("mosquitto.log")).unwrap())
            .spawn()
            .expect("mosquitto");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", tls)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(10), "mosquitto did not start: see {}", dir.display());
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, dir, plain, tls }
    }
}

impl Drop for TlsBroker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

both!(a_broker_behind_tls_is_reached_with_mqtts_and_the_installations_ca, |h: Harness| async move {
    let broker = TlsBroker::start();
    let token = h.token(ADMIN).await;
    h.add_meter(&token, EUI, "Njeri", h.north).await;
    let cs = ChirpStack::start_at(&unique("app"), broker.plain).await;
    let url = format!("mqtts://127.0.0.1:{}", broker.tls);

    // Trusting only the public authorities, the broker's certificate is refused.
    let public = ChirpstackConfig::parse(&url, &cs.application, &unique("meterline")).unwrap();
    let refused = Arc::new(Metrics::default());
    let _refused = chirpstack::start(h.db.clone(), Default::default(), refused.clone(), public);
    wait_for(&refused, "connection_lost", 1).await;
    assert_eq!(refused.network_count("chirpstack", "ignored"), 0);

    // With the installation's CA the door connects, subscribes and charges.
    let ca = broker.dir.join("ca.pem");
    let config = ChirpstackConfig::parse(&url, &cs.application, &unique("meterline"))
        .unwrap()
        .with_ca_file(ca.to_str().unwrap())
        .unwrap();
    let (_door, metrics) = door_with(&h, &cs, config).await;
    cs.up(EUI, "0f6e2c1a-7d4b-4c3e-9a21-3b5d8e7f6a10", 1, &register(2_000), None).await;
    wait_for(&metrics, "accepted", 1).await;
    assert_eq!(balance(&h, &token, EUI).await, json!(145));
    assert_eq!(refused.network_count("chirpstack", "accepted"), 0);
});
