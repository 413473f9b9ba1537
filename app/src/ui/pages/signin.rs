//! Sign-in for households and operators.

use crate::api::auth::{Login, current_user};
use crate::model::auth::Me;
use crate::ui::components::{answer_or_refusal, count_hydrated};
use crate::ui::texts::{t, tf};
use leptos::prelude::*;

#[component]
pub fn SignIn() -> impl IntoView {
    let current = Resource::new(|| (), |_| current_user());
    // Sent here from a page that needs a session.
    let sent = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("next")).map(|_| {
        view! { <p role="status" class="mb-4 rounded bg-amber-50 p-2 text-amber-900">{t("signin-please")}</p> }
    });
    view! {
        <section class="mx-auto max-w-sm mt-8">
            <h1 class="text-2xl font-semibold mb-4">{t("signin-title")}</h1>
            {sent}
            <Suspense fallback=|| ()>
                {move || {
                    current
                        .get()
                        .and_then(|r| r.ok().flatten())
                        .map(|me| {
                            let (text, href) = match me {
                                Me::Admin { name, .. } => (tf("signin-as-operator", &[("name", name)]), "/admin"),
                                Me::Household { name, .. } => (tf("signin-as-household", &[("name", name)]), "/household"),
                            };
                            view! {
                                <p class="mb-4 text-slate-700">
                                    {text} " " <a class="underline" href=href>{t("signin-continue")}</a>
                                </p>
                            }
                        })
                }}
            </Suspense>
            <SignInForm />
        </section>
    }
}

/// The form: without JavaScript it posts like any form; hydrated, it shows
/// the server's refusal next to the fields and opens the caller's portal.
#[island]
fn SignInForm() -> impl IntoView {
    count_hydrated();
    let login = ServerAction::<Login>::new();
    Effect::new(move |_| {
        if let Some(Ok(me)) = login.value().get() {
            let to = match me {
                Me::Admin { .. } => "/admin",
                Me::Household { .. } => "/household",
            };
            let _ = window().location().set_href(to);
        }
    });
    // Posted without JavaScript, a refusal comes back in the address.
    let answer = answer_or_refusal(login);
    let error = move || answer().and_then(Result::err);
    view! {
        <ActionForm action=login attr:class="space-y-4 bg-white p-4 rounded shadow">
            <div>
                <label for="role" class="block text-sm font-medium">{t("signin-role")}</label>
                <select id="role" name="req[role]" class="mt-1 w-full rounded border p-2">
                    <option value="Household">{t("signin-role-household")}</option>
                    <option value="Admin">{t("signin-role-operator")}</option>
                </select>
            </div>
            <div>
                <label for="username" class="block text-sm font-medium">{t("signin-username")}</label>
                <input id="username" name="req[username]" required autocomplete="username" class="mt-1 w-full rounded border p-2" />
            </div>
            <div>
                <label for="password" class="block text-sm font-medium">{t("signin-password")}</label>
                <input id="password" name="req[password]" type="password" required autocomplete="current-password" class="mt-1 w-full rounded border p-2" />
            </div>
            {move || error().map(|e| view! { <p role="alert" class="text-red-700 text-sm">{crate::ui::words::error(&e)}</p> })}
            <button type="submit" class="w-full rounded bg-teal-700 text-white py-2 font-medium hover:bg-teal-800 disabled:opacity-50" disabled=move || login.pending().get()>
                {move || if login.pending().get() { t("signin-busy") } else { t("signin-submit") }}
            </button>
        </ActionForm>
    }
}
