//! One meter's panel on the household dashboard: use charts, payments,
//! bills (with "Pay from balance") and valve events.

use crate::api::billing::PayBill;
use crate::api::households::meter_history;
use crate::model::ValveState;
use crate::model::meter::HouseholdMeter;
use crate::ui::chart::BarChart;
use crate::ui::components::{ErrorNote, Loading, count_hydrated, local_time, money, reload_on_success};
use crate::ui::texts::t;
use crate::ui::words::{meter_name, order_state};
use leptos::either::Either;
use leptos::prelude::*;

/// One meter's use, payments, bills and valve events.
#[component]
pub(super) fn MeterPanel(meter: HouseholdMeter) -> impl IntoView {
    let id = meter.id;
    let history = Resource::new(|| (), move |_| meter_history(id));
    let title = meter_name(&meter);
    let unit = meter.energy_type.unit();
    let energy = meter.energy_type;
    let label = title.clone();
    view! {
        <section class="space-y-3 rounded bg-white p-4 shadow" aria-label=label>
            <h2 class="text-xl font-semibold">{title}</h2>
            <Suspense fallback=Loading>
                {move || history.get().map(|r| match r {
                    Err(e) => Either::Left(view! { <ErrorNote error=e /> }),
                    Ok(h) => {
                        // An empty list says so, rather than showing an empty box.
                        let none = |empty: bool, key: &'static str| {
                            empty.then(|| view! { <p class="text-sm text-slate-500">{t(key)}</p> })
                        };
                        let (no_orders, no_bills, no_valves) = (
                            none(h.orders.is_empty(), "history-no-payments"),
                            none(h.bills.is_empty(), "history-no-bills"),
                            none(h.valves.is_empty(), "history-no-valve-events"),
                        );
                        Either::Right(view! {
                            <div class="grid gap-3 md:grid-cols-2">
                                {
                                    let (days, show) = crate::ui::chart::usage(h.usage.days, energy);
                                    let (months, _) = crate::ui::chart::usage(h.usage.months, energy);
                                    view! {
                                        <BarChart title=t("history-last-30-days") unit bars=days show=show.clone() />
                                        <BarChart title=t("history-last-12-months") unit bars=months show />
                                    }
                                }
                            </div>
                            <Folded title=t("history-payments")>
                                {no_orders}
                                <ul class="text-sm" data-testid="payments">
                                    {h.orders.into_iter().map(|o| view! {
                                        <li class="border-t py-1">{local_time(o.created_at)} " · " {o.order_no} " · " {money(o.amount)} " · " {order_state(o.state)}</li>
                                    }).collect_view()}
                                </ul>
                            </Folded>
                            <Folded title=t("history-bills")>
                                {no_bills}
                                <ul class="text-sm">
                                    {h.bills.into_iter().map(|b| {
                                        let bill_id = b.id;
                                        view! {
                                            <li class="flex items-center justify-between border-t py-1">
                                                <span>{b.month.to_string()} " · " {crate::ui::words::reading(b.dosage, energy)} " · " {money(b.fee)}</span>
                                                {if b.paid {
                                                    Either::Left(view! { <span class="text-teal-800">{t("history-bill-paid")}</span> })
                                                } else {
                                                    Either::Right(view! { <PayFromBalance bill_id /> })
                                                }}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </Folded>
                            <Folded title=t("history-valve-events")>
                                {no_valves}
                                <ul class="text-sm">
                                    {h.valves.into_iter().map(|v| view! {
                                        <li class="border-t py-1">
                                            {local_time(v.at)} " · " {if v.execution == ValveState::Open { t("history-valve-opened") } else { t("history-valve-closed") }} " · " {v.cause} " · " {v.status}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </Folded>
                        })
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A list folded under its title.
#[component]
fn Folded(title: String, children: Children) -> impl IntoView {
    view! {
        <details class="rounded border p-2">
            <summary class="cursor-pointer font-medium">{title}</summary>
            {children()}
        </details>
    }
}

/// An unpaid bill's button. Paying changes the balance, the bill and the
/// history at once, so on success the page is read again.
#[island]
fn PayFromBalance(bill_id: i64) -> impl IntoView {
    count_hydrated();
    let pay = ServerAction::<PayBill>::new();
    reload_on_success(pay.value());
    view! {
        // A form, so the button pays without JavaScript as well (the page
        // comes back with the bill paid, or with the refusal at its top).
        <ActionForm action=pay attr:class="flex items-center gap-2">
            {move || pay.value().get().and_then(|r| r.err()).map(|e| view! { <span role="alert" class="text-red-700">{crate::ui::words::error(&e)}</span> })}
            <input type="hidden" name="bill_id" value=bill_id.to_string() />
            <button type="submit" class="rounded bg-teal-700 px-2 py-1 text-white disabled:opacity-50" disabled=move || pay.pending().get()>
                {t("history-pay-from-balance")}
            </button>
        </ActionForm>
    }
}
