//! The household's balance and top-up, and the top-up form operators use
//! too.

use crate::api::topups::{TopUp, form_key};
use crate::model::fixed::Money;
use crate::model::household::{CreditOutlook, Household};
use crate::model::meter::HouseholdMeter;
use crate::model::payment::{PaymentOption, ProviderId};
use crate::ui::components::{answer_or_refusal, count_hydrated, money};
use crate::ui::texts::{t, tf};
use crate::ui::words::{meter_name, outcome, provider};
use leptos::either::Either;
use leptos::prelude::*;

/// The balance, the days it lasts at recent use and the low-balance warning.
/// Server-rendered: a top-up ends on a fresh page (see `top_up`).
#[component]
pub(super) fn Balance(household: Household, outlook: CreditOutlook) -> impl IntoView {
    let estimate = match outlook.days_left {
        Some(days) => tf("balance-lasts", &[("spend", money(outlook.daily_spend)), ("days", days.to_string())]),
        None => t("balance-no-estimate"),
    };
    let warning = household.is_low().then(|| {
        let text = tf("balance-low", &[("warning", money(household.warn_money))]);
        view! { <p role="alert" class="mt-2 rounded bg-amber-100 p-2 text-amber-900">{text}</p> }
    });
    view! {
        <div class="rounded bg-white p-4 shadow">
            <p class="text-sm text-slate-500">{t("balance-title")}</p>
            <p class="text-3xl font-bold" data-testid="balance">{money(household.balance)}</p>
            <p class="mt-1 text-sm text-slate-600" data-testid="days-left">{estimate}</p>
            {warning}
        </div>
    }
}

/// The household's top-up form. A payment that goes through redirects to
/// the dashboard with its outcome; a declined one is answered in place.
#[island]
pub(super) fn HouseholdTopUp(meters: Vec<HouseholdMeter>, options: Vec<PaymentOption>, phone: String) -> impl IntoView {
    count_hydrated();
    let top_up = ServerAction::<TopUp>::new();
    view! { <TopUpForm meters top_up options phone /> }
}

/// How a household pays: the providers that are on, and the phone that pays.
#[component]
fn PayWith(options: Vec<PaymentOption>, phone: String) -> impl IntoView {
    if options.is_empty() {
        return Either::Left(view! {
            <p role="alert" class="w-full text-amber-900">{t("topup-not-set-up")}</p>
        });
    }
    let needs_phone = options.iter().any(|o| o.needs_phone);
    let sandbox = options.iter().any(|o| o.provider == ProviderId::Sandbox);
    Either::Right(view! {
        <div>
            <label for="provider" class="block text-sm font-medium">{t("topup-pay-with")}</label>
            <select id="provider" name="req[provider]" class="mt-1 rounded border p-2">
                {options.into_iter().map(|o| view! { <option value=o.provider.code()>{provider(o.provider)}</option> }).collect_view()}
            </select>
        </div>
        {needs_phone.then(|| view! {
            <div>
                <label for="phone" class="block text-sm font-medium">{t("topup-phone")}</label>
                <input id="phone" name="req[phone]" type="tel" inputmode="tel" autocomplete="tel" value=phone placeholder="0712 345 678" class="mt-1 w-40 rounded border p-2" />
            </div>
        })}
        {sandbox.then(|| view! { <p class="w-full text-xs text-slate-500">{t("topup-sandbox")}</p> })}
    })
}

