//! Households: add, modify, list, and the password a household signs in with.

use crate::backend::auth::{Caller, hash_password, verify_password};
use crate::backend::clock::now;
use crate::backend::db::Db;
use crate::backend::error::ServiceError;
use crate::backend::scope::{require_area, require_household};
use crate::backend::store::households::{self as store, HouseholdChange, NewHouseholdRow};
use crate::backend::store::ledger::{self, Entry, EntryKind, MAX_BALANCE};
use crate::model::auth::{Password, PasswordChange, Role};
use crate::model::fixed::Money;
use crate::model::household::{
    AddedHousehold, CreditOutlook, Household, HouseholdFilter, HouseholdSaved, HouseholdUpdate, NewHousehold, Welcome,
};
use crate::model::ids::{AreaId, HouseholdId};
use crate::model::paging::Page;
use crate::model::time::Timestamp;
use sqlx::{Any, Transaction};

use super::{optional_text, required_text};

/// The vendor's default household password. A household that has it must
/// choose its own at first sign-in.
/// The vendor's default password: clients still send it, and it is never a
/// household's own choice.
pub const DEFAULT_PASSWORD: &str = "123456";

/// A first password for a household nobody gave one: 12 characters of an
/// alphabet without look-alikes (no 0/o, 1/l/i), in groups of four, about 59
/// bits. Read off a slip and typed once on a phone.
pub fn first_password() -> Password {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    let mut out = String::with_capacity(14);
    for i in 0..12 {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]));
    }
    Password(out)
}

fn check_money(field: &str, m: Money) -> Result<(), ServiceError> {
    if m.minor().abs() > MAX_BALANCE.minor() {
        return Err(ServiceError::invalid(field, format!("must be between -{MAX_BALANCE} and {MAX_BALANCE}")));
    }
    Ok(())
}

/// Passwords an operator sets: at least 6 characters (the vendor's default is 6).
fn check_admin_set_password(p: &Password) -> Result<(), ServiceError> {
    let n = p.0.chars().count();
    if !(6..=128).contains(&n) {
        return Err(ServiceError::invalid("householdPassword", "must be 6 to 128 characters"));
    }
    Ok(())
}

/// The password an operator or old client gives, kept as given (and to be
/// changed at first sign-in); or, when none is given or it is the vendor's
/// default, a random first password to show once. `123456` is the first
/// password anyone tries on a household number, and numbers are easy to
/// guess, so it never opens a household.
fn password_or_first(given: Option<&Password>) -> Result<(String, Option<Password>), ServiceError> {
    match given {
        Some(p) if p.0 != DEFAULT_PASSWORD => {
            check_admin_set_password(p)?;
            Ok((p.0.clone(), None))
        }
        _ => {
            let chosen = first_password();
            Ok((chosen.0.clone(), Some(chosen)))
        }
    }
}

/// Fields of a new household, validated. Shared by `addHousehold` and the
/// household `addMeter` creates.
pub(crate) struct HouseholdFields {
    pub area: AreaId,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub password_hash: String,
    /// The password the platform chose, to show once (`None` when given).
    pub first_password: Option<Password>,
    pub warn_money: Money,
    pub fee: Money,
}

impl HouseholdFields {
    pub async fn from_request(req: &NewHousehold) -> Result<Self, ServiceError> {
        let name = required_text("householdName", &req.name, 100)?;
        let address = optional_text("householdAddress", &req.address, 200)?;
        let phone = optional_text("householdPhone", &req.phone, 40)?;
        check_money("householdWarnMoney", req.warn_money)?;
        check_money("householdFee", req.fee)?;
        if req.warn_money.is_negative() {
            return Err(ServiceError::invalid("householdWarnMoney", "must not be negative"));
        }
        let (password, first_password) = password_or_first(req.password.as_ref())?;
        Ok(Self {
            area: req.area_id,
            name,
            address,
            phone,
            password_hash: hash_password(password).await?,
            first_password,
            warn_money: req.warn_money,
            fee: req.fee,
        })
    }
}

