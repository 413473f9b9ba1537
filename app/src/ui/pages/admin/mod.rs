//! The operator portal: a navigation bar around one page per subject. Every
//! page reads through server functions, which check the caller's areas; the
//! navigation only saves clicks.

pub mod areas;
pub mod dashboard;
pub mod household_edit;
pub mod households;
pub mod meter;
pub mod meter_new;
pub mod meters;
pub mod prices;
pub mod radio;
pub mod records;
pub mod tokens;

use crate::api::areas::list_areas;
use crate::model::AppError;
use crate::model::ids::AreaId;
use leptos::prelude::*;
use leptos_router::components::{A, Route, Routes};
use leptos_router::path;

const SECTIONS: [(&str, &str); 12] = [
    ("/admin", "Dashboard"),
    ("/admin/meters", "Meters"),
    ("/admin/households", "Households"),
    ("/admin/prices", "Price plans"),
    ("/admin/areas", "Areas"),
    ("/admin/readings", "Readings"),
    ("/admin/valves", "Valve records"),
    ("/admin/bills", "Bills"),
    ("/admin/gateways", "Gateways"),
    ("/admin/commands", "Commands"),
    ("/admin/tokens", "API tokens"),
    ("/admin/devices", "LoRaWAN devices"),
];

/// The operator portal: its navigation and its own routes. The whole of it
/// is one lazily loaded WASM chunk (built with `cargo leptos build --split`):
/// a household's phone never downloads it, nor the code that matches its
/// fourteen routes.
#[component]
pub fn AdminArea() -> impl IntoView {
    view! {
        <div class="space-y-4">
            <nav aria-label="Operator sections" class="-mx-4 overflow-x-auto border-b bg-white px-4">
                <ul class="flex gap-1 whitespace-nowrap text-sm">
                    {SECTIONS.into_iter().map(|(href, label)| view! {
                        <li>
                            <A href=href exact=true attr:class="inline-block px-2 py-2 text-slate-700 hover:text-teal-800 aria-[current=page]:border-b-2 aria-[current=page]:border-teal-700 aria-[current=page]:font-semibold">
                                {label}
                            </A>
                        </li>
                    }).collect_view()}
                </ul>
            </nav>
            <Routes fallback=|| view! { <p class="text-slate-600">"Page not found."</p> }>
                <Route path=path!("/admin") view=dashboard::Dashboard />
                <Route path=path!("/admin/meters") view=meters::Meters />
                <Route path=path!("/admin/meters/new") view=meter_new::NewMeterPage />
                <Route path=path!("/admin/meters/:id") view=meter::MeterPage />
                <Route path=path!("/admin/households") view=households::Households />
                <Route path=path!("/admin/prices") view=prices::Prices />
                <Route path=path!("/admin/areas") view=areas::Areas />
                <Route path=path!("/admin/readings") view=records::Readings />
                <Route path=path!("/admin/valves") view=records::ValveRecords />
                <Route path=path!("/admin/bills") view=records::Bills />
                <Route path=path!("/admin/gateways") view=radio::Gateways />
                <Route path=path!("/admin/commands") view=radio::Commands />
                <Route path=path!("/admin/devices") view=radio::Devices />
                <Route path=path!("/admin/tokens") view=tokens::Tokens />
            </Routes>
        </div>
    }
}

/// The route that loads the operator portal's chunk on first visit.
pub struct AdminRoute;

#[leptos_router::lazy_route]
impl leptos_router::LazyRoute for AdminRoute {
    fn data() -> Self {
        AdminRoute
    }

    fn view(_this: Self) -> AnyView {
        AdminArea().into_any()
    }
}

/// The first area the signed-in operator manages (the top of their tree).
pub async fn home_area() -> Result<AreaId, AppError> {
    let areas = list_areas().await?;
    areas.first().map(|a| a.id).ok_or_else(|| AppError::Forbidden("you manage no areas".into()))
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
