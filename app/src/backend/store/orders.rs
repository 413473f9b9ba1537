//! Payment orders (top-ups): their rows, the lookups that make a top-up
//! idempotent, their state changes, and how a command's end finishes the
//! order waiting on it.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::sql::Sql;
use crate::model::command::CommandState;
use crate::model::fixed::Money;
use crate::model::ids::{CommandId, HouseholdId, MeterId};
use crate::model::order::{Channel, OrderState, PaymentOrder};
use crate::model::paging::PageRequest;
use crate::model::payment::ProviderId;
use crate::model::time::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{Any, Transaction};

const SELECT: &str = "SELECT o.id, o.order_no, o.household_id, o.meter_id, m.dev_eui, o.amount, o.state, o.channel,
    o.command_id, o.result, o.created_at, o.finished_at, o.refunded_at, o.provider, o.reference, o.receipt, o.payer,
    o.expires_at, o.checkout_url FROM payment_orders o LEFT JOIN meters m ON m.id = o.meter_id";

fn from_row(row: &AnyRow) -> Result<PaymentOrder, ServiceError> {
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
        provider: match rows::opt_text(row, "provider")? {
            None => None,
            Some(code) => Some(
                ProviderId::from_code(&code)
                    .ok_or_else(|| ServiceError::Internal(format!("stored payment provider {code:?}")))?,
            ),
        },
        reference: rows::opt_text(row, "reference")?,
        receipt: rows::opt_text(row, "receipt")?,
        payer: rows::opt_text(row, "payer")?,
        expires_at: rows::opt_time(row, "expires_at")?,
        checkout_url: rows::opt_text(row, "checkout_url")?,
    })
}

pub async fn get(db: &Db, id: i64) -> Result<PaymentOrder, ServiceError> {
    let row = sqlx::query(&format!("{SELECT} WHERE o.id = $1")).bind(id).fetch_one(&db.pool).await?;
    from_row(&row)
}

pub async fn by_number(db: &Db, order_no: &str) -> Result<Option<PaymentOrder>, ServiceError> {
    let row = sqlx::query(&format!("{SELECT} WHERE o.order_no = $1"))
        .bind(order_no.to_owned())
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Who paid what with a reference: (household, meter, amount) of every order
/// that carries `key`, in any household.
pub async fn with_reference(db: &Db, key: &str) -> Result<Vec<(HouseholdId, Option<MeterId>, Money)>, ServiceError> {
    let found = sqlx::query("SELECT household_id, meter_id, amount FROM payment_orders WHERE idempotency_key = $1")
        .bind(key.to_owned())
        .fetch_all(&db.pool)
        .await?;
    found
        .iter()
        .map(|row| {
            Ok((
                HouseholdId(rows::int(row, "household_id")?),
                rows::opt_int(row, "meter_id")?.map(MeterId),
                Money::from_minor(rows::int(row, "amount")?),
            ))
        })
        .collect()
}

/// Which earlier order a top-up repeats.
#[derive(Debug, Clone)]
pub enum Earlier<'a> {
    /// The household's order with this idempotency key.
    Keyed(&'a str),
    /// The household's latest keyless order of this meter, amount and actor,
    /// made since `since` and not failed.
    Resent { meter: MeterId, amount: Money, actor: &'a str, since: Timestamp },
}

/// The earlier order's id, amount and meter, if there is one.
pub async fn earlier(
    tx: &mut Transaction<'static, Any>,
    household: HouseholdId,
    which: Earlier<'_>,
) -> Result<Option<(i64, Money, Option<MeterId>)>, ServiceError> {
    let mut q = Sql::new("SELECT id, amount, meter_id FROM payment_orders WHERE household_id = ");
    q.bind(household.0);
    match which {
        Earlier::Keyed(k) => {
            q.push(" AND idempotency_key = ").bind(k);
        }
        Earlier::Resent { meter, amount, actor, since } => {
            q.push(" AND idempotency_key IS NULL AND meter_id = ").bind(meter.0);
            q.push(" AND amount = ").bind(amount.minor()).push(" AND actor = ").bind(actor);
            q.push(" AND state <> ").bind(OrderState::Failed.code()).push(" AND created_at >= ").bind(since.0);
        }
    }
    q.push(" ORDER BY id DESC LIMIT 1");
    let Some(row) = q.query().fetch_optional(&mut **tx).await? else { return Ok(None) };
    Ok(Some((
        rows::int(&row, "id")?,
        Money::from_minor(rows::int(&row, "amount")?),
        rows::opt_int(&row, "meter_id")?.map(MeterId),
    )))
}

/// A new order, waiting.
#[derive(Debug, Clone)]
pub struct NewOrder<'a> {
    /// Unique until the order has its id and then its number.
    pub placeholder_no: &'a str,
    pub household: HouseholdId,
    /// `None`: the household's balance, whichever meter (a paybill account
    /// that names the household).
    pub meter: Option<MeterId>,
    pub amount: Money,
    pub device_amount: Option<i64>,
    pub channel: Channel,
    pub key: Option<&'a str>,
    pub actor: &'a str,
    pub at: Timestamp,
    /// Set for a payment through a provider.
    pub provider: Option<ProviderPart<'a>>,
}

/// What an order through a provider carries from its start.
#[derive(Debug, Clone)]
pub struct ProviderPart<'a> {
    pub provider: ProviderId,
    pub payer: Option<&'a str>,
    pub currency: &'a str,
    /// A provider's receipt known at once (a paybill confirmation).
    pub receipt: Option<&'a str>,
    pub expires_at: Timestamp,
}

