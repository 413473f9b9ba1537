//! First start: the root area and the first operator.

use super::auth::{hash_password, random_token};
use super::clock::now;
use super::db::Db;
use super::error::ServiceError;
use super::services::areas::insert_area;

/// What start-up must tell the person who started it, once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminBootstrap {
    /// Admins already exist; nothing was done.
    Existing,
    /// The first admin was created with the password from the environment.
    Created { username: String },
    /// The first admin was created with a generated password, to print once.
    Generated { username: String, password: String },
}

/// On an empty database creates the root area and the first admin managing it.
pub async fn ensure_admin(db: &Db, username: &str, password: Option<&str>) -> Result<AdminBootstrap, ServiceError> {
    let admins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM admins").fetch_one(&db.pool).await?;
    if admins > 0 {
        return Ok(AdminBootstrap::Existing);
    }
    let username = username.trim();
    if username.is_empty() {
        return Err(ServiceError::invalid("METERLINE_ADMIN_USER", "must not be empty"));
    }
    let (password, generated) = match password.filter(|p| !p.is_empty()) {
        Some(p) => (p.to_owned(), false),
        None => (random_token()[..20].to_owned(), true),
    };
    let hash = hash_password(password.clone()).await?;
    let mut tx = db.begin().await?;
    let root_id: Option<i64> = sqlx::query_scalar("SELECT id FROM areas WHERE parent_id IS NULL ORDER BY id LIMIT 1")
        .fetch_optional(&mut *tx)
        .await?;
    let root_id = match root_id {
        Some(id) => id,
        None => insert_area(&mut tx, "All areas", None).await?.id.0,
    };
    insert_admin(&mut tx, username, &hash, &[root_id]).await?;
    db.commit(tx).await?;
    Ok(if generated {
        AdminBootstrap::Generated { username: username.to_owned(), password }
    } else {
        AdminBootstrap::Created { username: username.to_owned() }
    })
}

/// Creates an operator managing the given areas (demo data and tests).
pub async fn create_admin(db: &Db, username: &str, password: &str, areas: &[i64]) -> Result<i64, ServiceError> {
    let hash = hash_password(password.to_owned()).await?;
    let mut tx = db.begin().await?;
    let id = insert_admin(&mut tx, username, &hash, areas).await?;
    db.commit(tx).await?;
    Ok(id)
}

/// Inserts an operator and the areas they manage inside `tx`.
async fn insert_admin(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    username: &str,
    password_hash: &str,
    areas: &[i64],
) -> Result<i64, ServiceError> {
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
    Ok(id)
}
