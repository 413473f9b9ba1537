//! One meter: its archive, charts, latest readings, valve switching with the
//! command's progress followed live, cash top-up, remove and recover.

use crate::api::commands::{SetValve, SettleCredit, list_commands};
use crate::api::dashboard::meter_usage;
use crate::api::lifecycle::{RecoverMeter, RemoveMeter, ReplaceMeter};
use crate::api::meters::{get_meter, meter_network};
use crate::api::records::list_readings;
use crate::api::topups::{RecheckOrder, RefundOrder, TopUp, list_orders};
use crate::model::command::CommandKind;
use crate::model::command::{CommandFilter, CommandRow, CommandState};
use crate::model::ids::{CommandId, DevEui, MeterId};
use crate::model::meter::{MeterArchive, MeterRef, MeterStatus};
use crate::model::paging::PageRequest;
use crate::model::price::{PricePlan, Tariff};
use crate::model::reading::ReadingFilter;
use crate::model::time::Timestamp;
use crate::model::{PayMode, ValveState};
use crate::ui::chart::BarChart;
use crate::ui::components::{
    ConfirmButton, ErrorNote, Loading, ZoneNote, local_time, local_time_or_never, money, provide_clock,
};
use crate::ui::pages::household::TopUpForm;
use crate::ui::texts::{t, tf};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// How often the page asks after a command still on its way.
const POLL: std::time::Duration = std::time::Duration::from_secs(2);

