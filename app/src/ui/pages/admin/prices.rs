//! Price plans: flat, or time-of-use with flat/peak/valley/tip prices and the
//! schedule of the day that says which applies when.

use crate::api::prices::{AddPrice, ModifyPrice, list_prices};
use crate::model::AppError;
use crate::model::EnergyType;
use crate::model::fixed::UnitPrice;
use crate::model::ids::PriceId;
use crate::model::price::{NewPricePlan, Periods, PricePatch, PricePlan, Tariff};
use crate::ui::components::{ErrorNote, Field, FormOutcome, Loading, preselect};
use crate::ui::texts::{t, tf};
use leptos::prelude::*;

const FIELDS: &[&str] = &["priceName", "price", "peakPrice", "valleyPrice", "tipPrice", "periods"];

fn tariff_cells(tariff: &Tariff) -> (String, String) {
    match tariff {
        Tariff::Flat(p) => {
            (tf("admin-prices-band-flat", &[("price", crate::ui::words::unit_price(*p))]), String::new())
        }
        Tariff::TimeOfUse { flat, peak, valley, tip, periods } => (
            [
                tf("admin-prices-band-flat", &[("price", crate::ui::words::unit_price(*flat))]),
                tf("admin-prices-band-peak", &[("price", crate::ui::words::unit_price(*peak))]),
                tf("admin-prices-band-valley", &[("price", crate::ui::words::unit_price(*valley))]),
                tf("admin-prices-band-tip", &[("price", crate::ui::words::unit_price(*tip))]),
            ]
            .join(" · "),
            periods.to_string(),
        ),
    }
}

#[component]
pub fn Prices() -> impl IntoView {
    let add = ServerAction::<AddPrice>::new();
    let change = ServerAction::<ModifyPrice>::new();
    let plans = Resource::new(move || (add.version().get(), change.version().get()), |_| list_prices());
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">{t("admin-prices-heading")}</h1>
            <Suspense fallback=Loading>
                {move || plans.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(list) => view! {
                        <div class="overflow-x-auto">
                        <table class="w-full bg-white text-sm shadow">
                            <thead class="bg-slate-100 text-start"><tr>
                                <th class="p-2">{t("admin-prices-col-name")}</th><th class="p-2">{t("admin-prices-col-energy")}</th>
                                <th class="p-2">{t("admin-prices-col-prices")}</th><th class="p-2">{t("admin-prices-col-schedule")}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|p| {
                                    let (prices, schedule) = tariff_cells(&p.tariff);
                                    view! {
                                        <tr class="border-t">
                                            <td class="p-2">{p.name}</td>
                                            <td class="p-2">{crate::ui::words::energy(p.energy_type)}</td>
                                            <td class="p-2">{prices}</td>
                                            <td class="p-2 font-mono text-xs">{schedule}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }.into_any(),
                })}
            </Suspense>
            <AddPriceForm add />
            <Suspense fallback=|| ()>
                {move || plans.get().and_then(|r| r.ok()).map(|list| view! { <ChangePriceForm plans=list change /> })}
            </Suspense>
        </section>
    }
}

