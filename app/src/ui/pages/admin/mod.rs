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
use leptos_router::components::{A, Outlet};

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

#[component]
pub fn AdminLayout() -> impl IntoView {
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
            <Outlet />
        </div>
    }
}

/// Declares a route that loads an operator page's code on first visit: the
/// admin pages live in their own WASM chunk, so a household's phone never
/// downloads them (built with `cargo leptos build --split`).
macro_rules! lazy_page {
    ($route:ident, $page:path) => {
        pub struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    };
}

lazy_page!(DashboardRoute, dashboard::Dashboard);
lazy_page!(MetersRoute, meters::Meters);
lazy_page!(NewMeterRoute, meter_new::NewMeterPage);
lazy_page!(MeterRoute, meter::MeterPage);
lazy_page!(HouseholdsRoute, households::Households);
lazy_page!(PricesRoute, prices::Prices);
lazy_page!(AreasRoute, areas::Areas);
lazy_page!(ReadingsRoute, records::Readings);
lazy_page!(ValvesRoute, records::ValveRecords);
lazy_page!(BillsRoute, records::Bills);
lazy_page!(GatewaysRoute, radio::Gateways);
lazy_page!(CommandsRoute, radio::Commands);
lazy_page!(DevicesRoute, radio::Devices);
lazy_page!(TokensRoute, tokens::Tokens);

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
