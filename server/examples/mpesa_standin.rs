//! The Daraja stand-in as a process, for the browser journeys (issue 16:
//! "a household pays by M-Pesa STK against the stand-in"): the same
//! stand-in the integration tests start, with every payer approving a
//! moment after the push and the callback sent as Daraja sends it.
//!
//! `cargo run -p server --example mpesa_standin [ADDR]` (default
//! 127.0.0.1:3901); point Meterline at it with `METERLINE_MPESA_BASE_URL`
//! and the stand-in's credentials (its module's constants).

#[allow(dead_code)]
#[path = "../tests/doors/mpesa_standin.rs"]
mod mpesa_standin;

use std::time::Duration;

#[tokio::main]
async fn main() {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:3901".into());
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("mpesa stand-in: cannot listen on {addr}: {e}");
            std::process::exit(1);
        }
    };
    let standin = mpesa_standin::StandIn::serve(listener, Some(Duration::from_millis(1500))).await;
    println!("Daraja stand-in on {} (shortcode {})", standin.url, mpesa_standin::SHORTCODE);
    std::future::pending::<()>().await;
}
