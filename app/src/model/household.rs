//! Households: the customer accounts that hold a balance and own meters.

use super::auth::Password;
use super::fixed::Money;
use super::ids::{AreaId, HouseholdId};
use super::paging::PageRequest;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Household {
    pub id: HouseholdId,
    pub name: String,
    pub serialnumber: String,
    pub address: String,
    pub phone: String,
    pub area_id: AreaId,
    pub area_name: String,
    pub balance: Money,
    pub warn_money: Money,
    pub must_change_password: bool,
}

impl Household {
    /// Below the warning amount the household is told to top up.
    pub fn is_low(&self) -> bool {
        self.balance < self.warn_money
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewHousehold {
    pub area_id: AreaId,
    pub name: String,
    pub address: String,
    pub phone: String,
    /// `None` gives the vendor's default password, which must be changed at first sign-in.
    pub password: Option<Password>,
    pub warn_money: Money,
    /// Opening balance, written as an `opening` ledger entry.
    pub fee: Money,
}

/// A change to a household; `None` keeps the current value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct HouseholdPatch {
    pub name: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub password: Option<Password>,
    pub warn_money: Option<Money>,
    /// Sets the balance to this amount through an adjustment entry.
    pub fee: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdUpdate {
    pub id: HouseholdId,
    pub patch: HouseholdPatch,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdFilter {
    pub area_id: AreaId,
    pub id: Option<HouseholdId>,
    /// Case-insensitive substring of name, number, phone or address.
    pub search: Option<String>,
    pub page: PageRequest,
}
