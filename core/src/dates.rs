//! Dates as people type and read them: dd/mm/yyyy on screen, ISO in files
//! and the CLI. Both forms are accepted wherever a date is typed.

use chrono::{Months, NaiveDate};

/// Parses `dd/mm/yyyy` or `yyyy-mm-dd`. The error is a sentence that quotes
/// what was typed, for a field message.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    let parsed = if t.contains('/') {
        parse_parts(t, '/', [2, 1, 0])
    } else {
        parse_parts(t, '-', [0, 1, 2])
    };
    match parsed {
        Some(Ok(date)) => Ok(date),
        Some(Err(())) => Err(format!("{t} is not a real date.")),
        None => Err(format!(
            "{t} is not a date. Enter it as dd/mm/yyyy, for example 01/09/2025."
        )),
    }
}

/// `None` when the shape is wrong, `Some(Err)` when the shape is right but
/// the day does not exist (30 February).
fn parse_parts(t: &str, sep: char, order: [usize; 3]) -> Option<Result<NaiveDate, ()>> {
    let parts: Vec<&str> = t.split(sep).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let [y, m, d] = order.map(|i| parts[i]);
    if y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    Some(NaiveDate::from_ymd_opt(y, m, d).ok_or(()))
}

/// dd/mm/yyyy, the form for screens and PDFs.
pub fn display(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// Adds calendar months. When the day does not exist in the month reached,
/// the result is that month's last day: 31/03/2025 + 6 months = 30/09/2025,
/// 29/02/2024 + 24 months = 28/02/2026. A deadline therefore never spills
/// into the following month, which would give a trainee days the rule does
/// not.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .expect("dates typed with four-digit years stay far inside chrono's range")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn british_and_iso_dates_are_both_understood() {
        assert_eq!(parse_date("01/09/2025"), Ok(ymd(2025, 9, 1)));
        assert_eq!(parse_date("1/9/2025"), Ok(ymd(2025, 9, 1)));
        assert_eq!(parse_date(" 2025-09-01 "), Ok(ymd(2025, 9, 1)));
    }

    #[test]
    fn a_day_that_does_not_exist_is_quoted_back() {
        let err = parse_date("2025-02-30").unwrap_err();
        assert!(err.contains("2025-02-30"), "message quotes the input: {err}");
        assert!(err.contains("not a real date"), "{err}");
        assert!(parse_date("29/02/2024").is_ok(), "2024 is a leap year");
        assert!(parse_date("29/02/2025").is_err(), "2025 is not");
    }

    #[test]
    fn garbage_gets_an_example_of_the_expected_form() {
        for bad in ["", "next tuesday", "2025/09/01", "01-09-25", "1/9/25"] {
            let err = parse_date(bad).unwrap_err();
            assert!(err.contains("dd/mm/yyyy"), "{bad:?} -> {err}");
        }
    }

    #[test]
    fn display_is_day_month_year() {
        assert_eq!(display(ymd(2025, 3, 31)), "31/03/2025");
    }
}
