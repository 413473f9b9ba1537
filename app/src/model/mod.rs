//! Plain types shared by the server and the browser. Once a value has one of
//! these types it is valid: parsing happens at the doors, not in the services.

pub mod alert;
pub mod area;
pub mod auth;
pub mod bill;
pub mod command;
pub mod currency;
pub mod dashboard;
pub mod energy;
pub mod error;
pub mod fixed;
pub mod friendly;
pub mod gateway;
pub mod history;
pub mod household;
pub mod ids;
pub mod import;
pub mod lang;
pub mod lorawan;
pub mod meter;
pub mod network;
pub mod order;
pub mod paging;
pub mod payment;
pub mod price;
pub mod reading;
pub mod region;
pub mod tariff;
pub mod time;
pub mod token;
pub mod valve;
pub mod zone;

pub use energy::{EnergyType, PayMode, ValveState};
pub use error::AppError;
pub use fixed::{Money, Register, UnitPrice};
pub use ids::*;
pub use paging::{Page, PageRequest};
