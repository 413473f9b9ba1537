//! A meter as it is now, in one statement: its archive, its newest counted
//! reading and its register at the bounds of the periods asked for (today,
//! this month). `queryRealTimeData`, which polling clients call most, is
//! this one query.

use super::meters::{ARCHIVE_COLUMNS, ARCHIVE_FROM, Found, archive_from, push_ref};
use super::readings::LatestReading;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::services::consumption::PeriodRegisters;
use crate::backend::sql::Sql;
use crate::model::fixed::Register;
use crate::model::meter::MeterRef;
use crate::model::reading::ReadingNote;
use crate::model::time::Timestamp;
use sqlx::any::AnyRow;

/// What [`get`] found.
#[derive(Debug, Clone)]
pub struct Live {
    pub found: Found,
    pub latest: Option<LatestReading>,
    /// One per period asked for, in order.
    pub periods: Vec<PeriodRegisters>,
}

/// `, (SELECT <column> FROM the meter's counted readings <bound> ORDER BY
/// read_at LIMIT 1) AS <alias>`, newest first when `newest`.
fn push_register(q: &mut Sql, column: &str, alias: &str, newest: bool, bound: impl FnOnce(&mut Sql)) {
    q.push(", (SELECT r.").push(column).push(" FROM readings r WHERE r.meter_id = m.id AND r.note = ");
    q.bind(ReadingNote::Counted.code());
    bound(q);
    q.push(if newest { " ORDER BY r.read_at DESC LIMIT 1) AS " } else { " ORDER BY r.read_at LIMIT 1) AS " });
    q.push(alias);
}

/// The meter named, with its newest counted reading and, for each
/// `[start, end)` in `periods`, what [`PeriodRegisters`] needs.
pub async fn get(db: &Db, meter: &MeterRef, periods: &[(Timestamp, Timestamp)]) -> Result<Option<Live>, ServiceError> {
    let mut q = Sql::new("SELECT ");
    q.push(&ARCHIVE_COLUMNS);
    q.push(
        ", l.read_at AS l_read_at, l.forward_register AS l_forward, l.reverse_register AS l_reverse,
         l.instant_flow AS l_flow, l.battery_mv AS l_battery, l.rssi AS l_rssi, l.snr_tenths AS l_snr,
         l.alarms AS l_alarms, l.margin AS l_margin",
    );
    for (i, (start, end)) in periods.iter().enumerate() {
        let (start, end) = (start.0, end.0);
        push_register(&mut q, "total_register", &format!("end_reg{i}"), true, |q| {
            q.push(" AND r.read_at < ").bind(end);
        });
        push_register(&mut q, "read_at", &format!("end_at{i}"), true, |q| {
            q.push(" AND r.read_at < ").bind(end);
        });
        push_register(&mut q, "total_register", &format!("before{i}"), true, |q| {
            q.push(" AND r.read_at < ").bind(start);
        });
        push_register(&mut q, "total_register", &format!("first{i}"), false, |q| {
            q.push(" AND r.read_at >= ").bind(start).push(" AND r.read_at < ").bind(end);
        });
    }
    q.push(ARCHIVE_FROM);
    q.push(" LEFT JOIN readings l ON l.id = (SELECT r.id FROM readings r WHERE r.meter_id = m.id AND r.note = ");
    q.bind(ReadingNote::Counted.code()).push(" ORDER BY r.read_at DESC LIMIT 1)");
    push_ref(&mut q, meter);
    let Some(row) = q.query().fetch_optional(&db.pool).await? else { return Ok(None) };
    let periods = (0..periods.len())
        .map(|i| {
            let end_reg = rows::opt_int(&row, &format!("end_reg{i}"))?;
            let end_at = rows::opt_int(&row, &format!("end_at{i}"))?;
            Ok(PeriodRegisters {
                at_end: end_reg.zip(end_at),
                before: rows::opt_int(&row, &format!("before{i}"))?,
                first_inside: rows::opt_int(&row, &format!("first{i}"))?,
            })
        })
        .collect::<Result<_, ServiceError>>()?;
    Ok(Some(Live {
        found: Found { archive: archive_from(&row)?, area_path: rows::text(&row, "area_path")? },
        latest: latest_from(&row)?,
        periods,
    }))
}

fn latest_from(row: &AnyRow) -> Result<Option<LatestReading>, ServiceError> {
    let Some(read_at) = rows::opt_int(row, "l_read_at")? else { return Ok(None) };
    Ok(Some(LatestReading {
        read_at: Timestamp(read_at),
        forward: rows::fixed(row, "l_forward")?,
        reverse: rows::opt_int(row, "l_reverse")?.map(Register::from_minor),
        flow: rows::opt_int(row, "l_flow")?.map(Register::from_minor),
        battery_mv: rows::opt_int(row, "l_battery")?,
        rssi: rows::opt_int(row, "l_rssi")?,
        snr_tenths: rows::opt_int(row, "l_snr")?,
        alarms: rows::int(row, "l_alarms")?,
        margin: rows::opt_int(row, "l_margin")?,
    }))
}
