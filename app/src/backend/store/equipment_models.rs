//! Equipment (device) models: the rows meters point at.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::sql::Sql;
use crate::model::auth::EquipmentModel;
use crate::model::ids::EquipmentModelId;
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
