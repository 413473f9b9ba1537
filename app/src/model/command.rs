//! Commands queued for a meter (the legacy API's `valueId`).

use super::ids::{CommandId, MeterId};
use super::paging::PageRequest;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommandKind {
    CloseValve,
    OpenValve,
    /// Carry credit to a meter that holds its own (argument: amount in 1e-4 units).
    AddCredit,
    /// Ask the meter for a report now.
    Report,
}

impl CommandKind {
    pub fn code(self) -> &'static str {
        match self {
            CommandKind::CloseValve => "close_valve",
            CommandKind::OpenValve => "open_valve",
            CommandKind::AddCredit => "add_credit",
            CommandKind::Report => "report",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Some(match code {
            "close_valve" => CommandKind::CloseValve,
            "open_valve" => CommandKind::OpenValve,
            "add_credit" => CommandKind::AddCredit,
            "report" => CommandKind::Report,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommandState {
    Queued,
    Sent,
    Acknowledged,
    Failed,
    Expired,
    /// A credit sent to the meter whose confirmation never came in time: the
    /// meter may hold it or not, so it is neither sent again nor refunded.
    /// The meter's late acknowledgement or an operator who read the meter
    /// settles it.
    Unconfirmed,
}

impl CommandState {
    pub fn code(self) -> &'static str {
        match self {
            CommandState::Queued => "queued",
            CommandState::Sent => "sent",
            CommandState::Acknowledged => "acknowledged",
            CommandState::Failed => "failed",
            CommandState::Expired => "expired",
            CommandState::Unconfirmed => "unconfirmed",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Some(match code {
            "queued" => CommandState::Queued,
            "sent" => CommandState::Sent,
            "acknowledged" => CommandState::Acknowledged,
            "failed" => CommandState::Failed,
            "expired" => CommandState::Expired,
            "unconfirmed" => CommandState::Unconfirmed,
            _ => return None,
        })
    }

    /// No longer on its way: the radio path will not send it again.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            CommandState::Acknowledged | CommandState::Failed | CommandState::Expired | CommandState::Unconfirmed
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandInfo {
    pub id: CommandId,
    pub meter_id: MeterId,
    pub kind: CommandKind,
    pub argument: String,
    pub state: CommandState,
    pub result: String,
    pub actor: String,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
    pub finished_at: Option<Timestamp>,
    pub expires_at: Timestamp,
}

/// Which commands an operator lists (always within the areas they manage).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandFilter {
    pub meter_id: Option<MeterId>,
    pub state: Option<CommandState>,
    pub page: PageRequest,
}

/// A command with the meter it is for, as the queue page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandRow {
    pub command: CommandInfo,
    pub meter_address: String,
    pub customer_name: String,
}

/// An operator's valve order: the command that carries it, and whether it
/// was on its way already (the same order given twice is one command).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValveOrder {
    pub command: CommandId,
    pub already: bool,
}