/// Inserts a household and its opening balance inside `tx`.
pub(crate) async fn insert_household(
    tx: &mut Transaction<'static, Any>,
    f: &HouseholdFields,
    actor: &str,
) -> Result<AddedHousehold, ServiceError> {
    let at = now();
    let row = NewHouseholdRow {
        area: f.area,
        name: &f.name,
        address: &f.address,
        phone: &f.phone,
        password_hash: &f.password_hash,
        warn_money: f.warn_money,
        at,
    };
    let (household, serialnumber) = store::create(tx, row).await?;
    if f.fee != Money::ZERO {
        ledger::post(
            tx,
            Entry {
                household,
                meter: None,
                kind: EntryKind::Opening,
                amount: f.fee,
                cause: "opening balance",
                actor,
                at,
            },
        )
        .await?;
    }
    let welcome = f.first_password.clone().map(|password| Welcome {
        household_id: household,
        serialnumber,
        name: f.name.clone(),
        password,
    });
    Ok(AddedHousehold { id: household, welcome })
}

/// Adds a household; its welcome (number and first password) is in the
/// answer when the platform chose the password, and nowhere else, ever.
pub async fn add_household(db: &Db, caller: &Caller, req: NewHousehold) -> Result<AddedHousehold, ServiceError> {
    require_area(db, caller, req.area_id).await?;
    let fields = HouseholdFields::from_request(&req).await?;
    let mut tx = db.begin().await?;
    let added = insert_household(&mut tx, &fields, &caller.actor()).await?;
    db.commit(tx).await?;
    Ok(added)
}

/// Sets the balance to `target` with an adjustment entry (none when equal).
/// `field` names the input in errors.
pub(crate) async fn adjust_balance_to(
    tx: &mut Transaction<'static, Any>,
    household: HouseholdId,
    target: Money,
    field: &str,
    cause: &str,
    actor: &str,
) -> Result<(), ServiceError> {
    // Locked, so no top-up can slip in between reading the balance and
    // posting the difference.
    let current = store::lock_balance(tx, household).await?;
    let delta = target.checked_sub(current).ok_or_else(|| ServiceError::invalid(field, "is out of range"))?;
    if delta != Money::ZERO {
        ledger::post(
            tx,
            Entry { household, meter: None, kind: EntryKind::Adjustment, amount: delta, cause, actor, at: now() },
        )
        .await?;
    }
    Ok(())
}

pub async fn modify_household(
    db: &Db,
    settings: &crate::backend::state::Settings,
    caller: &Caller,
    req: HouseholdUpdate,
) -> Result<HouseholdSaved, ServiceError> {
    caller.admin()?;
    require_household(db, caller, req.id).await?;
    let p = &req.patch;
    let name = p.name.as_deref().map(|n| required_text("householdName", n, 100)).transpose()?;
    let address = p.address.as_deref().map(|a| optional_text("householdAddress", a, 200)).transpose()?;
    let phone = p.phone.as_deref().map(|a| optional_text("householdPhone", a, 40)).transpose()?;
    if let Some(w) = p.warn_money {
        check_money("householdWarnMoney", w)?;
        if w.is_negative() {
            return Err(ServiceError::invalid("householdWarnMoney", "must not be negative"));
        }
    }
    if let Some(fee) = p.fee {
        check_money("householdFee", fee)?;
    }
    let (password_hash, first_password) = match &p.password {
        Some(pw) => {
            let (password, first) = password_or_first(Some(pw))?;
            (Some(hash_password(password).await?), first)
        }
        None => (None, None),
    };
    let actor = caller.actor();
    let mut tx = db.begin().await?;
    let change = HouseholdChange { name, address, phone, warn_money: p.warn_money, password_hash };
    store::update(&mut tx, req.id, change).await?;
    if p.password.is_some() {
        crate::backend::auth::end_sessions(&mut tx, Role::Household, req.id.0, None).await?;
    }
    if let Some(fee) = p.fee {
        adjust_balance_to(&mut tx, req.id, fee, "householdFee", "balance set by operator (modifyHousehold)", &actor)
            .await?;
        super::valve_switching::apply_balance_rule(&mut tx, req.id, settings).await?;
    }
    db.commit(tx).await?;
    if p.password.is_some() {
        db.caches.tokens.clear();
    }
    Ok(HouseholdSaved { id: req.id, first_password })
}

