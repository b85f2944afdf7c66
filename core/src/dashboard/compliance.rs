//! Appraisal compliance, the figure a department reports upward: people in
//! post appraised in the last 12 months (the one rule, `cycle::appraised_on`),
//! as a percentage of people in post, at the end of each of the last 12 months and today.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::data::Department;
use super::team::People;
use super::words::MonthCompliance;
use crate::appraisal::{employed, AppraisalKind};
use crate::cycle::appraised_on;
use crate::dates::add_months;

/// A percentage to one decimal place; none of nobody.
pub(super) fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0)
}

/// This month (as at `today`) and the 12 before it (as at each month's last
/// day), oldest first. Each person's signed annual appraisals are found
/// once and judged on all 13 days.
pub(super) fn by_month(dept: &Department, people: &People, today: NaiveDate) -> Vec<MonthCompliance> {
    let first_of_month = today.with_day(1).expect("the 1st exists");
    let days: Vec<NaiveDate> = (0..=12u32)
        .rev()
        .map(|back| {
            if back == 0 {
                today
            } else {
                let start = first_of_month - Months::new(back);
                add_months(start, 1) - Days::new(1)
            }
        })
        .collect();
    let mut in_post = vec![0u32; days.len()];
    let mut compliant = vec![0u32; days.len()];
    let mut signed: Vec<NaiveDate> = Vec::new();
    for (m, r) in people {
        signed.clear();
        signed.extend(
            dept.headers(r)
                .iter()
                .filter(|h| h.kind == AppraisalKind::Annual)
                .filter_map(|h| h.signed_on()),
        );
        for (i, as_at) in days.iter().enumerate() {
            if employed(m, *as_at) {
                in_post[i] += 1;
                if appraised_on(&signed, m.last_appraisal_before, *as_at) {
                    compliant[i] += 1;
                }
            }
        }
    }
    days.into_iter()
        .zip(in_post.into_iter().zip(compliant))
        .map(|(as_at, (in_post, compliant))| MonthCompliance {
            month: format!("{:04}-{:02}", as_at.year(), as_at.month()),
            as_at,
            in_post,
            compliant,
            percent: percent(compliant, in_post),
        })
        .collect()
}
