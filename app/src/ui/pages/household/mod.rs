//! The household dashboard: balance, warning, meters, top-up, password.
//!
//! Branches are `Either`s, not `into_any()`: every type made into an AnyView
//! brings its own copy of each render path (async hydration included) into
//! the WASM every household downloads.

mod meter_panel;
mod wallet;

pub use wallet::TopUpForm;

use crate::api::auth::ChangePassword;
use crate::api::households::my_account;
use crate::api::topups::{payment_options, top_up_outcome};
use crate::model::AppError;
use crate::model::household::{CreditOutlook, Household};
use crate::model::meter::HouseholdMeter;
use crate::model::order::PaymentOrder;
use crate::model::payment::PaymentOption;
use crate::ui::components::{
    ErrorNote, Loading, ZoneNote, answer_or_refusal, count_hydrated, failed_without_script, local_time_or_never,
    provide_clock, reload_on_success,
};
use crate::ui::texts::{t, tf};
use crate::ui::words::{meter_name, outcome, valve};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use meter_panel::MeterPanel;
use wallet::{Balance, HouseholdTopUp};

/// Server-rendered: the page reads like a document before (and without)
/// JavaScript. The parts that act are islands: the top-up form, the
/// password form and each unpaid bill's button.
#[component]
pub fn Dashboard() -> impl IntoView {
    provide_clock();
    let account = Resource::new(|| (), |_| my_account());
    let options = Resource::new(|| (), |_| payment_options());
    let alerts = Resource::new(
        || (),
        |_| {
            crate::api::alerts::list_alerts(
                crate::model::alert::AlertFilter::default(),
                crate::model::paging::PageRequest::at(1, 20),
            )
        },
    );
    // A top-up ends here with its order's number in the address.
    let paid = use_query_map().with_untracked(|q| q.get("paid"));
    let outcome = Resource::new(
        move || paid.clone(),
        |paid| async move {
            match paid {
                Some(order_no) => top_up_outcome(order_no).await.ok().flatten(),
                None => None,
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || account.get().map(|r| match r {
                // The server answers nothing else until the household has
                // its own password (a first one was set for it).
                Err(AppError::MustChangePassword { name }) => {
                    EitherOf3::B(view! { <ChooseOwnPassword name /> })
                }
                // Signed out (or the session ended): the way on is signing in.
                Err(AppError::Unauthenticated) => {
                    #[cfg(feature = "ssr")]
                    leptos_axum::redirect("/?next=household");
                    EitherOf3::A(view! { <ErrorNote error=AppError::Unauthenticated /> })
                }
                Err(e) => EitherOf3::A(view! { <ErrorNote error=e /> }),
                Ok((household, meters, outlook)) => {
                    let paid = outcome.get().flatten();
                    let options = options.get().and_then(Result::ok).unwrap_or_default();
                    let alerts = alerts.get().and_then(Result::ok).map(|p| p.rows).unwrap_or_default();
                    EitherOf3::C(view! { <Account household meters outlook paid options alerts /> })
                }
            })}
        </Suspense>
    }
}

#[component]
fn Account(
    household: Household,
    meters: Vec<HouseholdMeter>,
    outlook: CreditOutlook,
    /// The order a top-up just made, if the page follows one.
    paid: Option<PaymentOrder>,
    options: Vec<PaymentOption>,
    /// What the household should know now (low balance, supply cut, leak).
    alerts: Vec<crate::model::alert::Alert>,
) -> impl IntoView {
    let name = household.name.clone();
    let phone = household.phone.clone();
    let panels = meters.clone();
    let outcome = paid.map(|order| {
        // While the payer approves, the page reloads itself (with or
        // without JavaScript) until the order ends.
        let follow = order.state.is_open().then(|| view! { <meta http-equiv="refresh" content="4" /> });
        view! {
            {follow}
            <p role="status" class="rounded bg-teal-50 p-3 text-teal-900" data-testid="payment-outcome">{outcome(&order)}</p>
        }
    });
    // A bill paid without JavaScript that was refused: said once, on top.
    let bill_refused = failed_without_script::<crate::api::billing::PayBill>().map(
        |e| view! { <p role="alert" class="rounded bg-red-50 p-3 text-red-800">{crate::ui::words::error(&e)}</p> },
    );
    let notices = (!alerts.is_empty()).then(|| {
        view! {
            <div class="rounded border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="household-alerts">
                <h2 class="font-semibold">{t("household-alerts-heading")}</h2>
                <ul class="ms-4 list-disc">
                    {alerts.iter().map(|a| view! { <li>{crate::ui::words::household_alert(a)}</li> }).collect_view()}
                </ul>
            </div>
        }
    });
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">{name}</h1>
            <ZoneNote />
            {notices}
            {outcome}
            {bill_refused}
            <Balance household outlook />
            <HouseholdTopUp meters=meters.clone() options phone />
            <h2 class="text-xl font-semibold">{t("household-meters")}</h2>
            <ul class="grid gap-3 sm:grid-cols-2">
                {meters.into_iter().map(|m| view! {
                    <li class="rounded bg-white p-4 shadow">
                        <p class="font-medium">{meter_name(&m)}</p>
                        <p class="text-sm">{tf("household-reading", &[("value", crate::ui::words::register(m.reading, m.energy_type)), ("unit", m.energy_type.unit().to_owned())])}</p>
                        <p class="text-sm">{tf("household-valve", &[("state", valve(m.valve_state))])}</p>
                        <p class="text-sm text-slate-500">{tf("household-last-read", &[("time", local_time_or_never(m.last_read_at))])}</p>
                    </li>
                }).collect_view()}
            </ul>
            {panels.into_iter().map(|m| view! { <MeterPanel meter=m /> }).collect_view()}
        </section>
    }
}

/// Shown instead of the account until the household has its own password;
/// once saved, the page is read again and shows the account.
#[island]
fn ChooseOwnPassword(name: String) -> impl IntoView {
    count_hydrated();
    let change = ServerAction::<ChangePassword>::new();
    reload_on_success(change.value());
    let answer = answer_or_refusal(change);
    let error = move || answer().and_then(Result::err);
    view! {
        <section class="mx-auto max-w-sm space-y-4">
            <h1 class="text-2xl font-semibold">{tf("password-welcome", &[("name", name)])}</h1>
            <p>{t("password-set-for-you")}</p>
            <ActionForm action=change attr:class="space-y-3 rounded bg-white p-4 shadow">
                <div>
                    <label for="current" class="block text-sm font-medium">{t("password-current")}</label>
                    <input id="current" name="req[current]" type="password" required autocomplete="current-password" class="mt-1 w-full rounded border p-2" />
                </div>
                <div>
                    <label for="new" class="block text-sm font-medium">{t("password-new")}</label>
                    <input id="new" name="req[new]" type="password" required minlength="8" autocomplete="new-password" class="mt-1 w-full rounded border p-2" />
                </div>
                {move || error().map(|e| view! { <p role="alert" class="text-sm text-red-700">{crate::ui::words::error(&e)}</p> })}
                <button type="submit" class="w-full rounded bg-teal-700 py-2 text-white">{t("password-save")}</button>
            </ActionForm>
        </section>
    }
}
