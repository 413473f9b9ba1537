//! Network servers' bookkeeping: which network serves a meter (where its
//! commands go), which of their at-least-once events were taken, and what
//! they said about devices that is not a reading.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::sql::{Bind, Sql};
use crate::backend::store::ledger::ROWS_PER_STATEMENT;
use crate::model::ids::MeterId;
use crate::model::network::{LogEntry, Network, Route};
use crate::model::time::Timestamp;
use sqlx::{Any, Transaction};
use std::collections::{BTreeMap, HashSet};

/// Takes the events `ids` of `network` inside `tx`: the ids returned are
/// new, every other one was taken before (by this or another replica).
pub async fn claim_events(
    tx: &mut Transaction<'static, Any>,
    network: Network,
    ids: &[&str],
    at: Timestamp,
) -> Result<HashSet<String>, ServiceError> {
    let mut won = HashSet::new();
    for chunk in ids.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(tx, "INSERT INTO network_events (network, event_id, received_at) VALUES ");
        q.push_rows(chunk.iter().map(|id| [Bind::from(network.code()), Bind::from(*id), Bind::Int(at.0)]));
        q.push(" ON CONFLICT DO NOTHING RETURNING event_id");
        for row in q.query().fetch_all(&mut **tx).await? {
            won.insert(rows::text(&row, "event_id")?);
        }
    }
    Ok(won)
}

/// Records, inside `tx`, the routes these meters' reports came by; a
/// meter's row changes only when its route did.
pub async fn route(
    tx: &mut Transaction<'static, Any>,
    routes: &[(MeterId, &Route)],
    at: Timestamp,
) -> Result<(), ServiceError> {
    // One row per meter per statement (PostgreSQL refuses to update a row
    // twice in one upsert); the last report wins.
    let latest: BTreeMap<MeterId, &Route> = routes.iter().copied().collect();
    let latest: Vec<_> = latest.into_iter().collect();
    for chunk in latest.chunks(ROWS_PER_STATEMENT / 2) {
        let mut q = Sql::bulk(tx, "INSERT INTO meter_networks (meter_id, network, application, device, since) VALUES ");
        q.push_rows(chunk.iter().map(|(meter, r)| {
            [
                Bind::Int(meter.0),
                Bind::from(r.network.code()),
                Bind::from(r.application.as_str()),
                Bind::from(r.device.as_str()),
                Bind::Int(at.0),
            ]
        }));
        q.push(
            " ON CONFLICT (meter_id) DO UPDATE SET network = excluded.network, application = excluded.application,
             device = excluded.device, since = excluded.since
             WHERE meter_networks.network <> excluded.network OR meter_networks.application <> excluded.application
             OR meter_networks.device <> excluded.device",
        );
        q.query().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Whether any of these meters has a network route (a cheap read before a
/// write on the gateway door's hot path).
pub async fn any_routed(tx: &mut Transaction<'static, Any>, meters: &[MeterId]) -> Result<bool, ServiceError> {
    for chunk in meters.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(tx, "SELECT COUNT(*) FROM meter_networks WHERE meter_id IN ");
        q.push_list(chunk.iter().map(|m| m.0));
        if q.query_scalar_i64().fetch_one(&mut **tx).await?.0 > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Forgets, inside `tx`, the network routes of these meters: their reports
/// now come through our own gateway door, and so must their commands.
pub async fn unroute(tx: &mut Transaction<'static, Any>, meters: &[MeterId]) -> Result<(), ServiceError> {
    for chunk in meters.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(tx, "DELETE FROM meter_networks WHERE meter_id IN ");
        q.push_list(chunk.iter().map(|m| m.0));
        q.query().execute(&mut **tx).await?;
    }
    Ok(())
}

/// The network that serves `meter`, if a network server carries its reports.
pub async fn route_of(db: &Db, meter: MeterId) -> Result<Option<Route>, ServiceError> {
    let row = sqlx::query("SELECT network, application, device FROM meter_networks WHERE meter_id = $1")
        .bind(meter.0)
        .fetch_optional(&db.pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let code = rows::text(&row, "network")?;
    let network = Network::parse(&code).ok_or_else(|| ServiceError::Internal(format!("stored network {code:?}")))?;
    Ok(Some(Route { network, application: rows::text(&row, "application")?, device: rows::text(&row, "device")? }))
}

/// Keeps `entries` inside `tx`, each under the meter of its DevEUI when
/// there is one.
pub async fn log(tx: &mut Transaction<'static, Any>, entries: &[LogEntry]) -> Result<(), ServiceError> {
    for chunk in entries.chunks(ROWS_PER_STATEMENT / 2) {
        let mut q = Sql::bulk(tx, "WITH v (network, dev_eui, level, code, description, at) AS (VALUES ");
        q.push_rows(chunk.iter().map(|e| {
            [
                Bind::from(e.network.code()),
                Bind::from(e.dev_eui.as_str()),
                Bind::from(e.level.as_str()),
                Bind::from(e.code.as_str()),
                Bind::from(e.description.as_str()),
                Bind::Int(e.at.0),
            ]
        }));
        q.push(
            ") INSERT INTO network_log (network, dev_eui, meter_id, level, code, description, at)
             SELECT v.network, v.dev_eui, m.id, v.level, v.code, v.description, v.at
             FROM v LEFT JOIN meters m ON m.dev_eui = v.dev_eui",
        );
        q.query().execute(&mut **tx).await?;
    }
    Ok(())
}

/// The newest `limit` entries of `meter`'s log, newest first.
pub async fn log_of(db: &Db, meter: MeterId, limit: i64) -> Result<Vec<LogEntry>, ServiceError> {
    let found = sqlx::query(
        "SELECT network, dev_eui, level, code, description, at FROM network_log WHERE meter_id = $1
         ORDER BY at DESC, id DESC LIMIT $2",
    )
    .bind(meter.0)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    found
        .iter()
        .map(|row| {
            Ok(LogEntry {
                network: rows::network(row, "network")?,
                dev_eui: rows::dev_eui(row, "dev_eui")?,
                level: rows::text(row, "level")?,
                code: rows::text(row, "code")?,
                description: rows::text(row, "description")?,
                at: rows::time(row, "at")?,
            })
        })
        .collect()
}

/// Forgets taken events received before `before`: a network server does not
/// deliver an event again that late.
pub async fn prune_events(db: &Db, before: Timestamp) -> Result<u64, ServiceError> {
    let done =
        sqlx::query("DELETE FROM network_events WHERE received_at < $1").bind(before.0).execute(&db.pool).await?;
    db.changed();
    Ok(done.rows_affected())
}
