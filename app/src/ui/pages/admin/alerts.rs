//! The operator's alert list: filters by area, kind and state in the
//! address (so a link can be shared), each alert with its evidence, and
//! acknowledging one or all chosen with a note.

use super::encode;
use crate::api::alerts::{AcknowledgeAlerts, list_alerts};
use crate::api::areas::list_areas;
use crate::model::alert::{Alert, AlertFilter, AlertKind, AlertState};
use crate::model::ids::AreaId;
use crate::model::paging::PageRequest;
use crate::ui::components::{ErrorNote, Loading, PageLinks, ZoneNote, local_time, page_nav, provide_clock};
use crate::ui::texts::{t, tf};
use crate::ui::words::{alert_evidence, alert_kind, alert_state, alert_subject, alert_tone, badge};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::BTreeSet;

const PAGE_SIZE: i64 = 50;

#[derive(Debug, Clone, PartialEq)]
struct Query {
    area: Option<i64>,
    kind: Option<AlertKind>,
    state: Option<AlertState>,
    meter: Option<i64>,
    page: i64,
}

impl Query {
    fn link(&self, page: i64) -> String {
        let mut parts = Vec::new();
        if let Some(a) = self.area {
            parts.push(format!("area={a}"));
        }
        if let Some(k) = self.kind {
            parts.push(format!("kind={}", encode(k.code())));
        }
        if let Some(s) = self.state {
            parts.push(format!("state={}", s.code()));
        }
        if let Some(m) = self.meter {
            parts.push(format!("meter={m}"));
        }
        parts.push(format!("page={page}"));
        format!("/admin/alerts?{}", parts.join("&"))
    }
}

