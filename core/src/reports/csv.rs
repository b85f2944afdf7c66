//! A report as CSV: a header row, then one line per row; dates as ISO
//! (YYYY-MM-DD), as every file Appraise writes.

use super::table::{Cell, Table};
use crate::{Error, Result};

/// The report as CSV bytes.
pub fn to_csv(table: &Table) -> Result<Vec<u8>> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let failed = |e: ::csv::Error| Error::invalid("csv", format!("Could not write the CSV: {e}"));
    out.write_record(&table.columns).map_err(failed)?;
    for row in &table.rows {
        out.write_record(row.iter().map(text)).map_err(failed)?;
    }
    out.into_inner()
        .map_err(|e| Error::invalid("csv", format!("Could not write the CSV: {e}")))
}

fn text(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => t.clone(),
        Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        Cell::Number(n) => n.to_string(),
        Cell::Empty => String::new(),
    }
}
