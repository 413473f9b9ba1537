//! Meters: the archive rows lists and detail pages show, found by id,
//! DevEUI or IMEI, and pages of filtered lists.

use super::meter_anchors::{self, Anchors};
use crate::backend::db::Backend;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows::{self, JsonRow, Stored};
use crate::backend::sql::Sql;
use crate::model::EnergyType;
use crate::model::ids::{AreaId, DevEui, EquipmentModelId, HouseholdId, Imei, MeterId, PriceId};
use crate::model::meter::{MeterArchive, MeterRef, MeterStatus};
use crate::model::paging::PageRequest;
use std::sync::{Arc, LazyLock};

/// The archive's columns: the expression and the name it is read by.
/// `FROM` (`ARCHIVE_FROM`) names the meter `m`, its household `h`, its area
/// `a` and its device model `e`.
const ARCHIVE: [(&str, &str); 26] = [
    ("m.id", "id"),
    ("m.dev_eui", "dev_eui"),
    ("m.imei", "imei"),
    ("m.serialnumber", "serialnumber"),
    ("m.customer_name", "customer_name"),
    ("m.customer_phone", "customer_phone"),
    ("m.customer_address", "customer_address"),
    ("m.customer_certificate", "customer_certificate"),
    ("m.household_id", "household_id"),
    ("h.serialnumber", "household_serialnumber"),
    ("m.area_id", "area_id"),
    ("a.name", "area_name"),
    ("a.path", "area_path"),
    ("m.current_reading", "current_reading"),
    ("m.valve_state", "valve_state"),
    ("m.energy_type", "energy_type"),
    ("h.balance", "balance"),
    ("m.overdraft_money", "overdraft_money"),
    ("m.normal_day_dosage", "normal_day_dosage"),
    ("m.equipment_model_id", "equipment_model_id"),
    ("e.equipment_type", "equipment_type"),
    ("m.price_id", "price_id"),
    ("m.pay_mode", "pay_mode"),
    ("m.meter_type", "meter_type"),
    ("m.status", "status"),
    ("m.last_read_at", "last_read_at"),
];

/// `expression AS name, ...` of the archive's columns.
pub(crate) static ARCHIVE_COLUMNS: LazyLock<String> =
    LazyLock::new(|| ARCHIVE.iter().map(|(e, n)| format!("{e} AS {n}")).collect::<Vec<_>>().join(", "));

/// `expression, ...` of the archive's columns (a packed row's values).
static ARCHIVE_EXPRESSIONS: LazyLock<String> =
    LazyLock::new(|| ARCHIVE.iter().map(|(e, _)| *e).collect::<Vec<_>>().join(", "));

/// The names of `ARCHIVE`, in order: a packed row's (`JsonRow`) values.
static ARCHIVE_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| ARCHIVE.iter().map(|(_, n)| *n).collect());

pub(crate) const ARCHIVE_FROM: &str = " FROM meters m JOIN households h ON h.id = m.household_id
    JOIN areas a ON a.id = m.area_id JOIN equipment_models e ON e.id = m.equipment_model_id";

/// The meters' list version (migration 0010), read in the statement that uses it.
const LIST_VERSION: &str = "(SELECT version FROM list_versions WHERE name = 'meters') AS list_version";

/// Columns a meter search looks in. The household's number is a subquery,
/// not a join: with a join PostgreSQL estimates a search as matching a
/// handful of meters and hashes every household (150 ms a page among
/// 100,000); without one it walks the meters in id order and stops at the
/// page's end.
pub(crate) const SEARCH: [&str; 6] = [
    "m.customer_name",
    "m.customer_phone",
    "m.serialnumber",
    "m.dev_eui",
    "m.imei",
    "(SELECT hs.serialnumber FROM households hs WHERE hs.id = m.household_id)",
];

/// A meter's archive and the path of its area (for access checks).
#[derive(Debug, Clone)]
pub struct Found {
    pub archive: MeterArchive,
    pub area_path: String,
}

