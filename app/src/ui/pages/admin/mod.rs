//! The operator portal: a navigation bar around one page per subject. Every
//! page reads through server functions, which check the caller's areas; the
//! navigation only saves clicks.

pub mod alerts;
pub mod areas;
pub mod codecs;
pub mod dashboard;
mod friendly;
pub mod household_edit;
pub mod households;
pub mod meter;
pub mod meter_import;
pub mod meter_new;
pub mod meters;
pub mod payments;
pub mod prices;
pub mod radio;
pub mod records;
pub mod tokens;
mod welcome;

use crate::model::AppError;
use crate::model::ids::AreaId;
use crate::ui::components::count_hydrated;
use crate::ui::texts::t;
use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;

/// Each section's address and the key of its name in the catalog.
const SECTIONS: [(&str, &str); 15] = [
    ("/admin", "admin-portal-section-dashboard"),
    ("/admin/alerts", "admin-portal-section-alerts"),
    ("/admin/meters", "admin-portal-section-meters"),
    ("/admin/households", "admin-portal-section-households"),
    ("/admin/prices", "admin-portal-section-price-plans"),
    ("/admin/areas", "admin-portal-section-areas"),
    ("/admin/readings", "admin-portal-section-readings"),
    ("/admin/valves", "admin-portal-section-valve-records"),
    ("/admin/bills", "admin-portal-section-bills"),
    ("/admin/payments", "admin-portal-section-payments"),
    ("/admin/gateways", "admin-portal-section-gateways"),
    ("/admin/commands", "admin-portal-section-commands"),
    ("/admin/tokens", "admin-portal-section-api-tokens"),
    ("/admin/devices", "admin-portal-section-lorawan-devices"),
    ("/admin/codecs", "admin-portal-section-codecs"),
];

/// The operator portal: its navigation and its own routes.
#[component]
pub fn AdminArea() -> impl IntoView {
    view! {
        <div class="space-y-4">
            <nav aria-label=t("admin-portal-sections-nav") class="-mx-4 overflow-x-auto border-b bg-white px-4">
                <ul class="flex gap-0.5 whitespace-nowrap text-sm">
                    {SECTIONS.into_iter().map(|(href, key)| view! {
                        <li>
                            <A href=href exact=true attr:class="inline-block px-1.5 py-2 text-slate-700 hover:text-teal-800 aria-[current=page]:border-b-2 aria-[current=page]:border-teal-700 aria-[current=page]:font-semibold">
                                {t(key)}
                            </A>
                        </li>
                    }).collect_view()}
                </ul>
            </nav>
            {hydrate_from_here}
            <Routes fallback=|| view! { <p class="text-slate-600">{t("admin-portal-page-not-found")}</p> }>
                <Route path=path!("/admin") view=dashboard::Dashboard />
                <Route path=path!("/admin/alerts") view=alerts::Alerts />
                <Route path=path!("/admin/meters") view=meters::Meters />
                <Route path=path!("/admin/meters/new") view=meter_new::NewMeterPage />
                <Route path=path!("/admin/meters/import") view=meter_import::MeterImport />
                <Route path=path!("/admin/meters/:id") view=meter::MeterPage />
                <Route path=path!("/admin/households") view=households::Households />
                <Route path=path!("/admin/prices") view=prices::Prices />
                <Route path=path!("/admin/areas") view=areas::Areas />
                <Route path=path!("/admin/readings") view=records::Readings />
                <Route path=path!("/admin/valves") view=records::ValveRecords />
                <Route path=path!("/admin/bills") view=records::Bills />
                <Route path=path!("/admin/payments") view=payments::Payments />
                <Route path=path!("/admin/gateways") view=radio::Gateways />
                <Route path=path!("/admin/commands") view=radio::Commands />
                <Route path=path!("/admin/devices") view=radio::Devices />
                <Route path=path!("/admin/codecs") view=codecs::Codecs />
                <Route path=path!("/admin/tokens") view=tokens::Tokens />
            </Routes>
        </div>
    }
}

/// Marks, on the server, everything written from here on as hydrating. A
/// route's page and its resources are made while the HTML is written (some
/// only when a `Suspense`'s data arrives), after the island's body has
/// returned; Leptos sends the browser only the data of resources made while
/// hydrating, so without the mark the browser would find no data for the page
/// the server rendered. The mark stays to the end of the response: the portal
/// is the only part of its page that holds data. In the browser it changes
/// nothing.
fn hydrate_from_here() {
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(true);
    }
}

/// The operator portal as one island: it works like a single-page app, with
/// its own router, and its code is a separate WASM chunk (`lazy`) loaded on
/// an operator's first visit, never on a household's phone.
#[island(lazy)]
pub fn AdminPortal() -> impl IntoView {
    count_hydrated();
    view! {
        <Router>
            <AdminArea />
        </Router>
    }
}

/// The area the signed-in operator's pages open on (the service decides).
pub async fn home_area() -> Result<AreaId, AppError> {
    crate::api::areas::home_area().await
}

/// Encodes a query-string value (the few characters that matter in our filters).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
