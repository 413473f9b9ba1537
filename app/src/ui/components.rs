//! Pieces every page uses.

use crate::api::auth::{Logout, current_user};
use crate::model::AppError;
use crate::model::auth::Me;
use crate::model::time::Timestamp;
use crate::model::zone::Zone;
use leptos::prelude::*;
use server_fn::ServerFn;

/// The page's header: who is signed in, and a way out. Its links leave with
/// a full page load (`rel="external"`): pages are server-rendered, and the
/// operator portal's own router must not take a link to another part of the
/// site for one of its routes. Signing out is a plain form: it works without
/// JavaScript and needs none.
#[component]
pub fn Header() -> impl IntoView {
    let me = Resource::new(|| (), |_| current_user());
    view! {
        <header class="bg-teal-800 text-white">
            <div class="mx-auto max-w-5xl px-4 py-3 flex flex-wrap items-center justify-between gap-2">
                <a href="/" rel="external" class="font-semibold text-lg tracking-tight">"Meterline"</a>
                <nav class="flex items-center gap-4 whitespace-nowrap text-sm" aria-label="Main">
                    <Suspense fallback=|| ()>
                        {move || me.get().map(|r| r.ok().flatten()).map(|me| {
                            // Each signed-in person sees their own portal's link;
                            // before signing in, both ways in.
                            let (household, operators) = match &me {
                                None => (true, true),
                                Some(Me::Household { .. }) => (true, false),
                                Some(Me::Admin { .. }) => (false, true),
                            };
                            let links = view! {
                                {household.then(|| view! { <a href="/household" rel="external" class="hover:underline">"My account"</a> })}
                                {operators.then(|| view! { <a href="/admin" rel="external" class="hover:underline">"Operators"</a> })}
                            };
                            let name = me.map(|me| match me {
                                Me::Admin { name, .. } | Me::Household { name, .. } => name,
                            });
                            (links, name.map(|name| view! {
                                <form method="post" action=Logout::url() class="flex items-center gap-2">
                                    <span class="hidden text-teal-100 sm:inline" data-testid="signed-in">{name}</span>
                                    <button type="submit" class="rounded border border-teal-200 px-2 py-1 hover:bg-teal-700">"Sign out"</button>
                                </form>
                            }))
                        })}
                    </Suspense>
                </nav>
            </div>
        </header>
    }
}

/// An error from the server, in words a person can act on.
#[component]
pub fn ErrorNote(error: AppError) -> impl IntoView {
    let sign_in = matches!(error, AppError::Unauthenticated);
    view! {
        <div role="alert" class="rounded border border-red-300 bg-red-50 p-3 text-red-800">
            <p>{error.to_string()}</p>
            <Show when=move || sign_in>
                <a href="/" rel="external" class="underline">"Sign in"</a>
            </Show>
        </div>
    }
}

/// Called first in every island. Once the island answers clicks it counts
/// itself on `<body>`; when all the page's islands have, `data-hydrated` lets
/// end-to-end tests wait for that instead of guessing. (Effects run only in
/// the browser, after hydration.)
pub fn count_hydrated() {
    Effect::new(|_| {
        let doc = document();
        let Some(body) = doc.body() else { return };
        let done = body.get_attribute("data-islands").and_then(|n| n.parse::<u32>().ok()).unwrap_or(0) + 1;
        let _ = body.set_attribute("data-islands", &done.to_string());
        if done >= doc.get_elements_by_tag_name("leptos-island").length() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

/// Reads the page again once an action has succeeded: what it changed
/// (balance, bill, history, the page itself) shows in server-rendered parts.
pub fn reload_on_success<T, E>(value: impl Get<Value = Option<Result<T, E>>> + Send + Sync + 'static) {
    Effect::new(move |_| {
        if let Some(Ok(_)) = value.get() {
            let _ = window().location().reload();
        }
    });
}

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="text-slate-500" aria-busy="true">"Loading…"</p> }
}

/// A labelled text input bound to `value`, showing the server's error when
/// the error names this field (`name` is the field name the services use).
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] required: bool,
    /// Prefixes the element ids when two forms on a page share field names.
    #[prop(optional)]
    form: &'static str,
) -> impl IntoView {
    let id = format!("{form}field-{name}");
    let hint_id = format!("{id}-error");
    let message = move || error.get().filter(|e| e.field() == Some(name)).map(|e| e.to_string());
    view! {
        <div>
            <label for=id.clone() class="block text-sm font-medium">{label}</label>
            <input id=id name=name type=kind.unwrap_or("text") placeholder=placeholder required=required
                class="mt-1 w-full rounded border p-2 aria-[invalid=true]:border-red-600"
                aria-invalid=move || message().is_some().to_string()
                aria-describedby=hint_id.clone()
                bind:value=value />
            <p id=hint_id class="text-sm text-red-700">{message}</p>
        </div>
    }
}

