//! The portal: a shell, the router and the pages.
//!
//! Built as islands: pages render on the server only, and the browser
//! receives code just for the parts marked `#[island]` (forms, the balance
//! that a top-up changes, the operator portal). A household's phone thus
//! downloads neither the router nor the code of pages it only reads.

pub mod chart;
pub mod components;
pub mod pages;
pub mod texts;
pub mod words;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The HTML document around the app (server-rendered).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    texts::provide_texts();
    let said = texts::texts();
    let lang = said.lang;
    // The islands' share of the messages: a household's page does without
    // the operator portal's.
    let for_islands = texts::PageData {
        texts: if texts::operator_page() {
            said.clone()
        } else {
            std::sync::Arc::new(said.only(|k| !k.starts_with("admin-")))
        },
        currency: texts::currency(),
    };
    view! {
        <!DOCTYPE html>
        <html lang=lang.code() dir=lang.dir()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" type="image/png" href="/favicon.png" />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
                <MetaTags />
                <script type="application/json" id=texts::SCRIPT_ID inner_html=texts::page_json(&for_islands)></script>
            </head>
            <body class="bg-slate-50 text-slate-900 min-h-screen">
                <App />
            </body>
        </html>
    }
}

use pages::admin;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Operators work at wide screens with wide tables; a household reads a
    // column.
    let width = if texts::operator_page() { "max-w-screen-2xl" } else { "max-w-5xl" };
    view! {
        <Stylesheet id="leptos" href="/pkg/meterline.css" />
        <Title text="Meterline" />
        <Router>
            <components::Header width />
            <main class=format!("mx-auto {width} p-4")>
                <Routes fallback=|| view! { <p class="text-slate-600">{texts::t("page-not-found")}</p> }>
                    // Async: the server waits for the page's data and sends it whole,
                    // so pages read data without JavaScript (streamed chunks need it).
                    <Route path=path!("") view=pages::signin::SignIn ssr=SsrMode::Async />
                    <Route path=path!("/household") view=pages::household::Dashboard ssr=SsrMode::Async />
                    // One route for the whole operator portal: one island with its
                    // own router, in a lazily loaded chunk.
                    <Route path=path!("/admin") view=admin::AdminPortal ssr=SsrMode::Async />
                    <Route path=path!("/admin/*any") view=admin::AdminPortal ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}
