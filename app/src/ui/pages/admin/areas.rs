//! The area tree: see it, add an area under another, rename one, move one.

use crate::api::areas::{CreateArea, MoveArea, RenameArea, SetAreaZone, list_areas};
use crate::model::AppError;
use crate::model::area::{Area, AreaMove, AreaRename, AreaZone, NewArea};
use crate::model::ids::AreaId;
use crate::ui::components::{ErrorNote, FormOutcome, Loading, preselect};
use crate::ui::texts::{t, tf};
use leptos::prelude::*;

/// Areas in tree order (each after its parent) with their depth.
fn tree(areas: &[Area]) -> Vec<(usize, Area)> {
    fn visit(areas: &[Area], parent: Option<AreaId>, depth: usize, out: &mut Vec<(usize, Area)>) {
        for a in areas.iter().filter(|a| a.parent_id == parent) {
            out.push((depth, a.clone()));
            visit(areas, Some(a.id), depth + 1, out);
        }
    }
    let ids: Vec<AreaId> = areas.iter().map(|a| a.id).collect();
    let mut out = Vec::with_capacity(areas.len());
    // The caller's roots: areas whose parent is not visible to them.
    for root in areas.iter().filter(|a| a.parent_id.is_none_or(|p| !ids.contains(&p))) {
        out.push((0, root.clone()));
        visit(areas, Some(root.id), 1, &mut out);
    }
    out
}

/// Suggestions for the zone field (any IANA name is accepted).
const COMMON_ZONES: [&str; 12] = [
    "UTC",
    "Africa/Nairobi",
    "Africa/Kigali",
    "Africa/Dar_es_Salaam",
    "Africa/Harare",
    "Africa/Blantyre",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Asia/Shanghai",
    "Asia/Dubai",
    "Europe/Berlin",
    "Europe/London",
];

fn area_id(raw: &str, field: &str) -> Result<AreaId, AppError> {
    raw.parse().map(AreaId).map_err(|_| AppError::invalid(field, t("admin-areas-choose-an-area")))
}

