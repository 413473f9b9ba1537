//! The Meterline server: reads its configuration and runs.

// The portal's view types nest deeply (each page is one type).
#![recursion_limit = "256"]

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let config = match server::config::Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("meterline: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    server::telemetry::init(config.log_json);
    match server::startup::run(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "meterline stopped");
            eprintln!("meterline: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
