//! apiTokens for legacy clients: issue one (shown once), see when each was
//! last used, revoke.

use crate::api::tokens::{IssueApiToken, RevokeApiToken, list_api_tokens};
use crate::model::AppError;
use crate::model::token::NewApiToken;
use crate::ui::components::{
    ConfirmButton, ErrorNote, Field, FormOutcome, Loading, ZoneNote, local_time, local_time_or_never, provide_clock,
    zone,
};
use crate::ui::texts::{t, tf};
use leptos::prelude::*;

#[component]
pub fn Tokens() -> impl IntoView {
    provide_clock();
    let issue = ServerAction::<IssueApiToken>::new();
    let revoke = ServerAction::<RevokeApiToken>::new();
    let tokens = Resource::new(move || (issue.version().get(), revoke.version().get()), |_| list_api_tokens());
    let label = RwSignal::new(String::new());
    let days = RwSignal::new("365".to_owned());
    let local_error = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || {
        local_error
            .get()
            .or_else(|| issue.value().get().and_then(|r| r.err()))
            .or_else(|| revoke.value().get().and_then(|r| r.err()))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match days.get_untracked().trim().parse::<i64>() {
            Ok(days) => {
                local_error.set(None);
                issue.dispatch(IssueApiToken { req: NewApiToken { label: label.get_untracked(), days } });
            }
            Err(_) => local_error.set(Some(AppError::invalid("days", t("admin-tokens-days-invalid")))),
        }
    };
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">{t("admin-tokens-heading")}</h1>
            <ZoneNote />
            <form on:submit=submit class="grid gap-3 rounded bg-white p-4 shadow sm:grid-cols-3">
                <Field label=t("admin-tokens-client-name") name="label" value=label error required=true placeholder=t("admin-tokens-client-name-example") />
                <Field label=t("admin-tokens-days") name="days" value=days error />
                <div class="flex items-end">
                    <button type="submit" class="rounded bg-teal-700 px-4 py-2 text-white">{t("admin-tokens-issue")}</button>
                </div>
                <div class="sm:col-span-3">
                    <FormOutcome error done=Signal::derive(|| None::<String>) fields=&["label", "days"] />
                    {move || issue.value().get().and_then(|r| r.ok()).map(|issued| view! {
                        <div role="status" class="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
                            <p>{tf("admin-tokens-copy-now", &[("time", local_time(issued.expires_at)), ("zone", zone().name().to_owned())])}</p>
                            <code class="break-all font-mono" data-testid="issued-token">{issued.token}</code>
                        </div>
                    })}
                </div>
            </form>
            <Suspense fallback=Loading>
                {move || tokens.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                    Ok(list) => view! {
                        <div class="overflow-x-auto">
                        <table class="w-full bg-white text-sm shadow">
                            <thead class="bg-slate-100 text-start"><tr>
                                <th class="p-2">{t("admin-tokens-col-client")}</th><th class="p-2">{t("admin-tokens-col-issued")}</th>
                                <th class="p-2">{t("admin-tokens-col-expires")}</th><th class="p-2">{t("admin-tokens-col-last-used")}</th>
                                <th class="p-2">{t("admin-tokens-col-state")}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|token| {
                                    let id = token.id;
                                    let question = tf("admin-tokens-revoke-question", &[("client", token.label.clone())]);
                                    view! {
                                        <tr class="border-t">
                                            <td class="p-2">{token.label}</td>
                                            <td class="p-2">{local_time(token.created_at)}</td>
                                            <td class="p-2">{local_time(token.expires_at)}</td>
                                            <td class="p-2">{local_time_or_never(token.last_used_at)}</td>
                                            <td class="p-2">
                                                {if token.revoked {
                                                    view! { <span>{t("admin-tokens-revoked")}</span> }.into_any()
                                                } else {
                                                    view! {
                                                        <ConfirmButton label=t("admin-tokens-revoke") question answer=t("admin-tokens-revoke-it") class="rounded border border-red-700 px-2 py-1 text-xs text-red-800"
                                                            on_confirm=move || { revoke.dispatch(RevokeApiToken { id }); } />
                                                    }.into_any()
                                                }}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
