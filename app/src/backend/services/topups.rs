//! Top-ups: a payment order per top-up, credited once whatever the retries.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::ledger::{self, Entry, EntryKind};
use crate::backend::rows;
use crate::backend::scope::{require_household, require_meter};
use crate::backend::sql::Sql;
use crate::backend::state::Settings;
use crate::model::command::CommandKind;
use crate::model::fixed::{Money, Register, UnitPrice};
use crate::model::ids::{CommandId, HouseholdId, MeterId};
use crate::model::meter::MeterRef;
use crate::model::order::{OrderState, PaymentOrder, TopUp};
use crate::model::paging::{Page, PageRequest};
use crate::model::tariff;
use crate::model::time::Timestamp;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::commands::enqueue;
use super::valve_switching::apply_balance_rule;

/// The largest single top-up accepted (a typo guard).
pub const MAX_TOP_UP: Money = Money::from_minor(100_000_000);
/// A keyless top-up equal to one made by the same caller for the same meter
/// this recently is taken as a client re-sending after a timeout.
pub const RESEND_WINDOW_SECONDS: i64 = 120;

const SELECT: &str = "SELECT o.id, o.order_no, o.household_id, o.meter_id, m.dev_eui, o.amount, o.state, o.channel,
    o.command_id, o.result, o.created_at, o.finished_at, o.refunded_at FROM payment_orders o LEFT JOIN meters m ON m.id = o.meter_id";

fn order_from(row: &AnyRow) -> Result<PaymentOrder, ServiceError> {
    let state = rows::int(row, "state")?;
    Ok(PaymentOrder {
        id: rows::int(row, "id")?,
        order_no: rows::text(row, "order_no")?,
        household_id: HouseholdId(rows::int(row, "household_id")?),
        meter_id: rows::opt_int(row, "meter_id")?.map(MeterId),
        dev_eui: rows::opt_text(row, "dev_eui")?,
        amount: rows::fixed(row, "amount")?,
        state: OrderState::from_code(state)
            .ok_or_else(|| ServiceError::Internal(format!("stored order state {state}")))?,
        channel: rows::text(row, "channel")?,
        command_id: rows::opt_int(row, "command_id")?.map(CommandId),
        result: rows::text(row, "result")?,
        created_at: rows::time(row, "created_at")?,
        finished_at: rows::opt_time(row, "finished_at")?,
        refunded_at: rows::opt_time(row, "refunded_at")?,
    })
}

async fn order_by_id(db: &Db, id: i64) -> Result<PaymentOrder, ServiceError> {
    let row = sqlx::query(&format!("{SELECT} WHERE o.id = $1")).bind(id).fetch_one(&db.pool).await?;
    order_from(&row)
}

/// What a payment provider needs checked before it takes money: the amount,
/// that the caller may top up this meter, which is active, and that the
/// payment's reference is not another payment's. Returns who pays, as the
/// provider binds the reference to it (household and meter).
async fn precheck(db: &Db, caller: &Caller, req: &TopUp) -> Result<String, ServiceError> {
    if !req.amount.is_positive() || req.amount > MAX_TOP_UP {
        return Err(ServiceError::invalid("amount", format!("must be more than zero and at most {MAX_TOP_UP}")));
    }
    let access = require_meter(db, caller, &req.meter).await?;
    access.require_active().map_err(|_| ServiceError::invalid("meter", "the meter is removed"))?;
    // Everything `top_up` could still refuse is refused here, before the
    // provider takes any money.
    idempotency_key(req)?;
    device_units(db, access.id, req).await?;
    if let Some(key) = req.idempotency_key.as_deref() {
        // Orders of any household: a reference is one payment's, whoever presents it.
        let used = sqlx::query("SELECT household_id, meter_id, amount FROM payment_orders WHERE idempotency_key = $1")
            .bind(key.trim().to_owned())
            .fetch_all(&db.pool)
            .await?;
        for row in used {
            let same = row.try_get::<i64, _>("household_id")? == access.household_id.0
                && row.try_get::<Option<i64>, _>("meter_id")? == Some(access.id.0)
                && row.try_get::<i64, _>("amount")? == req.amount.minor();
            if !same {
                return Err(ServiceError::conflict("idempotency_key", crate::backend::payments::REFERENCE_REUSED));
            }
        }
    }
    Ok(format!("household {} meter {}", access.household_id, access.id))
}