#[component]
fn AreaSelect(
    id: &'static str,
    #[prop(into)] label: String,
    areas: Vec<(usize, Area)>,
    value: RwSignal<String>,
) -> impl IntoView {
    preselect(value, areas.first().map(|(_, a)| a.id.0.to_string()));
    view! {
        <div>
            <label for=id class="block text-sm font-medium">{label}</label>
            <select id=id class="mt-1 w-full rounded border p-2" on:change=move |ev| value.set(event_target_value(&ev))>
                {areas.into_iter().map(|(depth, a)| view! {
                    <option value=a.id.0.to_string()>{format!("{}{}", "— ".repeat(depth), a.name)}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn Areas() -> impl IntoView {
    let create = ServerAction::<CreateArea>::new();
    let rename = ServerAction::<RenameArea>::new();
    let relocate = ServerAction::<MoveArea>::new();
    let rezone = ServerAction::<SetAreaZone>::new();
    let areas = Resource::new(
        move || (create.version().get(), rename.version().get(), relocate.version().get(), rezone.version().get()),
        |_| list_areas(),
    );
    let (zoned, zone_name) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (new_name, new_parent) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (renamed, renamed_to) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (moved, moved_under) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let local_error = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || {
        local_error
            .get()
            .or_else(|| create.value().get().and_then(|r| r.err()))
            .or_else(|| rename.value().get().and_then(|r| r.err()))
            .or_else(|| relocate.value().get().and_then(|r| r.err()))
            .or_else(|| rezone.value().get().and_then(|r| r.err()))
    });
    let done = Signal::derive(move || {
        create.value().get().and_then(|r| r.ok()).map(|a| tf("admin-areas-added", &[("name", a.name)]))
    });
    let on_create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match area_id(&new_parent.get_untracked(), "parentId") {
            Ok(parent_id) => {
                local_error.set(None);
                create.dispatch(CreateArea { req: NewArea { name: new_name.get_untracked(), parent_id } });
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    let on_rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match area_id(&renamed.get_untracked(), "id") {
            Ok(id) => {
                local_error.set(None);
                rename.dispatch(RenameArea { req: AreaRename { id, name: renamed_to.get_untracked() } });
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    let on_move = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match (area_id(&moved.get_untracked(), "id"), area_id(&moved_under.get_untracked(), "newParentId")) {
            (Ok(id), Ok(new_parent_id)) => {
                local_error.set(None);
                relocate.dispatch(MoveArea { req: AreaMove { id, new_parent_id } });
            }
            (Err(e), _) | (_, Err(e)) => local_error.set(Some(e)),
        }
    };
    let on_zone = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match area_id(&zoned.get_untracked(), "id") {
            Ok(id) => {
                local_error.set(None);
                rezone.dispatch(SetAreaZone { req: AreaZone { id, time_zone: zone_name.get_untracked() } });
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">{t("admin-areas-title")}</h1>
            <Suspense fallback=Loading>
                {move || areas.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(list) => {
                        let ordered = tree(&list);
                        view! {
                            <ul class="rounded bg-white p-4 shadow" aria-label=t("admin-areas-tree")>
                                {ordered.clone().into_iter().map(|(depth, a)| view! {
                                    <li style=format!("padding-left: {}rem", depth * 2) class="py-1">
                                        {a.name} <span class="text-xs text-slate-500">" #" {a.id.0} " · " {a.serialnumber}</span>
                                        {a.time_zone.map(|z| view! { <span class="ms-2 rounded bg-slate-100 px-1 text-xs" title=t("admin-areas-zone-title")>{z.name()}</span> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                            <div class="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
                                <form on:submit=on_create class="space-y-2 rounded bg-white p-4 shadow">
                                    <h2 class="font-semibold">{t("admin-areas-add-heading")}</h2>
                                    <AreaSelect id="area-parent" label=t("admin-areas-under") areas=ordered.clone() value=new_parent />
                                    <label for="area-name" class="block text-sm font-medium">{t("admin-areas-name")}</label>
                                    <input id="area-name" required class="w-full rounded border p-2" bind:value=new_name />
                                    <button type="submit" class="rounded bg-teal-700 px-3 py-2 text-white">{t("admin-areas-add")}</button>
                                </form>
                                <form on:submit=on_rename class="space-y-2 rounded bg-white p-4 shadow">
                                    <h2 class="font-semibold">{t("admin-areas-rename-heading")}</h2>
                                    <AreaSelect id="area-renamed" label=t("admin-areas-area") areas=ordered.clone() value=renamed />
                                    <label for="area-new-name" class="block text-sm font-medium">{t("admin-areas-new-name")}</label>
                                    <input id="area-new-name" required class="w-full rounded border p-2" bind:value=renamed_to />
                                    <button type="submit" class="rounded bg-teal-700 px-3 py-2 text-white">{t("admin-areas-rename")}</button>
                                </form>
                                <form on:submit=on_move class="space-y-2 rounded bg-white p-4 shadow">
                                    <h2 class="font-semibold">{t("admin-areas-move-heading")}</h2>
                                    <AreaSelect id="area-moved" label=t("admin-areas-area") areas=ordered.clone() value=moved />
                                    <AreaSelect id="area-under" label=t("admin-areas-new-parent") areas=ordered.clone() value=moved_under />
                                    <button type="submit" class="rounded bg-teal-700 px-3 py-2 text-white">{t("admin-areas-move")}</button>
                                </form>
                                <form on:submit=on_zone class="space-y-2 rounded bg-white p-4 shadow">
                                    <h2 class="font-semibold">{t("admin-areas-zone-heading")}</h2>
                                    <AreaSelect id="area-zoned" label=t("admin-areas-area") areas=ordered value=zoned />
                                    <label for="area-zone" class="block text-sm font-medium">{t("admin-areas-zone")}</label>
                                    <input id="area-zone" list="zone-names" placeholder="Africa/Nairobi" class="w-full rounded border p-2" bind:value=zone_name />
                                    <datalist id="zone-names">
                                        {COMMON_ZONES.iter().map(|z| view! { <option value=*z /> }).collect_view()}
                                    </datalist>
                                    <button type="submit" class="rounded bg-teal-700 px-3 py-2 text-white">{t("admin-areas-set-zone")}</button>
                                </form>
                            </div>
                        }.into_any()
                    }
                })}
            </Suspense>
            <FormOutcome error done />
        </section>
    }
}
