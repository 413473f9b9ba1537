//! The public holidays of friendly credit: every operator reads the list;
//! operators of a top area (the installation's) change it, since it holds
//! for every meter.

use crate::backend::auth::Caller;
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::store::friendly_days as store;
use crate::model::friendly::FriendlyDay;
use chrono::NaiveDate;

use super::required_text;

fn day_of(raw: &str) -> Result<NaiveDate, ServiceError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| ServiceError::invalid("day", format!("must be a date as YYYY-MM-DD, got {raw:?}")))
}

/// Only an operator of a top area changes the installation's holidays.
fn require_installation(caller: &Caller) -> Result<(), ServiceError> {
    if caller.admin()?.manages_a_top_level_area() {
        Ok(())
    } else {
        Err(ServiceError::Forbidden("holidays hold for every meter: an operator of the top area lists them".into()))
    }
}

pub async fn list(db: &Db, caller: &Caller) -> Result<Vec<FriendlyDay>, ServiceError> {
    caller.admin()?;
    store::list(db).await
}

/// Lists a holiday (`day` as YYYY-MM-DD).
pub async fn add(db: &Db, caller: &Caller, day: &str, name: &str) -> Result<FriendlyDay, ServiceError> {
    require_installation(caller)?;
    let day = FriendlyDay { day: day_of(day)?, name: required_text("name", name, 60)? };
    store::create(db, &day, &caller.actor(), now()).await?;
    Ok(day)
}

/// Takes a holiday off the list.
pub async fn remove(db: &Db, caller: &Caller, day: &str) -> Result<(), ServiceError> {
    require_installation(caller)?;
    let day = day_of(day)?;
    if !store::delete(db, day).await? {
        return Err(ServiceError::not_found(format!("{day} is not a listed holiday")));
    }
    Ok(())
}
