//! The browser entry point: hydrates the server-rendered page and nothing else.

// The portal's view types nest deeply (each page is one type).
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazy: the operator pages arrive as separate chunks when first visited.
    leptos::mount::hydrate_lazy(app::ui::App);
}
