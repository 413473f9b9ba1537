//! Meter readings enter here: stored once, charged once.
//!
//! Charging rule (prepaid meters): the register advance since the last charged
//! register, times the unit price in force at the reading's time of day (UTC),
//! plus the carried remainder, rounded half away from zero to the cent; what
//! rounding leaves over (at most half a cent) is carried to the next reading
//! that advances the register, so many small readings cost exactly what one
//! large one would.

use crate::backend::clock::now;
use crate::backend::db::{Backend, Db};
use crate::backend::error::ServiceError;
use crate::backend::sql::{Bind, Sql};
use crate::backend::state::Settings;
use crate::backend::store::ledger::{self, Entry, EntryKind, ROWS_PER_STATEMENT};
use crate::model::fixed::Money;
use crate::model::ids::{CommandId, HouseholdId, MeterId, PriceId};
use crate::model::reading::{NewReading, ReadingNote};
use crate::model::time::Timestamp;
use sqlx::Row;
use std::collections::{BTreeSet, HashMap, HashSet};

use super::prices::get_price_with;
use super::valve_switching::apply_balance_rule_many;

/// What happened to a reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestOutcome {
    /// Stored; `charged` was taken from the balance (zero for postpaid meters
    /// or no advance), and the balance rule queued `commands`.
    Stored { charged: Money, commands: Vec<CommandId> },
    /// The meter already has a reading at this time: nothing was written.
    Duplicate,
    /// Stored for the record, not charged: the register went backwards.
    Backwards,
    /// Stored for the record, not charged: the meter is removed.
    RemovedMeter,
}

/// Stores and charges one reading in its own transaction.
pub async fn ingest(
    db: &Db,
    settings: &Settings,
    meter: MeterId,
    r: NewReading,
) -> Result<IngestOutcome, ServiceError> {
    ingest_batch(db, settings, vec![(meter, r)])
        .await?
        .pop()
        .ok_or_else(|| ServiceError::Internal("ingest gave no outcome".into()))
}

/// Stores and charges many readings in one transaction: one durable commit
/// (one fsync) for the lot, which is what lets a busy gateway door keep up.
/// Readings that do not parse are refused before anything is written; a
/// database failure writes none of them (the caller may retry the batch).
pub async fn ingest_batch(
    db: &Db,
    settings: &Settings,
    batch: Vec<(MeterId, NewReading)>,
) -> Result<Vec<IngestOutcome>, ServiceError> {
    check_all(&batch)?;
    let mut tx = db.begin().await?;
    let outcomes = apply_batch(&mut tx, db.backend, settings, &batch).await?;
    db.commit(tx).await?;
    Ok(outcomes)
}

/// Refuses a batch with a reading that cannot be stored, before anything is written.
pub fn check_all(batch: &[(MeterId, NewReading)]) -> Result<(), ServiceError> {
    for (_, r) in batch {
        if r.forward.is_negative() {
            return Err(ServiceError::invalid("forward", "must not be negative"));
        }
    }
    Ok(())
}

/// What the batch knows of one meter: read under its row lock, then moved
/// along reading by reading.
struct MeterState {
    household: HouseholdId,
    active: bool,
    /// Prepaid with the balance kept here (not a meter that holds its own credit).
    charged_here: bool,
    price: PriceId,
    charged: Option<i64>,
    /// Added to the device's register to continue the meter's register.
    offset: i64,
    /// The continuous register of the meter's latest counted reading.
    last_total: Option<i64>,
    remainder: i64,
    last_read_at: Option<i64>,
    /// Set when a reading of this batch became the meter's latest.
    latest: Option<(i64, i64)>,
    valve: Option<i64>,
    touched: bool,
    /// Whose wall clock the meter's time-of-use periods are read on.
    zone: crate::model::zone::Zone,
}

