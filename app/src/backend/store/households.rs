//! Households: their rows, row lock and balance inside a money-moving
//! transaction, their password hashes, and what they spent lately.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::sql::Sql;
use crate::backend::store::ledger::EntryKind;
use crate::model::fixed::Money;
use crate::model::household::{Household, HouseholdFilter};
use crate::model::ids::{AreaId, HouseholdId};
use crate::model::time::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{Any, Transaction};

const SELECT: &str =
    "SELECT h.id, h.name, h.serialnumber, h.address, h.phone, h.area_id, a.name AS area_name, h.balance,
    h.warn_money, h.must_change_password FROM households h JOIN areas a ON a.id = h.area_id";

fn from_row(row: &AnyRow) -> Result<Household, ServiceError> {
    Ok(Household {
        id: HouseholdId(rows::int(row, "id")?),
        name: rows::text(row, "name")?,
        serialnumber: rows::text(row, "serialnumber")?,
        address: rows::text(row, "address")?,
        phone: rows::text(row, "phone")?,
        area_id: AreaId(rows::int(row, "area_id")?),
        area_name: rows::text(row, "area_name")?,
        balance: rows::fixed(row, "balance")?,
        warn_money: rows::fixed(row, "warn_money")?,
        must_change_password: rows::int(row, "must_change_password")? != 0,
    })
}

/// Takes a household's row lock for the rest of the transaction: every
/// balance change takes it first, households before meters, so no two
/// transactions wait on each other in a cycle.
pub async fn lock(tx: &mut Transaction<'static, Any>, household: HouseholdId) -> Result<(), ServiceError> {
    sqlx::query("UPDATE households SET balance = balance WHERE id = $1").bind(household.0).execute(&mut **tx).await?;
    Ok(())
}

/// The household's balance as `tx` sees it.
pub async fn balance(tx: &mut Transaction<'static, Any>, household: HouseholdId) -> Result<Money, ServiceError> {
    let minor: i64 = sqlx::query_scalar("SELECT balance FROM households WHERE id = $1")
        .bind(household.0)
        .fetch_one(&mut **tx)
        .await?;
    Ok(Money::from_minor(minor))
}

/// `lock`, answering the balance: a no-op update locks the row (PostgreSQL;
/// SQLite's write transaction already excludes other writers), so nothing
/// can change the balance between this read and the transaction's end.
pub async fn lock_balance(tx: &mut Transaction<'static, Any>, household: HouseholdId) -> Result<Money, ServiceError> {
    let minor: i64 = sqlx::query_scalar("UPDATE households SET balance = balance WHERE id = $1 RETURNING balance")
        .bind(household.0)
        .fetch_one(&mut **tx)
        .await?;
    Ok(Money::from_minor(minor))
}

/// A new household's row; its balance starts at zero (an opening balance is
/// a ledger entry) and its password is to be changed at first sign-in.
#[derive(Debug, Clone)]
pub struct NewHouseholdRow<'a> {
    pub area: AreaId,
    pub name: &'a str,
    pub address: &'a str,
    pub phone: &'a str,
    pub password_hash: &'a str,
    pub warn_money: Money,
    pub at: Timestamp,
}

/// Inserts a household inside `tx`; returns its id and household number.
pub async fn create(
    tx: &mut Transaction<'static, Any>,
    h: NewHouseholdRow<'_>,
) -> Result<(HouseholdId, String), ServiceError> {
    // The household number needs the id: a unique placeholder first, then the number.
    let placeholder = format!("pending-{}", crate::backend::auth::random_token());
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO households (area_id, name, serialnumber, address, phone, password_hash, must_change_password, warn_money, balance, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7, 0, $8) RETURNING id",
    )
    .bind(h.area.0)
    .bind(h.name.to_owned())
    .bind(placeholder)
    .bind(h.address.to_owned())
    .bind(h.phone.to_owned())
    .bind(h.password_hash.to_owned())
    .bind(h.warn_money.minor())
    .bind(h.at.0)
    .fetch_one(&mut **tx)
    .await?;
    let serialnumber = format!("USER{id:08}");
    sqlx::query("UPDATE households SET serialnumber = $1 WHERE id = $2")
        .bind(serialnumber.clone())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok((HouseholdId(id), serialnumber))
}

/// What an operator changes of a household; `None` keeps the value.
#[derive(Debug, Clone, Default)]
pub struct HouseholdChange {
    pub name: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub warn_money: Option<Money>,
    /// A password an operator sets is known to the operator: the household
    /// changes it at next sign-in.
    pub password_hash: Option<String>,
}

