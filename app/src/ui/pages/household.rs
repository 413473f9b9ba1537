//! The household dashboard: balance, warning, meters, top-up, password.

use crate::api::auth::ChangePassword;
use crate::api::billing::PayBill;
use crate::api::households::{meter_history, my_account};
use crate::api::topups::{TopUp, form_key};
use crate::model::ValveState;
use crate::model::dashboard::Bar;
use crate::model::fixed::{Money, Register};
use crate::model::household::{CreditOutlook, Household};
use crate::model::meter::HouseholdMeter;
use crate::model::order::OrderState;
use crate::ui::components::{BarChart, ErrorNote, Loading, count_hydrated};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
// Branches are `Either`s, not `into_any()`: every type made into an AnyView
// brings its own copy of each render path (async hydration included) into
// the WASM every household downloads.

/// Server-rendered: the page reads like a document before (and without)
/// JavaScript. The parts that act are islands: the wallet (balance and
/// top-up), the password form and each unpaid bill's button.
#[component]
pub fn Dashboard() -> impl IntoView {
    let account = Resource::new(|| (), |_| my_account());
    view! {
        <Suspense fallback=Loading>
            {move || account.get().map(|r| match r {
                Err(e) => EitherOf3::A(view! { <ErrorNote error=e /> }),
                Ok((household, _, _)) if household.must_change_password => {
                    EitherOf3::B(view! { <ChooseOwnPassword name=household.name.clone() /> })
                }
                Ok((household, meters, outlook)) => EitherOf3::C(view! { <Account household meters outlook /> }),
            })}
        </Suspense>
    }
}

#[component]
fn Account(household: Household, meters: Vec<HouseholdMeter>, outlook: CreditOutlook) -> impl IntoView {
    let name = household.name.clone();
    let panels = meters.clone();
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">{name}</h1>
            <Wallet household meters=meters.clone() outlook />
            <h2 class="text-xl font-semibold">"Meters"</h2>
            <ul class="grid gap-3 sm:grid-cols-2">
                {meters.into_iter().map(|m| view! {
                    <li class="rounded bg-white p-4 shadow">
                        <p class="font-medium">{m.energy_type.label()} " · " {m.serialnumber}</p>
                        <p class="text-sm">"Reading: " {m.reading.to_padded()} " " {m.energy_type.unit()}</p>
                        <p class="text-sm">"Valve: " {m.valve_state.label()}</p>
                        <p class="text-sm text-slate-500">"Last read: " {m.last_read_at.map(|t| t.text()).unwrap_or_else(|| "never".into())}</p>
                    </li>
                }).collect_view()}
            </ul>
            {panels.into_iter().map(|m| view! { <MeterPanel meter=m /> }).collect_view()}
        </section>
    }
}

/// The balance, its estimate and warning, and the top-up form. One island:
/// a top-up changes the figures shown above the form.
#[island]
fn Wallet(household: Household, meters: Vec<HouseholdMeter>, outlook: CreditOutlook) -> impl IntoView {
    count_hydrated();
    let top_up = ServerAction::<TopUp>::new();
    let account = RwSignal::new((household, outlook));
    // After each payment the balance (and so the estimate) is read again.
    Effect::new(move |_| {
        if top_up.version().get() > 0 {
            leptos::task::spawn_local(async move {
                if let Ok((household, _, outlook)) = my_account().await {
                    account.set((household, outlook));
                }
            });
        }
    });
    let balance = move || account.with(|(h, _)| h.balance.to_padded());
    let estimate = move || {
        account.with(|(_, outlook)| match outlook.days_left {
            Some(days) => format!(
                "At your recent use ({} a day), your balance lasts about {days} days.",
                outlook.daily_spend.to_padded()
            ),
            None => "No use in the last 30 days to estimate from.".to_owned(),
        })
    };
    let warning = move || {
        account.with(|(h, _)| {
            h.is_low().then(|| {
                let text = format!("Your balance is below {}. Please top up.", h.warn_money.to_padded());
                view! { <p role="alert" class="mt-2 rounded bg-amber-100 p-2 text-amber-900">{text}</p> }
            })
        })
    };
    view! {
        <div class="space-y-4">
            <div class="rounded bg-white p-4 shadow">
                <p class="text-sm text-slate-500">"Balance"</p>
                <p class="text-3xl font-bold" data-testid="balance">{balance}</p>
                <p class="mt-1 text-sm text-slate-600" data-testid="days-left">{estimate}</p>
                {warning}
            </div>
            <TopUpForm meters top_up />
        </div>
    }
}

