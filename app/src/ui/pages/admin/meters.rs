//! The operator's meter table: search, filters and paging through the URL, so
//! it works before hydration and links can be shared; CSV of every match.

use super::{encode, home_area};
use crate::api::areas::list_areas;
use crate::api::lifecycle::list_models;
use crate::api::meters::list_meters;
use crate::model::EnergyType;
use crate::model::ids::{AreaId, EquipmentModelId};
use crate::model::meter::{ArchiveFilter, MeterStatus};
use crate::model::paging::PageRequest;
use crate::ui::components::{ErrorNote, Loading, PageLinks, money, page_nav, provide_clock};
use crate::ui::texts::{t, tf};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const PAGE_SIZE: i64 = 20;

#[derive(Debug, Clone, PartialEq)]
struct Query {
    search: Option<String>,
    energy: Option<EnergyType>,
    area: Option<i64>,
    model: Option<i64>,
    state: MeterStatus,
    page: i64,
}

impl Query {
    /// The query string for this filter on another page (`None`: the CSV).
    fn link(&self, base: &str, page: Option<i64>) -> String {
        let mut parts = Vec::new();
        if let Some(q) = &self.search {
            parts.push(format!("q={}", encode(q)));
        }
        if let Some(e) = self.energy {
            parts.push(format!("energy={}", e.code()));
        }
        if let Some(a) = self.area {
            parts.push(format!("area={a}"));
        }
        if let Some(m) = self.model {
            parts.push(format!("model={m}"));
        }
        if self.state != MeterStatus::Active {
            parts.push(format!("state={}", self.state.code()));
        }
        if let Some(p) = page {
            parts.push(format!("page={p}"));
        }
        format!("{base}?{}", parts.join("&"))
    }
}

