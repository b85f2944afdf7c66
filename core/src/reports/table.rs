//! A report as a plain table: a title, column headings and rows of typed
//! cells, so the CSV and the Excel writer show the same thing and a date
//! stays a date.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

/// One cell: text, a date (ISO in CSV, a real date in Excel), a number or
/// nothing.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Cell {
    Text(String),
    Date(#[ts(type = "string")] NaiveDate),
    Number(f64),
    Empty,
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }

    pub fn date(value: Option<NaiveDate>) -> Cell {
        value.map_or(Cell::Empty, Cell::Date)
    }
}

/// A whole report.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Table {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(title: &str, columns: &[&str]) -> Table {
        Table {
            title: title.to_owned(),
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows: Vec::new(),
        }
    }
}