pub(crate) fn archive_from<R: Stored + ?Sized>(row: &R) -> Result<MeterArchive, ServiceError> {
    let bad = |what: &str, e: String| ServiceError::Internal(format!("stored {what}: {e}"));
    Ok(MeterArchive {
        id: MeterId(rows::int(row, "id")?),
        dev_eui: rows::opt_text(row, "dev_eui")?
            .map(|s| DevEui::parse(&s))
            .transpose()
            .map_err(|e| bad("dev_eui", e))?,
        imei: rows::opt_text(row, "imei")?.map(|s| Imei::parse(&s)).transpose().map_err(|e| bad("imei", e))?,
        serialnumber: rows::text(row, "serialnumber")?,
        customer_name: rows::text(row, "customer_name")?,
        customer_phone: rows::text(row, "customer_phone")?,
        customer_address: rows::text(row, "customer_address")?,
        customer_certificate_number: rows::text(row, "customer_certificate")?,
        household_id: HouseholdId(rows::int(row, "household_id")?),
        household_serialnumber: rows::text(row, "household_serialnumber")?,
        area_id: AreaId(rows::int(row, "area_id")?),
        area_name: rows::text(row, "area_name")?,
        reading: rows::fixed(row, "current_reading")?,
        valve_state: rows::valve(row, "valve_state")?,
        energy_type: rows::energy(row, "energy_type")?,
        balance: rows::fixed(row, "balance")?,
        overdraft_money: rows::fixed(row, "overdraft_money")?,
        normal_day_dosage: rows::fixed(row, "normal_day_dosage")?,
        equipment_model_id: EquipmentModelId(rows::int(row, "equipment_model_id")?),
        equipment_type: rows::text(row, "equipment_type")?,
        price_id: PriceId(rows::int(row, "price_id")?),
        pay_mode: rows::pay_mode(row, "pay_mode")?,
        meter_type: rows::int(row, "meter_type")?,
        status: MeterStatus::parse(&rows::text(row, "status")?)
            .ok_or_else(|| ServiceError::Internal("stored meter status is not one we write".into()))?,
        last_read_at: rows::opt_time(row, "last_read_at")?,
    })
}

/// Appends ` WHERE <the meter named>` (`m` is the meter).
pub(crate) fn push_ref(q: &mut Sql, meter: &MeterRef) {
    match meter {
        MeterRef::Id(MeterId(id)) => q.push(" WHERE m.id = ").bind(*id),
        MeterRef::DevEui(eui) => q.push(" WHERE m.dev_eui = ").bind(eui.as_str()),
        MeterRef::Imei(imei) => q.push(" WHERE m.imei = ").bind(imei.as_str()),
    };
}

/// One meter by id, DevEUI or IMEI, whoever may see it.
pub async fn get(db: &Db, meter: &MeterRef) -> Result<Option<Found>, ServiceError> {
    let mut q = Sql::new("SELECT ");
    q.push(&ARCHIVE_COLUMNS).push(ARCHIVE_FROM);
    push_ref(&mut q, meter);
    let Some(row) = q.query().fetch_optional(&db.pool).await? else { return Ok(None) };
    Ok(Some(Found { archive: archive_from(&row)?, area_path: rows::text(&row, "area_path")? }))
}

/// The active meters of a household, by id.
pub async fn of_household(db: &Db, household: HouseholdId) -> Result<Vec<MeterArchive>, ServiceError> {
    let mut q = Sql::new("SELECT ");
    q.push(&ARCHIVE_COLUMNS).push(ARCHIVE_FROM).push(" WHERE m.household_id = ").bind(household.0);
    q.push(" AND m.status = ").bind(MeterStatus::Active.code()).push(" ORDER BY m.id");
    q.query().fetch_all(&db.pool).await?.iter().map(archive_from).collect()
}

/// Which meters a list shows.
#[derive(Debug, Clone)]
pub struct ListFilter {
    /// `LIKE` pattern of the area paths whose meters are listed.
    pub subtree: String,
    pub status: MeterStatus,
    pub energy_type: Option<EnergyType>,
    pub equipment_model_id: Option<EquipmentModelId>,
    /// Case-insensitive substring of any of `SEARCH`.
    pub search: Option<String>,
}

impl ListFilter {
    fn searching(&self) -> Option<&str> {
        self.search.as_deref().filter(|t| !t.trim().is_empty())
    }

    /// `FROM meters m WHERE ...`.
    fn push_from_where(&self, q: &mut Sql) {
        q.push(" FROM meters m WHERE m.status = ").bind(self.status.code());
        q.push(" AND m.area_id IN (SELECT id FROM areas WHERE path LIKE ").bind(self.subtree.clone()).push(")");
        if let Some(e) = self.energy_type {
            q.push(" AND m.energy_type = ").bind(e.code());
        }
        if let Some(model) = self.equipment_model_id {
            q.push(" AND m.equipment_model_id = ").bind(model.0);
        }
        if let Some(term) = self.searching() {
            q.push_search(&SEARCH, term);
        }
    }
}

