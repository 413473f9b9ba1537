//! Pieces every page uses.

use crate::api::auth::{Logout, current_user};
use crate::model::AppError;
use crate::model::auth::Me;
use crate::model::time::Timestamp;
use crate::model::zone::Zone;
use crate::ui::texts::{currency, lang, t, tf};
use leptos::prelude::*;
use server_fn::ServerFn;

/// The page's header: who is signed in, and a way out. Its links leave with
/// a full page load (`rel="external"`): pages are server-rendered, and the
/// operator portal's own router must not take a link to another part of the
/// site for one of its routes. Signing out is a plain form: it works without
/// JavaScript and needs none.
#[component]
pub fn Header(
    /// The page's width class, so the header lines up with the page.
    width: &'static str,
) -> impl IntoView {
    let me = Resource::new(|| (), |_| current_user());
    view! {
        <header class="bg-teal-800 text-white">
            <div class=format!("mx-auto {width} px-4 py-3 flex flex-wrap items-center justify-between gap-2")>
                <a href="/" rel="external" class="font-semibold text-lg tracking-tight">"Meterline"</a>
                <nav class="flex items-center gap-4 whitespace-nowrap text-sm" aria-label=t("nav-main")>
                    <LanguageMenu />
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
                                {household.then(|| view! { <a href="/household" rel="external" class="hover:underline">{t("nav-my-account")}</a> })}
                                {operators.then(|| view! { <a href="/admin" rel="external" class="hover:underline">{t("nav-operators")}</a> })}
                            };
                            let name = me.map(|me| match me {
                                Me::Admin { name, .. } | Me::Household { name, .. } => name,
                            });
                            (links, name.map(|name| view! {
                                <form method="post" action=Logout::url() class="flex items-center gap-2">
                                    <span class="hidden text-teal-100 sm:inline" data-testid="signed-in">{name}</span>
                                    <button type="submit" class="rounded border border-teal-200 px-2 py-1 hover:bg-teal-700">{t("nav-sign-out")}</button>
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
            <p>{crate::ui::words::error(&error)}</p>
            <Show when=move || sign_in>
                <a href="/" rel="external" class="underline">{t("error-sign-in")}</a>
            </Show>
        </div>
    }
}

/// The error a form's server function gave when the browser posted the
/// form without JavaScript. The server then sends the browser back to the
/// form's page with the error in the address (`__path` names the function,
/// `__err` holds the error); the form shows it where a call from the island
/// would have, on the server's render and the browser's alike.
pub fn failed_without_script<S: ServerFn<Error = AppError>>() -> Option<AppError> {
    let query = page_query()?;
    let (mut path, mut err) = (None, None);
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "__path" => path = Some(percent_decoded(value)),
            "__err" => err = Some(percent_decoded(value)),
            _ => {}
        }
    }
    let err = err?;
    (path? == S::PATH).then(|| server_fn::error::ServerFnUrlError::<AppError>::decode_err(&err))
}

/// A form's latest answer: the action's, or, before it has one, the
/// refusal of the same form posted without JavaScript.
pub fn answer_or_refusal<S>(action: ServerAction<S>) -> impl Fn() -> Option<Result<S::Output, AppError>> + Clone
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let before = failed_without_script::<S>();
    move || action.value().get().or_else(|| before.clone().map(Err))
}

/// The query string of the page being shown.
fn page_query() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()?.uri.query().map(str::to_owned)
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        window().location().search().ok().map(|s| s.trim_start_matches('?').to_owned())
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        None
    }
}

/// A query-string value with its `%XX` escapes and `+` spaces undone.
fn percent_decoded(value: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push(high << 4 | low);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
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
    view! { <p class="text-slate-500" aria-busy="true">{t("loading")}</p> }
}

/// A labelled text input bound to `value`, showing the server's error when
/// the error names this field (`name` is the field name the services use).
#[component]
pub fn Field(
    #[prop(into)] label: String,
    name: &'static str,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional, into)] placeholder: String,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] required: bool,
    /// Prefixes the element ids when two forms on a page share field names.
    #[prop(optional)]
    form: &'static str,
) -> impl IntoView {
    let id = format!("{form}field-{name}");
    let hint_id = format!("{id}-error");
    let message = move || error.get().filter(|e| e.field() == Some(name)).map(|e| crate::ui::words::error(&e));
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
            Some(view! { <p role="alert" class="text-sm text-red-700">{crate::ui::words::error(&e)}</p> }.into_any())
        } else {
            done.get().map(|text| view! { <p role="status" class="text-sm text-teal-800">{text}</p> }.into_any())
        }
    }
}