#[component]
pub fn Meters() -> impl IntoView {
    provide_clock();
    let query = use_query_map();
    let params = move || {
        let q = query.get();
        Query {
            search: q.get("q").filter(|s| !s.trim().is_empty()),
            energy: q.get("energy").and_then(|e| EnergyType::parse(&e).ok()),
            area: q.get("area").and_then(|a| a.parse().ok()),
            model: q.get("model").and_then(|m| m.parse().ok()),
            state: q.get("state").and_then(|s| MeterStatus::parse(&s)).unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1).max(1),
        }
    };
    let meters = Resource::new(params, |p| async move {
        let area_id = match p.area {
            Some(a) => AreaId(a),
            None => home_area().await?,
        };
        let page =
            PageRequest::new(Some(p.page), Some(PAGE_SIZE)).map_err(|(f, m)| crate::model::AppError::invalid(f, m))?;
        let mut filter = ArchiveFilter {
            area_id,
            energy_type: p.energy,
            search: p.search,
            equipment_model_id: p.model.map(EquipmentModelId),
            status: p.state,
            page,
        };
        let found = list_meters(filter.clone()).await?;
        // A page past the end (a shared link to a list that shrank) shows the last one.
        let last = found.total_pages();
        if found.rows.is_empty() && p.page > last && last >= 1 {
            filter.page = PageRequest::new(Some(last), Some(PAGE_SIZE))
                .map_err(|(f, m)| crate::model::AppError::invalid(f, m))?;
            return list_meters(filter).await;
        }
        Ok(found)
    });
    let choices = Resource::new(
        || (),
        |_| async move { Ok::<_, crate::model::AppError>((list_areas().await?, list_models().await?)) },
    );
    view! {
        <section class="space-y-4">
            <div class="flex flex-wrap items-center justify-between gap-2">
                <h1 class="text-2xl font-semibold">{t("admin-meters-title")}</h1>
                <div class="flex gap-2">
                    <a href="/admin/meters/new" class="rounded bg-teal-700 px-3 py-2 text-sm text-white">{t("admin-meters-add")}</a>
                    <a href="/admin/meters/import" class="rounded border border-teal-700 px-3 py-2 text-sm text-teal-800">{t("admin-meters-import-csv")}</a>
                    <a href=move || params().link("/export/meters.csv", None) download="meters.csv" rel="external"
                        class="rounded border border-teal-700 px-3 py-2 text-sm text-teal-800">{t("admin-meters-export-csv")}</a>
                </div>
            </div>
            <form method="get" action="/admin/meters" class="flex flex-wrap gap-2" role="search">
                <label for="q" class="sr-only">{t("admin-meters-search-label")}</label>
                <input id="q" name="q" placeholder=t("admin-meters-search-placeholder") class="min-w-0 flex-1 rounded border p-2"
                    prop:value=move || params().search.unwrap_or_default() />
                <label for="energy" class="sr-only">{t("admin-meters-energy-type")}</label>
                <select id="energy" name="energy" class="rounded border p-2">
                    <option value="" selected=move || params().energy.is_none()>{t("admin-meters-all-energy-types")}</option>
                    {EnergyType::ALL.into_iter().map(|e| view! {
                        <option value=e.code() selected=move || params().energy == Some(e)>{crate::ui::words::energy(e)}</option>
                    }).collect_view()}
                </select>
                <Suspense fallback=|| ()>
                    {move || choices.get().and_then(|r| r.ok()).map(|(areas, models)| view! {
                        <label for="area" class="sr-only">{t("admin-meters-area")}</label>
                        <select id="area" name="area" class="rounded border p-2">
                            <option value="" selected=move || params().area.is_none()>{t("admin-meters-all-my-areas")}</option>
                            {areas.into_iter().map(|a| view! {
                                <option value=a.id.0.to_string() selected=move || params().area == Some(a.id.0)>{a.name}</option>
                            }).collect_view()}
                        </select>
                        <label for="model" class="sr-only">{t("admin-meters-equipment-model")}</label>
                        <select id="model" name="model" class="rounded border p-2">
                            <option value="" selected=move || params().model.is_none()>{t("admin-meters-all-models")}</option>
                            {models.into_iter().map(|m| view! {
                                <option value=m.id.0.to_string() selected=move || params().model == Some(m.id.0)>{m.name}</option>
                            }).collect_view()}
                        </select>
                    })}
                </Suspense>
                <label for="state" class="sr-only">{t("admin-meters-state")}</label>
                <select id="state" name="state" class="rounded border p-2">
                    <option value="active" selected=move || params().state == MeterStatus::Active>{t("admin-meters-active")}</option>
                    <option value="removed" selected=move || params().state == MeterStatus::Removed>{t("admin-meters-removed")}</option>
                </select>
                <button type="submit" class="rounded bg-teal-700 px-4 text-white">{t("admin-meters-search")}</button>
            </form>
            <Suspense fallback=Loading>
                {move || meters.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(page) => {
                        let p = params();
                        let number = i64::from(page.number);
                        let pages = page.total_pages();
                        let nav = page_nav(number, pages, |n| p.link("/admin/meters", Some(n)));
                        let count = tf(
                            "admin-meters-count",
                            &[("rows", page.total_rows.to_string()), ("page", number.to_string()), ("pages", pages.to_string())],
                        );
                        view! {
                            <p class="text-sm text-slate-600">{count}</p>
                            <div class="overflow-x-auto">
                            <table class="w-full bg-white text-sm shadow">
                                <thead class="bg-slate-100 text-start"><tr>
                                    <th class="p-2">{t("admin-meters-customer")}</th>
                                    <th class="p-2">{t("admin-meters-meter")}</th>
                                    <th class="p-2">{t("admin-meters-type")}</th>
                                    <th class="p-2">{t("admin-meters-area")}</th>
                                    <th class="p-2 text-end">{t("admin-meters-reading")}</th>
                                    <th class="p-2 text-end">{t("admin-meters-balance")}</th>
                                    <th class="p-2">{t("admin-meters-valve")}</th>
                                </tr></thead>
                                <tbody>
                                    {page.rows.into_iter().map(|m| view! {
                                        <tr class="border-t">
                                            <td class="p-2">{m.customer_name}</td>
                                            <td class="p-2 font-mono"><a class="text-teal-800 underline" href=format!("/admin/meters/{}", m.id.0)>{m.serialnumber}</a></td>
                                            <td class="p-2">{crate::ui::words::energy(m.energy_type)}</td>
                                            <td class="p-2">{m.area_name}</td>
                                            <td class="p-2 text-end">{crate::ui::words::register(m.reading, m.energy_type)}</td>
                                            <td class="p-2 text-end">{money(m.balance)}</td>
                                            <td class="p-2"><span class=crate::ui::words::badge(crate::ui::words::valve_tone(m.valve_state))>{crate::ui::words::valve(m.valve_state)}</span></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                            <PageLinks nav />
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