/// Pay into a meter's account: through the payment provider for a household,
/// as cash taken at the desk for an operator (`cash`).
#[component]
pub fn TopUpForm(
    meters: Vec<HouseholdMeter>,
    top_up: ServerAction<TopUp>,
    #[prop(optional)] cash: bool,
    /// A household's ways to pay (empty for cash).
    #[prop(optional)]
    options: Vec<PaymentOption>,
    /// The household's phone, offered as the one that pays.
    #[prop(optional)]
    phone: String,
) -> impl IntoView {
    // One key per form shown: a double click or a resubmitted page pays once.
    let key = Resource::new(move || top_up.version().get(), |_| form_key());
    // Paying takes two clicks once hydrated: the first asks, naming amount and
    // meter; the second (the form's submit) pays. Without JavaScript the
    // first button submits at once.
    let labels = StoredValue::new(meters.iter().map(|m| (m.id.0.to_string(), meter_name(m))).collect::<Vec<_>>());
    let amount_input = NodeRef::<leptos::html::Input>::new();
    let meter_select = NodeRef::<leptos::html::Select>::new();
    let question = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        top_up.version().track();
        question.set(None);
    });
    let ask = move |ev: leptos::ev::MouseEvent| {
        let (Some(amount), Some(meter)) = (amount_input.get(), meter_select.get()) else { return };
        ev.prevent_default();
        // The browser names what is wrong with the amount, and nothing is asked.
        if !amount.report_validity() {
            return;
        }
        let text = amount.value();
        let sum = Money::parse(&text).map(money).unwrap_or(text);
        let id = meter.value();
        let label = labels.with_value(|l| l.iter().find(|(i, _)| *i == id).map(|(_, l)| l.clone())).unwrap_or_default();
        let key = if cash { "topup-ask-cash" } else { "topup-ask-pay" };
        question.set(Some(tf(key, &[("amount", sum), ("meter", label)])));
    };
    // A payment posted without JavaScript that failed comes back in the address.
    let answer = answer_or_refusal(top_up);
    let outcome = move || {
        answer().map(|r| match r {
            Ok(order) => {
                let text = outcome(&order);
                Either::Left(view! { <p role="status" class="text-teal-800">{text}</p> })
            }
            Err(e) => Either::Right(view! { <p role="alert" class="text-red-700">{crate::ui::words::error(&e)}</p> }),
        })
    };
    view! {
        <section class="rounded bg-white p-4 shadow" aria-labelledby="top-up-heading">
            <h2 id="top-up-heading" class="text-xl font-semibold mb-2">{t("topup-title")}</h2>
            {cash.then(|| view! { <p class="text-xs text-slate-500 mb-2">{t("topup-cash-note")}</p> })}
            <ActionForm action=top_up attr:class="flex flex-wrap items-end gap-2">
                <div>
                    <label for="meter" class="block text-sm font-medium">{t("topup-meter")}</label>
                    <select id="meter" name="req[meter_id]" node_ref=meter_select class="mt-1 rounded border p-2">
                        {labels.get_value().into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="amount" class="block text-sm font-medium">{t("topup-amount")}</label>
                    <input id="amount" name="req[amount]" node_ref=amount_input inputmode="decimal" required pattern="[0-9]+([.][0-9]{1,2})?" title=t("topup-amount-hint") placeholder="50.00" class="mt-1 w-32 rounded border p-2" />
                </div>
                {(!cash).then(|| view! { <PayWith options phone /> })}
                <Suspense fallback=|| ()>
                    {move || key.get().and_then(|k| k.ok()).map(|k| view! { <input type="hidden" name="req[idempotency_key]" value=k /> })}
                </Suspense>
                // An `Either`, not `<Show>`: its children would be an AnyView,
                // which costs the household's WASM a copy of every render path.
                {move || match question.get() {
                    None => Either::Left(view! {
                        <button type="submit" on:click=ask class="rounded bg-teal-700 px-4 py-2 text-white">
                            {if cash { t("topup-record-cash") } else { t("topup-pay") }}
                        </button>
                    }),
                    Some(text) => Either::Right(view! {
                        <p class="w-full font-medium" aria-live="polite">{text}</p>
                        <button type="submit" class="rounded bg-teal-700 px-4 py-2 text-white disabled:opacity-50" disabled=move || top_up.pending().get()>
                            {move || if top_up.pending().get() { t("topup-paying") } else { t("topup-confirm") }}
                        </button>
                        <button type="button" on:click=move |_| question.set(None) class="rounded border px-4 py-2">{t("topup-change")}</button>
                    }),
                }}
            </ActionForm>
            <div class="mt-2">{outcome}</div>
        </section>
    }
}