/// The outcome of a form's action: a success note, or an error that none of
/// the form's `fields` (the names its `Field`s show errors for) already shows.
#[component]
pub fn FormOutcome(
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(into)] done: Signal<Option<String>>,
    #[prop(optional)] fields: &'static [&'static str],
) -> impl IntoView {
    move || {
        let error = error.get().filter(|e| e.field().is_none_or(|f| !fields.contains(&f)));
        if let Some(e) = error {
            Some(view! { <p role="alert" class="text-sm text-red-700">{e.to_string()}</p> }.into_any())
        } else {
            done.get().map(|text| view! { <p role="status" class="text-sm text-teal-800">{text}</p> }.into_any())
        }
    }
}

/// A figure on a dashboard card.
#[component]
pub fn Stat(
    label: &'static str,
    #[prop(into)] value: String,
    #[prop(optional)] href: Option<&'static str>,
) -> impl IntoView {
    let body = view! {
        <p class="text-sm text-slate-500">{label}</p>
        <p class="text-2xl font-semibold">{value}</p>
    };
    match href {
        Some(href) => {
            view! { <a href=href class="block rounded bg-white p-4 shadow hover:ring-2 hover:ring-teal-600">{body}</a> }
                .into_any()
        }
        None => view! { <div class="rounded bg-white p-4 shadow">{body}</div> }.into_any(),
    }
}

/// A bar chart drawn with boxes (no chart library: it costs the bundle
/// nothing), with the numbers in a table for screen readers.
#[component]
pub fn BarChart(title: String, unit: &'static str, bars: Vec<(String, i64, String)>) -> impl IntoView {
    let max = bars.iter().map(|(_, v, _)| *v).max().unwrap_or(0).max(1);
    let rows = bars.clone();
    view! {
        <figure class="rounded bg-white p-4 shadow">
            <figcaption class="mb-2 text-sm font-medium">{title.clone()} " (" {unit} ")"</figcaption>
            <div class="flex h-32 items-end gap-px" aria-hidden="true">
                {bars.into_iter().map(|(label, value, text)| {
                    let pct = (value.max(0) * 100 / max).max(if value > 0 { 2 } else { 0 });
                    view! {
                        <div class="flex-1 bg-teal-600 hover:bg-teal-800" style=format!("height: {pct}%") title=format!("{label}: {text}")></div>
                    }
                }).collect_view()}
            </div>
            <table class="sr-only">
                <caption>{title}</caption>
                <tbody>
                    {rows.into_iter().map(|(label, _, text)| view! { <tr><th>{label}</th><td>{text}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </figure>
    }
}

/// A select shows its first option until the user picks another: the signal
/// behind it starts with that option's value, so a form sent at once is whole.
pub fn preselect(value: RwSignal<String>, first: Option<String>) {
    if let Some(first) = first.filter(|_| value.get_untracked().is_empty()) {
        value.set(first);
    }
}

/// Links to the previous and next page of a listing (plain links: they work
/// before hydration and can be shared).
#[component]
pub fn PageLinks(prev: Option<String>, next: Option<String>) -> impl IntoView {
    view! {
        <nav class="flex gap-4" aria-label="Pages">
            {prev.map(|href| view! { <a class="underline" href=href>"Previous"</a> })}
            {next.map(|href| view! { <a class="underline" href=href>"Next"</a> })}
        </nav>
    }
}

/// The caller's clock: the zone a page shows times in, fetched with the page.
#[derive(Clone, Copy)]
pub struct Clock(Resource<Result<Zone, AppError>>);

/// The installation's currency, for the page's amounts.
#[derive(Clone, Copy)]
pub struct Purse(Resource<Result<crate::model::currency::Currency, AppError>>);

/// Fetches the caller's zone and the installation's currency for this page.
pub fn provide_clock() {
    provide_context(Clock(Resource::new(|| (), |_| crate::api::areas::my_time_zone())));
    provide_currency();
}

/// Fetches the installation's currency for what follows (an island that
/// shows amounts and lies outside a page that called `provide_clock`).
pub fn provide_currency() {
    provide_context(Purse(Resource::new(|| (), |_| crate::api::areas::site_currency())));
}

/// The zone times are shown in (UTC until the caller's is known).
/// An amount as money: "KES 1,234.50", in the installation's currency.
pub fn money(amount: crate::model::fixed::Money) -> String {
    let currency = use_context::<Purse>().and_then(|p| p.0.get()).and_then(Result::ok).unwrap_or_default();
    currency.show(amount)
}

pub fn zone() -> Zone {
    use_context::<Clock>().and_then(|c| c.0.get()).and_then(Result::ok).unwrap_or_default()
}

/// A time as the caller's wall clock shows it.
pub fn local_time(t: Timestamp) -> String {
    zone().text(t)
}

/// A time that may never have happened: `none` then.
pub fn local_time_or(t: Option<Timestamp>, none: &str) -> String {
    t.map(local_time).unwrap_or_else(|| none.to_owned())
}

/// "Times in Africa/Nairobi": said once per page that shows times.
#[component]
pub fn ZoneNote() -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || use_context::<Clock>().and_then(|c| c.0.get()).map(|z| view! {
                <p class="text-xs text-slate-500">"Times in " {z.unwrap_or_default().name()}</p>
            })}
        </Suspense>
    }
}