#[component]
pub fn MeterPage() -> impl IntoView {
    provide_clock();
    let params = use_params_map();
    let id = move || params.get().get("id").and_then(|s| s.parse::<i64>().ok()).map(MeterId);
    let top_up = ServerAction::<TopUp>::new();
    let remove = ServerAction::<RemoveMeter>::new();
    let recover = ServerAction::<RecoverMeter>::new();
    let replace = ServerAction::<ReplaceMeter>::new();
    let refund = ServerAction::<RefundOrder>::new();
    let meter = Resource::new(
        move || {
            let versions = (remove.version().get(), recover.version().get(), replace.version().get());
            (id(), top_up.version().get(), refund.version().get(), versions)
        },
        |(id, ..)| async move {
            match id {
                Some(id) => get_meter(MeterRef::Id(id)).await,
                None => Err(crate::model::AppError::NotFound(t("admin-meter-not-found"))),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || meter.get().map(|r| match r {
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                Ok((archive, plan)) => view! { <MeterDetail archive plan top_up remove recover replace refund /> }.into_any(),
            })}
        </Suspense>
    }
}

fn tariff_text(plan: &PricePlan) -> String {
    match &plan.tariff {
        Tariff::Flat(p) => {
            format!("{} · {}", plan.name, tf("admin-meter-tariff-flat", &[("flat", crate::ui::words::unit_price(*p))]))
        }
        Tariff::TimeOfUse { flat, peak, valley, tip, .. } => format!(
            "{} · {}",
            plan.name,
            tf(
                "admin-meter-tariff-time-of-use",
                &[
                    ("flat", crate::ui::words::unit_price(*flat)),
                    ("peak", crate::ui::words::unit_price(*peak)),
                    ("valley", crate::ui::words::unit_price(*valley)),
                    ("tip", crate::ui::words::unit_price(*tip)),
                ],
            )
        ),
    }
}

#[component]
fn MeterDetail(
    archive: MeterArchive,
    plan: PricePlan,
    top_up: ServerAction<TopUp>,
    remove: ServerAction<RemoveMeter>,
    recover: ServerAction<RecoverMeter>,
    replace: ServerAction<ReplaceMeter>,
    refund: ServerAction<RefundOrder>,
) -> impl IntoView {
    let id = archive.id;
    let old_eui = archive.dev_eui.clone();
    let active = archive.status == MeterStatus::Active;
    let pay_mode = match archive.pay_mode {
        PayMode::Prepaid => "admin-meter-pay-mode-prepaid",
        PayMode::Postpaid => "admin-meter-pay-mode-postpaid",
    };
    let status = match archive.status {
        MeterStatus::Active => "admin-meter-status-active",
        MeterStatus::Removed => "admin-meter-status-removed",
    };
    let facts = vec![
        (t("admin-meter-fact-customer"), archive.customer_name.clone()),
        (t("admin-meter-fact-household"), archive.household_serialnumber.clone()),
        (t("admin-meter-fact-phone"), archive.customer_phone.clone()),
        (t("admin-meter-fact-address"), archive.customer_address.clone()),
        (t("admin-meter-fact-area"), archive.area_name.clone()),
        (
            t("admin-meter-fact-dev-eui"),
            archive.dev_eui.as_ref().map(|d| d.as_str().to_owned()).unwrap_or_else(|| "—".into()),
        ),
        (
            t("admin-meter-fact-imei"),
            archive.imei.as_ref().map(|i| i.as_str().to_owned()).unwrap_or_else(|| "—".into()),
        ),
        (t("admin-meter-fact-model"), archive.equipment_type.clone()),
        (t("admin-meter-fact-energy"), crate::ui::words::energy(archive.energy_type)),
        (t("admin-meter-fact-payment"), t(pay_mode)),
        (t("admin-meter-fact-price-plan"), tariff_text(&plan)),
        (t("admin-meter-fact-reading"), crate::ui::words::reading(archive.reading, archive.energy_type)),
        (t("admin-meter-fact-balance"), money(archive.balance)),
        (t("admin-meter-fact-overdraft-limit"), money(archive.overdraft_money)),
        (t("admin-meter-fact-valve"), crate::ui::words::valve(archive.valve_state)),
        (t("admin-meter-fact-status"), t(status)),
        (t("admin-meter-fact-last-read"), local_time_or_never(archive.last_read_at)),
    ];
    let new_eui = RwSignal::new(String::new());
    let replace_error = RwSignal::new(None::<crate::model::AppError>);
    let lifecycle_error = move || {
        replace_error
            .get()
            .or_else(|| remove.value().get().and_then(|r| r.err()))
            .or_else(|| recover.value().get().and_then(|r| r.err()))
            .or_else(|| replace.value().get().and_then(|r| r.err()))
    };
    let on_replace = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(old) = old_eui.clone() else { return };
        match DevEui::parse(&new_eui.get_untracked()) {
            Ok(new) => {
                replace_error.set(None);
                replace.dispatch(ReplaceMeter { old, new });
            }
            Err(e) => replace_error.set(Some(crate::model::AppError::invalid("newDeveui", e))),
        }
    };
    let replaceable = active && archive.dev_eui.is_some();
    let alerts = Resource::new(move || id, |id| crate::api::alerts::count_alerts(Some(id)));
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">{tf("admin-meter-heading", &[("serial", archive.serialnumber.clone())])}</h1>
            <ZoneNote />
            <Suspense fallback=|| ()>
                {move || alerts.get().and_then(Result::ok).filter(|c| c.open + c.acknowledged > 0).map(|c| {
                    let kinds = c.by_kind.iter().map(|(k, _)| crate::ui::words::alert_kind(*k)).collect::<Vec<_>>().join(", ");
                    let line = tf("admin-meter-alerts", &[("count", (c.open + c.acknowledged).to_string()), ("kinds", kinds)]);
                    view! {
                        <p role="status" class="rounded bg-red-50 p-3 text-red-900" data-testid="meter-alerts">
                            <a class="underline" href=format!("/admin/alerts?meter={}", id.0)>{line}</a>
                        </p>
                    }
                })}
            </Suspense>
            <dl class="grid grid-cols-1 gap-x-6 gap-y-1 rounded bg-white p-4 text-sm shadow sm:grid-cols-2">
                {facts.into_iter().map(|(k, v)| view! {
                    <div class="flex justify-between gap-2 border-b py-1"><dt class="text-slate-500">{k}</dt><dd class="text-end">{v}</dd></div>
                }).collect_view()}
            </dl>
            <ValveControl id active who=archive.customer_name.clone() valve=archive.valve_state />
            {active.then(|| view! { <TopUpForm meters=vec![archive.summary()] top_up cash=true /> })}
            <div class="rounded bg-white p-4 shadow">
                <h2 class="mb-2 text-lg font-semibold">{t("admin-meter-lifecycle")}</h2>
                {if active {
                    let question = t("admin-meter-remove-question");
                    view! {
                        <ConfirmButton label=t("admin-meter-remove") question answer=t("admin-meter-remove-answer") class="rounded border border-red-700 px-3 py-2 text-red-800"
                            on_confirm=move || { remove.dispatch(RemoveMeter { meter_id: id }); } />
                    }.into_any()
                } else {
                    view! { <button class="rounded border border-teal-700 px-3 py-2 text-teal-800" on:click=move |_| { recover.dispatch(RecoverMeter { meter_id: id }); }>{t("admin-meter-recover")}</button> }.into_any()
                }}
                {replaceable.then(|| view! {
                    <form on:submit=on_replace class="mt-3 flex flex-wrap items-end gap-2">
                        <div>
                            <label for="new-eui" class="block text-sm font-medium">{t("admin-meter-replacement-dev-eui")}</label>
                            <input id="new-eui" required class="rounded border p-2 font-mono" bind:value=new_eui />
                        </div>
                        <button type="submit" class="rounded border border-teal-700 px-3 py-2 text-teal-800">{t("admin-meter-replace-device")}</button>
                    </form>
                })}
                {move || lifecycle_error().map(|e| view! { <p role="alert" class="mt-2 text-sm text-red-700">{crate::ui::words::error(&e)}</p> })}
            </div>
            <Payments id top_up refund />
            <NetworkPanel id />
            <UsageCharts id />
            <RecentReadings archive=archive.clone() />
        </section>
    }
}

