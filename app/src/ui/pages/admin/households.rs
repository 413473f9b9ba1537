//! Households: search and page through them, add one, edit one.

use super::household_edit::EditHousehold;
use super::{encode, home_area};
use crate::api::areas::list_areas;
use crate::api::households::{AddHousehold, ModifyHousehold, list_households};
use crate::model::AppError;
use crate::model::fixed::Money;
use crate::model::household::{HouseholdFilter, NewHousehold};
use crate::model::ids::{AreaId, HouseholdId};
use crate::model::paging::PageRequest;
use crate::ui::components::{
    ErrorNote, Field, FormOutcome, Loading, PageLinks, money, page_nav, preselect, provide_clock,
};
use crate::ui::texts::{t, tf};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const FIELDS: &[&str] = &["householdName", "householdPhone", "householdAddress", "householdWarnMoney", "householdFee"];

#[component]
pub fn Households() -> impl IntoView {
    provide_clock();
    let query = use_query_map();
    let add = ServerAction::<AddHousehold>::new();
    let modify = ServerAction::<ModifyHousehold>::new();
    let editing = move || query.get().get("edit").and_then(|v| v.parse::<i64>().ok()).map(HouseholdId);
    let params = move || {
        let q = query.get();
        (
            q.get("q").filter(|s| !s.trim().is_empty()),
            q.get("page").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1).max(1),
        )
    };
    let households = Resource::new(
        move || (params(), add.version().get(), modify.version().get()),
        |((search, page), _, _)| async move {
            let area_id = home_area().await?;
            let page = PageRequest::new(Some(page), Some(20)).map_err(|(f, m)| AppError::invalid(f, m))?;
            list_households(HouseholdFilter { area_id, id: None, search, page }).await
        },
    );
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">{t("admin-households-title")}</h1>
            <form method="get" action="/admin/households" class="flex gap-2" role="search">
                <label for="q" class="sr-only">{t("admin-households-search-label")}</label>
                <input id="q" name="q" placeholder=t("admin-households-search-placeholder") class="min-w-0 flex-1 rounded border p-2"
                    prop:value=move || params().0.unwrap_or_default() />
                <button type="submit" class="rounded bg-teal-700 px-4 text-white">{t("admin-households-search")}</button>
            </form>
            <Suspense fallback=Loading>
                {move || households.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(page) => {
                        let q = params().0.unwrap_or_default();
                        let number = i64::from(page.number);
                        let pages = page.total_pages();
                        let link = {
                            let q = q.clone();
                            move |n: i64| format!("/admin/households?q={}&page={n}", encode(&q))
                        };
                        let nav = page_nav(number, pages, link);
                        let count = tf(
                            "admin-households-count",
                            &[("rows", page.total_rows.to_string()), ("page", number.to_string()), ("pages", pages.to_string())],
                        );
                        view! {
                            <p class="text-sm text-slate-600">{count}</p>
                            <div class="overflow-x-auto">
                            <table class="w-full bg-white text-sm shadow">
                                <thead class="bg-slate-100 text-start"><tr>
                                    <th class="p-2">{t("admin-households-name")}</th>
                                    <th class="p-2">{t("admin-households-number")}</th>
                                    <th class="p-2">{t("admin-households-phone")}</th>
                                    <th class="p-2">{t("admin-households-area")}</th>
                                    <th class="p-2 text-end">{t("admin-households-balance")}</th>
                                    <th class="p-2 text-end">{t("admin-households-warn-below")}</th>
                                    <th class="p-2"><span class="sr-only">{t("admin-households-actions")}</span></th>
                                </tr></thead>
                                <tbody>
                                    {page.rows.into_iter().map(|h| {
                                        let low = h.is_low();
                                        let edit = format!("/admin/households?q={}&page={number}&edit={}", encode(&q), h.id.0);
                                        let edit_label = tf("admin-households-edit-label", &[("name", h.name.clone())]);
                                        view! {
                                            <tr class="border-t">
                                                <td class="p-2">{h.name}</td>
                                                <td class="p-2 font-mono">{h.serialnumber}</td>
                                                <td class="p-2">{h.phone}</td>
                                                <td class="p-2">{h.area_name}</td>
                                                <td class="p-2 text-end" class:text-red-700=low>{money(h.balance)} {low.then(|| format!(" {}", t("admin-households-low")))}</td>
                                                <td class="p-2 text-end">{money(h.warn_money)}</td>
                                                <td class="p-2"><a href=edit aria-label=edit_label class="text-teal-800 underline">{t("admin-households-edit")}</a></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                            <PageLinks nav />
                        }.into_any()
                    }
                })}
            </Suspense>
            {move || editing().map(|id| view! { <EditHousehold id modify /> })}
            <AddHouseholdForm add />
        </section>
    }
}