/// A figure on a dashboard card.
#[component]
pub fn Stat(
    #[prop(into)] label: String,
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

/// A select shows its first option until the user picks another: the signal
/// behind it starts with that option's value, so a form sent at once is whole.
pub fn preselect(value: RwSignal<String>, first: Option<String>) {
    if let Some(first) = first.filter(|_| value.get_untracked().is_empty()) {
        value.set(first);
    }
}

/// Where a listing's page links lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageNav {
    prev: Option<String>,
    next: Option<String>,
    /// The first and last pages and those around this one; `None` where
    /// pages are left out.
    numbers: Vec<Option<(i64, String, bool)>>,
}

/// The links of page `number` of `pages`, each made by `link`.
pub fn page_nav(number: i64, pages: i64, link: impl Fn(i64) -> String) -> PageNav {
    let mut numbers = Vec::new();
    let mut last_shown = 0;
    for n in 1..=pages {
        if n == 1 || n == pages || (n - number).abs() <= 2 {
            if n > last_shown + 1 {
                numbers.push(None);
            }
            numbers.push(Some((n, link(n), n == number)));
            last_shown = n;
        }
    }
    PageNav { prev: (number > 1).then(|| link(number - 1)), next: (number < pages).then(|| link(number + 1)), numbers }
}

/// Links to the pages of a listing: previous, the numbers (the first, the
/// last and those near this one) and next. Plain links: they work before
/// hydration and can be shared.
#[component]
pub fn PageLinks(nav: PageNav) -> impl IntoView {
    view! {
        <nav class="flex flex-wrap items-center gap-3" aria-label=t("pages-nav")>
            {nav.prev.map(|href| view! { <a class="underline" href=href>{t("pages-previous")}</a> })}
            {nav.numbers.into_iter().map(|n| match n {
                Some((n, href, current)) => view! {
                    <a href=href aria-current=current.then_some("page")
                        class="rounded px-2 py-0.5 underline aria-[current=page]:bg-teal-700 aria-[current=page]:text-white aria-[current=page]:no-underline">{n}</a>
                }.into_any(),
                None => view! { <span aria-hidden="true">"…"</span> }.into_any(),
            }).collect_view()}
            {nav.next.map(|href| view! { <a class="underline" href=href>{t("pages-next")}</a> })}
        </nav>
    }
}

/// The caller's clock: the zone a page shows times in, fetched with the page.
#[derive(Clone, Copy)]
pub struct Clock(Resource<Result<Zone, AppError>>);

/// Fetches the caller's zone for this page.
pub fn provide_clock() {
    provide_context(Clock(Resource::new(|| (), |_| crate::api::areas::my_time_zone())));
}

/// The zone times are shown in (UTC until the caller's is known).
/// An amount as money: "KES 1,234.50", in the installation's currency.
pub fn money(amount: crate::model::fixed::Money) -> String {
    currency().show_in(lang(), amount)
}

pub fn zone() -> Zone {
    use_context::<Clock>().and_then(|c| c.0.get()).and_then(Result::ok).unwrap_or_default()
}

/// A time as the caller's wall clock shows it, written as the page's
/// language writes dates: "4 Dec 2026, 21:10".
pub fn local_time(t: Timestamp) -> String {
    readable_time(&zone().text(t))
}

/// The month names' keys, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8", "month-9", "month-10",
    "month-11", "month-12",
];

/// A wall-clock text as `Zone::text` writes it (`yyyy-MM-dd HH:mm:ss`, on
/// both sides) in the page's language's style; the text itself when it is
/// not one.
pub fn readable_time(wall: &str) -> String {
    let fields = (|| {
        // Only a wall-clock text: one the browser could not convert (it
        // says "UTC") stays as it is, unit and all.
        let (date, time) = wall.split_once(' ').filter(|(_, time)| time.len() == 8)?;
        let mut date = date.split('-').map(|p| p.parse::<u32>().ok());
        let (year, month, day) = (date.next()??, date.next()??, date.next()??);
        let time = time.get(..5).filter(|t| t.as_bytes().get(2) == Some(&b':'))?;
        Some((year, *MONTHS.get(usize::try_from(month).ok()?.checked_sub(1)?)?, day, time.to_owned()))
    })();
    match fields {
        Some((year, month, day, time)) => tf(
            "date-time",
            &[("year", year.to_string()), ("month", t(month)), ("day", day.to_string()), ("time", time)],
        ),
        None => wall.to_owned(),
    }
}