fn state_text(state: CommandState) -> String {
    t(match state {
        CommandState::Queued => "admin-meter-command-queued",
        CommandState::Sent => "admin-meter-command-sent",
        CommandState::Acknowledged => "admin-meter-command-acknowledged",
        CommandState::Failed => "admin-meter-command-failed",
        CommandState::Expired => "admin-meter-command-expired",
        CommandState::Unconfirmed => "admin-meter-command-unconfirmed",
    })
}

/// What the valve is doing: on its way to closed or open while such a
/// command is (newest first in `rows`), else what the meter last said.
fn valve_now(rows: &[CommandRow], reported: ValveState) -> String {
    let moving = rows.iter().find(|c| {
        matches!(c.command.kind, CommandKind::CloseValve | CommandKind::OpenValve) && !c.command.state.is_final()
    });
    match moving.map(|c| c.command.kind) {
        Some(CommandKind::CloseValve) => t("admin-meter-valve-closing"),
        Some(_) => t("admin-meter-valve-opening"),
        None => crate::ui::words::valve(reported),
    }
}

/// Open/close buttons and the meter's latest commands, refreshed while one is
/// still on its way. Closing asks first: it cuts the household's supply.
#[component]
fn ValveControl(id: MeterId, active: bool, who: String, valve: ValveState) -> impl IntoView {
    let set_valve = ServerAction::<SetValve>::new();
    let settle = ServerAction::<SettleCredit>::new();
    let tick = RwSignal::new(0u32);
    let commands = Resource::new(
        move || (set_valve.version().get(), settle.version().get(), tick.get()),
        move |_| list_commands(CommandFilter { meter_id: Some(id), state: None, page: PageRequest::at(1, 5) }),
    );
    Effect::new(move |_| {
        let pending =
            commands.get().and_then(|r| r.ok()).is_some_and(|p| p.rows.iter().any(|c| !c.command.state.is_final()));
        if pending {
            leptos::leptos_dom::helpers::set_timeout(move || tick.update(|t| *t += 1), POLL);
        }
    });
    let error =
        move || set_valve.value().get().and_then(|r| r.err()).or_else(|| settle.value().get().and_then(|r| r.err()));
    // The same order given twice is one command: say so.
    let already = move || {
        set_valve.value().get().and_then(|r| r.ok()).filter(|o| o.already).map(|o| {
            view! { <p role="status" class="mt-2 text-sm text-amber-900">{tf("admin-meter-already-queued", &[("command", o.command.0.to_string())])}</p> }
        })
    };
    let now = move || {
        commands
            .get()
            .and_then(|r| r.ok())
            .map(|page| valve_now(&page.rows, valve))
            .unwrap_or_else(|| crate::ui::words::valve(valve))
    };
    let busy = Signal::derive(move || !active || set_valve.pending().get());
    let question = tf("admin-meter-close-question", &[("who", who)]);
    view! {
        <div class="rounded bg-white p-4 shadow" aria-labelledby="valve-heading">
            <h2 id="valve-heading" class="mb-2 text-lg font-semibold">{t("admin-meter-valve")}</h2>
            <p class="mb-2 text-sm" aria-live="polite">{t("admin-meter-valve-now")} " " <span data-testid="valve-now">{now}</span></p>
            <div class="flex flex-wrap gap-2">
                <ConfirmButton label=t("admin-meter-close-valve") question answer=t("admin-meter-close-valve-answer") disabled=busy
                    class="rounded bg-red-700 px-3 py-2 text-white disabled:opacity-50"
                    on_confirm=move || { set_valve.dispatch(SetValve { meter_id: id, open: false }); } />
                <button class="rounded bg-teal-700 px-3 py-2 text-white disabled:opacity-50" disabled=move || busy.get()
                    on:click=move |_| { set_valve.dispatch(SetValve { meter_id: id, open: true }); }>{t("admin-meter-open-valve")}</button>
            </div>
            {already}
            {move || error().map(|e| view! { <p role="alert" class="mt-2 text-sm text-red-700">{crate::ui::words::error(&e)}</p> })}
            <h3 class="mt-3 text-sm font-medium">{t("admin-meter-latest-commands")}</h3>
            <Transition fallback=Loading>
                {move || commands.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(page) if page.rows.is_empty() => view! { <p class="text-sm text-slate-500">{t("admin-meter-no-commands")}</p> }.into_any(),
                    Ok(page) => view! {
                        <ul class="text-sm" aria-live="polite" data-testid="commands">
                            {page.rows.into_iter().map(|c: CommandRow| view! {
                                <li class="border-t py-1">
                                    <span class="font-mono">"#" {c.command.id.0}</span> " " {crate::ui::words::command_kind(c.command.kind)} " · "
                                    <span data-state=c.command.state.code()>{state_text(c.command.state)}</span>
                                    " · " {local_time(c.command.created_at)}
                                    {(c.command.state == CommandState::Unconfirmed).then(|| view! { <SettleButtons id=c.command.id settle /> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </div>
    }
}

/// How the meter's reports arrive: the network server that carries them
/// (its commands go back the same way) and what it said lately.
#[component]
fn NetworkPanel(id: MeterId) -> impl IntoView {
    let network = Resource::new(move || id, meter_network);
    view! {
        <div class="rounded bg-white p-4 shadow" aria-labelledby="network-heading">
            <h2 id="network-heading" class="mb-2 text-lg font-semibold">{t("admin-meter-network")}</h2>
            <Suspense fallback=Loading>
                {move || network.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(n) => {
                        let route = match n.route {
                            Some(r) => tf(
                                "admin-meter-route",
                                &[("network", r.network.label().to_owned()), ("application", r.application), ("device", r.device)],
                            ),
                            None => t("admin-meter-route-own-gateways"),
                        };
                        view! {
                            <p class="text-sm" data-testid="route">{route}</p>
                            {(!n.log.is_empty()).then(|| view! {
                                <h3 class="mt-3 text-sm font-medium">{t("admin-meter-network-log")}</h3>
                                <ul class="text-sm" data-testid="network-log">
                                    {n.log.into_iter().map(|e| view! {
                                        <li class="border-t py-1">{local_time(e.at)} " · " {e.level} " · " {e.code} ": " {e.description}</li>
                                    }).collect_view()}
                                </ul>
                            })}
                        }.into_any()
                    }
                })}
            </Suspense>
        </div>
    }
}

/// What an operator who read the meter says of a credit it never confirmed
/// (one form per answer, so that it works without JavaScript too).
#[component]
fn SettleButtons(id: CommandId, settle: ServerAction<SettleCredit>) -> impl IntoView {
    let answer = move |took: bool, label: String, class: &'static str| {
        view! {
            <ActionForm action=settle>
                <input type="hidden" name="id" value=id.0.to_string() />
                <input type="hidden" name="took" value=took.to_string() />
                <button class=class>{label}</button>
            </ActionForm>
        }
    };
    view! {
        <div class="mt-1 flex flex-wrap gap-2" data-testid="settle-credit">
            {answer(true, t("admin-meter-settle-took"), "rounded border border-teal-700 px-2 py-1 text-teal-800")}
            {answer(false, t("admin-meter-settle-not-took"), "rounded border border-red-700 px-2 py-1 text-red-800")}
        </div>
    }
}

#[component]
fn UsageCharts(id: MeterId) -> impl IntoView {
    let series = Resource::new(move || id, meter_usage);
    view! {
        <Suspense fallback=Loading>
            {move || series.get().map(|r| match r {
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                Ok(s) => {
                    let unit = s.energy_type.unit();
                    let (days, show) = crate::ui::chart::usage(s.days, s.energy_type);
                    let (months, _) = crate::ui::chart::usage(s.months, s.energy_type);
                    view! {
                        <div class="grid gap-4 md:grid-cols-2">
                            <BarChart title=t("admin-meter-use-per-day") unit bars=days show=show.clone() />
                            <BarChart title=t("admin-meter-use-per-month") unit bars=months show />
                        </div>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}

#[component]
fn RecentReadings(archive: MeterArchive) -> impl IntoView {
    let energy = archive.energy_type;
    let filter = ReadingFilter {
        area_id: archive.area_id,
        search: None,
        meter_id: Some(archive.id),
        energy_type: None,
        start: Timestamp(0),
        end: Timestamp::LATEST,
        page: PageRequest::at(1, 20),
    };
    let readings = Resource::new(move || filter.clone(), list_readings);
    view! {
        <div class="rounded bg-white p-4 shadow">
            <h2 class="mb-2 text-lg font-semibold">{t("admin-meter-latest-readings")}</h2>
            <Suspense fallback=Loading>
                {move || readings.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(page) => view! {
                        <div class="overflow-x-auto">
                        <table class="w-full text-sm">
                            <thead class="text-start"><tr><th class="p-1">{t("admin-meter-readings-time")}</th><th class="p-1 text-end">{t("admin-meter-readings-reading")}</th><th class="p-1">{t("admin-meter-readings-valve")}</th><th class="p-1 text-end">{t("admin-meter-readings-battery")}</th><th class="p-1 text-end">{t("admin-meter-readings-rssi")}</th></tr></thead>
                            <tbody>
                                {page.rows.into_iter().map(|r| view! {
                                    <tr class="border-t">
                                        <td class="p-1">{local_time(r.read_at)}</td>
                                        <td class="p-1 text-end">{crate::ui::words::register(r.forward, energy)}</td>
                                        <td class="p-1">{crate::ui::words::valve(r.valve_state)}</td>
                                        <td class="p-1 text-end">{r.battery_mv.map(|v| v.to_string()).unwrap_or_default()}</td>
                                        <td class="p-1 text-end">{r.rssi.map(|v| v.to_string()).unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

/// The meter's payment orders, each succeeded one refundable once with a reason.
#[component]
fn Payments(id: MeterId, top_up: ServerAction<TopUp>, refund: ServerAction<RefundOrder>) -> impl IntoView {
    let recheck = ServerAction::<RecheckOrder>::new();
    let orders = Resource::new(
        move || (top_up.version().get(), refund.version().get(), recheck.version().get()),
        move |_| list_orders(id),
    );
    let outcome = move || {
        refund.value().get().map(|r| match r {
            Ok(order) => view! { <p role="status" class="text-sm text-teal-800">{tf("admin-meter-order-refunded", &[("order", order.order_no)])}</p> }.into_any(),
            Err(e) => view! { <p role="alert" class="text-sm text-red-700">{crate::ui::words::error(&e)}</p> }.into_any(),
        })
    };
    view! {
        <div class="rounded bg-white p-4 shadow">
            <h2 class="mb-2 text-lg font-semibold">{t("admin-meter-payments")}</h2>
            {outcome}
            <Suspense fallback=Loading>
                {move || orders.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(page) => view! {
                        <ul class="text-sm" data-testid="orders">
                            {page.rows.into_iter().map(|o| {
                                let order_no = o.order_no.clone();
                                let refundable = o.state == crate::model::order::OrderState::Succeeded && o.refunded_at.is_none();
                                // Who took the money, their receipt and who paid.
                                let via = o.provider.map(|p| {
                                    let mut parts = vec![crate::ui::words::provider(p)];
                                    parts.extend(o.receipt.clone().map(|r| tf("admin-meter-order-receipt", &[("receipt", r)])));
                                    parts.extend(o.payer.clone().map(|p| tf("admin-meter-order-payer", &[("payer", p)])));
                                    format!(" · {}", parts.join(", "))
                                });
                                let open = o.provider.is_some() && o.state.is_open();
                                let again = o.order_no.clone();
                                // The reason is asked with the refund it explains.
                                let reason = RwSignal::new(String::new());
                                let question = tf(
                                    "admin-meter-refund-question",
                                    &[("amount", money(o.amount)), ("order", o.order_no.clone())],
                                );
                                view! {
                                    <li class="flex items-center justify-between border-t py-1">
                                        <span>{local_time(o.created_at)} " · " {o.order_no.clone()} " · " {money(o.amount)} " · " {o.channel.clone()} {via} " · "
                                            {if o.refunded_at.is_some() { t("admin-meter-order-refunded-state") } else { crate::ui::words::order_state(o.state).to_owned() }}</span>
                                        {open.then(|| view! {
                                            <button class="rounded border px-2 py-1 text-xs"
                                                on:click=move |_| { recheck.dispatch(RecheckOrder { order_no: again.clone() }); }>
                                                {t("admin-meter-recheck")}
                                            </button>
                                        })}
                                        {refundable.then(|| view! {
                                            <div class="text-end">
                                                <ConfirmButton label=t("admin-meter-refund") question answer=t("admin-meter-refund-answer") class="rounded border border-red-700 px-2 py-1 text-xs text-red-800"
                                                    on_confirm=move || { refund.dispatch(RefundOrder { order_no: order_no.clone(), reason: reason.get_untracked() }); }>
                                                    <label class="mt-2 block text-start">{t("admin-meter-refund-reason")}
                                                        <input class="mt-1 block w-full rounded border p-1" placeholder=t("admin-meter-refund-reason-placeholder") bind:value=reason />
                                                    </label>
                                                </ConfirmButton>
                                            </div>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Suspense>
        </div>
    }
}
