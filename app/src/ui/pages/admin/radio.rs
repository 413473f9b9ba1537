//! The radio side: gateways, the command queue, LoRaWAN device registration.

use crate::api::commands::list_commands;
use crate::api::gateways::{AddGateway, ModifyGateway, RegisterDevice, RegisterOtaaDevice, list_gateways};
use crate::model::AppError;
use crate::model::command::{CommandFilter, CommandState};
use crate::model::gateway::{GatewayPatch, NewGateway};
use crate::model::ids::DevEui;
use crate::model::lorawan::{DevAddr, NewAbpDevice, NewOtaaDevice, SessionKey};
use crate::model::paging::PageRequest;
use crate::model::time::Timestamp;
use crate::ui::components::{
    ErrorNote, Field, FormOutcome, Loading, PageLinks, ZoneNote, local_time, local_time_or_never, page_nav,
    provide_clock,
};
use crate::ui::texts::{t, tf};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const GATEWAY_FIELDS: &[&str] = &["gwID", "gwName", "gwType", "region", "subnet"];

#[component]
pub fn Gateways() -> impl IntoView {
    provide_clock();
    let add = ServerAction::<AddGateway>::new();
    let edit = ServerAction::<ModifyGateway>::new();
    let gateways = Resource::new(move || (add.version().get(), edit.version().get()), |_| list_gateways());
    let [gw_id, name, subnet] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let gw_type = RwSignal::new("rhf2s208".to_owned());
    let region = RwSignal::new("eu868".to_owned());
    let error = Signal::derive(move || add.value().get().and_then(|r| r.err()));
    let done = Signal::derive(move || add.value().get().and_then(|r| r.ok()).map(|_| t("admin-radio-gateway-added")));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add.dispatch(AddGateway {
            req: NewGateway {
                area_id: None,
                gw_id: gw_id.get_untracked(),
                name: name.get_untracked(),
                gw_type: gw_type.get_untracked(),
                region: region.get_untracked(),
                subnet: subnet.get_untracked(),
            },
        });
    };
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">{t("admin-radio-gateways")}</h1>
            <ZoneNote />
            <Suspense fallback=Loading>
                {move || gateways.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(list) => view! {
                        <div class="overflow-x-auto">
                        <table class="w-full bg-white text-sm shadow">
                            <thead class="bg-slate-100 text-start"><tr>
                                <th class="p-2">{t("admin-radio-gateways-col-name")}</th><th class="p-2">{t("admin-radio-gateways-col-eui")}</th>
                                <th class="p-2">{t("admin-radio-gateways-col-type")}</th><th class="p-2">{t("admin-radio-gateways-col-region")}</th>
                                <th class="p-2">{t("admin-radio-gateways-col-state")}</th><th class="p-2">{t("admin-radio-gateways-col-last-seen")}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|g| view! {
                                    <tr class="border-t">
                                        <td class="p-2">{g.name}</td>
                                        <td class="p-2 font-mono">{g.gw_id.to_string()}</td>
                                        <td class="p-2">{g.gw_type}</td>
                                        <td class="p-2">{g.region.code()}</td>
                                        <td class="p-2">{if g.online { t("admin-radio-online") } else { t("admin-radio-offline") }}</td>
                                        <td class="p-2">{local_time_or_never(g.last_seen_at.map(Timestamp))}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }.into_any(),
                })}
            </Suspense>
            <form on:submit=submit class="grid gap-3 rounded bg-white p-4 shadow sm:grid-cols-2">
                <h2 class="text-lg font-semibold sm:col-span-2">{t("admin-radio-add-heading")}</h2>
                <Field label=t("admin-radio-add-eui") name="gwID" value=gw_id error placeholder=t("admin-radio-add-eui-hint") required=true />
                <Field label=t("admin-radio-add-name") name="gwName" value=name error required=true />
                <Field label=t("admin-radio-add-type") name="gwType" value=gw_type error />
                <Field label=t("admin-radio-add-region") name="region" value=region error />
                <Field label=t("admin-radio-add-subnet") name="subnet" value=subnet error />
                <div class="space-y-2 sm:col-span-2">
                    <FormOutcome error done fields=GATEWAY_FIELDS />
                    <button type="submit" class="rounded bg-teal-700 px-4 py-2 text-white">{t("admin-radio-add-gateway")}</button>
                </div>
            </form>
            <EditGateway edit />
        </section>
    }
}

