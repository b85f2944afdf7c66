//! The date and time the shell works with, read here at the edge and
//! passed into core.
//!
//! `APPRAISE_TODAY` (YYYY-MM-DD) fixes the date, for automated tests and
//! demonstrations.

/// Today, or the date `APPRAISE_TODAY` fixes.
pub fn today_date() -> chrono::NaiveDate {
    std::env::var("APPRAISE_TODAY")
        .ok()
        .and_then(|t| chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Now, on `today_date()`: the time of day is the clock's.
pub fn now() -> chrono::NaiveDateTime {
    today_date().and_time(chrono::Local::now().time())
}