/// A page of the list and the number of meters the list holds.
pub async fn page(db: &Db, filter: &ListFilter, page: PageRequest) -> Result<(Vec<MeterArchive>, i64), ServiceError> {
    let mut key = Sql::new("");
    filter.push_from_where(&mut key);
    let key = key.cache_key();
    // Kept anchors serve while the version the page query reads back is
    // theirs; otherwise build them again.
    if let Some(anchors) = db.caches.meter_anchors.get(&key) {
        let (rows, seen) = fetch(db, filter, &anchors, page).await?;
        if seen == Some(anchors.version) {
            return Ok((rows, anchors.total));
        }
    }
    // Fresh anchors, and the page from them while the list holds still (a
    // list changing between the two statements is built again, once).
    let mut attempts = 0;
    loop {
        attempts += 1;
        let anchors = Arc::new(build(db, filter).await?);
        db.caches.meter_anchors.put(key.clone(), anchors.clone());
        let (rows, seen) = fetch(db, filter, &anchors, page).await?;
        // Writers that keep moving the list get the newest page, counted as it was.
        if seen == Some(anchors.version) || attempts >= 2 {
            return Ok((rows, anchors.total));
        }
    }
}

/// The page as `anchors` place it, and the list version the statement saw.
/// The rows come packed in one JSON value (see `JsonRow`).
async fn fetch(
    db: &Db,
    filter: &ListFilter,
    anchors: &Anchors,
    page: PageRequest,
) -> Result<(Vec<MeterArchive>, Option<i64>), ServiceError> {
    let (aggregate, array, order) = match db.backend {
        Backend::Sqlite => ("json_group_array(", "json_array(", ""),
        Backend::Postgres => ("json_agg(", "json_build_array(", " ORDER BY m.id"),
    };
    let mut q = Sql::new("SELECT ");
    q.push(LIST_VERSION).push(", (SELECT CAST(").push(aggregate).push(array);
    q.push(&ARCHIVE_EXPRESSIONS);
    q.push(")").push(order).push(") AS TEXT)").push(ARCHIVE_FROM);
    match (anchors.exact(page.offset(), page.limit()), meter_anchors::start_of(anchors, page.offset())) {
        // A short list: the page's ids are known.
        (Some(ids), _) if !ids.is_empty() => {
            q.push(" WHERE m.id IN ").push_list(ids.iter().copied());
        }
        // A long one: from the anchor before the page, skipping fewer than a step.
        (None, Some((first, skip))) => {
            q.push(" WHERE m.id IN (SELECT m.id");
            filter.push_from_where(&mut q);
            q.push(" AND m.id >= ").bind(first);
            q.push(" ORDER BY m.id LIMIT ").bind(page.limit()).push(" OFFSET ").bind(skip).push(")");
        }
        // Past the end: still the end only if nothing changed.
        _ => {
            q.push(" WHERE 1 = 0");
        }
    }
    q.push(") AS page");
    let row = q.query().fetch_one(&db.pool).await?;
    let version = rows::int(&row, "list_version")?;
    let packed = rows::opt_text(&row, "page")?.unwrap_or_default();
    let values: Vec<Vec<serde_json::Value>> = if packed.is_empty() {
        Vec::new()
    } else {
        serde_json::from_str(&packed).map_err(|e| ServiceError::Internal(format!("packed page: {e}")))?
    };
    let mut archives = values
        .iter()
        .map(|values| archive_from(&JsonRow { names: &ARCHIVE_NAMES, values }))
        .collect::<Result<Vec<_>, _>>()?;
    // The database packs in the order it read; the page is in id order.
    archives.sort_by_key(|a| a.id.0);
    Ok((archives, Some(version)))
}

/// One scan of the list: its anchors and length, with the version read in
/// the same statement (an empty list too: the counter's row is always there).
async fn build(db: &Db, filter: &ListFilter) -> Result<Anchors, ServiceError> {
    let mut q = Sql::new("SELECT v.version AS list_version, w.id, w.total FROM list_versions v LEFT JOIN (");
    q.push("SELECT m.id AS id, ROW_NUMBER() OVER (ORDER BY m.id) AS n, COUNT(*) OVER () AS total");
    filter.push_from_where(&mut q);
    // Every step-th row, or every row of a short list (see `Anchors::step`).
    q.push(") w ON ((w.n - 1) % ").bind(meter_anchors::STEP).push(" = 0 OR w.total <= ").bind(meter_anchors::WHOLE);
    q.push(") WHERE v.name = 'meters' ORDER BY w.id");
    let rows = q.query().fetch_all(&db.pool).await?;
    let version = rows.first().map(|r| rows::int(r, "list_version")).transpose()?.unwrap_or_default();
    let mut anchors = Anchors { version, ids: Vec::with_capacity(rows.len()), total: 0 };
    for row in &rows {
        if let Some(id) = rows::opt_int(row, "id")? {
            anchors.ids.push(id);
            anchors.total = rows::int(row, "total")?;
        }
    }
    Ok(anchors)
}

