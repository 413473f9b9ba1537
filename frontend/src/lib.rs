//! The browser entry point: hydrates the islands of the server-rendered page.

// The portal's view types nest deeply (each page is one type).
#![recursion_limit = "256"]

// The islands' hydration functions live in `app`; nothing here names them,
// so the crate is linked by this import for the browser to find them.
use app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Islands hydrate one by one; the operator portal's island arrives as a
    // separate chunk when first visited.
    leptos::mount::hydrate_islands();
}
