//! Equipment (device) models: the rows meters point at.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::sql::Sql;
use crate::model::auth::EquipmentModel;
use crate::model::ids::{EquipmentModelId, MeterId};
use crate::model::meter::DeviceId;
use crate::model::meter::MeterStatus;
use sqlx::any::AnyRow;

const SELECT: &str = "SELECT id, name, energy_type, equipment_type, codec, holds_credit FROM equipment_models";

fn model_from(row: &AnyRow) -> Result<EquipmentModel, ServiceError> {
    Ok(EquipmentModel {
        id: EquipmentModelId(rows::int(row, "id")?),
        name: rows::text(row, "name")?,
        energy_type: rows::energy(row, "energy_type")?,
        equipment_type: rows::text(row, "equipment_type")?,
        codec: rows::text(row, "codec")?,
        holds_credit: rows::int(row, "holds_credit")? != 0,
    })
}

pub async fn list(db: &Db) -> Result<Vec<EquipmentModel>, ServiceError> {
    let rows = sqlx::query(&format!("{SELECT} ORDER BY id")).fetch_all(&db.pool).await?;
    rows.iter().map(model_from).collect()
}

/// How many active meters in the areas at or below `roots` (area paths) use
/// each model; models no such meter uses are left out.
pub async fn use_counts(db: &Db, roots: &[String]) -> Result<Vec<(EquipmentModelId, i64)>, ServiceError> {
    if roots.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Sql::new(
        "SELECT m.equipment_model_id AS model, COUNT(*) AS used FROM meters m JOIN areas a ON a.id = m.area_id
         WHERE m.status = ",
    );
    q.bind(MeterStatus::Active.code()).push(" AND (");
    for (i, root) in roots.iter().enumerate() {
        q.push(if i == 0 { "a.path LIKE " } else { " OR a.path LIKE " }).bind(format!("{root}%"));
    }
    q.push(") GROUP BY m.equipment_model_id");
    let found = q.query().fetch_all(&db.pool).await?;
    found.iter().map(|r| Ok((EquipmentModelId(rows::int(r, "model")?), rows::int(r, "used")?))).collect()
}

pub async fn get(db: &Db, id: EquipmentModelId) -> Result<Option<EquipmentModel>, ServiceError> {
    let row = sqlx::query(&format!("{SELECT} WHERE id = $1")).bind(id.0).fetch_optional(&db.pool).await?;
    row.as_ref().map(model_from).transpose()
}

/// The JavaScript codec of a model, if it has one.
pub async fn script_of(db: &Db, id: EquipmentModelId) -> Result<Option<String>, ServiceError> {
    let script: Option<Option<String>> = sqlx::query_scalar("SELECT script FROM equipment_models WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&db.pool)
        .await?;
    Ok(script.flatten())
}

/// Gives a model its own codec (`None`: back to the built-in one); false
/// when there is no such model.
pub async fn set_script(db: &Db, id: EquipmentModelId, script: Option<&str>) -> Result<bool, ServiceError> {
    let changed = sqlx::query("UPDATE equipment_models SET script = $1 WHERE id = $2")
        .bind(script.map(str::to_owned))
        .bind(id.0)
        .execute(&db.pool)
        .await?
        .rows_affected();
    db.changed();
    Ok(changed > 0)
}

/// The scripts of the models of the meters these devices belong to, for
/// those whose model has one.
pub async fn scripts_of_devices(
    db: &Db,
    devices: &[&DeviceId],
) -> Result<std::collections::HashMap<DeviceId, String>, ServiceError> {
    let mut found = std::collections::HashMap::new();
    for chunk in devices.chunks(crate::backend::store::ledger::ROWS_PER_STATEMENT / 2) {
        let euis: Vec<String> = chunk
            .iter()
            .filter_map(|d| match d {
                DeviceId::DevEui(e) => Some(e.as_str().to_owned()),
                DeviceId::Imei(_) => None,
            })
            .collect();
        let imeis: Vec<String> = chunk
            .iter()
            .filter_map(|d| match d {
                DeviceId::Imei(i) => Some(i.as_str().to_owned()),
                DeviceId::DevEui(_) => None,
            })
            .collect();
        let mut q = Sql::new(
            "SELECT m.dev_eui, m.imei, e.script FROM meters m JOIN equipment_models e ON e.id = m.equipment_model_id
             WHERE e.script IS NOT NULL AND (1 = 0",
        );
        if !euis.is_empty() {
            q.push(" OR m.dev_eui IN ").push_list(euis);
        }
        if !imeis.is_empty() {
            q.push(" OR m.imei IN ").push_list(imeis);
        }
        q.push(")");
        for row in q.query().fetch_all(&db.pool).await? {
            let script = rows::text(&row, "script")?;
            if let Some(eui) = rows::opt_text(&row, "dev_eui")? {
                let eui = crate::model::ids::DevEui::parse(&eui)
                    .map_err(|e| ServiceError::Internal(format!("stored DevEUI: {e}")))?;
                found.insert(DeviceId::DevEui(eui), script.clone());
            }
            if let Some(imei) = rows::opt_text(&row, "imei")? {
                let imei = crate::model::ids::Imei::parse(&imei)
                    .map_err(|e| ServiceError::Internal(format!("stored IMEI: {e}")))?;
                found.insert(DeviceId::Imei(imei), script);
            }
        }
    }
    Ok(found)
}

/// The script of a meter's model, if it has one.
pub async fn script_of_meter(db: &Db, meter: MeterId) -> Result<Option<String>, ServiceError> {
    let script: Option<Option<String>> = sqlx::query_scalar(
        "SELECT e.script FROM meters m JOIN equipment_models e ON e.id = m.equipment_model_id WHERE m.id = $1",
    )
    .bind(meter.0)
    .fetch_optional(&db.pool)
    .await?;
    Ok(script.flatten())
}