/// Meters by their devices' DevEUI or IMEI, for reports arriving from a
/// network: their id and the time of their latest reading.
pub async fn by_device(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    devices: &[&crate::model::meter::DeviceId],
) -> Result<std::collections::HashMap<crate::model::meter::DeviceId, (MeterId, Option<i64>)>, ServiceError> {
    use crate::model::meter::DeviceId;
    let mut found = std::collections::HashMap::new();
    for (column, keys) in [
        (
            "dev_eui",
            devices
                .iter()
                .filter_map(|d| match d {
                    DeviceId::DevEui(e) => Some(e.as_str().to_owned()),
                    DeviceId::Imei(_) => None,
                })
                .collect::<Vec<_>>(),
        ),
        (
            "imei",
            devices
                .iter()
                .filter_map(|d| match d {
                    DeviceId::Imei(i) => Some(i.as_str().to_owned()),
                    DeviceId::DevEui(_) => None,
                })
                .collect(),
        ),
    ] {
        for chunk in keys.chunks(crate::backend::store::ledger::ROWS_PER_STATEMENT) {
            let mut q = Sql::bulk(tx, &format!("SELECT id, {column}, last_read_at FROM meters WHERE {column} IN "));
            q.push_list(chunk.iter().cloned());
            for row in q.query().fetch_all(&mut **tx).await? {
                let device = if column == "dev_eui" {
                    DeviceId::DevEui(rows::dev_eui(&row, column)?)
                } else {
                    let raw = rows::text(&row, column)?;
                    DeviceId::Imei(
                        Imei::parse(&raw).map_err(|e| ServiceError::Internal(format!("stored {column}: {e}")))?,
                    )
                };
                found.insert(device, (MeterId(rows::int(&row, "id")?), rows::opt_int(&row, "last_read_at")?));
            }
        }
    }
    Ok(found)
}

/// What a top-up of a meter depends on: its status, whether its model holds
/// credit on the device, and its plan's flat price.
pub async fn credit_terms(
    db: &Db,
    meter: MeterId,
) -> Result<(MeterStatus, bool, crate::model::fixed::UnitPrice), ServiceError> {
    let row = sqlx::query(
        "SELECT m.status, e.holds_credit, p.flat_price FROM meters m JOIN equipment_models e ON e.id = m.equipment_model_id
         JOIN price_plans p ON p.id = m.price_id WHERE m.id = $1",
    )
    .bind(meter.0)
    .fetch_one(&db.pool)
    .await?;
    let status = rows::text(&row, "status")?;
    let status =
        MeterStatus::parse(&status).ok_or_else(|| ServiceError::Internal(format!("stored meter status {status:?}")))?;
    Ok((status, rows::int(&row, "holds_credit")? != 0, rows::fixed(&row, "flat_price")?))
}

/// Moves a meter from status `from` to `to`; false when it was not in `from`.
pub async fn set_status(db: &Db, meter: MeterId, from: MeterStatus, to: MeterStatus) -> Result<bool, ServiceError> {
    let done = sqlx::query("UPDATE meters SET status = $1 WHERE id = $2 AND status = $3")
        .bind(to.code())
        .bind(meter.0)
        .bind(from.code())
        .execute(&db.pool)
        .await?;
    db.changed();
    Ok(done.rows_affected() > 0)
}

