//! Everything that runs only on the server: the database, sign-in and the
//! services. Each operation of the product is one service function here; the
//! server functions, the legacy endpoint and the LoRaWAN pipeline only call them.

pub mod auth;
pub mod bootstrap;
pub mod cache;
pub mod catalog;
pub mod clock;
pub mod db;
pub mod demo;
pub mod device_registry;
pub mod error;
pub mod payments;
pub mod rows;
pub mod scope;
pub mod scripts;
pub mod secret_url;
pub mod services;
pub mod session;
pub mod sql;
pub mod state;
pub mod store;
pub mod throttle;
pub mod watch;

pub use error::ServiceError;
pub use state::AppState;
