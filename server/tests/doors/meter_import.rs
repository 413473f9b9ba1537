//! Importing meters from CSV: a check reports every problem by line and
//! column and writes nothing; an import writes every row or none; an export
//! imports again; the door answers forms and plain bodies with a CSV report.

use crate::harness::{ADMIN, Harness, NORTH_ADMIN};
use crate::portal_ops::get;
use crate::server_fns::{call, sign_in};
use app::model::import::{IMPORT_ONLY_COLUMNS, METER_COLUMNS};
use axum::body::Body;
use http::Request;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

const APP_KEY: &str = "2b7e151628aed2a6abf7158809cf4f3c";

async fn import(h: &Harness, cookie: &str, csv: &str, dry_run: bool) -> Value {
    let (status, report) =
        call(h, Some(cookie), "import_meters", json!({"req": {"csv": csv, "dry_run": dry_run}})).await;
    assert_eq!(status, 200, "{report}");
    report
}

/// The (line, column) of each problem.
fn problems(report: &Value) -> Vec<(u64, String)> {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["line"].as_u64().unwrap(), p["column"].as_str().unwrap().to_owned()))
        .collect()
}

fn reason(report: &Value, line: u64, column: &str) -> String {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["line"] == line && p["column"] == column)
        .map(|p| p["reason"].as_str().unwrap().to_owned())
        .unwrap_or_else(|| panic!("no problem at line {line}, column {column}: {report}"))
}

both!(a_file_with_problems_is_reported_by_line_and_column_and_nothing_is_written, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    h.add_meter(&token, "8cf9572000080001", "Already Here", h.north).await;
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let csv = format!(
        "dev_eui,imei,customer,area,energy_type,reading,balance,pay_mode,app_key,region
8cf9572000080001,,In The Database,North,water,,,,,
8cf95720000800zz,,Bad Eui,North,water,,,,,
8cf9572000080003,,,North,water,,,,,
8cf9572000080004,,Nowhere,Atlantis,water,,,,,
8cf9572000080005,,Steam,North,steam,,,,,
8cf9572000080006,,Fine,North,water,1.5,10,prepaid,,
8cf9572000080006,,Twice,North,water,,,,,
8cf9572000080008,,Keyed,North,water,,,,{APP_KEY},
,,No Identifier,North,water,-2,lots,weekly,,
"
    );
    let before = h.snapshot().await;
    for dry_run in [true, false] {
        let report = import(&h, &admin, &csv, dry_run).await;
        assert_eq!(
            problems(&report),
            [
                (2, "dev_eui".to_owned()),
                (3, "dev_eui".to_owned()),
                (4, "customer".to_owned()),
                (5, "area".to_owned()),
                (6, "energy_type".to_owned()),
                (8, "dev_eui".to_owned()),
                (9, "region".to_owned()),
                (10, "dev_eui".to_owned()),
                (10, "reading".to_owned()),
                (10, "balance".to_owned()),
                (10, "pay_mode".to_owned()),
            ],
            "{report}"
        );
        assert_eq!(report["written"], false);
        assert_eq!(report["rows"], 9);
        assert_eq!(report["problem_count"], 11);
        assert!(reason(&report, 2, "dev_eui").contains("exists already"), "{report}");
        assert!(reason(&report, 5, "area").contains("\"Atlantis\" is not one of your areas"), "{report}");
        assert!(reason(&report, 8, "dev_eui").contains("on line 7 too"), "{report}");
        assert!(!report.to_string().contains(APP_KEY), "a key is never repeated back");
        assert_eq!(h.snapshot().await, before, "dry run {dry_run}: nothing written");
        assert_eq!(h.count("otaa_devices").await, 0);
    }

    // The header is checked before any row: a misspelt column is named.
    let report = import(&h, &admin, "dev_eui,custmer\n8cf9572000080010,A\n", true).await;
    assert_eq!(problems(&report), [(1, "custmer".to_owned()), (1, "customer".to_owned())], "{report}");

    // North's operator cannot put a meter in South, nor see South's households.
    let north = sign_in(&h, "Admin", NORTH_ADMIN).await.unwrap();
    let report = import(&h, &north, "dev_eui,customer,area,energy_type\n8cf9572000080011,A,South,water\n", false).await;
    assert_eq!(problems(&report), [(2, "area".to_owned())], "{report}");
    assert_eq!(h.snapshot().await, before);

    // A household is only an operator's.
    let (status, answer) =
        call(&h, None, "import_meters", json!({"req": {"csv": "dev_eui,customer\n", "dry_run": true}})).await;
    assert_eq!(status, 401, "{answer}");
});

