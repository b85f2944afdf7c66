//! What every framework file reader shares: decoding the bytes, refusing a
//! file with every problem's message, reading a level written as a word or
//! a digit, tidying a name.

use sha2::{Digest, Sha256};

use crate::{Error, FieldError, Result};

/// More than this many errors are summarised: a file that is wrong
/// throughout (a Word document, say) needs one message, not thousands.
pub(crate) const MAX_ERRORS: usize = 20;

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The messages of a refused file, one field error each so the UI can list
/// them; the error's text joins them.
pub(crate) fn file_error(mut messages: Vec<String>) -> Error {
    if messages.len() > MAX_ERRORS {
        let more = messages.len() - MAX_ERRORS;
        messages.truncate(MAX_ERRORS);
        messages.push(format!("… and {more} more problems."));
    }
    Error::Invalid(
        messages
            .into_iter()
            .map(|message| FieldError {
                field: "file".to_owned(),
                message,
            })
            .collect(),
    )
}

/// UTF-8 text without its byte-order mark, or an error that says the file
/// is not UTF-8 and where.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(file_error(vec![
            "The file is not UTF-8 text: it is UTF-16. Save it as UTF-8 (in Excel, “CSV UTF-8”) and import it again."
                .to_owned(),
        ]));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        file_error(vec![format!(
            "The file is not UTF-8 text: line {line} has bytes that are not UTF-8. Save it as UTF-8 and import it again."
        )])
    })
}

/// `Level Six`, `Level 2`, `level3`: the word after "Level", when the group
/// is a level at all.
pub(crate) fn level_word(inside: &str) -> Option<&str> {
    let prefix = inside.get(..5)?;
    if !prefix.eq_ignore_ascii_case("level") {
        return None;
    }
    let word = inside[5..].trim();
    (!word.is_empty() && !word.contains(char::is_whitespace)).then_some(word)
}

const LEVEL_WORDS: [&str; 11] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// A level written as a digit or a word (`4`, `Four`, `Level 4`), checked to
/// be 1–7. The error is a sentence for the file's author.
pub(crate) fn parse_level(written: &str) -> Result<u8, String> {
    let word = level_word(written).unwrap_or(written).trim();
    let value: Option<u64> = if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
        Some(word.parse().unwrap_or(u64::MAX))
    } else {
        LEVEL_WORDS
            .iter()
            .position(|w| w.eq_ignore_ascii_case(word))
            .map(|n| n as u64)
    };
    match value {
        Some(v @ 1..=7) => Ok(v as u8),
        Some(_) => Err(format!(
            "level {word} is outside 1–7: SFIA levels run from 1 (Follow) to 7 (Set strategy/inspire/mobilise)."
        )),
        None => Err(format!(
            "“{}” is not a level: write 1 to 7 or One to Seven.",
            shorten(written, 40)
        )),
    }
}

/// Collapses runs of spaces: "Clinical  coding" and "Clinical coding" are
/// one competency.
pub(crate) fn tidy(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>().trim_end())
    }
}
