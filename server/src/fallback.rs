//! What answers a path no route has: a static file of the site, a "page not
//! found" page for people, and a plain 404 for programs.

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

use crate::state::ServerState;

/// Prefixes only programs call: an unknown path there is not a page.
const PROGRAM_PREFIXES: [&str; 5] = ["/sfn/", "/api/", "/internal/", "/export/", "/pkg/"];

pub async fn handle(State(state): State<ServerState>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    let reads = method == Method::GET || method == Method::HEAD;
    let is_file = reads && static_file(&state.leptos.site_root, &path).is_some();
    if !is_file && (!reads || PROGRAM_PREFIXES.iter().any(|prefix| path.starts_with(prefix))) {
        return (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("no such endpoint: {method} {path}\n"),
        )
            .into_response();
    }
    let app_state = state.app.clone();
    let handler = leptos_axum::file_and_error_handler_with_context::<ServerState, _>(
        move || provide_context(app_state.clone()),
        crate::startup::shell,
    );
    let mut response = handler(request.uri().clone(), State(state), request).await;
    // Every page path has its own route: reaching here without a file means
    // the page does not exist (the app renders "Page not found.").
    if !is_file && response.status() == StatusCode::OK {
        *response.status_mut() = StatusCode::NOT_FOUND;
    }
    response
}

/// The file under the site root a path names, if there is one (never outside it).
fn static_file(site_root: &str, path: &str) -> Option<std::path::PathBuf> {
    let relative = path.trim_start_matches('/');
    if relative.is_empty() || relative.split('/').any(|step| step == ".." || step.is_empty()) {
        return None;
    }
    let file = std::path::Path::new(site_root).join(relative);
    file.is_file().then_some(file)
}
