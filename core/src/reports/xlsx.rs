//! A report as an Excel workbook (rust_xlsxwriter): one sheet, a bold
//! header row frozen above the data, dates as real Excel dates shown as
//! dd/mm/yyyy, columns wide enough for what they hold.

use rust_xlsxwriter::{Format, Workbook};

use super::table::{Cell, Table};
use crate::{Error, Result};

/// Excel's own limit on a column's width, in characters; wider text wraps
/// into view when the cell is selected.
const WIDEST: usize = 60;

/// The report as the bytes of an .xlsx file.
pub fn to_xlsx(table: &Table) -> Result<Vec<u8>> {
    let failed = |e: rust_xlsxwriter::XlsxError| Error::invalid("xlsx", format!("Could not write the workbook: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    // A sheet name is at most 31 characters, without some punctuation.
    let name: String = table
        .title
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    sheet.set_name(name).map_err(failed)?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let mut widths: Vec<usize> = table.columns.iter().map(|c| c.chars().count()).collect();
    for (col, heading) in table.columns.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, heading, &bold)
            .map_err(failed)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let c = col as u16;
            let width = match cell {
                Cell::Text(t) => {
                    sheet.write_string(r, c, t).map_err(failed)?;
                    t.chars().count()
                }
                Cell::Date(d) => {
                    sheet.write_date_with_format(r, c, d, &date).map_err(failed)?;
                    10
                }
                Cell::Number(n) => {
                    sheet.write_number(r, c, *n).map_err(failed)?;
                    n.to_string().len()
                }
                Cell::Empty => 0,
            };
            if let Some(w) = widths.get_mut(col) {
                *w = (*w).max(width);
            }
        }
    }
    for (col, width) in widths.iter().enumerate() {
        sheet
            .set_column_width(col as u16, (width + 2).min(WIDEST) as f64)
            .map_err(failed)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}
