//! Adding a meter: its identity, its customer, its area, plan and model.
//! Values are parsed in the browser into the same types the server checks, so
//! most mistakes are named before anything is sent.

use crate::api::areas::list_areas;
use crate::api::lifecycle::list_models;
use crate::api::meters::AddMeter;
use crate::api::prices::list_prices;
use crate::model::AppError;
use crate::model::ValveState;
use crate::model::fixed::{Money, Register};
use crate::model::ids::{AreaId, DevEui, EquipmentModelId, Imei, PriceId};
use crate::model::meter::NewMeter;
use crate::ui::components::{ErrorNote, Field, FormOutcome, Loading, preselect};
use crate::ui::texts::t;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

fn optional<T>(raw: &str, parse: impl Fn(&str) -> Result<T, String>, field: &str) -> Result<Option<T>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() { Ok(None) } else { parse(raw).map(Some).map_err(|m| AppError::invalid(field, m)) }
}

fn money(raw: &str, field: &str) -> Result<Money, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        Ok(Money::ZERO)
    } else {
        Money::parse(raw).map_err(|e| AppError::invalid(field, e.to_string()))
    }
}

fn id(raw: &str, field: &str) -> Result<i64, AppError> {
    raw.trim().parse().map_err(|_| AppError::invalid(field, t("admin-meter-new-choose-one")))
}

/// The fields that show their own errors.
const FIELDS: &[&str] = &[
    "devEui",
    "nbonetNetImei",
    "customerName",
    "customerPhone",
    "customerAddress",
    "customerFee",
    "overdraftMoney",
    "reading",
];