/// Changes a gateway's name, type, region or subnet (blank keeps the value).
#[component]
fn EditGateway(edit: ServerAction<ModifyGateway>) -> impl IntoView {
    let [gw_id, name, gw_type, region, subnet] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let error = Signal::derive(move || edit.value().get().and_then(|r| r.err()));
    let done =
        Signal::derive(move || edit.value().get().and_then(|r| r.ok()).map(|_| t("admin-radio-gateway-changed")));
    let given = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        edit.dispatch(ModifyGateway {
            req: GatewayPatch {
                gw_id: gw_id.get_untracked(),
                name: given(name),
                gw_type: given(gw_type),
                region: given(region),
                subnet: given(subnet),
            },
        });
    };
    view! {
        <form on:submit=submit class="grid gap-3 rounded bg-white p-4 shadow sm:grid-cols-2">
            <h2 class="text-lg font-semibold sm:col-span-2">{t("admin-radio-change-heading")}</h2>
            <p class="text-sm text-slate-500 sm:col-span-2">{t("admin-radio-change-blank-keeps")}</p>
            <div>
                <label for="edit-gw-id" class="block text-sm font-medium">{t("admin-radio-change-eui")}</label>
                <input id="edit-gw-id" required class="mt-1 w-full rounded border p-2 font-mono" bind:value=gw_id />
            </div>
            <div>
                <label for="edit-gw-name" class="block text-sm font-medium">{t("admin-radio-change-name")}</label>
                <input id="edit-gw-name" class="mt-1 w-full rounded border p-2" bind:value=name />
            </div>
            <div>
                <label for="edit-gw-type" class="block text-sm font-medium">{t("admin-radio-change-type")}</label>
                <input id="edit-gw-type" class="mt-1 w-full rounded border p-2" bind:value=gw_type />
            </div>
            <div>
                <label for="edit-gw-region" class="block text-sm font-medium">{t("admin-radio-change-region")}</label>
                <input id="edit-gw-region" class="mt-1 w-full rounded border p-2" bind:value=region />
            </div>
            <div>
                <label for="edit-gw-subnet" class="block text-sm font-medium">{t("admin-radio-change-subnet")}</label>
                <input id="edit-gw-subnet" class="mt-1 w-full rounded border p-2" bind:value=subnet />
            </div>
            <div class="space-y-2 sm:col-span-2">
                <FormOutcome error done />
                <button type="submit" class="rounded bg-teal-700 px-4 py-2 text-white">{t("admin-radio-save-gateway")}</button>
            </div>
        </form>
    }
}

