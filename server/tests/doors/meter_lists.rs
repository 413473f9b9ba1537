//! Pages of meter lists found from kept anchors (store::meter_anchors): the
//! same rows an `OFFSET` walk gives, and every writer's change seen by the
//! next page, a writer outside the services included.

use crate::harness::{ADMIN, Harness, reading};
use app::backend::auth::{Caller, load_admin};
use app::backend::services::ingest::ingest;
use app::backend::services::meters;
use app::backend::state::Settings;
use app::model::ids::{AdminId, MeterId};
use app::model::meter::{ArchiveFilter, MeterStatus};
use app::model::paging::PageRequest;
use serde_json::{Value, json};

/// Meters numbered `from..to` in the root area, written as an import would
/// (one statement); the first call also adds one through the door, for a
/// household and a model to share.
async fn seed(h: &Harness, from: usize, to: usize) {
    if from == 0 {
        let token = h.token(ADMIN).await;
        h.add_meter(&token, "8cf9000000000000", "First", h.root).await;
    }
    let (household, model): (i64, i64) =
        sqlx::query_as("SELECT household_id, equipment_model_id FROM meters ORDER BY id LIMIT 1")
            .fetch_one(&h.db.pool)
            .await
            .unwrap();
    let mut q = String::from(
        "INSERT INTO meters (dev_eui, serialnumber, area_id, household_id, price_id, equipment_model_id, energy_type,
         pay_mode, meter_type, customer_name, created_at) VALUES ",
    );
    for i in from.max(1)..to {
        let sep = if i == from.max(1) { "" } else { "," };
        let eui = format!("8cf9{i:012x}");
        q.push_str(&format!(
            "{sep}('{eui}', '{eui}', {}, {household}, {}, {model}, 'WATER', 'prepaid', 1, 'Customer {i}', 0)",
            h.root.0, h.water_price.0
        ));
    }
    sqlx::query(&q).execute(&h.db.pool).await.unwrap();
}

/// A page as the service gives it (the door's kept answers aside: a raw
/// write below moves no generation, and this is about the anchors).
async fn page(h: &Harness, _token: &str, number: i64, size: i64, search: &str) -> (Vec<i64>, i64) {
    let admin = Caller::Admin(load_admin(&h.db, AdminId(1)).await.unwrap());
    let filter = ArchiveFilter {
        area_id: h.root,
        energy_type: None,
        search: Some(search.to_owned()),
        equipment_model_id: None,
        status: MeterStatus::Active,
        page: PageRequest::new(Some(number), Some(size)).unwrap(),
    };
    let page = meters::list_archives(&h.db, &admin, filter).await.unwrap();
    (page.rows.iter().map(|m| m.id.0).collect(), page.total_rows)
}

async fn offset_walk(h: &Harness, size: i64, number: i64, status: &str) -> Vec<i64> {
    sqlx::query_scalar("SELECT id FROM meters WHERE status = $1 ORDER BY id LIMIT $2 OFFSET $3")
        .bind(status)
        .bind(size)
        .bind((number - 1) * size)
        .fetch_all(&h.db.pool)
        .await
        .unwrap()
}

async fn list_version(h: &Harness) -> i64 {
    sqlx::query_scalar("SELECT version FROM list_versions WHERE name = 'meters'").fetch_one(&h.db.pool).await.unwrap()
}

/// Walks every page of each size and compares with `OFFSET`.
async fn walk(h: &Harness, total: i64, sizes: &[i64]) {
    for &size in sizes {
        let pages = (total + size - 1) / size;
        let mut seen = 0;
        for number in 1..=pages + 1 {
            let (ids, rows) = page(h, "", number, size, "").await;
            assert_eq!(rows, total);
            assert_eq!(ids, offset_walk(h, size, number, "active").await, "page {number} of size {size}");
            seen += ids.len() as i64;
        }
        assert_eq!(seen, total, "every meter once, the page past the end empty");
    }
}