/// A button for an action that cannot be taken back (closing a valve cuts a
/// household's supply): the first press asks, naming what will happen, and
/// only the answer acts. `children` go into the question (a refund's reason).
#[component]
pub fn ConfirmButton(
    label: &'static str,
    /// What will happen, in a sentence.
    question: String,
    /// The answer that acts ("Close the valve now"): not the button's own
    /// words, so each names one thing.
    answer: &'static str,
    class: &'static str,
    #[prop(into, optional)] disabled: Signal<bool>,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(optional)] children: Option<ChildrenFn>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let trigger = NodeRef::<leptos::html::Button>::new();
    let answer_button = NodeRef::<leptos::html::Button>::new();
    // The answer takes the focus, so a keyboard user answers where they are.
    Effect::new(move |_| {
        if asking.get()
            && let Some(button) = answer_button.get()
        {
            let _ = button.focus();
        }
    });
    // Closing gives the focus back to the button that asked, once it is
    // enabled again.
    let close = move || {
        asking.set(false);
        leptos::leptos_dom::helpers::request_animation_frame(move || {
            if let Some(button) = trigger.get_untracked() {
                let _ = button.focus();
            }
        });
    };
    view! {
        <button type="button" node_ref=trigger class=class disabled=move || disabled.get() || asking.get() aria-expanded=move || asking.get().to_string()
            on:click=move |_| asking.set(true)>{label}</button>
        <Show when=move || asking.get()>
            <div role="alertdialog" aria-label=label class="mt-2 w-full rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950"
                on:keydown=move |ev| if ev.key() == "Escape" { close() }>
                <p class="font-medium">{question.clone()}</p>
                {children.as_ref().map(|c| c())}
                <div class="mt-2 flex gap-2">
                    <button type="button" node_ref=answer_button class="rounded bg-red-700 px-3 py-1 text-white disabled:opacity-50"
                        disabled=move || disabled.get()
                        on:click=move |_| { close(); on_confirm.run(()); }>{answer}</button>
                    <button type="button" class="rounded border px-3 py-1" on:click=move |_| close()>"Cancel"</button>
                </div>
            </div>
        </Show>
    }
}