/// Gives the meter a new device inside `tx`: the DevEUI (and a meter number
/// that was the old DevEUI) changes, the new device's first reading becomes
/// its baseline (no charged register), the valve is unknown and nothing
/// holds it; the replacement is recorded.
pub async fn replace_device(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    meter: MeterId,
    old: &crate::model::meter::DeviceId,
    new: &crate::model::meter::DeviceId,
    actor: &str,
    at: crate::model::time::Timestamp,
) -> Result<(), ServiceError> {
    // The column of the identifier being replaced (both are of one kind).
    let column = match new {
        crate::model::meter::DeviceId::DevEui(_) => "dev_eui",
        crate::model::meter::DeviceId::Imei(_) => "imei",
    };
    sqlx::query(&format!(
        "UPDATE meters SET {column} = $1, serialnumber = CASE WHEN serialnumber = $2 THEN $1 ELSE serialnumber END,
         charged_register = NULL, valve_target = NULL, valve_hold = NULL, valve_state = $3 WHERE id = $4",
    ))
    .bind(new.text())
    .bind(old.text())
    .bind(crate::model::ValveState::Unknown.code())
    .bind(meter.0)
    .execute(&mut **tx)
    .await
    .map_err(ServiceError::unique_as("newDeveui", "a meter with this identifier already exists"))?;
    // The columns hold the device's identifier: a DevEUI, or a cellular meter's IMEI.
    sqlx::query("INSERT INTO meter_replacements (meter_id, old_dev_eui, new_dev_eui, actor, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(meter.0)
        .bind(old.text())
        .bind(new.text())
        .bind(actor.to_owned())
        .bind(at.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Whether a meter has `value` in its DevEUI or IMEI.
pub async fn identifier_taken(db: &Db, identifier: &MeterRef) -> Result<bool, ServiceError> {
    let (column, value) = match identifier {
        MeterRef::Id(id) => ("id", id.0.to_string()),
        MeterRef::DevEui(eui) => ("dev_eui", eui.to_string()),
        MeterRef::Imei(imei) => ("imei", imei.as_str().to_owned()),
    };
    let sql = format!("SELECT id FROM meters WHERE {column} = $1");
    let found: Option<i64> = match identifier {
        MeterRef::Id(id) => sqlx::query_scalar(&sql).bind(id.0).fetch_optional(&db.pool).await?,
        _ => sqlx::query_scalar(&sql).bind(value).fetch_optional(&db.pool).await?,
    };
    Ok(found.is_some())
}

/// Which of these DevEUIs and IMEIs a meter has already (in any state).
pub async fn identifiers_taken(
    db: &Db,
    dev_euis: &[String],
    imeis: &[String],
) -> Result<std::collections::HashSet<String>, ServiceError> {
    let mut taken = std::collections::HashSet::new();
    for (column, values) in [("dev_eui", dev_euis), ("imei", imeis)] {
        for chunk in values.chunks(crate::backend::store::ledger::ROWS_PER_STATEMENT) {
            let mut q = Sql::bulk_for(db.backend, &format!("SELECT {column} AS v FROM meters WHERE {column} IN "));
            q.push_list(chunk.iter().map(String::as_str));
            for row in q.query().fetch_all(&db.pool).await? {
                taken.insert(rows::text(&row, "v")?);
            }
        }
    }
    Ok(taken)
}

/// The unique identifiers of a meter, and how a clash on each is reported.
const IDENTIFIERS: &[crate::backend::error::UniqueColumn] = &[
    ("dev_eui", "devEui", "a meter with this DevEUI already exists"),
    ("imei", "nbonetNetImei", "a meter with this IMEI already exists"),
];

/// A new meter's row.
#[derive(Debug, Clone)]
pub struct NewMeterRow<'a> {
    pub dev_eui: Option<&'a DevEui>,
    pub imei: Option<&'a Imei>,
    pub serialnumber: &'a str,
    pub area: AreaId,
    pub household: HouseholdId,
    pub price: PriceId,
    pub equipment_model: EquipmentModelId,
    pub energy_type: EnergyType,
    pub pay_mode: crate::model::PayMode,
    pub meter_type: i64,
    pub customer_name: &'a str,
    pub customer_phone: &'a str,
    pub customer_address: &'a str,
    pub customer_certificate: &'a str,
    /// The register at installation: also the charging baseline.
    pub reading: crate::model::fixed::Register,
    pub overdraft_money: crate::model::fixed::Money,
    pub normal_day_dosage: crate::model::fixed::Register,
    pub valve_state: crate::model::ValveState,
    pub at: crate::model::time::Timestamp,
}

/// Inserts an active meter inside `tx`; a DevEUI or IMEI another meter took
/// meanwhile is a conflict on that field.
pub async fn create(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    m: NewMeterRow<'_>,
) -> Result<MeterId, ServiceError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO meters (dev_eui, imei, serialnumber, area_id, household_id, price_id, equipment_model_id, energy_type,
            pay_mode, meter_type, customer_name, customer_phone, customer_address, customer_certificate, current_reading,
            overdraft_money, normal_day_dosage, valve_state, status, created_at, charged_register)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $15) RETURNING id",
    )
    .bind(m.dev_eui.map(|e| e.to_string()))
    .bind(m.imei.map(|i| i.as_str().to_owned()))
    .bind(m.serialnumber.to_owned())
    .bind(m.area.0)
    .bind(m.household.0)
    .bind(m.price.0)
    .bind(m.equipment_model.0)
    .bind(m.energy_type.code())
    .bind(rows::pay_mode_code(m.pay_mode))
    .bind(m.meter_type)
    .bind(m.customer_name.to_owned())
    .bind(m.customer_phone.to_owned())
    .bind(m.customer_address.to_owned())
    .bind(m.customer_certificate.to_owned())
    .bind(m.reading.minor())
    .bind(m.overdraft_money.minor())
    .bind(m.normal_day_dosage.minor())
    .bind(m.valve_state.code())
    .bind(MeterStatus::Active.code())
    .bind(m.at.0)
    .fetch_one(&mut **tx)
    .await
    .map_err(ServiceError::unique_on("meters", IDENTIFIERS))?;
    Ok(MeterId(id))
}

