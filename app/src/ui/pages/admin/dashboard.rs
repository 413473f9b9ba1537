//! The figures an operator checks first.

use crate::api::dashboard::dashboard_overview;
use crate::ui::chart::BarChart;
use crate::ui::components::{ErrorNote, Loading, Stat, money, provide_clock};
use crate::ui::texts::{t, tf};
use leptos::prelude::*;

#[component]
pub fn Dashboard() -> impl IntoView {
    provide_clock();
    let figures = Resource::new(|| (), |_| dashboard_overview());
    let alerts = Resource::new(|| (), |_| crate::api::alerts::count_alerts(None));
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">{t("admin-dashboard-title")}</h1>
            <Suspense fallback=Loading>
                {move || figures.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(o) => {
                        let use_list = |v: Vec<(crate::model::EnergyType, crate::model::Register)>| {
                            if v.is_empty() {
                                return "—".to_owned();
                            }
                            v.into_iter().map(|(e, r)| format!("{} {}", crate::ui::words::energy(e), crate::ui::words::reading(r, e))).collect::<Vec<_>>().join(" · ")
                        };
                        let gateways = tf(
                            "admin-dashboard-gateways-online-value",
                            &[("online", o.gateways_online.to_string()), ("total", o.gateways_total.to_string())],
                        );
                        let revenue = o.revenue_days.into_iter().map(|b| (b.label, b.value.minor())).collect();
                        let show: crate::ui::chart::Show = std::sync::Arc::new(|minor| money(crate::model::Money::from_minor(minor)));
                        view! {
                            <div class="grid grid-cols-2 gap-3 md:grid-cols-4">
                                {move || alerts.get().and_then(Result::ok).map(|c| {
                                    let value = tf("admin-dashboard-alerts-value", &[("open", c.open.to_string()), ("acknowledged", c.acknowledged.to_string())]);
                                    view! { <Stat label=t("admin-dashboard-alerts") value href="/admin/alerts" /> }
                                })}
                                <Stat label=t("admin-dashboard-active-meters") value=o.meters_active.to_string() href="/admin/meters" />
                                <Stat label=t("admin-dashboard-removed-meters") value=o.meters_removed.to_string() />
                                <Stat label=t("admin-dashboard-closed-valves") value=o.valves_closed.to_string() href="/admin/valves" />
                                <Stat label=t("admin-dashboard-low-balances") value=o.households_low.to_string() href="/admin/households" />
                                <Stat label=t("admin-dashboard-gateways-online") value=gateways href="/admin/gateways" />
                                <Stat label=t("admin-dashboard-commands-pending") value=o.commands_pending.to_string() href="/admin/commands" />
                                <Stat label=t("admin-dashboard-credits-to-confirm") value=o.credits_unconfirmed.to_string() href="/admin/commands?state=unconfirmed" />
                                <Stat label=t("admin-dashboard-revenue-this-month") value=money(o.revenue_month) />
                                <Stat label=t("admin-dashboard-unmatched-payments") value=o.unmatched_payments.to_string() href="/admin/payments" />
                            </div>
                            <div class="grid gap-3 md:grid-cols-2">
                                <div class="rounded bg-white p-4 shadow">
                                    <p class="text-sm text-slate-500">{t("admin-dashboard-consumption-today")}</p>
                                    <p class="font-medium">{use_list(o.today)}</p>
                                </div>
                                <div class="rounded bg-white p-4 shadow">
                                    <p class="text-sm text-slate-500">{t("admin-dashboard-consumption-this-month")}</p>
                                    <p class="font-medium">{use_list(o.this_month)}</p>
                                </div>
                            </div>
                            <BarChart title=t("admin-dashboard-top-ups-chart") unit=crate::ui::texts::currency().code() bars=revenue show />
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
