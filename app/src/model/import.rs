//! Bringing meters and households in from a CSV file: the file's columns
//! (those of the meter export, so an export imports again) and the report a
//! check or an import answers with.

use super::ids::MeterId;
use serde::{Deserialize, Serialize};

/// The meter table's columns, in the order the export writes them.
pub const METER_COLUMNS: [&str; 15] = [
    "meter_id",
    "meter_address",
    "dev_eui",
    "imei",
    "customer",
    "phone",
    "household",
    "area",
    "energy_type",
    "reading",
    "valve",
    "balance",
    "pay_mode",
    "status",
    "last_read_at",
];

/// Columns only an import reads: the export never writes a meter's keys,
/// and the rest have defaults (see `docs/import.md`).
pub const IMPORT_ONLY_COLUMNS: [&str; 9] =
    ["address", "price_plan", "model", "region", "join_eui", "app_key", "dev_addr", "nwk_s_key", "app_s_key"];

/// The most rows one file may hold.
pub const MAX_ROWS: usize = 100_000;

/// What a file asks for and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRequest {
    pub csv: String,
    /// Check every row and report, writing nothing.
    pub dry_run: bool,
}

/// One thing wrong with the file: its line as a spreadsheet numbers it (the
/// header is line 1), the column, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub line: u64,
    pub column: String,
    pub reason: String,
}

/// The household a row's meter goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum HouseholdPlan {
    /// An existing household, by its number.
    Existing(String),
    /// A new household, first named on this line (rows sharing a
    /// `household` value share it).
    New { first_line: u64 },
}

/// The LoRaWAN keys a row registers with its meter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeysPlan {
    None,
    Otaa,
    Abp,
}

/// What one line does (or would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinePlan {
    pub line: u64,
    /// The DevEUI or IMEI.
    pub meter: String,
    pub area: String,
    pub household: HouseholdPlan,
    pub keys: KeysPlan,
    /// The new meter's id, once written.
    pub meter_id: Option<MeterId>,
}

/// A check's or an import's answer. When there are problems nothing was
/// written, and `lines` says what the rest would have done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub dry_run: bool,
    /// Whether the rows were written (an import without problems).
    pub written: bool,
    /// Data rows read (the header not counted).
    pub rows: u64,
    pub new_households: u64,
    pub meters: u64,
    /// Rows left out on purpose (removed meters in an export).
    pub skipped: u64,
    /// How many problems there are (`problems` may hold fewer, see `shortened`).
    pub problem_count: u64,
    pub problems: Vec<ImportProblem>,
    pub lines: Vec<LinePlan>,
}

impl ImportReport {
    pub fn ok(&self) -> bool {
        self.problem_count == 0
    }

    /// The report with at most `problems` problems and `lines` lines, for a
    /// page to show (the counts stay whole).
    pub fn shortened(mut self, problems: usize, lines: usize) -> Self {
        self.problems.truncate(problems);
        self.lines.truncate(lines);
        self
    }
}