pub async fn update(
    tx: &mut Transaction<'static, Any>,
    id: HouseholdId,
    change: HouseholdChange,
) -> Result<(), ServiceError> {
    let mut q = Sql::new("UPDATE households SET id = id");
    if let Some(v) = change.name {
        q.push(", name = ").bind(v);
    }
    if let Some(v) = change.address {
        q.push(", address = ").bind(v);
    }
    if let Some(v) = change.phone {
        q.push(", phone = ").bind(v);
    }
    if let Some(v) = change.warn_money {
        q.push(", warn_money = ").bind(v.minor());
    }
    if let Some(v) = change.password_hash {
        q.push(", must_change_password = 1, password_hash = ").bind(v);
    }
    q.push(" WHERE id = ").bind(id.0);
    q.query().execute(&mut **tx).await?;
    Ok(())
}

/// A page of the households in areas under `subtree` (a `LIKE` pattern of
/// area paths) that match `f`, by id, and how many match.
pub async fn list(db: &Db, subtree: &str, f: &HouseholdFilter) -> Result<(Vec<Household>, i64), ServiceError> {
    let filter = |q: &mut Sql| {
        q.push(" WHERE a.path LIKE ").bind(subtree.to_owned());
        if let Some(id) = f.id {
            q.push(" AND h.id = ").bind(id.0);
        }
        if let Some(term) = f.search.as_deref().filter(|t| !t.trim().is_empty()) {
            q.push_search(&["h.name", "h.serialnumber", "h.phone", "h.address"], term);
        }
    };
    let mut count = Sql::new("SELECT COUNT(*) FROM households h JOIN areas a ON a.id = h.area_id");
    filter(&mut count);
    let total = count.query_scalar_i64().fetch_one(&db.pool).await?.0;
    let mut q = Sql::new(SELECT);
    filter(&mut q);
    q.push(" ORDER BY h.id LIMIT ").bind(f.page.limit()).push(" OFFSET ").bind(f.page.offset());
    let found = q.query().fetch_all(&db.pool).await?;
    Ok((found.iter().map(from_row).collect::<Result<_, _>>()?, total))
}

/// The households whose numbers are among `numbers`, each with its area's path.
pub async fn by_numbers(db: &Db, numbers: &[&str]) -> Result<Vec<(Household, String)>, ServiceError> {
    let mut out = Vec::new();
    for chunk in numbers.chunks(crate::backend::store::ledger::ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk_for(db.backend, &SELECT.replace(" FROM ", ", a.path AS area_path FROM "));
        q.push(" WHERE h.serialnumber IN ").push_list(chunk.iter().copied());
        for row in q.query().fetch_all(&db.pool).await? {
            out.push((from_row(&row)?, rows::text(&row, "area_path")?));
        }
    }
    Ok(out)
}

pub async fn get(db: &Db, id: HouseholdId) -> Result<Household, ServiceError> {
    let row = sqlx::query(&format!("{SELECT} WHERE h.id = $1")).bind(id.0).fetch_one(&db.pool).await?;
    from_row(&row)
}

/// A household's balance, what its meters were charged since `since`, and
/// when it was first charged.
pub async fn spending(
    db: &Db,
    id: HouseholdId,
    since: Timestamp,
) -> Result<(Money, Money, Option<Timestamp>), ServiceError> {
    let row = sqlx::query(
        "SELECT h.balance,
            (SELECT CAST(COALESCE(SUM(-l.amount), 0) AS BIGINT) FROM ledger_entries l
              WHERE l.household_id = h.id AND l.kind = $2 AND l.created_at >= $3) AS spent,
            (SELECT MIN(l.created_at) FROM ledger_entries l WHERE l.household_id = h.id AND l.kind = $2) AS first_at
         FROM households h WHERE h.id = $1",
    )
    .bind(id.0)
    .bind(EntryKind::Consumption.code())
    .bind(since.0)
    .fetch_one(&db.pool)
    .await?;
    Ok((rows::fixed(&row, "balance")?, rows::fixed(&row, "spent")?, rows::opt_time(&row, "first_at")?))
}

pub async fn password_hash(db: &Db, id: HouseholdId) -> Result<String, ServiceError> {
    let hash: String =
        sqlx::query_scalar("SELECT password_hash FROM households WHERE id = $1").bind(id.0).fetch_one(&db.pool).await?;
    Ok(hash)
}