#[component]
pub fn Alerts() -> impl IntoView {
    provide_clock();
    let query = use_query_map();
    let params = move || {
        let q = query.get();
        Query {
            area: q.get("area").and_then(|a| a.parse().ok()),
            kind: q.get("kind").and_then(|k| AlertKind::parse(&k)),
            state: q.get("state").and_then(|s| AlertState::parse(&s)),
            meter: q.get("meter").and_then(|m| m.parse().ok()),
            page: q.get("page").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1).max(1),
        }
    };
    let acknowledge = ServerAction::<AcknowledgeAlerts>::new();
    let chosen = RwSignal::new(BTreeSet::<i64>::new());
    let note = RwSignal::new(String::new());
    let alerts = Resource::new(
        move || (params(), acknowledge.version().get()),
        |(p, _)| async move {
            let filter = AlertFilter {
                area_id: p.area.map(AreaId),
                kind: p.kind,
                state: p.state,
                meter_id: p.meter.map(crate::model::ids::MeterId),
            };
            let page = PageRequest::new(Some(p.page), Some(PAGE_SIZE))
                .map_err(|(f, m)| crate::model::AppError::invalid(f, m))?;
            list_alerts(filter, page).await
        },
    );
    let areas = Resource::new(|| (), |_| list_areas());
    let counts = Resource::new(move || acknowledge.version().get(), |_| crate::api::alerts::count_alerts(None));
    // After an acknowledgement: what it did, next to the form, and the form cleared.
    Effect::new(move |_| {
        if let Some(Ok(_)) = acknowledge.value().get() {
            chosen.set(BTreeSet::new());
            note.set(String::new());
        }
    });
    let outcome = move || {
        acknowledge.value().get().map(|r| match r {
            Ok(n) => view! {
                <p role="status" class="text-sm text-teal-800">{tf("admin-alerts-acknowledged", &[("count", n.to_string())])}</p>
            }
            .into_any(),
            Err(e) => view! { <p role="alert" class="text-sm text-red-700">{crate::ui::words::error(&e)}</p> }.into_any(),
        })
    };
    let send = move |ids: Vec<i64>| {
        acknowledge.dispatch(AcknowledgeAlerts { ids, note: note.get_untracked() });
    };
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">{t("admin-alerts-title")}</h1>
            <ZoneNote />
            <Suspense fallback=|| ()>
                {move || counts.get().and_then(Result::ok).filter(|c| c.notices_failed > 0).map(|c| view! {
                    <p role="alert" class="rounded bg-red-50 p-3 text-red-900" data-testid="notices-failed">
                        {tf("admin-alerts-notices-failed", &[("count", c.notices_failed.to_string())])}
                    </p>
                })}
            </Suspense>
            <form method="get" action="/admin/alerts" class="flex flex-wrap gap-2" role="search">
                <Suspense fallback=|| ()>
                    {move || areas.get().and_then(|r| r.ok()).map(|areas| view! {
                        <label for="alert-area" class="sr-only">{t("admin-alerts-area")}</label>
                        <select id="alert-area" name="area" class="rounded border p-2">
                            <option value="" selected=move || params().area.is_none()>{t("admin-alerts-all-my-areas")}</option>
                            {areas.into_iter().map(|a| view! {
                                <option value=a.id.0.to_string() selected=move || params().area == Some(a.id.0)>{a.name}</option>
                            }).collect_view()}
                        </select>
                    })}
                </Suspense>
                <label for="alert-kind" class="sr-only">{t("admin-alerts-kind")}</label>
                <select id="alert-kind" name="kind" class="rounded border p-2">
                    <option value="" selected=move || params().kind.is_none()>{t("admin-alerts-all-kinds")}</option>
                    {AlertKind::ALL.into_iter().map(|k| view! {
                        <option value=k.code() selected=move || params().kind == Some(k)>{alert_kind(k)}</option>
                    }).collect_view()}
                </select>
                <label for="alert-state" class="sr-only">{t("admin-alerts-state")}</label>
                <select id="alert-state" name="state" class="rounded border p-2">
                    <option value="" selected=move || params().state.is_none()>{t("admin-alerts-needing-someone")}</option>
                    {AlertState::ALL.into_iter().map(|s| view! {
                        <option value=s.code() selected=move || params().state == Some(s)>{alert_state(s)}</option>
                    }).collect_view()}
                </select>
                {move || params().meter.map(|m| view! { <input type="hidden" name="meter" value=m.to_string() /> })}
                <button type="submit" class="rounded bg-teal-700 px-4 text-white">{t("admin-alerts-show")}</button>
            </form>
            <div class="flex flex-wrap items-end gap-2 rounded bg-white p-3 shadow">
                <label for="alert-note" class="text-sm font-medium">{t("admin-alerts-note")}</label>
                <input id="alert-note" class="min-w-0 flex-1 rounded border p-2" maxlength="500" bind:value=note />
                <button class="rounded bg-teal-700 px-3 py-2 text-sm text-white disabled:opacity-50"
                    disabled=move || chosen.with(BTreeSet::is_empty)
                    on:click=move |_| send(chosen.get_untracked().into_iter().collect())>
                    {move || tf("admin-alerts-acknowledge-chosen", &[("count", chosen.with(BTreeSet::len).to_string())])}
                </button>
                {outcome}
            </div>
            <Suspense fallback=Loading>
                {move || alerts.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(page) if page.rows.is_empty() => view! {
                        <p class="text-slate-600" data-testid="alerts-none">{t("admin-alerts-none")}</p>
                    }.into_any(),
                    Ok(page) => {
                        let p = params();
                        let number = i64::from(page.number);
                        let pages = page.total_pages();
                        let nav = page_nav(number, pages, |n| p.link(n));
                        let count = tf("admin-alerts-count", &[("rows", page.total_rows.to_string()), ("page", number.to_string()), ("pages", pages.to_string())]);
                        view! {
                            <p class="text-sm text-slate-600">{count}</p>
                            <div class="overflow-x-auto">
                            <table class="w-full bg-white text-sm shadow" data-testid="alerts">
                                <thead class="bg-slate-100 text-start"><tr>
                                    <th class="p-2"><span class="sr-only">{t("admin-alerts-choose")}</span></th>
                                    <th class="p-2">{t("admin-alerts-opened")}</th>
                                    <th class="p-2">{t("admin-alerts-kind")}</th>
                                    <th class="p-2">{t("admin-alerts-what")}</th>
                                    <th class="p-2">{t("admin-alerts-area")}</th>
                                    <th class="p-2">{t("admin-alerts-evidence")}</th>
                                    <th class="p-2">{t("admin-alerts-state")}</th>
                                    <th class="p-2"></th>
                                </tr></thead>
                                <tbody>
                                    {page.rows.into_iter().map(|a| view! { <Row a chosen send /> }).collect_view()}
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

#[component]
fn Row(
    a: Alert,
    chosen: RwSignal<BTreeSet<i64>>,
    send: impl Fn(Vec<i64>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = a.id;
    let open = a.state == AlertState::Open;
    let subject = alert_subject(&a);
    let subject_view = match a.meter_id {
        Some(m) => {
            view! { <a class="text-teal-800 underline" href=format!("/admin/meters/{}", m.0)>{subject}</a> }.into_any()
        }
        None => view! { <span>{subject}</span> }.into_any(),
    };
    let handled = a.acknowledged_at.map(|at| {
        let by = crate::ui::words::actor(a.acknowledged_by.as_deref().unwrap_or_default());
        let line = tf("admin-alerts-acknowledged-by", &[("who", by), ("time", local_time(at))]);
        let note = (!a.note.is_empty()).then(|| format!(": {}", a.note));
        view! { <p class="text-xs text-slate-600">{line}{note}</p> }
    });
    let resolved = a
        .resolved_at
        .map(|at| view! { <p class="text-xs text-slate-600">{tf("admin-alerts-resolved-at", &[("time", local_time(at))])}</p> });
    let label = tf("admin-alerts-choose-one", &[("id", id.to_string())]);
    view! {
        <tr class="border-t align-top">
            <td class="p-2">
                {open.then(|| view! {
                    <input type="checkbox" aria-label=label.clone()
                        prop:checked=move || chosen.with(|c| c.contains(&id))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|c| { if on { c.insert(id); } else { c.remove(&id); } });
                        } />
                })}
            </td>
            <td class="p-2 whitespace-nowrap">{local_time(a.opened_at)}</td>
            <td class="p-2">{alert_kind(a.kind)}</td>
            <td class="p-2">{subject_view}</td>
            <td class="p-2">{a.area_name.clone()}</td>
            <td class="p-2">{alert_evidence(&a)}{handled}{resolved}</td>
            <td class="p-2"><span class=badge(alert_tone(a.state))>{alert_state(a.state)}</span></td>
            <td class="p-2">
                {open.then(|| view! {
                    <button class="rounded border border-teal-700 px-2 py-1 text-xs text-teal-800" on:click=move |_| send(vec![id])>
                        {t("admin-alerts-acknowledge")}
                    </button>
                })}
            </td>
        </tr>
    }
}
