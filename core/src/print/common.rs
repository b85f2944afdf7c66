//! Little helpers the printed documents share: how a missing date, an empty
//! text, an empty table and a PDP activity print, the time kept in a file,
//! and the content hash of a summary.

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use sha2::{Digest, Sha256};

use crate::appraisal::PdpItem;
use crate::dates::display;
use crate::pdf::Block;

/// The file keeps the time to the second, so printing drops the rest:
/// checking renders again at the time the file names.
pub(super) fn whole_seconds(at: NaiveDateTime) -> NaiveDateTime {
    at.with_nanosecond(0).unwrap_or(at)
}

pub(super) fn date_or_dash(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".to_owned(), display)
}

pub(super) fn or_none(text: &str, none: &str) -> String {
    if text.trim().is_empty() {
        none.to_owned()
    } else {
        text.trim().to_owned()
    }
}

/// A table, or when it has no rows a note saying so: an empty table tells a
/// reader less than "No course recorded.".
pub(super) fn table_or_note(table: Block, when_empty: String) -> Block {
    match &table {
        Block::Table { rows, .. } if rows.is_empty() => Block::Note(when_empty),
        _ => table,
    }
}

/// A PDP item's activity: its type, then what was agreed.
pub(super) fn activity_text(i: &PdpItem) -> String {
    let d = i.description.trim();
    if d.is_empty() {
        i.activity.label().to_owned()
    } else {
        format!("{}: {d}", i.activity.label())
    }
}

pub(super) fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