/// Readings inside a write transaction, set-wise: a fixed number of
/// statements per batch (locks, reads, one insert of the readings, one update
/// of the meters, the ledger, the valve rule) rather than a dozen per reading.
/// The charges are computed here in order, reading by reading, exactly as if
/// each were ingested alone. Writes nothing for a duplicate.
pub async fn apply_batch(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    settings: &Settings,
    batch: &[(MeterId, NewReading)],
) -> Result<Vec<IngestOutcome>, ServiceError> {
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = batch.iter().map(|(m, _)| m.0).collect::<BTreeSet<_>>().into_iter().collect();
    let lock = if backend == Backend::Postgres { " FOR UPDATE" } else { "" };
    // Locks, always households before meters and each in id order (as top-ups
    // take them), so no two transactions wait on each other in a cycle.
    // SQLite's write transaction already excludes other writers.
    let mut balances = HashMap::new();
    for chunk in ids.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(
            tx,
            "SELECT id, balance FROM households WHERE id IN (SELECT household_id FROM meters WHERE id IN ",
        );
        q.push_list(chunk.iter().copied()).push(") ORDER BY id").push(lock);
        read_balances(tx, q, &mut balances).await?;
    }
    let mut meters = lock_meters(tx, backend, &ids).await?;
    if ids.iter().any(|id| !meters.contains_key(id)) {
        return Err(ServiceError::not_found(crate::backend::scope::METER_NOT_FOUND));
    }
    // A meter given to another household between the two reads: lock that one too.
    let missing: Vec<i64> =
        meters.values().map(|m| m.household).filter(|h| !balances.contains_key(h)).map(|h| h.0).collect();
    if !missing.is_empty() {
        let mut q = Sql::bulk(tx, "SELECT id, balance FROM households WHERE id IN ");
        q.push_list(missing).push(" ORDER BY id").push(lock);
        read_balances(tx, q, &mut balances).await?;
    }
    let existing = existing_readings(tx, &ids, batch).await?;
    let mut plans = HashMap::new();
    for m in meters.values().filter(|m| m.charged_here && m.active) {
        if let std::collections::hash_map::Entry::Vacant(slot) = plans.entry(m.price) {
            let plan = get_price_with(&mut **tx, m.price)
                .await?
                .ok_or_else(|| ServiceError::Internal(format!("price plan {} not found", m.price)))?;
            slot.insert(plan);
        }
    }

    let created_at = now().0;
    let mut seen = existing;
    let mut outcomes = Vec::with_capacity(batch.len());
    let mut stored = Vec::new();
    let mut charges: Vec<(HouseholdId, MeterId, i64, i64, String)> = Vec::new();
    // The outcome that last charged each household carries the valve commands.
    let mut last_charge = HashMap::new();
    for (meter, r) in batch {
        let state =
            meters.get_mut(&meter.0).ok_or_else(|| ServiceError::not_found(crate::backend::scope::METER_NOT_FOUND))?;
        if !seen.insert((meter.0, r.read_at.0)) {
            outcomes.push(IngestOutcome::Duplicate);
            continue;
        }
        let forward = r.forward.minor();
        // No charged register yet (a replaced device): this reading is the
        // baseline, and the meter's continuous register carries on from its
        // last counted reading.
        let charged = match state.charged {
            Some(c) => c,
            None => {
                if state.active
                    && let Some(last) = state.last_total
                {
                    state.offset = last - forward;
                }
                forward
            }
        };
        let note = if !state.active {
            ReadingNote::Removed
        } else if forward < charged {
            ReadingNote::Backwards
        } else {
            ReadingNote::Counted
        };
        let total = forward + state.offset;
        if note == ReadingNote::Counted {
            state.last_total = Some(total);
        }
        stored.push((*meter, r, note, total));
        state.touched = true;
        // The latest reading sets what lists show; an older one arriving late does not.
        if state.last_read_at.is_none_or(|t| r.read_at.0 >= t) {
            state.last_read_at = Some(r.read_at.0);
            state.latest = Some((forward, r.read_at.0));
            if let Some(v) = r.valve {
                state.valve = Some(v.code());
            }
        }
        let outcome = match note {
            ReadingNote::Removed => IngestOutcome::RemovedMeter,
            ReadingNote::Backwards => IngestOutcome::Backwards,
            _ if !state.charged_here => {
                state.charged = Some(forward);
                IngestOutcome::Stored { charged: Money::ZERO, commands: Vec::new() }
            }
            // No advance, no charge: the carried remainder waits for the next
            // advance (settling it alone would swing a cent back and forth).
            _ if forward == charged => {
                state.charged = Some(forward);
                IngestOutcome::Stored { charged: Money::ZERO, commands: Vec::new() }
            }
            _ => {
                let plan = plans
                    .get(&state.price)
                    .ok_or_else(|| ServiceError::Internal(format!("meter {meter} has no price plan")))?;
                // The plan's periods are wall-clock times of the meter's zone.
                let minute = state.zone.minute_of_day(r.read_at);
                let price = plan.tariff.price_at(minute);
                let (cents, left) = crate::model::tariff::charge(forward - charged, price, state.remainder)
                    .ok_or_else(|| {
                        ServiceError::Internal(format!("meter {meter}'s charge is beyond what money can hold"))
                    })?;
                state.charged = Some(forward);
                state.remainder = left;
                if cents != 0 {
                    let cause = format!("consumption to register {}", r.forward.to_padded());
                    charges.push((state.household, *meter, -cents, r.read_at.0, cause));
                    last_charge.insert(state.household, outcomes.len());
                }
                IngestOutcome::Stored { charged: Money::from_minor(cents), commands: Vec::new() }
            }
        };
        outcomes.push(outcome);
    }
    if stored.is_empty() {
        // Only the no-op reads and row locks happened: nothing to undo.
        return Ok(outcomes);
    }

    for chunk in stored.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(
            tx,
            "INSERT INTO readings (meter_id, read_at, forward_register, reverse_register, instant_flow, valve_state,
                battery_mv, rssi, snr_tenths, alarms, margin, note, created_at, total_register) VALUES ",
        );
        q.push_rows(chunk.iter().map(|(meter, r, note, total)| {
            [
                Bind::Int(meter.0),
                Bind::Int(r.read_at.0),
                Bind::Int(r.forward.minor()),
                r.reverse.map(|v| v.minor()).into(),
                r.flow.map(|v| v.minor()).into(),
                Bind::Int(r.valve.map_or(2, |v| v.code())),
                r.battery_mv.into(),
                r.rssi.into(),
                r.snr_tenths.into(),
                Bind::Int(r.alarms),
                r.margin.into(),
                note.code().into(),
                Bind::Int(created_at),
                Bind::Int(*total),
            ]
        }));
        q.query().execute(&mut **tx).await?;
    }
    let touched: Vec<_> = meters.iter().filter(|(_, m)| m.touched).collect();
    for chunk in touched.chunks(ROWS_PER_STATEMENT) {
        // NULL in the first three columns keeps what the meter row has.
        let mut q = Sql::bulk(tx, "WITH v (id, cur, at, valve, charged, rem, off) AS (VALUES ");
        q.push_rows(chunk.iter().map(|(id, m)| {
            [
                Bind::Int(**id),
                m.latest.map(|(f, _)| f).into(),
                m.latest.map(|(_, t)| t).into(),
                m.valve.into(),
                m.charged.into(),
                Bind::Int(m.remainder),
                Bind::Int(m.offset),
            ]
        }));
        q.push(
            ") UPDATE meters SET current_reading = COALESCE(v.cur, meters.current_reading),
                last_read_at = COALESCE(v.at, meters.last_read_at), valve_state = COALESCE(v.valve, meters.valve_state),
                charged_register = v.charged, charge_remainder = v.rem, register_offset = v.off
             FROM v WHERE meters.id = v.id",
        );
        q.query().execute(&mut **tx).await?;
    }
    if !charges.is_empty() {
        let entries: Vec<Entry<'_>> = charges
            .iter()
            .map(|(household, meter, cents, at, cause)| Entry {
                household: *household,
                meter: Some(*meter),
                kind: EntryKind::Consumption,
                amount: Money::from_minor(*cents),
                cause,
                actor: "system",
                at: Timestamp(*at),
            })
            .collect();
        ledger::post_batch(tx, &entries, &mut balances).await?;
        let charged: Vec<HouseholdId> = last_charge.keys().copied().collect::<BTreeSet<_>>().into_iter().collect();
        for (household, command) in apply_balance_rule_many(tx, &charged, settings).await? {
            if let Some(IngestOutcome::Stored { commands, .. }) =
                last_charge.get(&household).and_then(|i| outcomes.get_mut(*i))
            {
                commands.push(command);
            }
        }
    }
    Ok(outcomes)
}

