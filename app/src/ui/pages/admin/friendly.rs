//! Friendly credit's holidays, on the valve records page: the days no valve
//! closes for an overdrawn balance, listed and changed by the top area's
//! operators (forms that work without JavaScript too).

use crate::api::friendly::{AddFriendlyDay, RemoveFriendlyDay, list_friendly_days};
use crate::ui::components::{ErrorNote, FormOutcome, Loading};
use crate::ui::texts::{t, tf};
use leptos::prelude::*;

#[component]
pub fn FriendlyDays() -> impl IntoView {
    let add = ServerAction::<AddFriendlyDay>::new();
    let remove = ServerAction::<RemoveFriendlyDay>::new();
    let days = Resource::new(move || (add.version().get(), remove.version().get()), |_| list_friendly_days());
    let error = Signal::derive(move || {
        add.value().get().and_then(|r| r.err()).or_else(|| remove.value().get().and_then(|r| r.err()))
    });
    let done = Signal::derive(move || {
        add.value().get().and_then(|r| r.ok()).map(|d| tf("admin-friendly-added", &[("day", d.day.to_string())]))
    });
    view! {
        <section class="space-y-2 rounded bg-white p-4 shadow" aria-labelledby="friendly-heading">
            <h2 id="friendly-heading" class="text-lg font-semibold">{t("admin-friendly-title")}</h2>
            <p class="text-sm text-slate-700">{t("admin-friendly-intro")}</p>
            <Suspense fallback=Loading>
                {move || days.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="text-sm text-slate-600">{t("admin-friendly-none")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="divide-y text-sm">
                            {list.into_iter().map(|d| view! {
                                <li class="flex items-center justify-between gap-2 py-1">
                                    <span><span class="font-mono">{d.day.to_string()}</span>" · "{d.name.clone()}</span>
                                    <ActionForm action=remove>
                                        <input type="hidden" name="day" value=d.day.to_string() />
                                        <button class="rounded border border-red-700 px-2 py-0.5 text-red-800"
                                            aria-label=tf("admin-friendly-remove-one", &[("day", d.day.to_string())])>
                                            {t("admin-friendly-remove")}
                                        </button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Suspense>
            <ActionForm action=add attr:class="flex flex-wrap items-end gap-2">
                <label class="block text-sm">{t("admin-friendly-day")}
                    <input type="date" name="day" required=true class="mt-1 block rounded border p-1" />
                </label>
                <label class="block text-sm">{t("admin-friendly-name")}
                    <input type="text" name="name" required=true maxlength="60" class="mt-1 block rounded border p-1" />
                </label>
                <button type="submit" class="rounded bg-teal-700 px-3 py-1.5 text-white">{t("admin-friendly-add")}</button>
            </ActionForm>
            <FormOutcome error done />
        </section>
    }
}