/// What an operator changes of a meter; `None` keeps the value.
#[derive(Debug, Clone, Default)]
pub struct MeterChange {
    pub customer_name: Option<String>,
    pub customer_phone: Option<String>,
    pub customer_address: Option<String>,
    pub customer_certificate: Option<String>,
    pub price: Option<PriceId>,
    /// A corrected register, which is also the new charging baseline.
    pub reading: Option<crate::model::fixed::Register>,
    pub overdraft_money: Option<crate::model::fixed::Money>,
    pub normal_day_dosage: Option<crate::model::fixed::Register>,
    pub valve_state: Option<crate::model::ValveState>,
    pub meter_type: Option<(i64, crate::model::PayMode)>,
}

pub async fn update(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: MeterId,
    c: MeterChange,
) -> Result<(), ServiceError> {
    let mut q = Sql::new("UPDATE meters SET id = id");
    if let Some(v) = c.customer_name {
        q.push(", customer_name = ").bind(v);
    }
    if let Some(v) = c.customer_phone {
        q.push(", customer_phone = ").bind(v);
    }
    if let Some(v) = c.customer_address {
        q.push(", customer_address = ").bind(v);
    }
    if let Some(v) = c.customer_certificate {
        q.push(", customer_certificate = ").bind(v);
    }
    if let Some(p) = c.price {
        q.push(", price_id = ").bind(p.0);
    }
    if let Some(r) = c.reading {
        q.push(", current_reading = ").bind(r.minor());
        q.push(", charge_remainder = 0, charged_register = ").bind(r.minor());
    }
    if let Some(m) = c.overdraft_money {
        q.push(", overdraft_money = ").bind(m.minor());
    }
    if let Some(r) = c.normal_day_dosage {
        q.push(", normal_day_dosage = ").bind(r.minor());
    }
    if let Some(v) = c.valve_state {
        q.push(", valve_state = ").bind(v.code());
    }
    if let Some((t, mode)) = c.meter_type {
        q.push(", meter_type = ").bind(t).push(", pay_mode = ").bind(rows::pay_mode_code(mode));
    }
    q.push(" WHERE id = ").bind(id.0);
    q.query().execute(&mut **tx).await?;
    Ok(())
}

/// The energy type of a meter known to exist.
pub async fn energy_of(db: &Db, id: MeterId) -> Result<EnergyType, ServiceError> {
    let row = sqlx::query("SELECT energy_type FROM meters WHERE id = $1").bind(id.0).fetch_one(&db.pool).await?;
    rows::energy(&row, "energy_type")
}

/// Whether the household's balance pays the meter as it reads (a prepaid
/// meter whose model holds no credit of its own).
pub async fn charged_as_it_goes(db: &Db, meter: MeterId) -> Result<bool, ServiceError> {
    let by_ledger: i64 = sqlx::query_scalar(
        "SELECT CASE WHEN m.pay_mode = $2 AND e.holds_credit = 0 THEN 1 ELSE 0 END
         FROM meters m JOIN equipment_models e ON e.id = m.equipment_model_id WHERE m.id = $1",
    )
    .bind(meter.0)
    .bind(rows::pay_mode_code(crate::model::PayMode::Prepaid))
    .fetch_one(&db.pool)
    .await?;
    Ok(by_ledger != 0)
}