#[component]
pub fn Commands() -> impl IntoView {
    provide_clock();
    let query = use_query_map();
    let params = move || {
        let q = query.get();
        (
            q.get("state").and_then(|s| CommandState::parse(&s)),
            q.get("page").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1).max(1),
        )
    };
    let commands = Resource::new(params, |(state, page)| async move {
        let page = PageRequest::new(Some(page), Some(50)).map_err(|(f, m)| AppError::invalid(f, m))?;
        list_commands(CommandFilter { meter_id: None, state, page }).await
    });
    let states = [
        CommandState::Queued,
        CommandState::Sent,
        CommandState::Acknowledged,
        CommandState::Failed,
        CommandState::Expired,
        CommandState::Unconfirmed,
    ];
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">{t("admin-radio-commands")}</h1>
            <ZoneNote />
            <nav class="flex flex-wrap gap-2 text-sm" aria-label=t("admin-radio-commands-states")>
                <a class="rounded border px-2 py-1" href="/admin/commands">{t("admin-radio-commands-all")}</a>
                {states.into_iter().map(|s| view! { <a class="rounded border px-2 py-1" href=format!("/admin/commands?state={}", s.code())>{s.code()}</a> }).collect_view()}
            </nav>
            <Suspense fallback=Loading>
                {move || commands.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(page) => {
                        let (number, pages) = (i64::from(page.number), page.total_pages());
                        let state = params().0.map(|s| s.code()).unwrap_or("");
                        let nav = page_nav(number, pages, |n| format!("/admin/commands?state={state}&page={n}"));
                        view! {
                            <p class="text-sm text-slate-600">
                                {tf("admin-radio-commands-count", &[("n", page.total_rows.to_string())])} " · "
                                {tf("admin-radio-commands-page", &[("number", number.to_string()), ("pages", pages.to_string())])}
                            </p>
                            <div class="overflow-x-auto">
                            <table class="w-full bg-white text-sm shadow">
                                <thead class="bg-slate-100 text-start"><tr>
                                    <th class="p-2">"#"</th><th class="p-2">{t("admin-radio-commands-col-meter")}</th>
                                    <th class="p-2">{t("admin-radio-commands-col-customer")}</th><th class="p-2">{t("admin-radio-commands-col-command")}</th>
                                    <th class="p-2">{t("admin-radio-commands-col-state")}</th><th class="p-2">{t("admin-radio-commands-col-result")}</th>
                                    <th class="p-2">{t("admin-radio-commands-col-by")}</th><th class="p-2">{t("admin-radio-commands-col-queued")}</th>
                                    <th class="p-2">{t("admin-radio-commands-col-expires")}</th>
                                </tr></thead>
                                <tbody>
                                    {page.rows.into_iter().map(|c| view! {
                                        <tr class="border-t">
                                            <td class="p-2 font-mono">{c.command.id.0}</td>
                                            <td class="p-2 font-mono"><a class="underline" href=format!("/admin/meters/{}", c.command.meter_id.0)>{c.meter_address}</a></td>
                                            <td class="p-2">{c.customer_name}</td>
                                            <td class="p-2">{crate::ui::words::command_kind(c.command.kind)}</td>
                                            <td class="p-2">{c.command.state.code()}</td>
                                            <td class="p-2">{c.command.result}</td>
                                            <td class="p-2">{crate::ui::words::actor(&c.command.actor)}</td>
                                            <td class="p-2">{local_time(c.command.created_at)}</td>
                                            <td class="p-2">{local_time(c.command.expires_at)}</td>
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

const DEVICE_FIELDS: &[&str] = &["devEUI", "devName", "region", "devAddr", "appSKey", "nwkSKey", "appEUI", "appKey"];

/// LoRaWAN registration: ABP (its session keys) or OTAA (its AppKey, from
/// which each join derives a session). The key inputs are cleared once
/// sent: the keys are write-only and never shown again, here or anywhere.
#[component]
pub fn Devices() -> impl IntoView {
    let register = ServerAction::<RegisterDevice>::new();
    let register_otaa = ServerAction::<RegisterOtaaDevice>::new();
    let [dev_eui, dev_name, dev_addr, app_s_key, nwk_s_key, subnet, join_eui, app_key] =
        std::array::from_fn(|_| RwSignal::new(String::new()));
    let region = RwSignal::new("eu868".to_owned());
    let otaa = RwSignal::new(false);
    let local_error = RwSignal::new(None::<AppError>);
    let sent_error = move || {
        register.value().get().and_then(|r| r.err()).or_else(|| register_otaa.value().get().and_then(|r| r.err()))
    };
    let error = Signal::derive(move || local_error.get().or_else(sent_error));
    let done = Signal::derive(move || {
        let abp = register.value().get().is_some_and(|r| r.is_ok());
        let joins = register_otaa.value().get().is_some_and(|r| r.is_ok());
        (abp || joins).then(|| t("admin-radio-device-registered"))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let dev_eui = || DevEui::parse(&dev_eui.get_untracked()).map_err(|e| AppError::invalid("devEUI", e));
        let key = |field: &'static str, value: RwSignal<String>| {
            SessionKey::parse(&value.get_untracked()).map_err(|e| AppError::invalid(field, e))
        };
        let sent = if otaa.get_untracked() {
            (|| -> Result<(), AppError> {
                let req = NewOtaaDevice {
                    dev_eui: dev_eui()?,
                    dev_name: dev_name.get_untracked(),
                    join_eui: join_eui.get_untracked(),
                    app_id: String::new(),
                    region: region.get_untracked(),
                    subnet: subnet.get_untracked(),
                    app_key: key("appKey", app_key)?,
                };
                app_key.set(String::new());
                register_otaa.dispatch(RegisterOtaaDevice { req });
                Ok(())
            })()
        } else {
            (|| -> Result<(), AppError> {
                let req = NewAbpDevice {
                    dev_eui: dev_eui()?,
                    dev_name: dev_name.get_untracked(),
                    app_eui: String::new(),
                    app_id: String::new(),
                    region: region.get_untracked(),
                    subnet: subnet.get_untracked(),
                    dev_addr: DevAddr::parse(&dev_addr.get_untracked()).map_err(|e| AppError::invalid("devAddr", e))?,
                    app_s_key: key("appSKey", app_s_key)?,
                    nwk_s_key: key("nwkSKey", nwk_s_key)?,
                };
                app_s_key.set(String::new());
                nwk_s_key.set(String::new());
                register.dispatch(RegisterDevice { req });
                Ok(())
            })()
        };
        local_error.set(sent.err());
    };
    view! {
        <section class="mx-auto max-w-2xl space-y-4">
            <h1 class="text-2xl font-semibold">{t("admin-radio-devices-heading")}</h1>
            <p class="text-sm text-slate-600">{t("admin-radio-devices-intro")}</p>
            <form on:submit=submit class="grid gap-3 rounded bg-white p-4 shadow sm:grid-cols-2">
                <fieldset class="flex gap-4 sm:col-span-2">
                    <legend class="text-sm font-medium">{t("admin-radio-devices-activation")}</legend>
                    <label class="flex items-center gap-1"><input type="radio" name="activation" value="abp" prop:checked=move || !otaa.get() on:change=move |_| otaa.set(false) />{t("admin-radio-devices-abp")}</label>
                    <label class="flex items-center gap-1"><input type="radio" name="activation" value="otaa" prop:checked=move || otaa.get() on:change=move |_| otaa.set(true) />{t("admin-radio-devices-otaa")}</label>
                </fieldset>
                <Field label=t("admin-radio-devices-dev-eui") name="devEUI" value=dev_eui error required=true />
                <Field label=t("admin-radio-devices-name") name="devName" value=dev_name error required=true />
                <Field label=t("admin-radio-devices-region") name="region" value=region error />
                <Field label=t("admin-radio-devices-subnet") name="subnet" value=subnet error />
                {move || if otaa.get() {
                    view! {
                        <Field label=t("admin-radio-devices-join-eui") name="appEUI" value=join_eui error />
                        <Field label=t("admin-radio-devices-app-key") name="appKey" value=app_key error kind="password" required=true />
                    }.into_any()
                } else {
                    view! {
                        <Field label=t("admin-radio-devices-dev-addr") name="devAddr" value=dev_addr error required=true />
                        <Field label=t("admin-radio-devices-app-s-key") name="appSKey" value=app_s_key error kind="password" required=true />
                        <Field label=t("admin-radio-devices-nwk-s-key") name="nwkSKey" value=nwk_s_key error kind="password" required=true />
                    }.into_any()
                }}
                <div class="space-y-2 sm:col-span-2">
                    <FormOutcome error done fields=DEVICE_FIELDS />
                    <button type="submit" class="rounded bg-teal-700 px-4 py-2 text-white">{t("admin-radio-devices-register")}</button>
                </div>
            </form>
        </section>
    }
}
