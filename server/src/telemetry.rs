//! Structured logs. `RUST_LOG` filters; `METERLINE_LOG_JSON=1` prints JSON lines.

use tracing_subscriber::EnvFilter;

pub fn init(json: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    // try_init: tests and benchmarks may initialise twice.
    let _ = if json { builder.json().try_init() } else { builder.try_init() };
}
