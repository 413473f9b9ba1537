//! Readings, valve records and bills: filters in the URL (so the pages render
//! on the server and links can be shared), paging, CSV of every match.

use super::{encode, home_area};
use crate::api::billing::{MarkBillPaid, RunBilling};
use crate::api::records::{list_bills, list_readings, list_valve_records};
use crate::model::AppError;
use crate::model::bill::{BillFilter, BillScope};
use crate::model::paging::PageRequest;
use crate::model::reading::ReadingFilter;
use crate::model::time::{Month, Timestamp};
use crate::model::valve::ValveFilter;
use crate::ui::components::{
    ConfirmButton, ErrorNote, Loading, PageLinks, ZoneNote, local_time, money, page_nav, provide_clock,
};
use crate::ui::texts::{t, tf};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

const PAGE_SIZE: i64 = 50;

/// The filters these pages read from the query string.
#[derive(Debug, Clone, PartialEq)]
struct Filters {
    search: String,
    start: String,
    end: String,
    month: String,
    page: i64,
}

impl Filters {
    fn from(q: &ParamsMap) -> Self {
        let text = |k: &str| q.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
        Filters {
            search: text("q"),
            start: text("start"),
            end: text("end"),
            month: text("month"),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1).max(1),
        }
    }

    fn query(&self, page: Option<i64>) -> String {
        let mut parts = vec![
            format!("q={}", encode(&self.search)),
            format!("start={}", encode(&self.start)),
            format!("end={}", encode(&self.end)),
            format!("month={}", encode(&self.month)),
        ];
        if let Some(p) = page {
            parts.push(format!("page={p}"));
        }
        parts.join("&")
    }

    fn search(&self) -> Option<String> {
        (!self.search.is_empty()).then(|| self.search.clone())
    }

    /// The date range on the caller's clock: whole local days, open-ended
    /// where not given.
    async fn range(&self) -> Result<(Timestamp, Timestamp), AppError> {
        // Read on the server, which holds the zone rules.
        crate::api::areas::my_time_range(self.start.clone(), self.end.clone()).await
    }

    fn page(&self) -> Result<PageRequest, AppError> {
        PageRequest::new(Some(self.page), Some(PAGE_SIZE)).map_err(|(f, m)| AppError::invalid(f, m))
    }
}

#[component]
fn DateFilters(action: &'static str, filters: Signal<Filters>, #[prop(optional)] month: bool) -> impl IntoView {
    view! {
        <form method="get" action=action class="flex flex-wrap items-end gap-2" role="search">
            <div>
                <label for="q" class="block text-sm font-medium">{t("admin-records-search")}</label>
                <input id="q" name="q" class="rounded border p-2" placeholder=t("admin-records-search-placeholder") prop:value=move || filters.get().search />
            </div>
            {if month {
                view! {
                    <div>
                        <label for="month" class="block text-sm font-medium">{t("admin-records-month")}</label>
                        <input id="month" name="month" type="month" class="rounded border p-2" prop:value=move || filters.get().month />
                    </div>
                }.into_any()
            } else {
                view! {
                    <div>
                        <label for="start" class="block text-sm font-medium">{t("admin-records-from")}</label>
                        <input id="start" name="start" type="date" class="rounded border p-2" prop:value=move || filters.get().start />
                    </div>
                    <div>
                        <label for="end" class="block text-sm font-medium">{t("admin-records-to")}</label>
                        <input id="end" name="end" type="date" class="rounded border p-2" prop:value=move || filters.get().end />
                    </div>
                }.into_any()
            }}
            <button type="submit" class="rounded bg-teal-700 px-4 py-2 text-white">{t("admin-records-show")}</button>
        </form>
    }
}

#[component]
fn Pager(base: &'static str, filters: Filters, number: i64, pages: i64) -> impl IntoView {
    let nav = page_nav(number, pages, |n| format!("{base}?{}", filters.query(Some(n))));
    view! { <PageLinks nav /> }
}

