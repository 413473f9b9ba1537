//! The area tree: list, create, rename, move.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::backend::scope::{AreaScope, require_area};
use crate::model::area::{Area, AreaMove, AreaRename, NewArea};
use crate::model::ids::AreaId;
use sqlx::any::AnyRow;
use sqlx::{Any, Transaction};

use super::required_text;

fn area_from(row: &AnyRow) -> Result<Area, ServiceError> {
    Ok(Area {
        id: AreaId(rows::int(row, "id")?),
        name: rows::text(row, "name")?,
        parent_id: rows::opt_int(row, "parent_id")?.map(AreaId),
        serialnumber: rows::text(row, "serialnumber")?,
    })
}

/// Every area the caller manages, parents before children.
pub async fn list_areas(db: &Db, caller: &Caller) -> Result<Vec<Area>, ServiceError> {
    let admin = caller.admin()?;
    let mut out = Vec::new();
    for root in &admin.roots {
        // Roots may nest (an admin given both an area and its child): skip repeats.
        let rows = sqlx::query("SELECT id, name, parent_id, serialnumber FROM areas WHERE path LIKE $1 ORDER BY path")
            .bind(format!("{root}%"))
            .fetch_all(&db.pool)
            .await?;
        for row in &rows {
            let area = area_from(row)?;
            if !out.iter().any(|a: &Area| a.id == area.id) {
                out.push(area);
            }
        }
    }
    Ok(out)
}

/// The areas an operator was given (not their descendants), for `toLogin`.
pub async fn managed_areas(db: &Db, admin: crate::model::ids::AdminId) -> Result<Vec<Area>, ServiceError> {
    let rows = sqlx::query(
        "SELECT a.id, a.name, a.parent_id, a.serialnumber FROM admin_areas aa JOIN areas a ON a.id = aa.area_id
         WHERE aa.admin_id = $1 ORDER BY a.path",
    )
    .bind(admin.0)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(area_from).collect()
}

/// Inserts an area under `parent` (or as a root) inside a transaction.
pub(crate) async fn insert_area(
    tx: &mut Transaction<'static, Any>,
    name: &str,
    parent: Option<&AreaScope>,
) -> Result<Area, ServiceError> {
    let at = now();
    // The path needs the id, which the insert gives: insert, then set it.
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO areas (name, parent_id, serialnumber, path, created_at) VALUES ($1, $2, '', '', $3) RETURNING id",
    )
    .bind(name.to_owned())
    .bind(parent.map(|p| p.id.0))
    .bind(at.0)
    .fetch_one(&mut **tx)
    .await?;
    let path = format!("{}{id}/", parent.map_or("/", |p| p.path.as_str()));
    let serial = format!("AREA{id:06}");
    sqlx::query("UPDATE areas SET path = $1, serialnumber = $2 WHERE id = $3")
        .bind(path)
        .bind(serial.clone())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(Area { id: AreaId(id), name: name.to_owned(), parent_id: parent.map(|p| p.id), serialnumber: serial })
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
    sqlx::query("UPDATE areas SET name = $1 WHERE id = $2").bind(name).bind(req.id.0).execute(&mut *tx).await?;
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
    let new_path = format!("{}{}/", parent.path, area.id);
    let old_len = area.path.chars().count() as i64;
    let mut tx = db.begin().await?;
    // What a meter is tied to must stay its area's or above it (scope.rs):
    // its price plan and its household, unless they move along.
    for (what, field, sql) in [
        (
            "price plans",
            "a meter below uses a price plan of an area that would no longer be above it: give it another plan first",
            "SELECT COUNT(*) FROM meters m JOIN areas ma ON ma.id = m.area_id JOIN price_plans p ON p.id = m.price_id
             JOIN areas pa ON pa.id = p.area_id
             WHERE ma.path LIKE $1 AND pa.path NOT LIKE $1 AND $2 NOT LIKE pa.path || '%'",
        ),
        (
            "households",
            "a meter below is paid from a household of an area that would no longer be above it",
            "SELECT COUNT(*) FROM meters m JOIN areas ma ON ma.id = m.area_id JOIN households h ON h.id = m.household_id
             JOIN areas ha ON ha.id = h.area_id
             WHERE ma.path LIKE $1 AND ha.path NOT LIKE $1 AND $2 NOT LIKE ha.path || '%'",
        ),
    ] {
        let stranded: i64 =
            sqlx::query_scalar(sql).bind(area.subtree_pattern()).bind(parent.path.clone()).fetch_one(&mut *tx).await?;
        if stranded > 0 {
            tx.rollback().await?;
            tracing::debug!(what, stranded, "area move refused");
            return Err(ServiceError::invalid("newParentId", field));
        }
    }
    sqlx::query("UPDATE areas SET parent_id = $1 WHERE id = $2")
        .bind(parent.id.0)
        .bind(area.id.0)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE areas SET path = $1 || SUBSTR(path, CAST($2 AS INTEGER)) WHERE path LIKE $3")
        .bind(new_path)
        .bind(old_len + 1)
        .bind(area.subtree_pattern())
        .execute(&mut *tx)
        .await?;
    db.commit(tx).await?;
    // Cached callers hold area paths: all moved.
    db.caches.tokens.clear();
    db.caches.area_paths.clear();
    Ok(())
}