/// A file with every kind of row: a shared new household with an opening
/// balance, an NB-IoT meter, a removed meter (left out), OTAA and ABP keys,
/// and a meter for an existing household.
fn good_file(existing_household: &str) -> String {
    format!(
        "meter_address,dev_eui,imei,customer,phone,household,area,energy_type,reading,valve,balance,pay_mode,status,app_key,region,dev_addr,nwk_s_key,app_s_key
WM-1,8cf9572000090001,,Amina Otieno,+254700000001,H-1,North,WATER,12.5,open,250.00,prepaid,active,{APP_KEY},eu868,,,
WM-2,8cf9572000090002,,Amina Otieno,,H-1,North,WATER,3,,250,prepaid,,,,,,
EM-1,,861234567890123,Baraka,,,South,water,,closed,,postpaid,,,,,,
X,8cf9572000090004,,Gone,,,North,water,,,,,removed,,,,,
ABP-1,8cf9572000090005,,Chege,,{existing_household},North,water,,,,,,,EU868,26011bda,{APP_KEY},{APP_KEY}
"
    )
}

both!(a_good_file_is_checked_then_imported_whole_and_its_export_imports_again, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    h.add_meter(&token, "8cf9572000090000", "Chege", h.north).await;
    let number: String = sqlx::query_scalar("SELECT serialnumber FROM households WHERE name = 'Chege'")
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let csv = good_file(&number);

    let before = h.snapshot().await;
    let check = import(&h, &admin, &csv, true).await;
    assert_eq!(check["problems"], json!([]), "{check}");
    assert_eq!(
        (&check["rows"], &check["meters"], &check["new_households"], &check["skipped"], &check["written"]),
        (&json!(5), &json!(4), &json!(2), &json!(1), &json!(false))
    );
    assert_eq!(check["lines"][0]["household"], json!({"New": {"first_line": 2}}));
    assert_eq!(check["lines"][1]["household"], json!({"New": {"first_line": 2}}), "rows naming H-1 share it");
    assert_eq!(check["lines"][3]["household"], json!({"Existing": number}));
    assert_eq!(check["lines"][0]["keys"], "Otaa");
    assert_eq!(check["lines"][3]["keys"], "Abp");
    assert_eq!(h.snapshot().await, before, "a check writes nothing");

    // Keys left from before WM-2 had a meter are not its operators': forgotten.
    sqlx::query(
        "INSERT INTO otaa_devices (dev_eui, dev_name, join_eui, app_id, region, subnet, app_key, created_at)
         VALUES ('8cf9572000090002', 'stale', '', '', 'eu868', '', $1, 0)",
    )
    .bind(APP_KEY)
    .execute(&h.db.pool)
    .await
    .unwrap();
    let done = import(&h, &admin, &csv, false).await;
    assert_eq!(done["written"], true, "{done}");
    assert!(done["lines"].as_array().unwrap().iter().all(|l| l["meter_id"].is_i64()), "{done}");
    assert_eq!(h.count("meters").await, 5);
    assert_eq!(h.count("households").await, 3);
    assert_eq!(h.count("otaa_devices").await, 1, "WM-1's keys, and not the stale ones");
    assert_eq!(h.count("lorawan_devices").await, 1);
    let shared: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT h.id, h.balance FROM meters m JOIN households h ON h.id = m.household_id
         WHERE m.serialnumber IN ('WM-1', 'WM-2') ORDER BY m.id",
    )
    .fetch_all(&h.db.pool)
    .await
    .unwrap();
    assert_eq!(shared.len(), 2);
    assert_eq!(shared[0], shared[1], "one household for both, charged once");
    assert_eq!(shared[0].1, 25_000, "the opening balance, 250.00");
    h.assert_ledger_sound().await;
    let (reading, valve, pay_mode): (i64, i64, i64) =
        sqlx::query_as("SELECT current_reading, valve_state, meter_type FROM meters WHERE serialnumber = 'EM-1'")
            .fetch_one(&h.db.pool)
            .await
            .unwrap();
    assert_eq!((reading, valve, pay_mode), (0, 0, 0), "closed, postpaid");
    // The imported household cannot sign in until an operator gives it a password.
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM households WHERE name = 'Baraka'")
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(hash, "");
    // The same file again: every meter exists now, nothing more is written.
    let again = import(&h, &admin, &csv, false).await;
    assert_eq!(again["problem_count"], 4, "{again}");
    assert_eq!(h.count("meters").await, 5);

    // The export has the import's columns and imports into another installation.
    let (status, _, export) = get(&h, Some(&admin), "/export/meters.csv").await;
    assert_eq!(status, 200);
    assert_eq!(export.lines().next().unwrap(), METER_COLUMNS.join(","));
    let other = Harness::new(h.kind).await;
    let other_admin = sign_in(&other, "Admin", ADMIN).await.unwrap();
    let moved = import(&other, &other_admin, &export, false).await;
    assert_eq!(moved["problems"], json!([]), "{moved}");
    assert_eq!((&moved["meters"], &moved["new_households"]), (&json!(5), &json!(3)), "{moved}");
    let names: Vec<String> = sqlx::query_scalar("SELECT customer_name FROM meters ORDER BY customer_name")
        .fetch_all(&other.db.pool)
        .await
        .unwrap();
    assert_eq!(names, ["Amina Otieno", "Amina Otieno", "Baraka", "Chege", "Chege"]);
    let balances = |db: app::backend::db::Db| async move {
        sqlx::query_scalar::<_, i64>("SELECT CAST(SUM(balance) AS BIGINT) FROM households")
            .fetch_one(&db.pool)
            .await
            .unwrap()
    };
    assert_eq!(
        balances(other.db.clone()).await,
        balances(h.db.clone()).await,
        "balances come along once per household"
    );
    other.assert_ledger_sound().await;
    other.cleanup.clone().run().await;
});

