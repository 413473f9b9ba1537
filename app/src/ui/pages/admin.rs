//! The operator's meter table: search and paging through the URL, so it works
//! before hydration and links can be shared.

use crate::api::areas::list_areas;
use crate::api::meters::list_meters;
use crate::model::AppError;
use crate::model::meter::ArchiveFilter;
use crate::model::paging::PageRequest;
use crate::ui::components::{ErrorNote, Loading};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const PAGE_SIZE: i64 = 20;

#[component]
pub fn Meters() -> impl IntoView {
    let query = use_query_map();
    let params = move || {
        let q = query.get();
        let search = q.get("q").filter(|s| !s.trim().is_empty());
        let page = q.get("page").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1).max(1);
        (search, page)
    };
    let meters = Resource::new(params, |(search, page)| async move {
        let areas = list_areas().await?;
        let root = areas.first().ok_or_else(|| AppError::Forbidden("you manage no areas".into()))?;
        let page = PageRequest::new(Some(page), Some(PAGE_SIZE)).map_err(|(f, m)| AppError::invalid(f, m))?;
        list_meters(ArchiveFilter { area_id: root.id, energy_type: None, search, equipment_model_id: None, page }).await
    });
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">"Meters"</h1>
            <form method="get" action="/admin" class="flex gap-2" role="search">
                <label for="q" class="sr-only">"Search meters"</label>
                <input id="q" name="q" placeholder="Name, phone, DevEUI, IMEI, number" class="flex-1 rounded border p-2"
                    prop:value=move || params().0.unwrap_or_default() />
                <button type="submit" class="rounded bg-teal-700 px-4 text-white">"Search"</button>
            </form>
            <Suspense fallback=Loading>
                {move || meters.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(page) => {
                        let q = params().0.unwrap_or_default();
                        let number = i64::from(page.number);
                        let pages = page.total_pages();
                        let has_prev = number > 1;
                        let has_next = number < pages;
                        let link = move |n: i64| format!("/admin?q={}&page={n}", q.replace('&', "%26").replace(' ', "+"));
                        let prev_href = link(number - 1);
                        let next_href = link(number + 1);
                        view! {
                            <p class="text-sm text-slate-600">{page.total_rows} " meters · page " {number} " of " {pages}</p>
                            <div class="overflow-x-auto">
                            <table class="w-full bg-white shadow text-sm">
                                <thead class="bg-slate-100 text-left"><tr>
                                    <th class="p-2">"Customer"</th><th class="p-2">"Meter"</th><th class="p-2">"Type"</th>
                                    <th class="p-2">"Area"</th><th class="p-2 text-right">"Reading"</th>
                                    <th class="p-2 text-right">"Balance"</th><th class="p-2">"Valve"</th>
                                </tr></thead>
                                <tbody>
                                    {page.rows.into_iter().map(|m| view! {
                                        <tr class="border-t">
                                            <td class="p-2">{m.customer_name}</td>
                                            <td class="p-2 font-mono">{m.serialnumber}</td>
                                            <td class="p-2">{m.energy_type.label()}</td>
                                            <td class="p-2">{m.area_name}</td>
                                            <td class="p-2 text-right">{m.reading.to_padded()}</td>
                                            <td class="p-2 text-right">{m.balance.to_padded()}</td>
                                            <td class="p-2">{m.valve_state.label()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                            <nav class="flex gap-4" aria-label="Pages">
                                <Show when=move || has_prev>
                                    <a class="underline" href=prev_href.clone()>"Previous"</a>
                                </Show>
                                <Show when=move || has_next>
                                    <a class="underline" href=next_href.clone()>"Next"</a>
                                </Show>
                            </nav>
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
