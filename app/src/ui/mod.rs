//! The portal: a shell, the router and the pages.

pub mod components;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{Lazy, SsrMode, path};

/// The HTML document around the app (server-rendered).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
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
    // Effects run only in the browser, once the page answers clicks: the mark
    // lets end-to-end tests wait for that instead of guessing.
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="leptos" href="/pkg/meterline.css" />
        <Title text="Meterline" />
        <Router>
            <components::Header />
            <main class="mx-auto max-w-5xl p-4">
                <Routes fallback=|| view! { <p class="text-slate-600">"Page not found."</p> }>
                    // Async: the server waits for the page's data and sends it whole,
                    // so pages read data without JavaScript (streamed chunks need it).
                    <Route path=path!("") view=pages::signin::SignIn ssr=SsrMode::Async />
                    <Route path=path!("/household") view=pages::household::Dashboard ssr=SsrMode::Async />
                    <ParentRoute path=path!("/admin") view=admin::AdminLayout ssr=SsrMode::Async>
                        <Route path=path!("") view={Lazy::<admin::DashboardRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("meters") view={Lazy::<admin::MetersRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("meters/new") view={Lazy::<admin::NewMeterRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("meters/:id") view={Lazy::<admin::MeterRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("households") view={Lazy::<admin::HouseholdsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("prices") view={Lazy::<admin::PricesRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("areas") view={Lazy::<admin::AreasRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("readings") view={Lazy::<admin::ReadingsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("valves") view={Lazy::<admin::ValvesRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("bills") view={Lazy::<admin::BillsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("gateways") view={Lazy::<admin::GatewaysRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("commands") view={Lazy::<admin::CommandsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("devices") view={Lazy::<admin::DevicesRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("tokens") view={Lazy::<admin::TokensRoute>::new()} ssr=SsrMode::Async />
                    </ParentRoute>
                </Routes>
            </main>
        </Router>
    }
}