/// Inserts an order inside `tx`; `None` when another order of the household
/// already has its idempotency key (a concurrent request won), or another
/// order the provider's receipt.
pub async fn create(tx: &mut Transaction<'static, Any>, o: NewOrder<'_>) -> Result<Option<i64>, ServiceError> {
    let inserted = sqlx::query_scalar::<_, i64>(
        "INSERT INTO payment_orders (order_no, household_id, meter_id, amount, device_amount, state, channel, idempotency_key,
             actor, created_at, provider, payer, currency, receipt, expires_at, next_check_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id",
    )
    .bind(o.placeholder_no.to_owned())
    .bind(o.household.0)
    .bind(o.meter.map(|m| m.0))
    .bind(o.amount.minor())
    .bind(o.device_amount)
    .bind(OrderState::Waiting.code())
    .bind(o.channel.code())
    .bind(o.key.map(str::to_owned))
    .bind(o.actor.to_owned())
    .bind(o.at.0)
    .bind(o.provider.as_ref().map(|p| p.provider.code()))
    .bind(o.provider.as_ref().and_then(|p| p.payer).map(str::to_owned))
    .bind(o.provider.as_ref().map(|p| p.currency.to_owned()))
    .bind(o.provider.as_ref().and_then(|p| p.receipt).map(str::to_owned))
    .bind(o.provider.as_ref().map(|p| p.expires_at.0))
    .fetch_one(&mut **tx)
    .await;
    let keyed = o.key.is_some() || o.provider.as_ref().is_some_and(|p| p.receipt.is_some());
    match inserted {
        Ok(id) => Ok(Some(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() && keyed => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The id of the household's order with this idempotency key.
pub async fn id_by_key(db: &Db, household: HouseholdId, key: &str) -> Result<i64, ServiceError> {
    let id = sqlx::query_scalar("SELECT id FROM payment_orders WHERE household_id = $1 AND idempotency_key = $2")
        .bind(household.0)
        .bind(key.to_owned())
        .fetch_one(&db.pool)
        .await?;
    Ok(id)
}

pub async fn set_number(tx: &mut Transaction<'static, Any>, id: i64, order_no: &str) -> Result<(), ServiceError> {
    sqlx::query("UPDATE payment_orders SET order_no = $1 WHERE id = $2")
        .bind(order_no.to_owned())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The order's money is in the balance.
pub async fn credited(tx: &mut Transaction<'static, Any>, id: i64, at: Timestamp) -> Result<(), ServiceError> {
    sqlx::query("UPDATE payment_orders SET state = $1, finished_at = $2, result = $3 WHERE id = $4")
        .bind(OrderState::Succeeded.code())
        .bind(at.0)
        .bind("credited")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// An order whose credit was on its way to its meter succeeds with its
/// money in the balance; false when it had ended already (another replica,
/// or the meter's acknowledgement, got there first).
pub async fn credited_instead(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    at: Timestamp,
) -> Result<bool, ServiceError> {
    let changed = sqlx::query(
        "UPDATE payment_orders SET state = $1, finished_at = $2, result = $3 WHERE id = $4 AND state IN ($5, $6)",
    )
    .bind(OrderState::Succeeded.code())
    .bind(at.0)
    .bind("credited to the balance")
    .bind(id)
    .bind(OrderState::InRecharge.code())
    .bind(OrderState::Unconfirmed.code())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// The order's credit travels to the meter with `command`.
pub async fn sent_with(tx: &mut Transaction<'static, Any>, id: i64, command: CommandId) -> Result<(), ServiceError> {
    sqlx::query("UPDATE payment_orders SET state = $1, command_id = $2, result = $3 WHERE id = $4")
        .bind(OrderState::InRecharge.code())
        .bind(command.0)
        .bind("waiting for the meter")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Marks a succeeded order that credited the balance as refunded; false when
/// it is refunded already or its credit went to the meter.
pub async fn mark_refunded(tx: &mut Transaction<'static, Any>, id: i64, at: Timestamp) -> Result<bool, ServiceError> {
    let marked = sqlx::query(
        "UPDATE payment_orders SET refunded_at = $1
         WHERE id = $2 AND state = $3 AND device_amount IS NULL AND refunded_at IS NULL",
    )
    .bind(at.0)
    .bind(id)
    .bind(OrderState::Succeeded.code())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(marked > 0)
}

/// A page of a meter's orders made between `start` and `end`, newest first,
/// and how many there are.
pub async fn of_meter(
    db: &Db,
    meter: MeterId,
    start: Timestamp,
    end: Timestamp,
    page: PageRequest,
) -> Result<(Vec<PaymentOrder>, i64), ServiceError> {
    let filter = |q: &mut Sql| {
        q.push(" WHERE o.meter_id = ").bind(meter.0);
        q.push(" AND o.created_at >= ").bind(start.0).push(" AND o.created_at <= ").bind(end.0);
    };
    let mut count = Sql::new("SELECT COUNT(*) FROM payment_orders o");
    filter(&mut count);
    let total = count.query_scalar_i64().fetch_one(&db.pool).await?.0;
    let mut q = Sql::new(SELECT);
    filter(&mut q);
    q.push(" ORDER BY o.id DESC LIMIT ").bind(page.limit()).push(" OFFSET ").bind(page.offset());
    let found = q.query().fetch_all(&db.pool).await?;
    Ok((found.iter().map(from_row).collect::<Result<_, _>>()?, total))
}

/// Finishes the order waiting on `command` (in recharge, or sent and not
/// confirmed) as `state`.
pub async fn finish_for_command(
    tx: &mut Transaction<'static, Any>,
    command: CommandId,
    state: OrderState,
    result: &str,
    at: Timestamp,
) -> Result<(), ServiceError> {
    sqlx::query(
        "UPDATE payment_orders SET state = $1, finished_at = $2, result = $3
         WHERE command_id = $4 AND state IN ($5, $6)",
    )
    .bind(state.code())
    .bind(at.0)
    .bind(result.to_owned())
    .bind(command.0)
    .bind(OrderState::InRecharge.code())
    .bind(OrderState::Unconfirmed.code())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What becomes of the orders in recharge whose command ran out of time:
/// `failed` when it expired unsent, `unconfirmed` when the meter may hold
/// its credit (no finish time: it has not ended).
pub async fn stop_for_stopped_commands(
    tx: &mut Transaction<'static, Any>,
    failed: &str,
    unconfirmed: &str,
    at: Timestamp,
) -> Result<(), ServiceError> {
    for (order, command, finished, result) in [
        (OrderState::Failed, CommandState::Expired, Some(at.0), failed),
        (OrderState::Unconfirmed, CommandState::Unconfirmed, None, unconfirmed),
    ] {
        sqlx::query(
            "UPDATE payment_orders SET state = $1, finished_at = $2, result = $3
             WHERE state = $4 AND command_id IN (SELECT id FROM commands WHERE state = $5)",
        )
        .bind(order.code())
        .bind(finished)
        .bind(result.to_owned())
        .bind(OrderState::InRecharge.code())
        .bind(command.code())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Fails every order in recharge waiting on an open command of `meter`.
pub async fn fail_for_open_commands_of(
    tx: &mut Transaction<'static, Any>,
    meter: MeterId,
    result: &str,
    at: Timestamp,
) -> Result<(), ServiceError> {
    sqlx::query(
        "UPDATE payment_orders SET state = $1, finished_at = $2, result = $3
         WHERE state = $4 AND command_id IN (SELECT id FROM commands WHERE meter_id = $5 AND state IN ($6, $7))",
    )
    .bind(OrderState::Failed.code())
    .bind(at.0)
    .bind(result.to_owned())
    .bind(OrderState::InRecharge.code())
    .bind(meter.0)
    .bind(CommandState::Queued.code())
    .bind(CommandState::Sent.code())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The order a provider's reference belongs to.
pub async fn by_reference(
    db: &Db,
    provider: ProviderId,
    reference: &str,
) -> Result<Option<PaymentOrder>, ServiceError> {
    let row = sqlx::query(&format!("{SELECT} WHERE o.provider = $1 AND o.reference = $2"))
        .bind(provider.code())
        .bind(reference.to_owned())
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// The order that holds a provider's receipt.
pub async fn by_receipt(db: &Db, provider: ProviderId, receipt: &str) -> Result<Option<PaymentOrder>, ServiceError> {
    let row = sqlx::query(&format!("{SELECT} WHERE o.provider = $1 AND o.receipt = $2"))
        .bind(provider.code())
        .bind(receipt.to_owned())
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// The provider has the request: the payer approves. False when the order
/// is no longer waiting.
pub async fn asked(
    db: &Db,
    id: i64,
    reference: &str,
    checkout_url: Option<&str>,
    result: &str,
    next_check: Timestamp,
) -> Result<bool, ServiceError> {
    let done = sqlx::query(
        "UPDATE payment_orders SET state = $1, reference = $2, result = $3, next_check_at = $4, checkout_url = $5
         WHERE id = $6 AND state = $7",
    )
    .bind(OrderState::Paying.code())
    .bind(reference.to_owned())
    .bind(result.to_owned())
    .bind(next_check.0)
    .bind(checkout_url.map(str::to_owned))
    .bind(id)
    .bind(OrderState::Waiting.code())
    .execute(&db.pool)
    .await?
    .rows_affected();
    Ok(done > 0)
}

/// When an open order is next asked about.
pub async fn check_again(db: &Db, id: i64, at: Timestamp) -> Result<(), ServiceError> {
    sqlx::query("UPDATE payment_orders SET next_check_at = $1 WHERE id = $2 AND state IN ($3, $4)")
        .bind(at.0)
        .bind(id)
        .bind(OrderState::Waiting.code())
        .bind(OrderState::Paying.code())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Ends an open order without money (failed or expired); false when it had
/// ended already.
pub async fn close<'e, E: sqlx::Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    state: OrderState,
    result: &str,
    at: Timestamp,
) -> Result<bool, ServiceError> {
    let done = sqlx::query(
        "UPDATE payment_orders SET state = $1, result = $2, finished_at = $3, next_check_at = NULL
         WHERE id = $4 AND state IN ($5, $6)",
    )
    .bind(state.code())
    .bind(result.to_owned())
    .bind(at.0)
    .bind(id)
    .bind(OrderState::Waiting.code())
    .bind(OrderState::Paying.code())
    .execute(ex)
    .await?
    .rows_affected();
    Ok(done > 0)
}

/// Takes a due order for one status query: moves its next check on, and
/// says whether this caller moved it (so that of several replicas, one asks).
pub async fn claim_check(db: &Db, id: i64, now: Timestamp, next: Timestamp) -> Result<bool, ServiceError> {
    let done = sqlx::query(
        "UPDATE payment_orders SET next_check_at = $1 WHERE id = $2 AND next_check_at <= $3 AND state IN ($4, $5)",
    )
    .bind(next.0)
    .bind(id)
    .bind(now.0)
    .bind(OrderState::Waiting.code())
    .bind(OrderState::Paying.code())
    .execute(&db.pool)
    .await?
    .rows_affected();
    Ok(done > 0)
}

/// Why an open order could not take its receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    Taken,
    /// The order had ended (another replica or callback got there first).
    Ended,
    /// Another order holds this receipt.
    ReceiptHeld,
}

/// Binds the provider's receipt to an open order, in the transaction that
/// credits it: only one caller ever gets `Taken` for an order or a receipt.
pub async fn take_receipt(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    receipt: &str,
    payer: Option<&str>,
) -> Result<Claim, ServiceError> {
    let updated = sqlx::query(
        "UPDATE payment_orders SET receipt = $1, payer = COALESCE($2, payer), next_check_at = NULL
         WHERE id = $3 AND state IN ($4, $5)",
    )
    .bind(receipt.to_owned())
    .bind(payer.map(str::to_owned))
    .bind(id)
    .bind(OrderState::Waiting.code())
    .bind(OrderState::Paying.code())
    .execute(&mut **tx)
    .await;
    match updated {
        Ok(r) if r.rows_affected() > 0 => Ok(Claim::Taken),
        Ok(_) => Ok(Claim::Ended),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(Claim::ReceiptHeld),
        Err(e) => Err(e.into()),
    }
}

/// Open provider orders due for a status query at `now`, oldest first.
pub async fn due(db: &Db, now: Timestamp, limit: i64) -> Result<Vec<PaymentOrder>, ServiceError> {
    let found = sqlx::query(&format!(
        "{SELECT} WHERE o.state IN ($1, $2) AND o.next_check_at <= $3 AND o.provider IS NOT NULL
         ORDER BY o.next_check_at LIMIT $4"
    ))
    .bind(OrderState::Waiting.code())
    .bind(OrderState::Paying.code())
    .bind(now.0)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    found.iter().map(from_row).collect()
}

/// The credit an order sends to a meter that holds its own, if it does.
pub async fn device_amount(tx: &mut Transaction<'static, Any>, id: i64) -> Result<Option<i64>, ServiceError> {
    let units = sqlx::query_scalar("SELECT device_amount FROM payment_orders WHERE id = $1")
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(units)
}

/// Orders whose credit was on its way to a meter when it stopped: which.
#[derive(Debug, Clone, Copy)]
pub enum Stopped {
    /// This command failed.
    Command(CommandId),
    /// Every command that has expired.
    Expired,
    /// The meter's open commands (its device is being replaced).
    OpenOf(MeterId),
}

/// A provider's payment whose credit the meter will not take: (id, number,
/// household, meter, amount, provider, receipt).
pub type Stranded = (i64, String, HouseholdId, Option<MeterId>, Money, Option<ProviderId>, Option<String>);

/// Payments through a provider, in recharge, whose command stopped: their
/// money was taken and must land somewhere.
pub async fn stranded(tx: &mut Transaction<'static, Any>, which: Stopped) -> Result<Vec<Stranded>, ServiceError> {
    let mut q = Sql::new(
        "SELECT id, order_no, household_id, meter_id, amount, provider, receipt FROM payment_orders
         WHERE provider IS NOT NULL AND state IN (",
    );
    q.bind(OrderState::InRecharge.code()).push(", ").bind(OrderState::Unconfirmed.code()).push(")");
    match which {
        Stopped::Command(id) => {
            q.push(" AND command_id = ").bind(id.0);
        }
        Stopped::Expired => {
            q.push(" AND command_id IN (SELECT id FROM commands WHERE state = ")
                .bind(CommandState::Expired.code())
                .push(")");
        }
        Stopped::OpenOf(meter) => {
            q.push(" AND command_id IN (SELECT id FROM commands WHERE meter_id = ").bind(meter.0);
            q.push(" AND state IN (").bind(CommandState::Queued.code()).push(", ");
            q.bind(CommandState::Sent.code()).push("))");
        }
    }
    let found = q.query().fetch_all(&mut **tx).await?;
    found
        .iter()
        .map(|row| {
            let provider = rows::opt_text(row, "provider")?.and_then(|c| ProviderId::from_code(&c));
            Ok((
                rows::int(row, "id")?,
                rows::text(row, "order_no")?,
                HouseholdId(rows::int(row, "household_id")?),
                rows::opt_int(row, "meter_id")?.map(MeterId),
                Money::from_minor(rows::int(row, "amount")?),
                provider,
                rows::opt_text(row, "receipt")?,
            ))
        })
        .collect()
}

/// Payments through a provider made between `start` and `end`, oldest first
/// (reconciliation reads them all for a few days at a time).
pub async fn through_providers(db: &Db, start: Timestamp, end: Timestamp) -> Result<Vec<PaymentOrder>, ServiceError> {
    let found = sqlx::query(&format!(
        "{SELECT} WHERE o.provider IS NOT NULL AND o.created_at >= $1 AND o.created_at < $2 ORDER BY o.created_at, o.id"
    ))
    .bind(start.0)
    .bind(end.0)
    .fetch_all(&db.pool)
    .await?;
    found.iter().map(from_row).collect()
}
