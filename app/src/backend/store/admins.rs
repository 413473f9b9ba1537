//! Operators (admins) and the areas each was given.

use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::rows;
use crate::model::ids::AdminId;
use sqlx::{Any, Transaction};

/// The first operator created.
pub async fn first(db: &Db) -> Result<Option<AdminId>, ServiceError> {
    let id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM admins ORDER BY id LIMIT 1").fetch_optional(&db.pool).await?;
    Ok(id.map(AdminId))
}

pub async fn count(db: &Db) -> Result<i64, ServiceError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM admins").fetch_one(&db.pool).await?;
    Ok(n)
}

/// Inserts an operator managing `areas` inside `tx`.
pub async fn create(
    tx: &mut Transaction<'static, Any>,
    username: &str,
    password_hash: &str,
    areas: &[i64],
) -> Result<AdminId, ServiceError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO admins (username, name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(username.to_owned())
    .bind(username.to_owned())
    .bind(password_hash.to_owned())
    .bind(now().0)
    .fetch_one(&mut **tx)
    .await
    .map_err(ServiceError::unique_as("username", "an operator with this username exists"))?;
    for area in areas {
        sqlx::query("INSERT INTO admin_areas (admin_id, area_id) VALUES ($1, $2)")
            .bind(id)
            .bind(*area)
            .execute(&mut **tx)
            .await?;
    }
    Ok(AdminId(id))
}

/// The operator's id and password hash, by username.
pub async fn credentials(db: &Db, username: &str) -> Result<Option<(AdminId, String)>, ServiceError> {
    let row = sqlx::query("SELECT id, password_hash FROM admins WHERE username = $1")
        .bind(username.to_owned())
        .fetch_optional(&db.pool)
        .await?;
    row.map(|row| Ok((AdminId(rows::int(&row, "id")?), rows::text(&row, "password_hash")?))).transpose()
}

/// Who an operator is: username, name, email and phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminRow {
    pub username: String,
    pub name: String,
    pub email: String,
    pub tel_phone: String,
}

pub async fn get(db: &Db, id: AdminId) -> Result<Option<AdminRow>, ServiceError> {
    let row = sqlx::query("SELECT username, name, email, tel_phone FROM admins WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|row| {
        Ok(AdminRow {
            username: rows::text(&row, "username")?,
            name: rows::text(&row, "name")?,
            email: rows::text(&row, "email")?,
            tel_phone: rows::text(&row, "tel_phone")?,
        })
    })
    .transpose()
}

/// The paths of the areas the operator was given, in path order.
pub async fn roots(db: &Db, id: AdminId) -> Result<Vec<String>, ServiceError> {
    let roots: Vec<String> = sqlx::query_scalar(
        "SELECT a.path FROM admin_areas aa JOIN areas a ON a.id = aa.area_id WHERE aa.admin_id = $1 ORDER BY a.path",
    )
    .bind(id.0)
    .fetch_all(&db.pool)
    .await?;
    Ok(roots)
}
