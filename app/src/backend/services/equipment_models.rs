//! Equipment (device) models: the list operators choose from.

use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::store::equipment_models as store;
use crate::model::auth::EquipmentModel;
use crate::model::ids::EquipmentModelId;

pub async fn list_models(db: &Db) -> Result<Vec<EquipmentModel>, ServiceError> {
    store::list(db).await
}

pub async fn get_model(db: &Db, id: EquipmentModelId) -> Result<Option<EquipmentModel>, ServiceError> {
    store::get(db, id).await
}