/// Pay into a meter's account: through the payment provider for a household,
/// as cash taken at the desk for an operator (`cash`).
#[component]
pub fn TopUpForm(
    meters: Vec<HouseholdMeter>,
    top_up: ServerAction<TopUp>,
    #[prop(optional)] cash: bool,
) -> impl IntoView {
    // One key per form shown: a double click or a resubmitted page pays once.
    let key = Resource::new(move || top_up.version().get(), |_| form_key());
    // Paying takes two clicks once hydrated: the first asks, naming amount and
    // meter; the second (the form's submit) pays. Without JavaScript the
    // first button submits at once.
    let labels = StoredValue::new(
        meters
            .iter()
            .map(|m| (m.id.0.to_string(), format!("{} · {}", m.energy_type.label(), m.serialnumber)))
            .collect::<Vec<_>>(),
    );
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
        let sum = Money::parse(&text).map(|m| m.to_padded()).unwrap_or(text);
        let id = meter.value();
        let label = labels.with_value(|l| l.iter().find(|(i, _)| *i == id).map(|(_, l)| l.clone())).unwrap_or_default();
        let verb = if cash { "Record cash of" } else { "Pay" };
        question.set(Some(format!("{verb} {sum} into {label}?")));
    };
    let outcome = move || {
        top_up.value().get().map(|r| match r {
            Ok(order) => {
                let text = match order.state {
                    OrderState::Succeeded => {
                        format!("Payment {} succeeded: {} added.", order.order_no, order.amount.to_padded())
                    }
                    OrderState::Waiting | OrderState::InRecharge => {
                        format!("Payment {} is on its way to your meter.", order.order_no)
                    }
                    OrderState::Failed => format!("Payment {} failed: {}", order.order_no, order.result),
                };
                Either::Left(view! { <p role="status" class="text-teal-800">{text}</p> })
            }
            Err(e) => Either::Right(view! { <p role="alert" class="text-red-700">{e.to_string()}</p> }),
        })
    };
    view! {
        <section class="rounded bg-white p-4 shadow" aria-labelledby="top-up-heading">
            <h2 id="top-up-heading" class="text-xl font-semibold mb-2">"Top up"</h2>
            <p class="text-xs text-slate-500 mb-2">
                {if cash { "Records cash taken at the desk." } else { "Payments go through the sandbox provider: no real money moves." }}
            </p>
            <ActionForm action=top_up attr:class="flex flex-wrap items-end gap-2">
                <div>
                    <label for="meter" class="block text-sm font-medium">"Meter"</label>
                    <select id="meter" name="req[meter_id]" node_ref=meter_select class="mt-1 rounded border p-2">
                        {meters.into_iter().map(|m| view! {
                            <option value=m.id.0.to_string()>{format!("{} · {}", m.energy_type.label(), m.serialnumber)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="amount" class="block text-sm font-medium">"Amount"</label>
                    <input id="amount" name="req[amount]" node_ref=amount_input inputmode="decimal" required pattern="[0-9]+([.][0-9]{1,2})?" title="An amount like 50 or 12.50" placeholder="50.00" class="mt-1 w-32 rounded border p-2" />
                </div>
                <Suspense fallback=|| ()>
                    {move || key.get().and_then(|k| k.ok()).map(|k| view! { <input type="hidden" name="req[idempotency_key]" value=k /> })}
                </Suspense>
                // An `Either`, not `<Show>`: its children would be an AnyView,
                // which costs the household's WASM a copy of every render path.
                {move || match question.get() {
                    None => Either::Left(view! {
                        <button type="submit" on:click=ask class="rounded bg-teal-700 px-4 py-2 text-white">
                            {if cash { "Record cash" } else { "Pay" }}
                        </button>
                    }),
                    Some(text) => Either::Right(view! {
                        <p class="w-full font-medium" aria-live="polite">{text}</p>
                        <button type="submit" class="rounded bg-teal-700 px-4 py-2 text-white disabled:opacity-50" disabled=move || top_up.pending().get()>
                            {move || if top_up.pending().get() { "Paying…" } else { "Confirm" }}
                        </button>
                        <button type="button" on:click=move |_| question.set(None) class="rounded border px-4 py-2">"Change"</button>
                    }),
                }}
            </ActionForm>
            <div class="mt-2">{outcome}</div>
        </section>
    }
}

/// Shown instead of the account until the household has its own password;
/// once saved, the page is read again and shows the account.
#[island]
fn ChooseOwnPassword(name: String) -> impl IntoView {
    count_hydrated();
    let change = ServerAction::<ChangePassword>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = change.value().get() {
            let _ = window().location().reload();
        }
    });
    let error = move || change.value().get().and_then(|r| r.err());
    view! {
        <section class="mx-auto max-w-sm space-y-4">
            <h1 class="text-2xl font-semibold">"Welcome, " {name}</h1>
            <p>"Your password was set for you. Choose your own before you continue."</p>
            <ActionForm action=change attr:class="space-y-3 rounded bg-white p-4 shadow">
                <div>
                    <label for="current" class="block text-sm font-medium">"Current password"</label>
                    <input id="current" name="req[current]" type="password" required autocomplete="current-password" class="mt-1 w-full rounded border p-2" />
                </div>
                <div>
                    <label for="new" class="block text-sm font-medium">"New password (8 characters or more)"</label>
                    <input id="new" name="req[new]" type="password" required minlength="8" autocomplete="new-password" class="mt-1 w-full rounded border p-2" />
                </div>
                {move || error().map(|e| view! { <p role="alert" class="text-sm text-red-700">{e.to_string()}</p> })}
                <button type="submit" class="w-full rounded bg-teal-700 py-2 text-white">"Save password"</button>
            </ActionForm>
        </section>
    }
}

fn bars(values: Vec<Bar<Register>>) -> Vec<(String, i64, String)> {
    values.into_iter().map(|b| (b.label, b.value.minor(), b.value.to_padded())).collect()
}

/// One meter's use, payments, bills and valve events.
#[component]
fn MeterPanel(meter: HouseholdMeter) -> impl IntoView {
    let id = meter.id;
    let history = Resource::new(|| (), move |_| meter_history(id));
    let title = format!("{} · {}", meter.energy_type.label(), meter.serialnumber);
    let unit = meter.energy_type.unit();
    let label = title.clone();
    view! {
        <section class="space-y-3 rounded bg-white p-4 shadow" aria-label=label>
            <h2 class="text-xl font-semibold">{title}</h2>
            <Suspense fallback=Loading>
                {move || history.get().map(|r| match r {
                    Err(e) => Either::Left(view! { <ErrorNote error=e /> }),
                    Ok(h) => {
                        Either::Right(view! {
                            <div class="grid gap-3 md:grid-cols-2">
                                <BarChart title="Last 30 days".into() unit bars=bars(h.usage.days) />
                                <BarChart title="Last 12 months".into() unit bars=bars(h.usage.months) />
                            </div>
                            <details class="rounded border p-2">
                                <summary class="cursor-pointer font-medium">"Payments"</summary>
                                <ul class="text-sm">
                                    {h.orders.into_iter().map(|o| view! {
                                        <li class="border-t py-1">{o.created_at.text()} " · " {o.order_no} " · " {o.amount.to_padded()} " · " {format!("{:?}", o.state)}</li>
                                    }).collect_view()}
                                </ul>
                            </details>
                            <details class="rounded border p-2">
                                <summary class="cursor-pointer font-medium">"Bills"</summary>
                                <ul class="text-sm">
                                    {h.bills.into_iter().map(|b| {
                                        let bill_id = b.id;
                                        view! {
                                            <li class="flex items-center justify-between border-t py-1">
                                                <span>{b.month.to_string()} " · " {b.dosage.to_padded()} " " {unit} " · " {b.fee.to_padded()}</span>
                                                {if b.paid {
                                                    Either::Left(view! { <span class="text-teal-800">"paid"</span> })
                                                } else {
                                                    Either::Right(view! { <PayFromBalance bill_id /> })
                                                }}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </details>
                            <details class="rounded border p-2">
                                <summary class="cursor-pointer font-medium">"Valve events"</summary>
                                <ul class="text-sm">
                                    {h.valves.into_iter().map(|v| view! {
                                        <li class="border-t py-1">
                                            {v.at.text()} " · " {if v.execution == ValveState::Open { "opened" } else { "closed" }} " · " {v.cause} " · " {v.status}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </details>
                        })
                    }
                })}
            </Suspense>
        </section>
    }
}

/// An unpaid bill's button. Paying changes the balance, the bill and the
/// history at once, so on success the page is read again.
#[island]
fn PayFromBalance(bill_id: i64) -> impl IntoView {
    count_hydrated();
    let pay = ServerAction::<PayBill>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = pay.value().get() {
            let _ = window().location().reload();
        }
    });
    view! {
        <span class="flex items-center gap-2">
            {move || pay.value().get().and_then(|r| r.err()).map(|e| view! { <span role="alert" class="text-red-700">{e.to_string()}</span> })}
            <button class="rounded bg-teal-700 px-2 py-1 text-white disabled:opacity-50" disabled=move || pay.pending().get()
                on:click=move |_| { pay.dispatch(PayBill { bill_id }); }>
                "Pay from balance"
            </button>
        </span>
    }
}