async fn post(h: &Harness, uri: &str, headers: &[(&str, &str)], body: Vec<u8>) -> (u16, String, String) {
    let mut request = Request::post(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = h.router.clone().oneshot(request.body(Body::from(body)).unwrap()).await.unwrap();
    let status = response.status().as_u16();
    let kind = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, kind, String::from_utf8_lossy(&bytes).into_owned())
}

fn form(csv: &str, mode: &str) -> (String, Vec<u8>) {
    let boundary = "----meterline-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"meters.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\n{mode}\r\n--{boundary}--\r\n"
    );
    (format!("multipart/form-data; boundary={boundary}"), body.into_bytes())
}

both!(the_import_door_answers_forms_and_bodies_with_a_csv_report, |h: Harness| async move {
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let (status, kind, template) = get(&h, None, "/import/meters-template.csv").await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/csv"), "{kind}");
    let columns: Vec<&str> = METER_COLUMNS.iter().chain(IMPORT_ONLY_COLUMNS.iter()).copied().collect();
    assert_eq!(template.trim_end(), columns.join(","));

    let good = "dev_eui,customer,area,energy_type\n8cf9572000095001,Door Check,North,water\n";
    let (content_type, body) = form(good, "check");
    let (status, kind, report) =
        post(&h, "/import/meters.csv", &[("cookie", &admin), ("content-type", &content_type)], body).await;
    assert_eq!(status, 200, "{report}");
    assert!(kind.starts_with("text/csv"), "{kind}");
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines[0], "line,outcome,meter,area,household,keys,meter_id,column,reason");
    assert!(lines[1].starts_with("0,summary,") && lines[1].contains("nothing written"), "{report}");
    assert!(lines[2].starts_with("2,checked,8cf9572000095001,North,new (line 2)"), "{report}");
    assert_eq!(h.count("meters").await, 0, "a check writes nothing");

    let (content_type, body) = form(good, "import");
    let (status, _, report) =
        post(&h, "/import/meters.csv", &[("cookie", &admin), ("content-type", &content_type)], body).await;
    assert_eq!(status, 200, "{report}");
    assert!(report.lines().nth(2).unwrap().starts_with("2,created,8cf9572000095001"), "{report}");
    assert_eq!(h.count("meters").await, 1);

    // A browser's form with problems: the report, 200 (a browser saves it).
    let (content_type, body) = form("dev_eui,customer\n8cf9572000095003,\n", "import");
    let (status, _, report) =
        post(&h, "/import/meters.csv", &[("cookie", &admin), ("content-type", &content_type)], body).await;
    assert_eq!(status, 200, "{report}");
    assert!(report.contains("2,problem,,,,,,customer,is required"), "{report}");
    assert_eq!(h.count("meters").await, 1, "nothing written");

    // A plain body, checked through the query string: problems answer 422.
    let bad = "dev_eui,customer\n8cf9572000095002,\n".as_bytes().to_vec();
    let (status, _, report) =
        post(&h, "/import/meters.csv?dry_run=1", &[("cookie", &admin), ("content-type", "text/csv")], bad.clone())
            .await;
    assert_eq!(status, 422, "{report}");
    assert!(report.contains("2,problem,,,,,,customer,is required"), "{report}");
    let (status, _, _) = post(&h, "/import/meters.csv?dry_run=maybe", &[("cookie", &admin)], bad.clone()).await;
    assert_eq!(status, 400);
    let (status, _, message) = post(&h, "/import/meters.csv", &[("cookie", &admin)], vec![0xff, 0xfe, b',']).await;
    assert_eq!(status, 400);
    assert!(message.contains("UTF-8"), "{message}");

    // No session, or another site's page: refused, nothing read.
    let (status, _, _) = post(&h, "/import/meters.csv", &[], bad.clone()).await;
    assert_eq!(status, 401);
    let (status, _, message) = post(
        &h,
        "/import/meters.csv",
        &[("cookie", &admin), ("origin", "https://evil.example"), ("host", "meters.example")],
        good.as_bytes().to_vec(),
    )
    .await;
    assert_eq!(status, 403, "{message}");
    assert_eq!(h.count("meters").await, 1);
});

both!(an_export_longer_than_a_page_streams_every_row_once, |h: Harness| async move {
    // More meters than the export reads per query (1,000), brought in by import.
    let admin = sign_in(&h, "Admin", ADMIN).await.unwrap();
    let mut csv = String::from("dev_eui,customer,area,energy_type\n");
    for i in 0..2_345 {
        csv.push_str(&format!("8cf95721{i:08x},Customer {i},North,water\n"));
    }
    let done = import(&h, &admin, &csv, false).await;
    assert_eq!(done["written"], true, "{}", done["problems"]);
    assert_eq!(h.count("meters").await, 2_345);

    let (status, _, export) = get(&h, Some(&admin), "/export/meters.csv").await;
    assert_eq!(status, 200);
    let mut euis: Vec<&str> = export.lines().skip(1).map(|l| l.split(',').nth(2).unwrap()).collect();
    assert_eq!(euis.len(), 2_345);
    euis.sort_unstable();
    euis.dedup();
    assert_eq!(euis.len(), 2_345, "no row twice, none missing");
    assert_eq!(euis[0], "8cf9572100000000");
});
