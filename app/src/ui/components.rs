//! Pieces every page uses.

use crate::model::AppError;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="bg-teal-800 text-white">
            <div class="mx-auto max-w-5xl px-4 py-3 flex items-center justify-between">
                <a href="/" class="font-semibold text-lg tracking-tight">"Meterline"</a>
                <nav class="flex gap-4 text-sm" aria-label="Main">
                    <a href="/household" class="hover:underline">"My account"</a>
                    <a href="/admin" class="hover:underline">"Operators"</a>
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
                <a href="/" class="underline">"Sign in"</a>
            </Show>
        </div>
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="text-slate-500" aria-busy="true">"Loading…"</p> }
}
