//! Areas: the tree's rows, with materialised paths (`/1/4/`).

use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::model::area::Area;
use crate::model::ids::{AdminId, AreaId};
use crate::model::zone::Zone;
use sqlx::any::AnyRow;
use sqlx::{Any, Transaction};

fn from_row(row: &AnyRow) -> Result<Area, ServiceError> {
    Ok(Area {
        id: AreaId(rows::int(row, "id")?),
        name: rows::text(row, "name")?,
        parent_id: rows::opt_int(row, "parent_id")?.map(AreaId),
        serialnumber: rows::text(row, "serialnumber")?,
        time_zone: rows::opt_text(row, "time_zone")?
            .map(|z| Zone::parse(&z).map_err(|e| ServiceError::Internal(format!("area time zone: {e}"))))
            .transpose()?,
    })
}

/// The areas whose path starts with `root` (the area and its subtree),
/// parents before children.
pub async fn subtree(db: &Db, root: &str) -> Result<Vec<Area>, ServiceError> {
    let found =
        sqlx::query("SELECT id, name, parent_id, serialnumber, time_zone FROM areas WHERE path LIKE $1 ORDER BY path")
            .bind(format!("{root}%"))
            .fetch_all(&db.pool)
            .await?;
    found.iter().map(from_row).collect()
}

/// The areas below any of `roots` (and the roots), each with its path.
pub async fn subtrees_with_paths(db: &Db, roots: &[String]) -> Result<Vec<(Area, String)>, ServiceError> {
    let mut out = Vec::new();
    for root in roots {
        let found = sqlx::query(
            "SELECT id, name, parent_id, serialnumber, time_zone, path FROM areas WHERE path LIKE $1 ORDER BY path",
        )
        .bind(format!("{root}%"))
        .fetch_all(&db.pool)
        .await?;
        for row in &found {
            out.push((from_row(row)?, rows::text(row, "path")?));
        }
    }
    Ok(out)
}

/// The areas an operator was given (not their descendants).
pub async fn given_to(db: &Db, admin: AdminId) -> Result<Vec<Area>, ServiceError> {
    let found = sqlx::query(
        "SELECT a.id, a.name, a.parent_id, a.serialnumber, a.time_zone FROM admin_areas aa JOIN areas a ON a.id = aa.area_id
         WHERE aa.admin_id = $1 ORDER BY a.path",
    )
    .bind(admin.0)
    .fetch_all(&db.pool)
    .await?;
    found.iter().map(from_row).collect()
}

/// Inserts an area under the area `parent` (its id and path), or as a root,
/// inside `tx`.
pub async fn create(
    tx: &mut Transaction<'static, Any>,
    name: &str,
    parent: Option<(AreaId, &str)>,
) -> Result<Area, ServiceError> {
    // The path needs the id, which the insert gives: insert, then set it.
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO areas (name, parent_id, serialnumber, path, created_at) VALUES ($1, $2, '', '', $3) RETURNING id",
    )
    .bind(name.to_owned())
    .bind(parent.map(|(id, _)| id.0))
    .bind(now().0)
    .fetch_one(&mut **tx)
    .await?;
    let path = format!("{}{id}/", parent.map_or("/", |(_, path)| path));
    let serial = format!("AREA{id:06}");
    sqlx::query("UPDATE areas SET path = $1, serialnumber = $2 WHERE id = $3")
        .bind(path)
        .bind(serial.clone())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(Area {
        id: AreaId(id),
        name: name.to_owned(),
        parent_id: parent.map(|(id, _)| id),
        serialnumber: serial,
        time_zone: None,
    })
}

pub async fn rename(tx: &mut Transaction<'static, Any>, id: AreaId, name: &str) -> Result<(), ServiceError> {
    sqlx::query("UPDATE areas SET name = $1 WHERE id = $2").bind(name.to_owned()).bind(id.0).execute(&mut **tx).await?;
    Ok(())
}

/// What a move of the subtree under `subtree` (a `LIKE` pattern) below the
/// area at `new_parent_path` would strand: meters whose price plan or
/// household belongs to an area that would no longer be above them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stranded {
    pub by_price_plan: i64,
    pub by_household: i64,
}

pub async fn stranded_by_move(
    tx: &mut Transaction<'static, Any>,
    subtree: &str,
    new_parent_path: &str,
) -> Result<Stranded, ServiceError> {
    let count =
        |sql: &'static str| sqlx::query_scalar::<_, i64>(sql).bind(subtree.to_owned()).bind(new_parent_path.to_owned());
    let by_price_plan = count(
        "SELECT COUNT(*) FROM meters m JOIN areas ma ON ma.id = m.area_id JOIN price_plans p ON p.id = m.price_id
         JOIN areas pa ON pa.id = p.area_id
         WHERE ma.path LIKE $1 AND pa.path NOT LIKE $1 AND $2 NOT LIKE pa.path || '%'",
    )
    .fetch_one(&mut **tx)
    .await?;
    let by_household = count(
        "SELECT COUNT(*) FROM meters m JOIN areas ma ON ma.id = m.area_id JOIN households h ON h.id = m.household_id
         JOIN areas ha ON ha.id = h.area_id
         WHERE ma.path LIKE $1 AND ha.path NOT LIKE $1 AND $2 NOT LIKE ha.path || '%'",
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(Stranded { by_price_plan, by_household })
}

/// Moves the area `id` (path `old_path`) and its subtree under the area
/// `parent` (its id and path).
pub async fn move_under(
    tx: &mut Transaction<'static, Any>,
    id: AreaId,
    old_path: &str,
    parent: (AreaId, &str),
) -> Result<(), ServiceError> {
    let new_path = format!("{}{}/", parent.1, id);
    let old_len = old_path.chars().count() as i64;
    sqlx::query("UPDATE areas SET parent_id = $1 WHERE id = $2").bind(parent.0.0).bind(id.0).execute(&mut **tx).await?;
    sqlx::query("UPDATE areas SET path = $1 || SUBSTR(path, CAST($2 AS INTEGER)) WHERE path LIKE $3")
        .bind(new_path)
        .bind(old_len + 1)
        .bind(format!("{old_path}%"))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The first root area (the tree's top), if there is one.
pub async fn first_root(tx: &mut Transaction<'static, Any>) -> Result<Option<i64>, ServiceError> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM areas WHERE parent_id IS NULL ORDER BY id LIMIT 1")
        .fetch_optional(&mut **tx)
        .await?;
    Ok(id)
}

/// An area's path, if the area exists.
pub async fn path(db: &Db, id: AreaId) -> Result<Option<String>, ServiceError> {
    let path: Option<String> =
        sqlx::query_scalar("SELECT path FROM areas WHERE id = $1").bind(id.0).fetch_optional(&db.pool).await?;
    Ok(path)
}

/// Every area's id and path (the billing run groups areas by time zone).
pub async fn all_paths(db: &Db) -> Result<Vec<(AreaId, String)>, ServiceError> {
    let found: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, path FROM areas ORDER BY id").fetch_all(&db.pool).await?;
    Ok(found.into_iter().map(|(id, path)| (AreaId(id), path)).collect())
}