pub async fn list_households(db: &Db, caller: &Caller, f: HouseholdFilter) -> Result<Page<Household>, ServiceError> {
    let scope = require_area(db, caller, f.area_id).await?;
    let (rows, total) = store::list(db, &scope.subtree_pattern(), &f).await?;
    Ok(Page { rows, number: f.page.number(), size: f.page.size(), total_rows: total })
}

pub async fn get_household(db: &Db, caller: &Caller, id: HouseholdId) -> Result<Household, ServiceError> {
    require_household(db, caller, id).await?;
    store::get(db, id).await
}

/// How long the household's balance lasts at what its meters were charged
/// lately: all its meters draw on the one balance, whatever their tariffs.
/// The signed-in household's dashboard: itself, its meters as it knows them,
/// and how long its balance lasts.
pub async fn dashboard(
    db: &Db,
    caller: &Caller,
) -> Result<(Household, Vec<crate::model::meter::HouseholdMeter>, CreditOutlook), ServiceError> {
    let Caller::Household { id, .. } = caller else {
        return Err(ServiceError::Forbidden("households only".into()));
    };
    let household = get_household(db, caller, *id).await?;
    let meters = super::meters::household_meters(db, caller, *id).await?.iter().map(|m| m.summary()).collect();
    let outlook = credit_outlook(db, caller, *id).await?;
    Ok((household, meters, outlook))
}

pub async fn credit_outlook(db: &Db, caller: &Caller, id: HouseholdId) -> Result<CreditOutlook, ServiceError> {
    require_household(db, caller, id).await?;
    let at = now().0;
    let (balance, spent, first_at) = store::spending(db, id, Timestamp(at - CreditOutlook::WINDOW_SECONDS)).await?;
    let seconds = first_at.map_or(CreditOutlook::WINDOW_SECONDS, |first| at - first.0);
    Ok(CreditOutlook::from_spending(balance, spent, seconds))
}

/// A household changes its own password: the current one must match, the new
/// one must be at least 8 characters and not the default. Every other
/// session of the household ends; `keep` (the caller's own) stays.
pub async fn change_own_password(
    db: &Db,
    caller: &Caller,
    req: PasswordChange,
    keep: Option<&str>,
) -> Result<(), ServiceError> {
    let Caller::Household { id, .. } = caller else {
        return Err(ServiceError::Forbidden("households only".into()));
    };
    let n = req.new.0.chars().count();
    if !(8..=128).contains(&n) {
        return Err(ServiceError::invalid("new", "must be 8 to 128 characters"));
    }
    if req.new.0 == DEFAULT_PASSWORD || req.new.0 == req.current.0 {
        return Err(ServiceError::invalid("new", "choose a password different from the current one"));
    }
    let hash = store::password_hash(db, *id).await?;
    if !verify_password(req.current.0.clone(), hash).await? {
        return Err(ServiceError::invalid("current", "is not your current password"));
    }
    let new_hash = hash_password(req.new.0.clone()).await?;
    let mut tx = db.begin().await?;
    store::set_own_password(&mut tx, *id, &new_hash).await?;
    crate::backend::auth::end_sessions(&mut tx, Role::Household, id.0, keep).await?;
    db.commit(tx).await?;
    db.caches.tokens.clear();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::first_password;

    #[test]
    fn first_passwords_are_random_readable_and_long_enough() {
        let a = first_password().0;
        assert_eq!(a.len(), 14);
        assert_eq!(a.matches('-').count(), 2);
        assert!(a.chars().all(|c| c == '-' || (c.is_ascii_alphanumeric() && !"01ilo".contains(c))), "{a}");
        let many: std::collections::HashSet<String> = (0..200).map(|_| first_password().0).collect();
        assert_eq!(many.len(), 200, "no repeats");
        assert!(!many.contains(super::DEFAULT_PASSWORD));
    }
}
