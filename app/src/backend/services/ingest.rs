//! Meter readings enter here: stored once, charged once.
//!
//! Charging rule (prepaid meters): the register advance since the last charged
//! register, times the unit price in force at the reading's time of day (UTC),
//! plus the carried remainder, rounded half away from zero to the cent; what
//! rounding leaves over (under half a cent) is carried to the next reading, so
//! many small readings cost exactly what one large one would.

use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::ledger::{self, Entry, EntryKind};
use crate::backend::state::Settings;
use crate::model::fixed::Money;
use crate::model::ids::{CommandId, HouseholdId, MeterId, PriceId};
use crate::model::reading::NewReading;
use sqlx::Row;

use super::prices::get_price_with;
use super::valve_rules::apply_balance_rule;

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

const DIVISOR: i128 = 1_000_000;

/// Takes a household's row lock for the rest of the transaction.
pub(crate) async fn lock_household(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    household: HouseholdId,
) -> Result<(), ServiceError> {
    sqlx::query("UPDATE households SET balance = balance WHERE id = $1").bind(household.0).execute(&mut **tx).await?;
    Ok(())
}

/// Rounds `total` (1e-8 currency) half away from zero to cents; returns the
/// cents and what is left over.
fn round_charge(total: i128) -> (i64, i128) {
    let half = DIVISOR / 2;
    let cents = if total >= 0 { (total + half) / DIVISOR } else { (total - half) / DIVISOR };
    (cents as i64, total - cents * DIVISOR)
}

/// Stores and charges one reading in its own transaction.
pub async fn ingest(
    db: &Db,
    settings: &Settings,
    meter: MeterId,
    r: NewReading,
) -> Result<IngestOutcome, ServiceError> {
    check(&r)?;
    let mut tx = db.begin().await?;
    let outcome = apply(&mut tx, settings, meter, r).await?;
    tx.commit().await?;
    Ok(outcome)
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
    for (_, r) in &batch {
        check(r)?;
    }
    let mut tx = db.begin().await?;
    let mut outcomes = Vec::with_capacity(batch.len());
    for (meter, r) in batch {
        outcomes.push(apply(&mut tx, settings, meter, r).await?);
    }
    tx.commit().await?;
    Ok(outcomes)
}

fn check(r: &NewReading) -> Result<(), ServiceError> {
    if r.forward.is_negative() {
        return Err(ServiceError::invalid("forward", "must not be negative"));
    }
    Ok(())
}

