//! First start: the root area and the first operator.

use super::auth::{hash_password, random_token};
use super::db::Db;
use super::error::ServiceError;
use super::services::areas::insert_area;
use super::store::{admins, areas};

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
    if admins::count(db).await? > 0 {
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
    let root_id = areas::first_root(&mut tx).await?;
    let root_id = match root_id {
        Some(id) => id,
        None => insert_area(&mut tx, "All areas", None).await?.id.0,
    };
    admins::create(&mut tx, username, &hash, &[root_id]).await?;
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
    let id = admins::create(&mut tx, username, &hash, areas).await?.0;
    db.commit(tx).await?;
    Ok(id)
}
