//! Editing a household: name, phone, address, the warning amount, and a new
//! password the household must change at its next sign-in. Money moves
//! through top-ups, refunds and bills, never through this form.

use super::home_area;
use crate::api::households::{ModifyHousehold, list_households};
use crate::model::AppError;
use crate::model::auth::Password;
use crate::model::fixed::Money;
use crate::model::household::{Household, HouseholdFilter, HouseholdPatch, HouseholdUpdate};
use crate::model::ids::HouseholdId;
use crate::model::paging::PageRequest;
use crate::ui::components::{ErrorNote, Field, FormOutcome, Loading, money, provide_clock};
use crate::ui::texts::{t, tf};
use leptos::prelude::*;

const FIELDS: &[&str] =
    &["householdName", "householdPhone", "householdAddress", "householdWarnMoney", "householdPassword"];

/// Loads household `id` (within the operator's areas) and shows its form.
#[component]
pub fn EditHousehold(id: HouseholdId, modify: ServerAction<ModifyHousehold>) -> impl IntoView {
    provide_clock();
    let found = Resource::new(
        move || id,
        |id| async move {
            let area_id = home_area().await?;
            let page = PageRequest::new(Some(1), Some(1)).map_err(|(f, m)| AppError::invalid(f, m))?;
            let found = list_households(HouseholdFilter { area_id, id: Some(id), search: None, page }).await?;
            let missing = || AppError::NotFound(tf("admin-household-edit-not-found", &[("id", id.0.to_string())]));
            found.rows.into_iter().next().ok_or_else(missing)
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || found.get().map(|r| match r {
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                Ok(household) => view! { <EditHouseholdForm household modify /> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn EditHouseholdForm(household: Household, modify: ServerAction<ModifyHousehold>) -> impl IntoView {
    let id = household.id;
    let name = RwSignal::new(household.name.clone());
    let phone = RwSignal::new(household.phone.clone());
    let address = RwSignal::new(household.address.clone());
    let warn = RwSignal::new(household.warn_money.to_string());
    let password = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || local_error.get().or_else(|| modify.value().get().and_then(|r| r.err())));
    let done = Signal::derive(move || {
        modify.value().get().and_then(|r| r.ok()).map(|saved| match saved.first_password {
            // The vendor's default never opens a household: a random one replaced it.
            Some(p) => {
                tf("admin-household-edit-saved-with-password", &[("id", saved.id.0.to_string()), ("password", p.0)])
            }
            None => tf("admin-household-edit-saved", &[("id", saved.id.0.to_string())]),
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let build = || -> Result<HouseholdPatch, AppError> {
            let warn_money = Money::parse(warn.get_untracked().trim())
                .map_err(|e| AppError::invalid("householdWarnMoney", e.to_string()))?;
            let new_password = password.get_untracked();
            Ok(HouseholdPatch {
                name: Some(name.get_untracked()),
                address: Some(address.get_untracked()),
                phone: Some(phone.get_untracked()),
                // Empty keeps the household's password.
                password: (!new_password.is_empty()).then_some(Password(new_password)),
                warn_money: Some(warn_money),
                fee: None,
            })
        };
        match build() {
            Ok(patch) => {
                local_error.set(None);
                password.set(String::new());
                modify.dispatch(ModifyHousehold { req: HouseholdUpdate { id, patch } });
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    view! {
        <div class="rounded bg-white p-4 shadow">
            <h2 class="mb-2 text-lg font-semibold">{tf("admin-household-edit-heading", &[("number", household.serialnumber)])}</h2>
            <p class="mb-2 text-sm text-slate-500">{tf("admin-household-edit-balance", &[("balance", money(household.balance))])}</p>
            <form on:submit=submit class="grid gap-3 sm:grid-cols-2">
                <Field form="edit-" label=t("admin-household-edit-household-name") name="householdName" value=name error required=true />
                <Field form="edit-" label=t("admin-household-edit-phone") name="householdPhone" value=phone error />
                <Field form="edit-" label=t("admin-household-edit-address") name="householdAddress" value=address error />
                <Field form="edit-" label=t("admin-household-edit-warn-below") name="householdWarnMoney" value=warn error />
                <Field form="edit-" label=t("admin-household-edit-new-password") name="householdPassword" value=password error kind="password" />
                <div class="space-y-2 sm:col-span-2">
                    <FormOutcome error done fields=FIELDS />
                    <button type="submit" class="rounded bg-teal-700 px-4 py-2 text-white disabled:opacity-50" disabled=move || modify.pending().get()>{t("admin-household-edit-save")}</button>
                    <a href="/admin/households" class="ms-3 text-sm text-teal-800 underline">{t("admin-household-edit-close")}</a>
                </div>
            </form>
        </div>
    }
}