/// One reading inside a write transaction. Writes nothing for a duplicate.
async fn apply(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    settings: &Settings,
    meter: MeterId,
    r: NewReading,
) -> Result<IngestOutcome, ServiceError> {
    // Locks, always household before meter (as top-ups take them), so two
    // readings of one meter are charged one after the other and no two
    // transactions wait on each other in a cycle. SQLite's write transaction
    // already excludes other writers.
    let owner: i64 = sqlx::query_scalar("SELECT household_id FROM meters WHERE id = $1")
        .bind(meter.0)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| ServiceError::not_found(crate::backend::scope::METER_NOT_FOUND))?;
    lock_household(tx, HouseholdId(owner)).await?;
    let row = sqlx::query(
        "UPDATE meters SET id = id WHERE id = $1
         RETURNING status, pay_mode, equipment_model_id, price_id, household_id, charged_register, charge_remainder,
             last_read_at",
    )
    .bind(meter.0)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| ServiceError::not_found(crate::backend::scope::METER_NOT_FOUND))?;
    let active = row.try_get::<String, _>("status")? == "active";
    // A meter that holds its own credit charges itself; the platform only records.
    let model: i64 = row.try_get("equipment_model_id")?;
    let holds_credit: i64 = sqlx::query_scalar("SELECT holds_credit FROM equipment_models WHERE id = $1")
        .bind(model)
        .fetch_one(&mut **tx)
        .await?;
    let prepaid = row.try_get::<String, _>("pay_mode")? == "prepaid" && holds_credit == 0;
    let household = HouseholdId(row.try_get("household_id")?);
    // No charged register yet (a replaced device): this reading is the baseline.
    let baseline = row.try_get::<Option<i64>, _>("charged_register")?;
    let charged: i64 = baseline.unwrap_or(r.forward.minor());
    let remainder: i64 = row.try_get("charge_remainder")?;
    let last_read_at: Option<i64> = row.try_get("last_read_at")?;
    let forward = r.forward.minor();
    let note = if !active {
        "removed"
    } else if forward < charged {
        "backwards"
    } else {
        ""
    };
    let inserted = sqlx::query(
        "INSERT INTO readings (meter_id, read_at, forward_register, reverse_register, instant_flow, valve_state, battery_mv,
            rssi, snr_tenths, alarms, margin, note, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (meter_id, read_at) DO NOTHING RETURNING id",
    )
    .bind(meter.0)
    .bind(r.read_at.0)
    .bind(forward)
    .bind(r.reverse.map(|v| v.minor()))
    .bind(r.flow.map(|v| v.minor()))
    .bind(r.valve.map_or(2, |v| v.code()))
    .bind(r.battery_mv)
    .bind(r.rssi)
    .bind(r.snr_tenths)
    .bind(r.alarms)
    .bind(r.margin)
    .bind(note)
    .bind(now().0)
    .fetch_optional(&mut **tx)
    .await?;
    if inserted.is_none() {
        // Only the no-op row locks happened: nothing to undo.
        return Ok(IngestOutcome::Duplicate);
    }
    // The latest reading sets what lists show; an older one arriving late does not.
    if last_read_at.is_none_or(|t| r.read_at.0 >= t) {
        sqlx::query("UPDATE meters SET current_reading = $1, last_read_at = $2, valve_state = COALESCE($3, valve_state) WHERE id = $4")
            .bind(forward)
            .bind(r.read_at.0)
            .bind(r.valve.map(|v| v.code()))
            .bind(meter.0)
            .execute(&mut **tx)
            .await?;
    }
    let outcome = match note {
        "removed" => IngestOutcome::RemovedMeter,
        "backwards" => IngestOutcome::Backwards,
        _ if !prepaid => {
            sqlx::query("UPDATE meters SET charged_register = $1 WHERE id = $2")
                .bind(forward)
                .bind(meter.0)
                .execute(&mut **tx)
                .await?;
            IngestOutcome::Stored { charged: Money::ZERO, commands: Vec::new() }
        }
        _ => {
            let plan_id = PriceId(row.try_get("price_id")?);
            let plan = get_price_with(&mut **tx, plan_id)
                .await?
                .ok_or_else(|| ServiceError::Internal(format!("meter {meter} has no price plan")))?;
            let minute = (r.read_at.0.rem_euclid(86_400) / 60) as u16;
            let price = plan.tariff.price_at(minute);
            let total = i128::from(forward - charged) * i128::from(price.minor()) + i128::from(remainder);
            let (cents, left) = round_charge(total);
            sqlx::query("UPDATE meters SET charged_register = $1, charge_remainder = $2 WHERE id = $3")
                .bind(forward)
                .bind(left as i64)
                .bind(meter.0)
                .execute(&mut **tx)
                .await?;
            let charged_money = Money::from_minor(cents);
            let mut commands = Vec::new();
            if cents != 0 {
                let cause = format!("consumption to register {}", r.forward.to_padded());
                ledger::post(
                    tx,
                    Entry {
                        household,
                        meter: Some(meter),
                        kind: EntryKind::Consumption,
                        amount: Money::from_minor(-cents),
                        cause: &cause,
                        actor: "system",
                        at: r.read_at,
                    },
                )
                .await?;
                commands = apply_balance_rule(tx, household, settings).await?;
            }
            IngestOutcome::Stored { charged: charged_money, commands }
        }
    };
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::round_charge;

    #[test]
    fn rounding_carries_the_remainder() {
        assert_eq!(round_charge(3_499_950), (3, 499_950));
        assert_eq!(round_charge(3_500_000), (4, -500_000));
        assert_eq!(round_charge(-1_500_000), (-2, 500_000));
        // 1000 readings of 0.001 m³ at 2.5 (0.25 cent each) cost 2.50 in all.
        let (mut total, mut left) = (0_i64, 0_i128);
        for _ in 0..1000 {
            let (c, l) = round_charge(10 * 25_000 + left);
            total += c;
            left = l;
        }
        assert_eq!(total, 250);
    }
}