/// Records where a valve is commanded to go and who holds it there.
pub async fn set_valve_target(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    meter: MeterId,
    open: bool,
    hold: Option<crate::model::valve::ValveHold>,
) -> Result<(), ServiceError> {
    let target = if open { crate::model::ValveState::Open } else { crate::model::ValveState::Closed };
    // Any valve order settles a close that was waiting (friendly credit).
    sqlx::query("UPDATE meters SET valve_target = $1, valve_hold = $2, close_deferred_at = NULL WHERE id = $3")
        .bind(target.code())
        .bind(hold.map(|h| h.code().to_owned()))
        .bind(meter.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Takes the meter's row lock for the rest of `tx` (a no-op update: it
/// locks on PostgreSQL; SQLite's write transaction excludes other writers).
pub async fn lock_row(tx: &mut sqlx::Transaction<'static, sqlx::Any>, meter: MeterId) -> Result<(), ServiceError> {
    sqlx::query("UPDATE meters SET valve_hold = valve_hold WHERE id = $1").bind(meter.0).execute(&mut **tx).await?;
    Ok(())
}

/// Why the meter's valve is held where it is, if it is (inside `tx`).
pub async fn valve_hold(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    meter: MeterId,
) -> Result<Option<crate::model::valve::ValveHold>, ServiceError> {
    let hold: Option<String> = sqlx::query_scalar("SELECT valve_hold FROM meters WHERE id = $1")
        .bind(meter.0)
        .fetch_optional(&mut **tx)
        .await?
        .flatten();
    Ok(hold.as_deref().and_then(crate::model::valve::ValveHold::parse))
}

/// What the balance rule weighs for one meter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValveFacts {
    pub meter: MeterId,
    pub household: HouseholdId,
    pub balance: crate::model::fixed::Money,
    pub overdraft: crate::model::fixed::Money,
    /// Where the last valve command sent it, if one is on its way.
    pub target: Option<crate::model::ValveState>,
    /// What the meter last reported.
    pub reported: Option<crate::model::ValveState>,
    pub hold: Option<crate::model::valve::ValveHold>,
    /// The meter's area, whose clock friendly credit's hours are read on.
    pub area_path: String,
    /// A close for overdraft waits (friendly credit).
    pub close_deferred: bool,
}

/// The active prepaid meters of these households whose balance pays them
/// as they read (their model holds no credit), by id.
pub async fn valve_facts(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    households: &[HouseholdId],
) -> Result<Vec<ValveFacts>, ServiceError> {
    use crate::model::ValveState;
    let mut out = Vec::new();
    for chunk in households.chunks(crate::backend::store::ledger::ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(
            tx,
            "SELECT m.id, m.household_id, m.overdraft_money, m.valve_state, m.valve_target, m.valve_hold, h.balance,
                a.path, m.close_deferred_at
             FROM meters m JOIN households h ON h.id = m.household_id JOIN equipment_models e ON e.id = m.equipment_model_id
             JOIN areas a ON a.id = m.area_id
             WHERE m.status = ",
        );
        q.bind(MeterStatus::Active.code())
            .push(" AND m.pay_mode = ")
            .bind(rows::pay_mode_code(crate::model::PayMode::Prepaid));
        q.push(" AND e.holds_credit = 0 AND m.household_id IN ");
        q.push_list(chunk.iter().map(|h| h.0)).push(" ORDER BY m.id");
        for row in q.query().fetch_all(&mut **tx).await? {
            out.push(ValveFacts {
                meter: MeterId(rows::int(&row, "id")?),
                household: HouseholdId(rows::int(&row, "household_id")?),
                balance: rows::fixed(&row, "balance")?,
                overdraft: rows::fixed(&row, "overdraft_money")?,
                target: rows::opt_int(&row, "valve_target")?.and_then(ValveState::from_code),
                reported: ValveState::from_code(rows::int(&row, "valve_state")?),
                hold: rows::opt_text(&row, "valve_hold")?.as_deref().and_then(crate::model::valve::ValveHold::parse),
                area_path: rows::text(&row, "path")?,
                close_deferred: rows::opt_int(&row, "close_deferred_at")?.is_some(),
            });
        }
    }
    Ok(out)
}

/// Marks (at `since`) or clears a meter's waiting close (friendly credit).
pub async fn set_close_deferred(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    meter: MeterId,
    since: Option<crate::model::time::Timestamp>,
) -> Result<(), ServiceError> {
    match since {
        // A mark already set keeps its first time.
        Some(t) => {
            sqlx::query("UPDATE meters SET close_deferred_at = COALESCE(close_deferred_at, $1) WHERE id = $2")
                .bind(t.0)
                .bind(meter.0)
                .execute(&mut **tx)
                .await?
        }
        None => {
            sqlx::query("UPDATE meters SET close_deferred_at = NULL WHERE id = $1")
                .bind(meter.0)
                .execute(&mut **tx)
                .await?
        }
    };
    Ok(())
}

/// The households with a meter whose close waits.
pub async fn with_deferred_closes(db: &Db) -> Result<Vec<HouseholdId>, ServiceError> {
    let found: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT household_id FROM meters WHERE close_deferred_at IS NOT NULL ORDER BY household_id",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(found.into_iter().map(HouseholdId).collect())
}

/// What access checks need of a meter found by id, DevEUI or IMEI: its id,
/// household, status and area path.
pub async fn access_facts(
    db: &Db,
    meter: &MeterRef,
) -> Result<Option<(MeterId, HouseholdId, MeterStatus, String)>, ServiceError> {
    let base = "SELECT m.id, m.household_id, m.status, a.path FROM meters m JOIN areas a ON a.id = m.area_id WHERE ";
    let mut q = Sql::new(base);
    match meter {
        MeterRef::Id(MeterId(id)) => q.push("m.id = ").bind(*id),
        MeterRef::DevEui(eui) => q.push("m.dev_eui = ").bind(eui.as_str()),
        MeterRef::Imei(imei) => q.push("m.imei = ").bind(imei.as_str()),
    };
    let Some(row) = q.query().fetch_optional(&db.pool).await? else { return Ok(None) };
    Ok(Some((
        MeterId(rows::int(&row, "id")?),
        HouseholdId(rows::int(&row, "household_id")?),
        rows::meter_status(&row, "status")?,
        rows::text(&row, "path")?,
    )))
}

/// What charging a meter's readings starts from, read under its row lock.
#[derive(Debug, Clone)]
pub struct ChargingFacts {
    pub id: i64,
    pub household: HouseholdId,
    pub status: MeterStatus,
    pub pay_mode: crate::model::PayMode,
    /// The meter holds its own credit (its model says so).
    pub holds_credit: bool,
    pub price: PriceId,
    pub charged: Option<i64>,
    pub remainder: i64,
    pub last_read_at: Option<i64>,
    pub offset: i64,
    /// The continuous register of its latest counted reading.
    pub last_total: Option<i64>,
    pub area_path: String,
}

/// Reads (and on PostgreSQL locks, in id order) these meters' charging facts.
pub async fn lock_for_charging(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    ids: &[i64],
) -> Result<Vec<ChargingFacts>, ServiceError> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(super::ledger::ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(
            tx,
            "SELECT m.id, m.status, m.pay_mode, e.holds_credit, m.price_id, m.household_id, m.charged_register,
                 m.charge_remainder, m.last_read_at, m.register_offset, a.path AS area_path,
                 (SELECT r.total_register FROM readings r WHERE r.meter_id = m.id AND r.note = ",
        );
        q.bind(crate::model::reading::ReadingNote::Counted.code());
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
            out.push(ChargingFacts {
                id: rows::int(&row, "id")?,
                household: HouseholdId(rows::int(&row, "household_id")?),
                status: rows::meter_status(&row, "status")?,
                pay_mode: rows::pay_mode(&row, "pay_mode")?,
                holds_credit: rows::int(&row, "holds_credit")? != 0,
                price: PriceId(rows::int(&row, "price_id")?),
                charged: rows::opt_int(&row, "charged_register")?,
                remainder: rows::int(&row, "charge_remainder")?,
                last_read_at: rows::opt_int(&row, "last_read_at")?,
                offset: rows::int(&row, "register_offset")?,
                last_total: rows::opt_int(&row, "last_total")?,
                area_path: rows::text(&row, "area_path")?,
            });
        }
    }
    Ok(out)
}

/// What a batch of readings moved on a meter; `None` in the first three
/// keeps what the meter row has.
#[derive(Debug, Clone, Copy)]
pub struct ChargingUpdate {
    pub id: i64,
    pub current_reading: Option<i64>,
    pub last_read_at: Option<i64>,
    pub valve_state: Option<i64>,
    pub charged: Option<i64>,
    pub remainder: i64,
    pub offset: i64,
}

/// Writes what a batch of readings moved on its meters, a statement per chunk.
pub async fn save_charging(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    updates: &[ChargingUpdate],
) -> Result<(), ServiceError> {
    use crate::backend::sql::Bind;
    for chunk in updates.chunks(super::ledger::ROWS_PER_STATEMENT) {
        let mut q = Sql::bulk(tx, "WITH v (id, cur, at, valve, charged, rem, off) AS (VALUES ");
        q.push_rows(chunk.iter().map(|u| {
            [
                Bind::Int(u.id),
                u.current_reading.into(),
                u.last_read_at.into(),
                u.valve_state.into(),
                u.charged.into(),
                Bind::Int(u.remainder),
                Bind::Int(u.offset),
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
    Ok(())
}