#[component]
fn AddHouseholdForm(add: ServerAction<AddHousehold>) -> impl IntoView {
    let areas = Resource::new(|| (), |_| list_areas());
    let [name, phone, address, warn, fee] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let area = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || local_error.get().or_else(|| add.value().get().and_then(|r| r.err())));
    let done = Signal::derive(move || {
        let added = add.value().get().and_then(|r| r.ok())?;
        Some(tf("admin-households-added", &[("id", added.id.0.to_string())]))
    });
    let welcome = move || {
        add.value().get().and_then(|r| r.ok()).and_then(|added| added.welcome).map(|welcome| {
            view! { <super::welcome::WelcomeSlip welcome /> }
        })
    };
    let money = |raw: String, field: &str| -> Result<Money, AppError> {
        if raw.trim().is_empty() {
            Ok(Money::ZERO)
        } else {
            Money::parse(raw.trim()).map_err(|e| AppError::invalid(field, e.to_string()))
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let build = || -> Result<NewHousehold, AppError> {
            let no_area = || AppError::invalid("areaId", t("admin-households-choose-an-area"));
            Ok(NewHousehold {
                area_id: AreaId(area.get_untracked().parse().map_err(|_| no_area())?),
                name: name.get_untracked(),
                address: address.get_untracked(),
                phone: phone.get_untracked(),
                password: None,
                warn_money: money(warn.get_untracked(), "householdWarnMoney")?,
                fee: money(fee.get_untracked(), "householdFee")?,
            })
        };
        match build() {
            Ok(req) => {
                local_error.set(None);
                add.dispatch(AddHousehold { req });
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    view! {
        <div class="rounded bg-white p-4 shadow">
            <h2 class="mb-2 text-lg font-semibold">{t("admin-households-add-heading")}</h2>
            <p class="mb-2 text-sm text-slate-500">{t("admin-households-add-note")}</p>
            <form on:submit=submit class="grid gap-3 sm:grid-cols-2">
                <Field label=t("admin-households-household-name") name="householdName" value=name error required=true />
                <Field label=t("admin-households-phone") name="householdPhone" value=phone error />
                <Field label=t("admin-households-address") name="householdAddress" value=address error />
                <div>
                    <label for="household-area" class="block text-sm font-medium">{t("admin-households-area")}</label>
                    <Suspense fallback=Loading>
                        {move || areas.get().and_then(|r| r.ok()).map(|list| {
                            preselect(area, list.first().map(|a| a.id.0.to_string()));
                            view! {
                                <select id="household-area" class="mt-1 w-full rounded border p-2" on:change=move |ev| area.set(event_target_value(&ev))>
                                    {list.into_iter().map(|a| view! { <option value=a.id.0.to_string()>{a.name}</option> }).collect_view()}
                                </select>
                            }
                        })}
                    </Suspense>
                </div>
                <Field label=t("admin-households-warn-below") name="householdWarnMoney" value=warn error placeholder="10.00" />
                <Field label=t("admin-households-opening-balance") name="householdFee" value=fee error placeholder="0.00" />
                <div class="space-y-2 sm:col-span-2">
                    <FormOutcome error done fields=FIELDS />
                    <button type="submit" class="rounded bg-teal-700 px-4 py-2 text-white disabled:opacity-50" disabled=move || add.pending().get()>{t("admin-households-add")}</button>
                </div>
            </form>
            {welcome}
        </div>
    }
}