/// A top-up the household pays through the payment provider (channel
/// `Portal`), or one an operator records (cash: no provider): everything that
/// could refuse it is checked first, the provider charges the reference once
/// for this payer and amount, then the platform credits once.
pub async fn pay(
    db: &Db,
    settings: &Settings,
    provider: &dyn crate::backend::payments::PaymentProvider,
    caller: &Caller,
    req: TopUp,
) -> Result<PaymentOrder, ServiceError> {
    let payer = precheck(db, caller, &req).await?;
    if req.channel == crate::model::order::Channel::Portal {
        // The reference is what makes a provider charge once.
        let reference = req
            .idempotency_key
            .as_deref()
            .filter(|k| !k.trim().is_empty())
            .ok_or_else(|| ServiceError::invalid("idempotency_key", "is required to pay through the provider"))?;
        provider.charge(req.amount, &payer, reference).map_err(|reason| ServiceError::invalid("amount", reason))?;
    }
    top_up(db, settings, caller, req).await
}

/// The top-up's idempotency key, trimmed (`None` when empty).
fn idempotency_key(req: &TopUp) -> Result<Option<String>, ServiceError> {
    match req.idempotency_key.as_deref().map(str::trim) {
        Some("") => Ok(None),
        Some(k) if k.len() > 100 => Err(ServiceError::invalid("idempotencyKey", "is longer than 100 characters")),
        other => Ok(other.map(str::to_owned)),
    }
}

/// What a meter that holds its own credit is sent (in the codec's units),
/// or `None` when the household's balance is credited instead; refuses a
/// removed meter and an amount the meter cannot take.
async fn device_units(db: &Db, meter: MeterId, req: &TopUp) -> Result<Option<i64>, ServiceError> {
    let row = sqlx::query(
        "SELECT m.status, e.holds_credit, p.flat_price FROM meters m JOIN equipment_models e ON e.id = m.equipment_model_id
         JOIN price_plans p ON p.id = m.price_id WHERE m.id = $1",
    )
    .bind(meter.0)
    .fetch_one(&db.pool)
    .await?;
    if row.try_get::<String, _>("status")? != "active" {
        return Err(ServiceError::invalid("devEui", "the meter is removed"));
    }
    if row.try_get::<i64, _>("holds_credit")? == 0 {
        return Ok(None);
    }
    let price = UnitPrice::from_minor(row.try_get("flat_price")?);
    let units = match req.device_amount {
        Some(d) if d > 0 && d % tariff::DEVICE_STEP != 0 => {
            return Err(ServiceError::invalid("topUpToDeviceAmount", "the meter counts in steps of 0.001"));
        }
        Some(d) if d > 0 => Register::from_minor(d),
        Some(_) => return Err(ServiceError::invalid("topUpToDeviceAmount", "must be more than zero")),
        // Converted at the meter's price, rounded down to what the meter can count.
        None => tariff::credit_register(req.amount, price)
            .ok_or_else(|| ServiceError::invalid("topUpToDeviceAmount", "is required: the meter's price is zero"))?,
    };
    if units.minor() == 0 || tariff::to_device(units).is_none() {
        return Err(ServiceError::invalid("topUpToDeviceAmount", "is more or less than the meter can take"));
    }
    Ok(Some(units.minor()))
}