/// Runs a query of households' `id, balance` into `balances`.
async fn read_balances(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    q: Sql,
    balances: &mut HashMap<HouseholdId, Money>,
) -> Result<(), ServiceError> {
    for row in q.query().fetch_all(&mut **tx).await? {
        balances.insert(HouseholdId(row.try_get("id")?), Money::from_minor(row.try_get("balance")?));
    }
    Ok(())
}

/// Reads (and on PostgreSQL locks, in id order) the batch's meters.
async fn lock_meters(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    ids: &[i64],
) -> Result<HashMap<i64, MeterState>, ServiceError> {
    let zones = crate::backend::store::zones::read(&mut **tx).await?;
    let mut meters = HashMap::new();
    for chunk in ids.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(
            tx,
            "SELECT m.id, m.status, m.pay_mode, e.holds_credit, m.price_id, m.household_id, m.charged_register,
                 m.charge_remainder, m.last_read_at, m.register_offset, a.path AS area_path,
                 (SELECT r.total_register FROM readings r WHERE r.meter_id = m.id AND r.note = ",
        );
        q.bind(ReadingNote::Counted.code());
        q.push(
            " ORDER BY r.read_at DESC LIMIT 1) AS last_total
             FROM meters m JOIN equipment_models e ON e.id = m.equipment_model_id JOIN areas a ON a.id = m.area_id
             WHERE m.id IN ",
        );
        q.push_list(chunk.iter().copied()).push(" ORDER BY m.id");
        if backend == Backend::Postgres {
            q.push(" FOR UPDATE OF m");
        }
        for row in q.query().fetch_all(&mut **tx).await? {
            let prepaid = crate::backend::rows::pay_mode(&row, "pay_mode")? == crate::model::PayMode::Prepaid;
            let holds_credit = row.try_get::<i64, _>("holds_credit")? != 0;
            meters.insert(
                row.try_get::<i64, _>("id")?,
                MeterState {
                    household: HouseholdId(row.try_get("household_id")?),
                    active: crate::backend::rows::meter_status(&row, "status")?
                        == crate::model::meter::MeterStatus::Active,
                    charged_here: prepaid && !holds_credit,
                    price: PriceId(row.try_get("price_id")?),
                    charged: row.try_get("charged_register")?,
                    remainder: row.try_get("charge_remainder")?,
                    last_read_at: row.try_get("last_read_at")?,
                    offset: row.try_get("register_offset")?,
                    last_total: row.try_get("last_total")?,
                    latest: None,
                    valve: None,
                    touched: false,
                    zone: zones.of_path(&row.try_get::<String, _>("area_path")?),
                },
            );
        }
    }
    Ok(meters)
}

/// The (meter, time) pairs of the batch that are already stored.
async fn existing_readings(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    ids: &[i64],
    batch: &[(MeterId, NewReading)],
) -> Result<HashSet<(i64, i64)>, ServiceError> {
    let wanted: HashSet<(i64, i64)> = batch.iter().map(|(m, r)| (m.0, r.read_at.0)).collect();
    let (from, to) =
        batch.iter().fold((i64::MAX, i64::MIN), |(lo, hi), (_, r)| (lo.min(r.read_at.0), hi.max(r.read_at.0)));
    let mut found = HashSet::new();
    for chunk in ids.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(tx, "SELECT meter_id, read_at FROM readings WHERE read_at >= ");
        q.bind(from).push(" AND read_at <= ").bind(to).push(" AND meter_id IN ").push_list(chunk.iter().copied());
        for row in q.query().fetch_all(&mut **tx).await? {
            let key = (row.try_get::<i64, _>("meter_id")?, row.try_get::<i64, _>("read_at")?);
            if wanted.contains(&key) {
                found.insert(key);
            }
        }
    }
    Ok(found)
}
