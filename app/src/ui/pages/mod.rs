//! One module per page.

pub mod admin;
pub mod household;
pub mod signin;
