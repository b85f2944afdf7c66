//! The staff form checked field by field, with no database: what every way
//! in (the window, the CLI, the ESR import, the first run) stores.

use chrono::NaiveDate;

use super::words::{StaffInput, ValidStaff, BANDS};
use crate::dates::parse_date;
use crate::{Error, FieldError, Result};

const MAX_NAME: usize = 100;
const MAX_STAFF_NUMBER: usize = 20;
const MAX_JOB_TITLE: usize = 120;

/// Checks every field on its own (no database), collecting a message per bad
/// field so the form can show them all at once.
pub fn validate(input: &StaffInput, today: NaiveDate) -> Result<ValidStaff> {
    let mut errors = Vec::new();
    let mut bad = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };

    let staff_number = input.staff_number.trim();
    if staff_number.chars().count() > MAX_STAFF_NUMBER {
        bad(
            "staff_number",
            format!("Staff number must be {MAX_STAFF_NUMBER} characters or fewer."),
        );
    } else if !staff_number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        bad(
            "staff_number",
            format!("Staff number {staff_number} may contain only letters, digits and hyphens."),
        );
    }

    let forename = input.forename.trim();
    let surname = input.surname.trim();
    for (field, label, value) in [("forename", "First name", forename), ("surname", "Last name", surname)] {
        if value.is_empty() {
            bad(field, format!("Enter a {}.", label.to_lowercase()));
        } else if value.chars().count() > MAX_NAME {
            bad(field, format!("{label} must be {MAX_NAME} characters or fewer."));
        }
    }

    let band = input.band.trim().to_lowercase();
    let band = band.strip_prefix("band").map(str::trim).unwrap_or(&band).to_owned();
    if band.is_empty() {
        bad("band", "Choose an Agenda for Change band.".to_owned());
    } else if !BANDS.contains(&band.as_str()) {
        bad(
            "band",
            format!(
                "Band {} is not an Agenda for Change band. Use one of {}.",
                input.band.trim(),
                BANDS.join(", ")
            ),
        );
    }

    let job_title = input.job_title.trim();
    if job_title.chars().count() > MAX_JOB_TITLE {
        bad(
            "job_title",
            format!("Job title must be {MAX_JOB_TITLE} characters or fewer."),
        );
    }

    let appointed = if input.appointed.trim().is_empty() {
        bad(
            "appointed",
            "Enter the appointment date, for example 01/09/2025.".to_owned(),
        );
        None
    } else {
        parse_date(&input.appointed)
            .map_err(|m| bad("appointed", format!("Appointment date: {m}")))
            .ok()
    };

    let optional_date =
        |text: &str| -> Option<Result<NaiveDate, String>> { (!text.trim().is_empty()).then(|| parse_date(text)) };
    let acc_date = match optional_date(&input.acc_date) {
        None => None,
        Some(Err(m)) => {
            bad("acc_date", format!("ACC date: {m}"));
            None
        }
        Some(Ok(d)) if d > today => {
            bad("acc_date", "ACC date cannot be in the future.".to_owned());
            None
        }
        Some(Ok(d)) => Some(d),
    };
    let leaver_date = match optional_date(&input.leaver_date) {
        None => None,
        Some(Err(m)) => {
            bad("leaver_date", format!("Leaving date: {m}"));
            None
        }
        Some(Ok(d)) if appointed.is_some_and(|a| d < a) => {
            bad(
                "leaver_date",
                "Leaving date cannot be before the appointment date.".to_owned(),
            );
            None
        }
        Some(Ok(d)) => Some(d),
    };

    let nccq_pathway = match input.nccq_pathway.trim().to_lowercase().as_str() {
        "" | "role" => None,
        "yes" | "y" | "true" | "1" => Some(true),
        "no" | "n" | "false" | "0" => Some(false),
        other => {
            bad(
                "nccq_pathway",
                format!("NCCQ pathway {other} is not understood: use yes, no, or leave it empty to follow the role."),
            );
            None
        }
    };
    let last_appraisal_before = match optional_date(&input.last_appraisal_before) {
        None => None,
        Some(Err(m)) => {
            bad("last_appraisal_before", format!("Last appraisal before Appraise: {m}"));
            None
        }
        Some(Ok(d)) if d > today => {
            bad(
                "last_appraisal_before",
                "The last appraisal before Appraise cannot be in the future.".to_owned(),
            );
            None
        }
        Some(Ok(d)) => Some(d),
    };
    let band_entered = match optional_date(&input.band_entered) {
        None => None,
        Some(Err(m)) => {
            bad("band_entered", format!("Date entered the band: {m}"));
            None
        }
        Some(Ok(d)) => Some(d),
    };

    let manager = input.manager.trim();
    if !manager.is_empty() && manager == staff_number {
        bad("manager", "A staff member cannot be their own line manager.".to_owned());
    }

    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok(ValidStaff {
        staff_number: (!staff_number.is_empty()).then(|| staff_number.to_owned()),
        forename: forename.to_owned(),
        surname: surname.to_owned(),
        band,
        job_title: job_title.to_owned(),
        appointed: appointed.expect("checked above"),
        manager: (!manager.is_empty()).then(|| manager.to_owned()),
        acc_date,
        leaver_date,
        nccq_pathway,
        last_appraisal_before,
        band_entered,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn input(forename: &str, surname: &str, band: &str) -> StaffInput {
        StaffInput {
            forename: forename.into(),
            surname: surname.into(),
            band: band.into(),
            appointed: "01/09/2025".into(),
            ..Default::default()
        }
    }

    fn field_messages(err: Error) -> Vec<(String, String)> {
        match err {
            Error::Invalid(f) => f.into_iter().map(|f| (f.field, f.message)).collect(),
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn every_bad_field_gets_its_own_message() {
        let bad = StaffInput {
            forename: " ".into(),
            band: "10".into(),
            appointed: "2025-02-30".into(),
            acc_date: "01/01/2030".into(),
            ..Default::default()
        };
        let fields: Vec<String> = field_messages(validate(&bad, today()).unwrap_err())
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(fields, ["forename", "surname", "band", "appointed", "acc_date"]);
    }

    #[test]
    fn the_nccq_pathway_is_yes_no_or_the_roles_and_the_last_appraisal_before_appraise_is_a_past_date() {
        let mut a = input("Ann", "Lee", "4");
        for (typed, read) in [("", None), ("yes", Some(true)), ("No", Some(false))] {
            a.nccq_pathway = typed.into();
            assert_eq!(validate(&a, today()).unwrap().nccq_pathway, read, "{typed:?}");
        }
        a.last_appraisal_before = "14/03/2024".into();
        assert_eq!(
            validate(&a, today()).unwrap().last_appraisal_before,
            NaiveDate::from_ymd_opt(2024, 3, 14),
            "a date as typed"
        );
        a.nccq_pathway = "maybe".into();
        a.last_appraisal_before = "01/01/2027".into();
        let fields: Vec<String> = field_messages(validate(&a, today()).unwrap_err())
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(
            fields,
            ["nccq_pathway", "last_appraisal_before"],
            "an unknown answer and a future date are refused"
        );
    }

    #[test]
    fn a_leaving_date_before_appointment_is_refused() {
        let mut a = input("Ann", "Lee", "4");
        a.leaver_date = "31/08/2025".into();
        let msgs = field_messages(validate(&a, today()).unwrap_err());
        assert_eq!(msgs[0].0, "leaver_date");
    }
}
