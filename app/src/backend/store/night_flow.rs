//! Night flow: the meters a night is measured for, their readings around
//! it, and what each meter's last measured night showed.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::sql::{Bind, Sql};
use crate::backend::store::ledger::ROWS_PER_STATEMENT;
use crate::model::EnergyType;
use crate::model::fixed::Register;
use crate::model::ids::MeterId;
use crate::model::meter::MeterStatus;
use crate::model::time::Timestamp;

/// An active meter whose energy type is watched at night, with its area's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watched {
    pub meter: MeterId,
    pub energy: EnergyType,
    pub area_path: String,
}

/// The active meters of these energy types.
pub async fn watched(db: &Db, energies: &[EnergyType]) -> Result<Vec<Watched>, ServiceError> {
    if energies.is_empty() {
        return Ok(Vec::new());
    }
    let mut q =
        Sql::new("SELECT m.id, m.energy_type, a.path FROM meters m JOIN areas a ON a.id = m.area_id WHERE m.status = ");
    q.bind(MeterStatus::Active.code()).push(" AND m.energy_type IN ");
    q.push_list(energies.iter().map(|e| e.code()));
    q.push(" ORDER BY m.id");
    let found = q.query().fetch_all(&db.pool).await?;
    found
        .iter()
        .map(|row| {
            let code = rows::text(row, "energy_type")?;
            Ok(Watched {
                meter: MeterId(rows::int(row, "id")?),
                energy: EnergyType::parse(&code)
                    .map_err(|e| ServiceError::Internal(format!("stored energy type: {e}")))?,
                area_path: rows::text(row, "path")?,
            })
        })
        .collect()
}

/// Every reading of these meters from `start` to `end` (both included), by
/// meter and time: (meter, time, forward register).
pub async fn readings(
    db: &Db,
    meters: &[MeterId],
    start: Timestamp,
    end: Timestamp,
) -> Result<Vec<(MeterId, Timestamp, Register)>, ServiceError> {
    let mut out = Vec::new();
    for chunk in meters.chunks(ROWS_PER_STATEMENT) {
        let mut q =
            Sql::bulk_for(db.backend, "SELECT meter_id, read_at, forward_register FROM readings WHERE read_at >= ");
        q.bind(start.0).push(" AND read_at <= ").bind(end.0).push(" AND meter_id IN ");
        q.push_list(chunk.iter().map(|m| m.0)).push(" ORDER BY meter_id, read_at");
        for row in q.query().fetch_all(&db.pool).await? {
            out.push((
                MeterId(rows::int(&row, "meter_id")?),
                rows::time(&row, "read_at")?,
                rows::fixed(&row, "forward_register")?,
            ));
        }
    }
    Ok(out)
}

/// What one night showed for one meter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Night {
    pub meter: MeterId,
    /// The local date the night ended on.
    pub night: String,
    pub starts_at: Timestamp,
    /// The least used in any hour of the night.
    pub least_flow: Register,
    pub threshold: Register,
    /// Every hour used at least the threshold.
    pub continuous: bool,
}

/// Keeps each meter's latest night (a night measured again replaces itself).
pub async fn save(db: &Db, nights: &[Night], at: Timestamp) -> Result<(), ServiceError> {
    for chunk in nights.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk_for(
            db.backend,
            "INSERT INTO night_flow (meter_id, night, starts_at, least_flow, threshold, continuous, measured_at) VALUES ",
        );
        q.push_rows(chunk.iter().map(|n| {
            [
                Bind::Int(n.meter.0),
                n.night.as_str().into(),
                Bind::Int(n.starts_at.0),
                Bind::Int(n.least_flow.minor()),
                Bind::Int(n.threshold.minor()),
                Bind::Int(i64::from(n.continuous)),
                Bind::Int(at.0),
            ]
        }));
        q.push(
            " ON CONFLICT (meter_id) DO UPDATE SET night = excluded.night, starts_at = excluded.starts_at,
              least_flow = excluded.least_flow, threshold = excluded.threshold, continuous = excluded.continuous,
              measured_at = excluded.measured_at",
        );
        q.query().execute(&db.pool).await?;
    }
    db.changed();
    Ok(())
}
