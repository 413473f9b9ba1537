//! A device model's own codec: written or pasted (from The Things Stack's
//! device repository, say), tried on a sample payload, saved.

use crate::api::codecs::{SetModelCodec, TryCodec, model_codec};
use crate::api::lifecycle::list_models;
use crate::model::AppError;
use crate::model::ids::EquipmentModelId;
use crate::ui::components::{ErrorNote, Loading};
use crate::ui::texts::{t, tf};
use leptos::prelude::*;

/// The names of the intro's code pieces, as its message writes them, and the
/// code each stands for.
const INTRO_CODE: &[(&str, &str)] = &[
    ("decode", "decodeUplink(input)"),
    ("decoded", "{data}"),
    ("encode", "encodeDownlink(input)"),
    ("encoded", "{bytes, fPort}"),
    ("register", "register"),
    ("valve", "valve"),
    ("battery-mv", "batteryMv"),
    ("battery", "battery"),
    ("alarms", "alarms"),
    ("acks", "acks"),
    ("data", "data"),
];

/// A message whose variables stand for code: each `{$name}` of its pattern
/// (`t` gives it unfilled) becomes a `<code>` of what `codes` gives for that
/// name, so a translation puts the code where its sentence needs it.
fn with_code(pattern: String, codes: &'static [(&'static str, &'static str)]) -> impl IntoView {
    let mut out = Vec::new();
    let mut rest = pattern.as_str();
    while let Some((before, after)) = rest.split_once("{$") {
        let Some((name, next)) = after.split_once('}') else { break };
        if !before.is_empty() {
            out.push(before.to_owned().into_any());
        }
        match codes.iter().find(|(n, _)| *n == name) {
            Some((_, code)) => out.push(view! { <code>{*code}</code> }.into_any()),
            None => out.push(format!("{{${name}}}").into_any()),
        }
        rest = next;
    }
    if !rest.is_empty() {
        out.push(rest.to_owned().into_any());
    }
    out
}

#[component]
pub fn Codecs() -> impl IntoView {
    let models = Resource::new(|| (), |_| list_models());
    let chosen = RwSignal::new(None::<EquipmentModelId>);
    let script = RwSignal::new(String::new());
    let port = RwSignal::new("10".to_owned());
    let sample = RwSignal::new(String::new());
    let trial = ServerAction::<TryCodec>::new();
    let save = ServerAction::<SetModelCodec>::new();
    // Reloaded when another model is chosen, or after a save that worked
    // (a refused one keeps the operator's edits in the editor).
    let saved = RwSignal::new(0u32);
    Effect::new(move |_| {
        if save.value().get().is_some_and(|r| r.is_ok()) {
            saved.update(|n| *n += 1);
        }
    });
    let stored = Resource::new(
        move || (chosen.get(), saved.get()),
        |(model, _)| async move {
            match model {
                Some(m) => model_codec(m).await,
                None => Ok(None),
            }
        },
    );
    // The chosen model's script fills the editor.
    Effect::new(move |_| {
        if let Some(Ok(s)) = stored.get() {
            script.set(s.unwrap_or_default());
        }
    });
    let port_error = RwSignal::new(None::<AppError>);
    let run = move |_| match port.get_untracked().trim().parse::<u8>() {
        Ok(f_port) => {
            port_error.set(None);
            trial.dispatch(TryCodec { script: script.get_untracked(), f_port, payload: sample.get_untracked() });
        }
        Err(_) => port_error.set(Some(AppError::invalid("fPort", t("admin-codecs-port-invalid")))),
    };
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">{t("admin-codecs-heading")}</h1>
            <p class="text-sm text-slate-600">{with_code(t("admin-codecs-intro"), INTRO_CODE)}</p>
            <Suspense fallback=Loading>
                {move || models.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(list) => view! {
                        <label class="block text-sm font-medium" for="codec-model">{t("admin-codecs-model")}</label>
                        <select id="codec-model" class="rounded border px-2 py-1"
                            on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok().map(EquipmentModelId))>
                            <option value="">{t("admin-codecs-choose-model")}</option>
                            {list.into_iter().map(|m| view! { <option value=m.id.0.to_string()>{m.name}</option> }).collect_view()}
                        </select>
                    }.into_any(),
                })}
            </Suspense>
            <label class="block text-sm font-medium" for="codec-script">{t("admin-codecs-script")}</label>
            <textarea id="codec-script" class="h-64 w-full rounded border p-2 font-mono text-sm" spellcheck="false"
                prop:value=move || script.get() on:input=move |ev| script.set(event_target_value(&ev))></textarea>
            <div class="flex flex-wrap items-end gap-2">
                <label class="text-sm">{t("admin-codecs-port")} <input class="ms-1 w-16 rounded border px-2 py-1" prop:value=move || port.get() on:input=move |ev| port.set(event_target_value(&ev)) /></label>
                <label class="text-sm">{t("admin-codecs-sample")} <input class="ms-1 w-64 rounded border px-2 py-1 font-mono" prop:value=move || sample.get() on:input=move |ev| sample.set(event_target_value(&ev)) /></label>
                <button class="rounded border border-teal-700 px-3 py-1 text-teal-800" on:click=run>{t("admin-codecs-try")}</button>
                <button class="rounded bg-teal-700 px-3 py-1 text-white disabled:opacity-50" disabled=move || chosen.get().is_none()
                    on:click=move |_| if let Some(model) = chosen.get_untracked() { save.dispatch(SetModelCodec { model, script: Some(script.get_untracked()) }); }>{t("admin-codecs-save")}</button>
                <button class="rounded border px-3 py-1 disabled:opacity-50" disabled=move || chosen.get().is_none()
                    on:click=move |_| if let Some(model) = chosen.get_untracked() { save.dispatch(SetModelCodec { model, script: None }); }>{t("admin-codecs-built-in")}</button>
            </div>
            {move || port_error.get().map(|e| view! { <p role="alert" class="text-sm text-red-700">{crate::ui::words::error(&e)}</p> })}
            {move || trial.value().get().map(|r| match r {
                Err(e) => view! { <p role="alert" class="text-sm text-red-700" data-testid="codec-error">{crate::ui::words::error(&e)}</p> }.into_any(),
                Ok(tried) => view! {
                    <div class="rounded bg-white p-4 shadow" data-testid="codec-trial">
                        <p class="text-sm font-medium">{tf("admin-codecs-reads", &[("reading", tried.reading)])}</p>
                        <pre class="mt-2 overflow-x-auto text-xs">{tried.data}</pre>
                    </div>
                }.into_any(),
            })}
            {move || save.value().get().map(|r| match r {
                Err(e) => view! { <p role="alert" class="text-sm text-red-700">{crate::ui::words::error(&e)}</p> }.into_any(),
                Ok(()) => view! { <p role="status" class="text-sm text-teal-800">{t("admin-codecs-saved")}</p> }.into_any(),
            })}
        </section>
    }
}