#[component]
pub fn NewMeterPage() -> impl IntoView {
    let choices = Resource::new(
        || (),
        |_| async move { Ok::<_, AppError>((list_areas().await?, list_prices().await?, list_models().await?)) },
    );
    let add = ServerAction::<AddMeter>::new();
    let local_error = RwSignal::new(None::<AppError>);
    let [dev_eui, imei, name, phone, address, reading, fee, overdraft] =
        std::array::from_fn(|_| RwSignal::new(String::new()));
    let (area, price, model, meter_type) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new("1".to_owned()),
    );
    let error = Signal::derive(move || local_error.get().or_else(|| add.value().get().and_then(|r| r.err())));
    let navigate = use_navigate();
    // A meter for an existing household opens at once; a new household's
    // welcome slip is shown first (its password is shown only now).
    Effect::new(move |_| {
        if let Some(Ok(added)) = add.value().get()
            && added.welcome.is_none()
        {
            navigate(&format!("/admin/meters/{}", added.id.0), Default::default());
        }
    });
    let welcome = move || {
        add.value().get().and_then(|r| r.ok()).and_then(|added| {
            added.welcome.map(|welcome| {
                view! {
                    <super::welcome::WelcomeSlip welcome />
                    <a href=format!("/admin/meters/{}", added.id.0) class="text-teal-700 underline">{t("admin-meter-new-open-meter")}</a>
                }
            })
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let build = || -> Result<NewMeter, AppError> {
            let dev_eui = optional(&dev_eui.get_untracked(), DevEui::parse, "devEui")?;
            let imei = optional(&imei.get_untracked(), Imei::parse, "nbonetNetImei")?;
            if dev_eui.is_none() && imei.is_none() {
                return Err(AppError::invalid("devEui", t("admin-meter-new-no-device")));
            }
            let reading = reading.get_untracked();
            let reading = if reading.trim().is_empty() {
                Register::ZERO
            } else {
                Register::parse(reading.trim()).map_err(|e| AppError::invalid("reading", e.to_string()))?
            };
            Ok(NewMeter {
                dev_eui,
                imei,
                serialnumber: None,
                customer_name: name.get_untracked(),
                customer_phone: phone.get_untracked(),
                customer_address: address.get_untracked(),
                customer_certificate_number: String::new(),
                price_id: PriceId(id(&price.get_untracked(), "priceId")?),
                reading,
                overdraft_money: money(&overdraft.get_untracked(), "overdraftMoney")?,
                customer_fee: money(&fee.get_untracked(), "customerFee")?,
                normal_day_dosage: Register::ZERO,
                valve_state: ValveState::Open,
                meter_type: id(&meter_type.get_untracked(), "meterType")?,
                area_id: AreaId(id(&area.get_untracked(), "areaId")?),
                equipment_model_id: optional(
                    &model.get_untracked(),
                    |s| s.parse().map(EquipmentModelId).map_err(|_| t("admin-meter-new-choose-one")),
                    "equipmentModelId",
                )?,
                household_id: None,
            })
        };
        match build() {
            Ok(req) => {
                local_error.set(None);
                add.dispatch(AddMeter { req });
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    let select_class = "mt-1 w-full rounded border p-2";
    view! {
        <section class="mx-auto max-w-2xl space-y-4">
            <h1 class="text-2xl font-semibold">{t("admin-meter-new-heading")}</h1>
            {welcome}
            <Suspense fallback=Loading>
                {move || choices.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok((areas, prices, models)) => {
                        preselect(area, areas.first().map(|a| a.id.0.to_string()));
                        preselect(price, prices.first().map(|p| p.id.0.to_string()));
                        view! {
                        <form on:submit=submit class="grid gap-3 rounded bg-white p-4 shadow sm:grid-cols-2">
                            <Field label=t("admin-meter-new-dev-eui") name="devEui" value=dev_eui error placeholder=t("admin-meter-new-dev-eui-placeholder") />
                            <Field label=t("admin-meter-new-imei") name="nbonetNetImei" value=imei error placeholder=t("admin-meter-new-imei-placeholder") />
                            <Field label=t("admin-meter-new-customer-name") name="customerName" value=name error required=true />
                            <Field label=t("admin-meter-new-customer-phone") name="customerPhone" value=phone error />
                            <Field label=t("admin-meter-new-customer-address") name="customerAddress" value=address error />
                            <div>
                                <label for="field-areaId" class="block text-sm font-medium">{t("admin-meter-new-area")}</label>
                                <select id="field-areaId" class=select_class on:change=move |ev| area.set(event_target_value(&ev))>
                                    {areas.into_iter().map(|a| view! { <option value=a.id.0.to_string()>{a.name}</option> }).collect_view()}
                                </select>
                            </div>
                            <div>
                                <label for="field-priceId" class="block text-sm font-medium">{t("admin-meter-new-price-plan")}</label>
                                <select id="field-priceId" class=select_class on:change=move |ev| price.set(event_target_value(&ev))>
                                    {prices.into_iter().map(|p| view! { <option value=p.id.0.to_string()>{format!("{} ({})", p.name, crate::ui::words::energy(p.energy_type))}</option> }).collect_view()}
                                </select>
                            </div>
                            <div>
                                <label for="field-equipmentModelId" class="block text-sm font-medium">{t("admin-meter-new-equipment-model")}</label>
                                <select id="field-equipmentModelId" class=select_class on:change=move |ev| model.set(event_target_value(&ev))>
                                    <option value="">{t("admin-meter-new-model-default")}</option>
                                    {models.into_iter().map(|m| view! { <option value=m.id.0.to_string()>{format!("{} ({})", m.name, crate::ui::words::energy(m.energy_type))}</option> }).collect_view()}
                                </select>
                            </div>
                            <div>
                                <label for="field-meterType" class="block text-sm font-medium">{t("admin-meter-new-payment")}</label>
                                <select id="field-meterType" class=select_class on:change=move |ev| meter_type.set(event_target_value(&ev))>
                                    <option value="1">{t("admin-meter-new-prepaid")}</option>
                                    <option value="0">{t("admin-meter-new-postpaid")}</option>
                                </select>
                            </div>
                            <Field label=t("admin-meter-new-opening-balance") name="customerFee" value=fee error placeholder="0.00" />
                            <Field label=t("admin-meter-new-overdraft-limit") name="overdraftMoney" value=overdraft error placeholder="0.00" />
                            <Field label=t("admin-meter-new-initial-reading") name="reading" value=reading error placeholder="0.000" />
                            <div class="sm:col-span-2 space-y-2">
                                <FormOutcome error done=Signal::derive(|| None::<String>) fields=FIELDS />
                                <button type="submit" class="rounded bg-teal-700 px-4 py-2 text-white disabled:opacity-50" disabled=move || add.pending().get()>
                                    {move || if add.pending().get() { t("admin-meter-new-adding") } else { t("admin-meter-new-add") }}
                                </button>
                            </div>
                        </form>
                    }.into_any()}
                })}
            </Suspense>
        </section>
    }
}