#[component]
pub fn Readings() -> impl IntoView {
    provide_clock();
    let query = use_query_map();
    let filters = Signal::derive(move || Filters::from(&query.get()));
    let readings = Resource::new(
        move || filters.get(),
        |f| async move {
            let (start, end) = f.range().await?;
            let area_id = home_area().await?;
            list_readings(ReadingFilter {
                area_id,
                search: f.search(),
                meter_id: None,
                energy_type: None,
                start,
                end,
                page: f.page()?,
            })
            .await
        },
    );
    view! {
        <section class="space-y-4">
            <div class="flex items-center justify-between">
                <h1 class="text-2xl font-semibold">{t("admin-records-readings")}</h1>
            <ZoneNote />
                <a href=move || format!("/export/readings.csv?{}", filters.get().query(None)) download="readings.csv" rel="external"
                    class="rounded border border-teal-700 px-3 py-2 text-sm text-teal-800">{t("admin-records-export-csv")}</a>
            </div>
            <DateFilters action="/admin/readings" filters />
            <Suspense fallback=Loading>
                {move || readings.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(page) => {
                        let (number, pages) = (i64::from(page.number), page.total_pages());
                        view! {
                            <p class="text-sm text-slate-600">{tf("admin-records-readings-count", &[("rows", page.total_rows.to_string()), ("number", number.to_string()), ("pages", pages.to_string())])}</p>
                            <div class="overflow-x-auto">
                            <table class="w-full bg-white text-sm shadow">
                                <thead class="bg-slate-100 text-start"><tr>
                                    <th class="p-2">{t("admin-records-time")}</th><th class="p-2">{t("admin-records-meter")}</th><th class="p-2">{t("admin-records-customer")}</th>
                                    <th class="p-2">{t("admin-records-type")}</th><th class="p-2 text-end">{t("admin-records-reading")}</th><th class="p-2">{t("admin-records-valve")}</th>
                                </tr></thead>
                                <tbody>
                                    {page.rows.into_iter().map(|r| view! {
                                        <tr class="border-t">
                                            <td class="p-2">{local_time(r.read_at)}</td>
                                            <td class="p-2 font-mono"><a class="underline" href=format!("/admin/meters/{}", r.meter_id.0)>{r.meter_address}</a></td>
                                            <td class="p-2">{r.customer_name}</td>
                                            <td class="p-2">{crate::ui::words::energy(r.energy_type)}</td>
                                            <td class="p-2 text-end">{crate::ui::words::register(r.forward, r.energy_type)}</td>
                                            <td class="p-2">{crate::ui::words::valve(r.valve_state)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                            <Pager base="/admin/readings" filters=filters.get_untracked() number pages />
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn ValveRecords() -> impl IntoView {
    provide_clock();
    let query = use_query_map();
    let filters = Signal::derive(move || Filters::from(&query.get()));
    let records = Resource::new(
        move || filters.get(),
        |f| async move {
            let (start, end) = f.range().await?;
            let area_id = home_area().await?;
            let filter = ValveFilter {
                area_id: Some(area_id),
                meter: None,
                energy_type: None,
                start,
                end,
                username: f.search(),
                user_number: None,
                operation: None,
                page: f.page()?,
            };
            list_valve_records(filter).await
        },
    );
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">{t("admin-records-valve-records")}</h1>
            <ZoneNote />
            <DateFilters action="/admin/valves" filters />
            <Suspense fallback=Loading>
                {move || records.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(page) => {
                        let (number, pages) = (i64::from(page.number), page.total_pages());
                        view! {
                            <p class="text-sm text-slate-600">{tf("admin-records-valve-records-count", &[("rows", page.total_rows.to_string()), ("number", number.to_string()), ("pages", pages.to_string())])}</p>
                            <div class="overflow-x-auto">
                            <table class="w-full bg-white text-sm shadow">
                                <thead class="bg-slate-100 text-start"><tr>
                                    <th class="p-2">{t("admin-records-time")}</th><th class="p-2">{t("admin-records-customer")}</th><th class="p-2">{t("admin-records-action")}</th>
                                    <th class="p-2">{t("admin-records-cause")}</th><th class="p-2">{t("admin-records-by")}</th><th class="p-2">{t("admin-records-command")}</th>
                                </tr></thead>
                                <tbody>
                                    {page.rows.into_iter().map(|v| view! {
                                        <tr class="border-t">
                                            <td class="p-2">{local_time(v.at)}</td>
                                            <td class="p-2"><a class="underline" href=format!("/admin/meters/{}", v.meter_id.0)>{v.customer_name}</a></td>
                                            <td class="p-2">{t(if v.execution == crate::model::ValveState::Open { "admin-records-action-open" } else { "admin-records-action-close" })}</td>
                                            <td class="p-2">{v.cause}</td>
                                            <td class="p-2">{crate::ui::words::actor(&v.actor)}</td>
                                            <td class="p-2">{v.status}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                            <Pager base="/admin/valves" filters=filters.get_untracked() number pages />
                        }.into_any()
                    }
                })}
            </Suspense>
            <super::friendly::FriendlyDays />
        </section>
    }
}

#[component]
pub fn Bills() -> impl IntoView {
    provide_clock();
    let query = use_query_map();
    let filters = Signal::derive(move || Filters::from(&query.get()));
    let run = ServerAction::<RunBilling>::new();
    let paid = ServerAction::<MarkBillPaid>::new();
    let bills = Resource::new(
        move || (filters.get(), run.version().get(), paid.version().get()),
        |(f, ..)| async move {
            let month = if f.month.is_empty() {
                None
            } else {
                Some(Month::parse(&f.month).map_err(|e| AppError::invalid("month", e))?)
            };
            let area_id = home_area().await?;
            let filter = BillFilter {
                scope: BillScope::Area(area_id),
                energy_type: None,
                month,
                username: f.search(),
                user_number: None,
                page: f.page()?,
            };
            list_bills(filter).await
        },
    );
    let run_month = RwSignal::new(String::new());
    let run_error = RwSignal::new(None::<AppError>);
    let on_run = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match Month::parse(&run_month.get_untracked()) {
            Ok(month) => {
                run_error.set(None);
                run.dispatch(RunBilling { month });
            }
            Err(e) => run_error.set(Some(AppError::invalid("month", e))),
        }
    };
    let run_outcome = move || {
        if let Some(e) = run_error.get() {
            return Some(
                view! { <p role="alert" class="text-sm text-red-700">{crate::ui::words::error(&e)}</p> }.into_any(),
            );
        }
        run.value().get().map(|r| match r {
            Ok((created, meters)) => {
                let done = tf(
                    "admin-records-billing-done",
                    &[("created", created.to_string()), ("meters", meters.to_string())],
                );
                // Why fewer: a bill is written once per meter and month.
                let why = (created < meters)
                    .then(|| tf("admin-records-billing-rest", &[("rest", (meters - created).to_string())]));
                view! { <p role="status" class="text-sm text-teal-800">{done}" "{why}</p> }.into_any()
            }
            Err(e) => {
                view! { <p role="alert" class="text-sm text-red-700">{crate::ui::words::error(&e)}</p> }.into_any()
            }
        })
    };
    view! {
        <section class="space-y-4">
            <div class="flex items-center justify-between">
                <h1 class="text-2xl font-semibold">{t("admin-records-bills")}</h1>
                <a href=move || format!("/export/bills.csv?{}", filters.get().query(None)) download="bills.csv" rel="external"
                    class="rounded border border-teal-700 px-3 py-2 text-sm text-teal-800">{t("admin-records-export-csv")}</a>
            </div>
            <form on:submit=on_run class="flex flex-wrap items-end gap-2 rounded bg-white p-4 shadow">
                <div>
                    <label for="run-month" class="block text-sm font-medium">{t("admin-records-bill-month")}</label>
                    <input id="run-month" type="month" required class="rounded border p-2" bind:value=run_month />
                </div>
                <button type="submit" class="rounded bg-teal-700 px-4 py-2 text-white disabled:opacity-50" disabled=move || run.pending().get()>{t("admin-records-run-billing")}</button>
                <div class="basis-full">{run_outcome}</div>
            </form>
            <DateFilters action="/admin/bills" filters month=true />
            {move || paid.value().get().and_then(|r| r.err()).map(|e| view! { <p role="alert" class="text-sm text-red-700">{crate::ui::words::error(&e)}</p> })}
            <Suspense fallback=Loading>
                {move || bills.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(page) => {
                        let (number, pages) = (i64::from(page.number), page.total_pages());
                        view! {
                            <p class="text-sm text-slate-600">{tf("admin-records-bills-count", &[("rows", page.total_rows.to_string()), ("number", number.to_string()), ("pages", pages.to_string())])}</p>
                            <div class="overflow-x-auto">
                            <table class="w-full bg-white text-sm shadow">
                                <thead class="bg-slate-100 text-start"><tr>
                                    <th class="p-2">{t("admin-records-month")}</th><th class="p-2">{t("admin-records-customer")}</th><th class="p-2">{t("admin-records-type")}</th>
                                    <th class="p-2 text-end">{t("admin-records-use")}</th><th class="p-2 text-end">{t("admin-records-amount")}</th><th class="p-2">{t("admin-records-paid")}</th>
                                </tr></thead>
                                <tbody>
                                    {page.rows.into_iter().map(|b| {
                                        let id = b.id;
                                        let question = tf(
                                            "admin-records-mark-paid-question",
                                            &[("customer", b.customer_name.clone()), ("month", b.month.to_string())],
                                        );
                                        view! {
                                            <tr class="border-t">
                                                <td class="p-2">{b.month.to_string()}</td>
                                                <td class="p-2"><a class="underline" href=format!("/admin/meters/{}", b.meter_id.0)>{b.customer_name}</a></td>
                                                <td class="p-2">{crate::ui::words::energy(b.energy_type)}</td>
                                                <td class="p-2 text-end">{crate::ui::words::register(b.dosage, b.energy_type)}</td>
                                                <td class="p-2 text-end">{money(b.fee)}</td>
                                                <td class="p-2">
                                                    {if b.paid {
                                                        view! { <span>{t("admin-records-bill-paid")}</span> }.into_any()
                                                    } else {
                                                        view! {
                                                            <ConfirmButton label=t("admin-records-mark-paid") question answer=t("admin-records-mark-paid-answer") class="rounded border px-2 py-1 text-xs"
                                                                on_confirm=move || { paid.dispatch(MarkBillPaid { bill_id: id }); } />
                                                        }.into_any()
                                                    }}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                            <Pager base="/admin/bills" filters=filters.get_untracked() number pages />
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