/// A time that may never have happened: "never" then.
pub fn local_time_or_never(at: Option<Timestamp>) -> String {
    at.map(local_time).unwrap_or_else(|| t("time-never"))
}

/// "Times in Africa/Nairobi": said once per page that shows times.
#[component]
pub fn ZoneNote() -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || use_context::<Clock>().and_then(|c| c.0.get()).map(|z| view! {
                <p class="text-xs text-slate-500">{tf("zone-note", &[("zone", z.unwrap_or_default().name().to_owned())])}</p>
            })}
        </Suspense>
    }
}

/// A button for an action that cannot be taken back (closing a valve cuts a
/// household's supply): the first press asks, naming what will happen, and
/// only the answer acts. `children` go into the question (a refund's reason).
#[component]
pub fn ConfirmButton(
    #[prop(into)] label: String,
    /// What will happen, in a sentence.
    question: String,
    /// The answer that acts ("Close the valve now"): not the button's own
    /// words, so each names one thing.
    #[prop(into)]
    answer: String,
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
            on:click=move |_| asking.set(true)>{label.clone()}</button>
        <Show when=move || asking.get()>
            <div role="alertdialog" aria-label=label.clone() class="mt-2 w-full rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950"
                on:keydown=move |ev| if ev.key() == "Escape" { close() }>
                <p class="font-medium">{question.clone()}</p>
                {children.as_ref().map(|c| c())}
                <div class="mt-2 flex gap-2">
                    <button type="button" node_ref=answer_button class="rounded bg-red-700 px-3 py-1 text-white disabled:opacity-50"
                        disabled=move || disabled.get()
                        on:click=move |_| { close(); on_confirm.run(()); }>{answer.clone()}</button>
                    <button type="button" class="rounded border px-3 py-1" on:click=move |_| close()>{t("confirm-cancel")}</button>
                </div>
            </div>
        </Show>
    }
}

/// The language menu: plain links (no JavaScript needed), each in its own
/// language, to the door that remembers the choice and comes back here.
#[component]
fn LanguageMenu() -> impl IntoView {
    let now = lang();
    view! {
        <details class="relative">
            <summary class="cursor-pointer rounded px-1 hover:bg-teal-700" aria-label=t("language-menu")>{now.name()}</summary>
            <ul class="absolute end-0 z-20 mt-1 min-w-36 rounded bg-white py-1 text-slate-900 shadow-lg">
                {crate::model::lang::Lang::ALL.into_iter().map(|l| view! {
                    <li>
                        <a href=format!("/language?lang={}", l.code()) rel="external" lang=l.code() hreflang=l.code()
                            aria-current=(l == now).then_some("true")
                            class="block px-3 py-1 hover:bg-slate-100 aria-[current=true]:font-semibold">{l.name()}</a>
                    </li>
                }).collect_view()}
            </ul>
        </details>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn page_links_show_the_ends_and_the_pages_near() {
        let nav = super::page_nav(6, 20, |n| format!("?page={n}"));
        let shown: Vec<Option<i64>> = nav.numbers.iter().map(|n| n.as_ref().map(|(n, _, _)| *n)).collect();
        assert_eq!(shown, [Some(1), None, Some(4), Some(5), Some(6), Some(7), Some(8), None, Some(20)]);
        assert_eq!(nav.prev.as_deref(), Some("?page=5"));
        assert!(nav.numbers.iter().flatten().any(|(n, href, current)| *n == 6 && *current && href == "?page=6"));
        let one = super::page_nav(1, 1, |n| n.to_string());
        assert_eq!((one.prev, one.next, one.numbers.len()), (None, None, 1));
        assert_eq!(super::page_nav(2, 3, |n| n.to_string()).numbers.len(), 3);
    }

    #[test]
    fn query_values_are_decoded() {
        assert_eq!(super::percent_decoded("%2Fsfn%2Flogin"), "/sfn/login");
        assert_eq!(super::percent_decoded("a+b%3D%3d"), "a b==");
        assert_eq!(super::percent_decoded("100%"), "100%");
        assert_eq!(super::percent_decoded("%zz%4"), "%zz%4");
    }
}
