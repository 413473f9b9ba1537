//! The area tree: list, create, rename, move.

use crate::backend::auth::Caller;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::{AreaScope, require_area};
use crate::backend::store::areas as store;
use crate::model::area::{Area, AreaMove, AreaRename, NewArea};
use sqlx::{Any, Transaction};

use super::required_text;

/// Every area the caller manages, parents before children.
pub async fn list_areas(db: &Db, caller: &Caller) -> Result<Vec<Area>, ServiceError> {
    let admin = caller.admin()?;
    let mut out = Vec::new();
    for root in &admin.roots {
        // Roots may nest (an admin given both an area and its child): skip repeats.
        for area in store::subtree(db, root).await? {
            if !out.iter().any(|a: &Area| a.id == area.id) {
                out.push(area);
            }
        }
    }
    Ok(out)
}

/// The areas an operator was given (not their descendants), for `toLogin`.
pub async fn managed_areas(db: &Db, admin: crate::model::ids::AdminId) -> Result<Vec<Area>, ServiceError> {
    store::given_to(db, admin).await
}

/// Inserts an area under `parent` (or as a root) inside a transaction.
pub(crate) async fn insert_area(
    tx: &mut Transaction<'static, Any>,
    name: &str,
    parent: Option<&AreaScope>,
) -> Result<Area, ServiceError> {
    store::create(tx, name, parent.map(|p| (p.id, p.path.as_str()))).await
}

pub async fn create_area(db: &Db, caller: &Caller, req: NewArea) -> Result<Area, ServiceError> {
    let name = required_text("name", &req.name, 100)?;
    let parent = require_area(db, caller, req.parent_id).await.map_err(|e| match e {
        ServiceError::NotFound(m) | ServiceError::Forbidden(m) => ServiceError::invalid("parentId", m),
        other => other,
    })?;
    let mut tx = db.begin().await?;
    let area = insert_area(&mut tx, &name, Some(&parent)).await?;
    db.commit(tx).await?;
    Ok(area)
}

pub async fn rename_area(db: &Db, caller: &Caller, req: AreaRename) -> Result<(), ServiceError> {
    let name = required_text("name", &req.name, 100)?;
    require_area(db, caller, req.id).await?;
    let mut tx = db.begin().await?;
    store::rename(&mut tx, req.id, &name).await?;
    db.commit(tx).await?;
    Ok(())
}

/// Moves an area (with everything below it) under another parent.
pub async fn move_area(db: &Db, caller: &Caller, req: AreaMove) -> Result<(), ServiceError> {
    let area = require_area(db, caller, req.id).await?;
    let parent = require_area(db, caller, req.new_parent_id).await.map_err(|e| match e {
        ServiceError::NotFound(m) | ServiceError::Forbidden(m) => ServiceError::invalid("newParentId", m),
        other => other,
    })?;
    if parent.path.starts_with(&area.path) {
        return Err(ServiceError::invalid("newParentId", "an area cannot move below itself"));
    }
    // An operator's own managed area cannot leave their reach by moving: the
    // new parent is inside it, or the operator manages it via an ancestor.
    let mut tx = db.begin().await?;
    // What a meter is tied to must stay its area's or above it (scope.rs):
    // its price plan and its household, unless they move along.
    let stranded = store::stranded_by_move(&mut tx, &area.subtree_pattern(), &parent.path).await?;
    let refusal = if stranded.by_price_plan > 0 {
        Some("a meter below uses a price plan of an area that would no longer be above it: give it another plan first")
    } else if stranded.by_household > 0 {
        Some("a meter below is paid from a household of an area that would no longer be above it")
    } else {
        None
    };
    if let Some(why) = refusal {
        tx.rollback().await?;
        tracing::debug!(?stranded, "area move refused");
        return Err(ServiceError::invalid("newParentId", why));
    }
    store::move_under(&mut tx, area.id, &area.path, (parent.id, &parent.path)).await?;
    db.commit(tx).await?;
    // Cached callers hold area paths: all moved.
    db.caches.tokens.clear();
    db.caches.area_paths.clear();
    Ok(())
}
