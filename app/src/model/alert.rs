//! Alerts: a problem the system found (a meter gone quiet, a balance below
//! its warning, a supply cut), opened and resolved by the system and
//! acknowledged by an operator, each with the evidence that opened it.

use super::ids::{AreaId, HouseholdId, MeterId};
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

/// What an alert is about. Each kind is one rule (`backend::store::alerts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AlertKind {
    /// No report for longer than the meter's interval times the factor.
    MeterOffline,
    /// No status or uplink from a gateway for the configured time.
    GatewayOffline,
    /// The meter's own leak flag in its latest report.
    Leak,
    /// Something flowed in every hour of the last night (a tap or pipe
    /// leaking): the night-flow measurement's finding.
    NightFlow,
    /// The meter's tamper flag.
    Tamper,
    /// The meter's magnet flag.
    Magnet,
    /// The latest report's battery below the threshold.
    BatteryLow,
    /// The register went backwards (reverse flow, or a replaced register).
    ReverseFlow,
    /// A valve or credit command that expired unacknowledged.
    CommandOverdue,
    /// A household's balance below its warning amount.
    LowBalance,
    /// A valve held closed by the balance rule (overdraft).
    SupplyCut,
    /// A close for overdraft waiting for friendly credit to end: the supply
    /// stays on until then, unless the household tops up.
    CloseWaiting,
    /// A payment a provider confirmed that matched no household, waiting
    /// for an operator of the top area to assign or refund it.
    UnmatchedPayment,
}

impl AlertKind {
    pub const ALL: [AlertKind; 13] = [
        AlertKind::MeterOffline,
        AlertKind::GatewayOffline,
        AlertKind::Leak,
        AlertKind::NightFlow,
        AlertKind::Tamper,
        AlertKind::Magnet,
        AlertKind::BatteryLow,
        AlertKind::ReverseFlow,
        AlertKind::CommandOverdue,
        AlertKind::LowBalance,
        AlertKind::SupplyCut,
        AlertKind::CloseWaiting,
        AlertKind::UnmatchedPayment,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            AlertKind::MeterOffline => "meter_offline",
            AlertKind::GatewayOffline => "gateway_offline",
            AlertKind::Leak => "leak",
            AlertKind::NightFlow => "night_flow",
            AlertKind::Tamper => "tamper",
            AlertKind::Magnet => "magnet",
            AlertKind::BatteryLow => "battery_low",
            AlertKind::ReverseFlow => "reverse_flow",
            AlertKind::CommandOverdue => "command_overdue",
            AlertKind::LowBalance => "low_balance",
            AlertKind::SupplyCut => "supply_cut",
            AlertKind::CloseWaiting => "close_waiting",
            AlertKind::UnmatchedPayment => "unmatched_payment",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kinds a household is shown of its own.
    pub const fn shown_to_household(self) -> bool {
        matches!(
            self,
            AlertKind::LowBalance
                | AlertKind::SupplyCut
                | AlertKind::CloseWaiting
                | AlertKind::Leak
                | AlertKind::NightFlow
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AlertState {
    Open,
    Acknowledged,
    Resolved,
}

impl AlertState {
    pub const ALL: [AlertState; 3] = [AlertState::Open, AlertState::Acknowledged, AlertState::Resolved];

    pub const fn code(self) -> &'static str {
        match self {
            AlertState::Open => "open",
            AlertState::Acknowledged => "acknowledged",
            AlertState::Resolved => "resolved",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// What opened an alert: the times and values a person checks it by.
/// `at`, `value` and `limit` are stored as they are; what each means
/// depends on the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Meter and gateway offline: the last report (none: never reported);
    /// flags, battery and reverse flow: the report that showed it;
    /// a command: when it expired; a payment: when it was received; night
    /// flow: when the night began.
    pub at: Option<Timestamp>,
    /// Battery: millivolts; reverse flow: the register reported (device
    /// units); balances and payments: minor units of money; a command: its
    /// id; night flow: the least used in an hour (register minor units).
    pub value: Option<i64>,
    /// Offline: the silence allowed, in seconds; battery: the threshold in
    /// millivolts; reverse flow: the register charged up to; low balance:
    /// the warning amount.
    pub limit: Option<i64>,
}

/// One alert as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    pub id: i64,
    pub kind: AlertKind,
    pub state: AlertState,
    pub meter_id: Option<MeterId>,
    /// The meter's number, or its DevEUI or IMEI when it has none.
    pub meter_label: Option<String>,
    /// What the meter measures (how its registers read).
    pub energy_type: Option<super::EnergyType>,
    pub household_id: Option<HouseholdId>,
    /// The household's number and name.
    pub household_label: Option<String>,
    /// The gateway's id and name (gateway alerts).
    pub gateway_label: Option<String>,
    pub area_id: AreaId,
    pub area_name: String,
    pub evidence: Evidence,
    pub opened_at: Timestamp,
    pub acknowledged_at: Option<Timestamp>,
    pub acknowledged_by: Option<String>,
    pub note: String,
    pub resolved_at: Option<Timestamp>,
}

/// A change of an alert's state, who made it and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertEvent {
    pub state: AlertState,
    pub at: Timestamp,
    /// `system`, or the operator (`admin:<name>`).
    pub actor: String,
    pub note: String,
}

/// Which alerts a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertFilter {
    pub area_id: Option<AreaId>,
    pub kind: Option<AlertKind>,
    /// None: open and acknowledged (what still needs someone).
    pub state: Option<AlertState>,
    pub meter_id: Option<MeterId>,
}

/// Alerts that still need someone, by kind (for dashboards).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertCounts {
    pub open: i64,
    pub acknowledged: i64,
    pub by_kind: Vec<(AlertKind, i64)>,
    /// Notices of these areas' alerts that could not be delivered.
    pub notices_failed: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for k in AlertKind::ALL {
            assert_eq!(AlertKind::parse(k.code()), Some(k));
        }
        for s in AlertState::ALL {
            assert_eq!(AlertState::parse(s.code()), Some(s));
        }
        assert_eq!(AlertKind::parse("offline"), None);
        let codes: std::collections::HashSet<_> = AlertKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes.len(), AlertKind::ALL.len(), "codes are distinct");
    }
}