/// The household chose its own password.
pub async fn set_own_password(
    tx: &mut Transaction<'static, Any>,
    id: HouseholdId,
    hash: &str,
) -> Result<(), ServiceError> {
    sqlx::query("UPDATE households SET password_hash = $1, must_change_password = 0 WHERE id = $2")
        .bind(hash.to_owned())
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// What a session's caller needs of its household: name, and whether its
/// password is a first one.
pub async fn caller_facts(db: &Db, id: HouseholdId) -> Result<Option<(String, bool)>, ServiceError> {
    let row = sqlx::query("SELECT name, must_change_password FROM households WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|row| Ok((rows::text(&row, "name")?, rows::int(&row, "must_change_password")? != 0))).transpose()
}

/// The households a sign-in name may mean (at most 3): by household number
/// first (`true`), then by name or phone. Their ids and password hashes.
pub async fn sign_in_candidates(db: &Db, login: &str) -> Result<Vec<(HouseholdId, String, bool)>, ServiceError> {
    let found = sqlx::query(
        "SELECT id, password_hash, CASE WHEN serialnumber = $1 THEN 1 ELSE 0 END AS by_number FROM households
         WHERE serialnumber = $1 OR name = $1 OR (phone = $1 AND phone <> '') ORDER BY by_number DESC, id LIMIT 3",
    )
    .bind(login.to_owned())
    .fetch_all(&db.pool)
    .await?;
    found
        .iter()
        .map(|row| {
            Ok((
                HouseholdId(rows::int(row, "id")?),
                rows::text(row, "password_hash")?,
                rows::int(row, "by_number")? == 1,
            ))
        })
        .collect()
}

/// The path of a household's area, if the household exists.
pub async fn area_path(db: &Db, id: HouseholdId) -> Result<Option<String>, ServiceError> {
    let path: Option<String> =
        sqlx::query_scalar("SELECT a.path FROM households h JOIN areas a ON a.id = h.area_id WHERE h.id = $1")
            .bind(id.0)
            .fetch_optional(&db.pool)
            .await?;
    Ok(path)
}

/// What a paybill account number may name: a household by its number, or an
/// active meter by its number, DevEUI (stored lower case) or IMEI. At most
/// three matches, by household and meter (enough to tell one household's
/// number and meter from an ambiguous number).
pub async fn by_account(
    db: &Db,
    account: &str,
) -> Result<Vec<(HouseholdId, Option<crate::model::ids::MeterId>)>, ServiceError> {
    let found = sqlx::query(
        "SELECT id AS household_id, NULL AS meter_id FROM households WHERE serialnumber = $1
         UNION ALL
         SELECT household_id, id AS meter_id FROM meters
         WHERE status = $2 AND (serialnumber = $1 OR dev_eui = $3 OR imei = $1)
         ORDER BY household_id, meter_id LIMIT 3",
    )
    .bind(account.to_owned())
    .bind(crate::model::meter::MeterStatus::Active.code())
    .bind(account.to_ascii_lowercase())
    .fetch_all(&db.pool)
    .await?;
    found
        .iter()
        .map(|row| {
            Ok((
                HouseholdId(rows::int(row, "household_id")?),
                rows::opt_int(row, "meter_id")?.map(crate::model::ids::MeterId),
            ))
        })
        .collect()
}

/// Locks (PostgreSQL; SQLite's write transaction already excludes other
/// writers) and reads, in id order, the balances of the households of these
/// meters, or of these households, into `balances`.
pub async fn lock_balances(
    tx: &mut Transaction<'static, Any>,
    backend: crate::backend::db::Backend,
    of: BalancesOf<'_>,
    balances: &mut std::collections::HashMap<HouseholdId, Money>,
) -> Result<(), ServiceError> {
    let lock = if backend == crate::backend::db::Backend::Postgres { " FOR UPDATE" } else { "" };
    let (ids, head, tail): (Vec<i64>, &str, &str) = match of {
        BalancesOf::Meters(m) => (
            m.to_vec(),
            "SELECT id, balance FROM households WHERE id IN (SELECT household_id FROM meters WHERE id IN ",
            ") ORDER BY id",
        ),
        BalancesOf::Households(h) => {
            (h.iter().map(|h| h.0).collect(), "SELECT id, balance FROM households WHERE id IN ", " ORDER BY id")
        }
    };
    for chunk in ids.chunks(super::ledger::ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(tx, head);
        q.push_list(chunk.iter().copied()).push(tail).push(lock);
        for row in q.query().fetch_all(&mut **tx).await? {
            balances.insert(HouseholdId(rows::int(&row, "id")?), Money::from_minor(rows::int(&row, "balance")?));
        }
    }
    Ok(())
}

/// Whose balances `lock_balances` takes.
#[derive(Debug, Clone, Copy)]
pub enum BalancesOf<'a> {
    /// The households of these meters (by meter id).
    Meters(&'a [i64]),
    Households(&'a [HouseholdId]),
}
