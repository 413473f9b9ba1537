//! Equipment (device) models: the list operators choose from.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::store::equipment_models as store;
use crate::model::auth::EquipmentModel;
use crate::model::ids::EquipmentModelId;

pub async fn list_models(db: &Db) -> Result<Vec<EquipmentModel>, ServiceError> {
    store::list(db).await
}

/// Every model, those the operator's meters use first (most used first):
/// a client with no model configured takes the first and lists meters by it.
pub async fn models_by_use(db: &Db, roots: &[String]) -> Result<Vec<EquipmentModel>, ServiceError> {
    let mut models = store::list(db).await?;
    let counts = store::use_counts(db, roots).await?;
    let used = |m: &EquipmentModel| counts.iter().find(|(id, _)| *id == m.id).map_or(0, |(_, n)| *n);
    // A stable sort: models used equally keep their order by id.
    models.sort_by_key(|m| std::cmp::Reverse(used(m)));
    Ok(models)
}

pub async fn get_model(db: &Db, id: EquipmentModelId) -> Result<Option<EquipmentModel>, ServiceError> {
    store::get(db, id).await
}