#[component]
fn AddPriceForm(add: ServerAction<AddPrice>) -> impl IntoView {
    let [name, flat, peak, valley, tip] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let periods = RwSignal::new(Periods::default().to_string());
    let energy = RwSignal::new(EnergyType::Water);
    let time_of_use = RwSignal::new(false);
    let local_error = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || local_error.get().or_else(|| add.value().get().and_then(|r| r.err())));
    let done = Signal::derive(move || {
        add.value().get().and_then(|r| r.ok()).map(|id| tf("admin-prices-added", &[("id", id.0.to_string())]))
    });
    let price =
        |raw: String, field: &str| UnitPrice::parse(raw.trim()).map_err(|e| AppError::invalid(field, e.to_string()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let build = || -> Result<NewPricePlan, AppError> {
            let flat = price(flat.get_untracked(), "price")?;
            let tariff = if time_of_use.get_untracked() {
                Tariff::TimeOfUse {
                    flat,
                    peak: price(peak.get_untracked(), "peakPrice")?,
                    valley: price(valley.get_untracked(), "valleyPrice")?,
                    tip: price(tip.get_untracked(), "tipPrice")?,
                    periods: Periods::parse(&periods.get_untracked()).map_err(|e| AppError::invalid("periods", e))?,
                }
            } else {
                Tariff::Flat(flat)
            };
            Ok(NewPricePlan { area_id: None, name: name.get_untracked(), energy_type: energy.get_untracked(), tariff })
        };
        match build() {
            Ok(req) => {
                local_error.set(None);
                add.dispatch(AddPrice { req });
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    view! {
        <div class="rounded bg-white p-4 shadow">
            <h2 class="mb-2 text-lg font-semibold">{t("admin-prices-add-heading")}</h2>
            <form on:submit=submit class="grid gap-3 sm:grid-cols-2">
                <Field label=t("admin-prices-add-name") name="priceName" value=name error required=true />
                <div>
                    <label for="price-energy" class="block text-sm font-medium">{t("admin-prices-add-energy")}</label>
                    <select id="price-energy" class="mt-1 w-full rounded border p-2"
                        on:change=move |ev| { if let Ok(e) = EnergyType::parse(&event_target_value(&ev)) { energy.set(e) } }>
                        {EnergyType::ALL.into_iter().map(|e| view! { <option value=e.code()>{crate::ui::words::energy(e)}</option> }).collect_view()}
                    </select>
                </div>
                <Field label=t("admin-prices-add-flat") name="price" value=flat error placeholder="3.50" required=true />
                <div class="flex items-end gap-2 pb-2">
                    <input id="price-tou" type="checkbox" class="h-4 w-4" on:change=move |ev| time_of_use.set(event_target_checked(&ev)) />
                    <label for="price-tou" class="text-sm font-medium">{t("admin-prices-add-time-of-use")}</label>
                </div>
                <Show when=move || time_of_use.get()>
                    <Field label=t("admin-prices-add-peak") name="peakPrice" value=peak error />
                    <Field label=t("admin-prices-add-valley") name="valleyPrice" value=valley error />
                    <Field label=t("admin-prices-add-tip") name="tipPrice" value=tip error />
                    <Field label=t("admin-prices-add-schedule") name="periods" value=periods error />
                </Show>
                <div class="space-y-2 sm:col-span-2">
                    <FormOutcome error done fields=FIELDS />
                    <button type="submit" class="rounded bg-teal-700 px-4 py-2 text-white disabled:opacity-50" disabled=move || add.pending().get()>{t("admin-prices-add-plan")}</button>
                </div>
            </form>
        </div>
    }
}

const CHANGE_FIELDS: &[&str] = &["priceName", "price", "peakPrice", "valleyPrice", "tipPrice", "periods"];

/// Changes a plan: blank fields keep their value; peak, valley and tip prices
/// make a flat plan time-of-use. Meters on the plan are charged at the new
/// prices from their next reading.
#[component]
fn ChangePriceForm(plans: Vec<PricePlan>, change: ServerAction<ModifyPrice>) -> impl IntoView {
    let plan = RwSignal::new(String::new());
    preselect(plan, plans.first().map(|p| p.id.0.to_string()));
    let [name, flat, peak, valley, tip, periods] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let local_error = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || local_error.get().or_else(|| change.value().get().and_then(|r| r.err())));
    let done = Signal::derive(move || {
        change.value().get().and_then(|r| r.ok()).map(|id| tf("admin-prices-changed", &[("id", id.0.to_string())]))
    });
    let price = |s: RwSignal<String>, field: &str| -> Result<Option<UnitPrice>, AppError> {
        let raw = s.get_untracked();
        if raw.trim().is_empty() {
            Ok(None)
        } else {
            UnitPrice::parse(raw.trim()).map(Some).map_err(|e| AppError::invalid(field, e.to_string()))
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let build = || -> Result<PricePatch, AppError> {
            let periods = periods.get_untracked();
            let no_plan = || AppError::invalid("priceId", t("admin-prices-choose-plan"));
            Ok(PricePatch {
                id: PriceId(plan.get_untracked().parse().map_err(|_| no_plan())?),
                name: Some(name.get_untracked()).filter(|n| !n.trim().is_empty()),
                flat: price(flat, "price")?,
                peak: price(peak, "peakPrice")?,
                valley: price(valley, "valleyPrice")?,
                tip: price(tip, "tipPrice")?,
                periods: if periods.trim().is_empty() {
                    None
                } else {
                    Some(Periods::parse(&periods).map_err(|e| AppError::invalid("periods", e))?)
                },
            })
        };
        match build() {
            Ok(req) => {
                local_error.set(None);
                change.dispatch(ModifyPrice { req });
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    view! {
        <div class="rounded bg-white p-4 shadow">
            <h2 class="mb-2 text-lg font-semibold">{t("admin-prices-change-heading")}</h2>
            <p class="mb-2 text-sm text-slate-500">{t("admin-prices-change-intro")}</p>
            <form on:submit=submit class="grid gap-3 sm:grid-cols-2">
                <div>
                    <label for="change-plan" class="block text-sm font-medium">{t("admin-prices-change-plan")}</label>
                    <select id="change-plan" class="mt-1 w-full rounded border p-2" on:change=move |ev| plan.set(event_target_value(&ev))>
                        {plans.into_iter().map(|p| view! { <option value=p.id.0.to_string()>{format!("{} ({})", p.name, crate::ui::words::energy(p.energy_type))}</option> }).collect_view()}
                    </select>
                </div>
                <Field label=t("admin-prices-change-name") name="priceName" value=name error form="change-" />
                <Field label=t("admin-prices-change-flat") name="price" value=flat error form="change-" />
                <Field label=t("admin-prices-change-peak") name="peakPrice" value=peak error form="change-" />
                <Field label=t("admin-prices-change-valley") name="valleyPrice" value=valley error form="change-" />
                <Field label=t("admin-prices-change-tip") name="tipPrice" value=tip error form="change-" />
                <Field label=t("admin-prices-change-schedule") name="periods" value=periods error placeholder="00:00=valley,07:00=flat,..." form="change-" />
                <div class="space-y-2 sm:col-span-2">
                    <FormOutcome error done fields=CHANGE_FIELDS />
                    <button type="submit" class="rounded bg-teal-700 px-4 py-2 text-white disabled:opacity-50" disabled=move || change.pending().get()>{t("admin-prices-save-plan")}</button>
                </div>
            </form>
        </div>
    }
}
