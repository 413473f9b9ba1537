//! The radio path's error: what can stop a batch of frames or a downlink.

use super::frame::FrameError;
use app::backend::error::ServiceError;

#[derive(Debug, thiserror::Error)]
pub enum RadioError {
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("cannot build the frame: {0}")]
    Frame(#[from] FrameError),
    #[error("the gateway could not be reached: {0}")]
    Send(#[from] std::io::Error),
}