both!(every_page_is_the_page_an_offset_walk_gives, |h: Harness| async move {
    // A short list keeps every id; sizes below, at and across a step (100).
    seed(&h, 0, 251).await;
    walk(&h, 251, &[7, 100, 130]).await;
    // A search is a list of its own: "customer 1" finds 1, 10-19, 100-199.
    let (ids, total) = page(&h, "", 2, 50, "customer 1").await;
    assert_eq!(total, 111);
    assert_eq!(ids.len(), 50);
    assert_eq!(page(&h, "", 3, 50, "customer 1").await.0.len(), 11);
    // A long list keeps anchors only.
    seed(&h, 251, 5_250).await;
    walk(&h, 5_250, &[100, 130, 999]).await;
    for number in [1, 2, 15, 16, 700, 749, 750, 751] {
        assert_eq!(page(&h, "", number, 7, "").await.0, offset_walk(&h, 7, number, "active").await, "page {number}");
    }
});

both!(a_writer_outside_the_services_moves_the_next_page, |h: Harness| async move {
    // A long list (anchors) and then a short one (every id).
    for n in [5_230_i64, 230] {
        if n == 230 {
            sqlx::query("UPDATE meters SET status = 'removed' WHERE id > (SELECT MIN(id) + 229 FROM meters)")
                .execute(&h.db.pool)
                .await
                .unwrap();
        } else {
            seed(&h, 0, 5_230).await;
        }
        follows_a_console(&h, n).await;
    }
});

/// An SQL console changes a list of `n` meters; each next page shows it.
async fn follows_a_console(h: &Harness, n: i64) {
    let token = "";
    let (before, total) = page(h, token, 2, 100, "").await;
    assert_eq!(total, n);
    // An SQL console removes the first meter: no service, no cache told.
    // The very next page shifts by one and counts it.
    let first: i64 = sqlx::query_scalar("SELECT MIN(id) FROM meters").fetch_one(&h.db.pool).await.unwrap();
    sqlx::query("UPDATE meters SET status = 'removed' WHERE id = $1").bind(first).execute(&h.db.pool).await.unwrap();
    let (after, total) = page(h, token, 2, 100, "").await;
    assert_eq!(total, n - 1);
    assert_eq!(after[0], before[1], "the page starts one meter later");
    assert_eq!(after, offset_walk(h, 100, 2, "active").await);
    // Past the end of the shorter list: empty, and the total is the new one.
    let (ids, total) = page(h, token, n / 10 + 1, 10, "").await;
    assert!(ids.is_empty());
    assert_eq!(total, n - 1);
    sqlx::query("UPDATE meters SET status = 'active' WHERE id = $1").bind(first).execute(&h.db.pool).await.unwrap();
    let (ids, total) = page(h, token, n / 10, 10, "").await;
    assert_eq!((ids.len(), total), (10, n));
    // A renamed customer is found by the new name at once.
    sqlx::query("UPDATE meters SET customer_name = 'Zanele Moyo' WHERE id = $1")
        .bind(first)
        .execute(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(page(h, token, 1, 10, "zanele").await, (vec![first], 1));
}

both!(readings_leave_the_lists_where_they_are, |h: Harness| async move {
    let token = h.token(ADMIN).await;
    let meter = h.add_meter(&token, "8cf9000000000001", "Reader", h.root).await;
    let version = list_version(&h).await;
    // Readings move registers and times, not a meter's place in any list:
    // the anchors of every list stay usable while meters report.
    ingest(&h.db, &Settings::default(), MeterId(meter), reading("2024-05-01 10:00:00", "3")).await.unwrap();
    assert_eq!(list_version(&h).await, version);
    // One transaction adding many meters moves it (once on PostgreSQL).
    h.add_meter(&token, "8cf9000000000002", "Second", h.root).await;
    assert!(list_version(&h).await > version);
    let answer: Value = h.call(&token, "comApi", "getAreaArchives", json!({"areaId": h.root.0})).await;
    assert_eq!(answer["pageInfo"]["rowTotal"], 2, "{answer}");
});
