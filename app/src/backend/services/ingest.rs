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
use crate::backend::state::Settings;
use crate::backend::store::households::{self, BalancesOf};
use crate::backend::store::ledger::{self, Entry, EntryKind};
use crate::backend::store::meters::{self, ChargingUpdate};
use crate::backend::store::readings::{self, StoredReading};
use crate::model::fixed::Money;
use crate::model::ids::{CommandId, HouseholdId, MeterId, PriceId};
use crate::model::reading::{NewReading, ReadingNote};
use crate::model::time::Timestamp;
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
    // Locks, always households before meters and each in id order (as top-ups
    // take them), so no two transactions wait on each other in a cycle.
    let mut balances = HashMap::new();
    households::lock_balances(tx, backend, BalancesOf::Meters(&ids), &mut balances).await?;
    let mut meters = lock_meters(tx, backend, &ids).await?;
    if ids.iter().any(|id| !meters.contains_key(id)) {
        return Err(ServiceError::not_found(crate::backend::scope::METER_NOT_FOUND));
    }
    // A meter given to another household between the two reads: lock that one too.
    let missing: Vec<HouseholdId> = meters
        .values()
        .map(|m| m.household)
        .filter(|h| !balances.contains_key(h))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if !missing.is_empty() {
        households::lock_balances(tx, backend, BalancesOf::Households(&missing), &mut balances).await?;
    }
    let wanted: HashSet<(i64, i64)> = batch.iter().map(|(m, r)| (m.0, r.read_at.0)).collect();
    let existing = readings::stored_among(tx, &ids, &wanted).await?;
    let mut plans = HashMap::new();
    for m in meters.values().filter(|m| m.charged_here && m.active) {
        if let std::collections::hash_map::Entry::Vacant(slot) = plans.entry(m.price) {
            let plan = get_price_with(&mut **tx, m.price)
                .await?
                .ok_or_else(|| ServiceError::Internal(format!("price plan {} not found", m.price)))?;
            slot.insert(plan);
        }
    }

    let created_at = now();
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
        stored.push(StoredReading { meter: *meter, reading: r, note, total });
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

    readings::insert_batch(tx, &stored, created_at).await?;
    let touched: Vec<ChargingUpdate> = meters
        .iter()
        .filter(|(_, m)| m.touched)
        .map(|(id, m)| ChargingUpdate {
            id: *id,
            current_reading: m.latest.map(|(f, _)| f),
            last_read_at: m.latest.map(|(_, t)| t),
            valve_state: m.valve,
            charged: m.charged,
            remainder: m.remainder,
            offset: m.offset,
        })
        .collect();
    meters::save_charging(tx, &touched).await?;
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

/// Reads (and on PostgreSQL locks, in id order) the batch's meters.
async fn lock_meters(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    ids: &[i64],
) -> Result<HashMap<i64, MeterState>, ServiceError> {
    let zones = crate::backend::store::zones::read(&mut **tx).await?;
    let facts = meters::lock_for_charging(tx, backend, ids).await?;
    Ok(facts
        .into_iter()
        .map(|m| {
            let state = MeterState {
                household: m.household,
                active: m.status == crate::model::meter::MeterStatus::Active,
                charged_here: m.pay_mode == crate::model::PayMode::Prepaid && !m.holds_credit,
                price: m.price,
                charged: m.charged,
                remainder: m.remainder,
                last_read_at: m.last_read_at,
                offset: m.offset,
                last_total: m.last_total,
                latest: None,
                valve: None,
                touched: false,
                zone: zones.of_path(&m.area_path),
            };
            (m.id, state)
        })
        .collect())
}