/// Credits a meter's household, or sends the credit to a meter that holds its own.
pub async fn top_up(db: &Db, settings: &Settings, caller: &Caller, req: TopUp) -> Result<PaymentOrder, ServiceError> {
    if !req.amount.is_positive() {
        return Err(ServiceError::invalid("topUpAmount", "must be more than zero"));
    }
    if req.amount > MAX_TOP_UP {
        return Err(ServiceError::invalid("topUpAmount", format!("must not exceed {MAX_TOP_UP}")));
    }
    let key = idempotency_key(&req)?;
    let access = require_meter(db, caller, &req.meter).await?;
    let device_amount = device_units(db, access.id, &req).await?;
    let actor = caller.actor();
    let at = now();
    let mut tx = db.begin().await?;
    super::ingest::lock_household(&mut tx, access.household_id).await?;
    // A retry (same key), or a keyless re-send just after the first, gets the first order.
    let mut earlier = Sql::new("SELECT id, amount, meter_id FROM payment_orders WHERE household_id = ");
    earlier.bind(access.household_id.0);
    match &key {
        Some(k) => {
            earlier.push(" AND idempotency_key = ").bind(k.clone());
        }
        None => {
            earlier
                .push(" AND idempotency_key IS NULL AND meter_id = ")
                .bind(access.id.0)
                .push(" AND amount = ")
                .bind(req.amount.minor())
                .push(" AND actor = ")
                .bind(actor.clone())
                .push(" AND state <> 3 AND created_at >= ")
                .bind(at.0 - RESEND_WINDOW_SECONDS);
        }
    }
    earlier.push(" ORDER BY id DESC LIMIT 1");
    if let Some(row) = earlier.query().fetch_optional(&mut *tx).await? {
        let id: i64 = row.try_get("id")?;
        let amount: i64 = row.try_get("amount")?;
        let meter: Option<i64> = row.try_get("meter_id")?;
        tx.rollback().await?;
        if amount != req.amount.minor() {
            return Err(ServiceError::conflict("idempotencyKey", "was used for a top-up of another amount"));
        }
        if meter != Some(access.id.0) {
            return Err(ServiceError::conflict("idempotencyKey", "was used for a top-up of another meter"));
        }
        return order_by_id(db, id).await;
    }
    let placeholder = format!("pending-{}", crate::backend::auth::random_token());
    let inserted = sqlx::query(
        "INSERT INTO payment_orders (order_no, household_id, meter_id, amount, device_amount, state, channel, idempotency_key, actor, created_at)
         VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $8, $9) RETURNING id",
    )
    .bind(placeholder)
    .bind(access.household_id.0)
    .bind(access.id.0)
    .bind(req.amount.minor())
    .bind(device_amount)
    .bind(req.channel.code())
    .bind(key.clone())
    .bind(actor.clone())
    .bind(at.0)
    .fetch_one(&mut *tx)
    .await;
    let id: i64 = match inserted {
        Ok(row) => row.try_get("id")?,
        // A concurrent request with the same key won the race: return its order.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() && key.is_some() => {
            drop(tx);
            let id: i64 =
                sqlx::query_scalar("SELECT id FROM payment_orders WHERE household_id = $1 AND idempotency_key = $2")
                    .bind(access.household_id.0)
                    .bind(key)
                    .fetch_one(&db.pool)
                    .await?;
            return order_by_id(db, id).await;
        }
        Err(e) => return Err(e.into()),
    };
    let order_no = format!(
        "ML{}{id:08}",
        chrono::DateTime::from_timestamp(at.0, 0).map(|d| d.format("%Y%m%d").to_string()).unwrap_or_default()
    );
    sqlx::query("UPDATE payment_orders SET order_no = $1 WHERE id = $2")
        .bind(order_no.clone())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    match device_amount {
        None => {
            let cause = format!("top-up {order_no}");
            ledger::post(
                &mut tx,
                Entry {
                    household: access.household_id,
                    meter: Some(access.id),
                    kind: EntryKind::TopUp,
                    amount: req.amount,
                    cause: &cause,
                    actor: &actor,
                    at,
                },
            )
            .await?;
            sqlx::query("UPDATE payment_orders SET state = $3, finished_at = $1, result = 'credited' WHERE id = $2")
                .bind(at.0)
                .bind(id)
                .bind(OrderState::Succeeded.code())
                .execute(&mut *tx)
                .await?;
            apply_balance_rule(&mut tx, access.household_id, settings).await?;
        }
        Some(units) => {
            let command = enqueue(
                &mut tx,
                access.id,
                CommandKind::AddCredit,
                &units.to_string(),
                &actor,
                settings.command_ttl_seconds,
            )
            .await?;
            sqlx::query(
                "UPDATE payment_orders SET state = $3, command_id = $1, result = 'waiting for the meter' WHERE id = $2",
            )
            .bind(command.0)
            .bind(id)
            .bind(OrderState::InRecharge.code())
            .execute(&mut *tx)
            .await?;
        }
    }
    db.commit(tx).await?;
    order_by_id(db, id).await
}

/// One order by its number, if the caller may see it.
pub async fn get_order(db: &Db, caller: &Caller, order_no: &str) -> Result<PaymentOrder, ServiceError> {
    let not_found = || ServiceError::not_found(format!("order {order_no} not found"));
    let row = sqlx::query(&format!("{SELECT} WHERE o.order_no = $1"))
        .bind(order_no.trim().to_owned())
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(not_found)?;
    let order = order_from(&row)?;
    require_household(db, caller, order.household_id).await.map_err(|_| not_found())?;
    Ok(order)
}

/// A meter's orders in a time range, newest first.
pub async fn list_orders(
    db: &Db,
    caller: &Caller,
    meter: &MeterRef,
    start: Timestamp,
    end: Timestamp,
    page: PageRequest,
) -> Result<Page<PaymentOrder>, ServiceError> {
    let access = require_meter(db, caller, meter).await?;
    let filter = |q: &mut Sql| {
        q.push(" WHERE o.meter_id = ").bind(access.id.0);
        q.push(" AND o.created_at >= ").bind(start.0).push(" AND o.created_at <= ").bind(end.0);
    };
    let mut count = Sql::new("SELECT COUNT(*) FROM payment_orders o");
    filter(&mut count);
    let total = count.query_scalar_i64().fetch_one(&db.pool).await?.0;
    let mut q = Sql::new(SELECT);
    filter(&mut q);
    q.push(" ORDER BY o.id DESC LIMIT ").bind(page.limit()).push(" OFFSET ").bind(page.offset());
    let found = q.query().fetch_all(&db.pool).await?;
    Ok(Page {
        rows: found.iter().map(order_from).collect::<Result<_, _>>()?,
        number: page.number(),
        size: page.size(),
        total_rows: total,
    })
}
