//! The file as a sheet: its header checked against the columns an import
//! reads, and its rows as text by column, each with its line number.

use crate::model::import::{IMPORT_ONLY_COLUMNS, ImportProblem, MAX_ROWS, METER_COLUMNS};
use std::collections::HashMap;

pub(super) struct Sheet {
    columns: HashMap<&'static str, usize>,
    pub rows: Vec<Line>,
}

/// One data row: its line as a spreadsheet numbers it, and its fields.
pub(super) struct Line {
    pub number: u64,
    fields: Vec<String>,
}

impl Sheet {
    /// The row's text in `column`, trimmed; empty when the file has no such column.
    pub fn get<'a>(&self, line: &'a Line, column: &str) -> &'a str {
        self.columns.get(column).and_then(|&i| line.fields.get(i)).map_or("", |f| f.trim())
    }
}

pub(super) fn problem(line: u64, column: &str, reason: impl Into<String>) -> ImportProblem {
    ImportProblem { line, column: column.to_owned(), reason: reason.into() }
}

/// The column a header cell names: blanks, case, a spreadsheet's byte-order
/// mark and spaces for underscores do not matter.
fn column_of(cell: &str) -> Option<&'static str> {
    let name = cell.trim_start_matches('\u{feff}').trim().to_ascii_lowercase().replace([' ', '-'], "_");
    METER_COLUMNS.iter().chain(IMPORT_ONLY_COLUMNS.iter()).copied().find(|c| *c == name)
}

/// Reads the file; `None` (with the reasons in `problems`) when its header or
/// its shape is wrong, so that no row can be read as meant.
pub(super) fn read(text: &str, problems: &mut Vec<ImportProblem>) -> Option<Sheet> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            problems.push(problem(1, "", "the file is empty: its first line names the columns"));
            return None;
        }
        Some(Err(e)) => {
            problems.push(problem(1, "", format!("is not CSV: {e}")));
            return None;
        }
        Some(Ok(header)) => header,
    };
    let mut columns = HashMap::new();
    for (i, cell) in header.iter().enumerate() {
        match column_of(cell) {
            Some(column) if columns.insert(column, i).is_some() => {
                problems.push(problem(1, column, "is named twice"));
            }
            Some(_) => {}
            None if cell.trim().is_empty() => problems.push(problem(1, "", format!("column {} has no name", i + 1))),
            None => problems.push(problem(
                1,
                cell.trim(),
                format!(
                    "is not a column of this import (its columns: {}, {})",
                    METER_COLUMNS.join(", "),
                    IMPORT_ONLY_COLUMNS.join(", ")
                ),
            )),
        }
    }
    if !columns.contains_key("customer") {
        problems.push(problem(1, "customer", "the file needs this column"));
    }
    if !columns.contains_key("dev_eui") && !columns.contains_key("imei") {
        problems.push(problem(1, "dev_eui", "the file needs a dev_eui or an imei column"));
    }
    if !problems.is_empty() {
        return None;
    }
    let width = header.len();
    let mut rows = Vec::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(problem(line, "", format!("is not CSV: {e}")));
                return None;
            }
        };
        let number = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != width {
            problems.push(problem(number, "", format!("has {} fields where the header has {width}", record.len())));
            continue;
        }
        if rows.len() == MAX_ROWS {
            problems.push(problem(number, "", format!("the file holds more than {MAX_ROWS} rows: split it")));
            return None;
        }
        rows.push(Line { number, fields: record.iter().map(str::to_owned).collect() });
    }
    Some(Sheet { columns, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_is_read_loosely_and_checked_strictly() {
        let mut problems = Vec::new();
        let sheet = read("\u{feff}Dev EUI,Customer,area\n0011223344556677, Amina ,North\n\n", &mut problems).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(sheet.rows.len(), 1, "the blank line is no row");
        assert_eq!(sheet.rows[0].number, 2);
        assert_eq!(sheet.get(&sheet.rows[0], "customer"), "Amina");
        assert_eq!(sheet.get(&sheet.rows[0], "phone"), "", "a column the file lacks reads empty");

        let mut problems = Vec::new();
        assert!(read("dev_eui,custmer,dev_eui\n", &mut problems).is_none());
        let said: Vec<(&str, &str)> = problems.iter().map(|p| (p.column.as_str(), &p.reason[..12])).collect();
        assert_eq!(said, [("custmer", "is not a col"), ("dev_eui", "is named twi"), ("customer", "the file nee")]);

        let mut problems = Vec::new();
        let sheet = read("imei,customer\n861234567890123,A\n861234567890124\n", &mut problems).unwrap();
        assert_eq!(sheet.rows.len(), 1);
        assert_eq!(problems, [problem(3, "", "has 1 fields where the header has 2")]);
    }
}
