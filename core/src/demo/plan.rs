//! The demonstration's history: which meetings each person has had, and
//! when, from the first cycle to today.

use chrono::{Days, Months, NaiveDate};

use super::clock::days;
use super::people::{Person, Post};
use super::rng::Rng;
use crate::appraisal::AppraisalKind;
use crate::cycle::{cycle_for, Cycle};

/// One meeting to hold, in date order.
pub(super) struct Meeting {
    pub(super) person: usize,
    pub(super) kind: AppraisalKind,
    pub(super) cycle_start_year: i32,
    pub(super) date: NaiveDate,
    /// Left in progress rather than signed.
    pub(super) open: bool,
}

/// Every meeting from the first cycle to today, in date order: a new
/// starter's objective-setting meeting within about five weeks (one
/// late), then an annual appraisal early in each cycle (coders before
/// the specialists who manage them, so their reports are appraised),
/// and mid-year reviews in the last full cycle.
pub(super) fn plan(rng: &mut Rng, today: NaiveDate, people: &[Person], first: &Cycle, current: &Cycle) -> Vec<Meeting> {
    let mut plan = Vec::new();
    for (i, p) in people.iter().enumerate() {
        if p.post == Post::Manager {
            continue;
        }
        for year in first.start_year..=current.start_year {
            let cycle = Cycle::new(year, first.start_month);
            if cycle.contains(p.appointed) {
                let after = if p.late_start { 62 } else { rng.range(21, 38) };
                let date = days(p.appointed, after);
                plan.push(Meeting {
                    person: i,
                    kind: AppraisalKind::ObjectiveSetting,
                    cycle_start_year: cycle_for(date, first.start_month).start_year,
                    date,
                    open: false,
                });
            } else if days(p.appointed, 90) < cycle.start {
                // Someone who started just before the cycle has their
                // objective-setting meeting in it instead.
                let (lo, hi) = match p.post {
                    Post::Specialist => (62, 88),
                    _ => (8, 55),
                };
                let mut date = days(cycle.start, rng.range(lo, hi));
                let open = p.in_progress && year == current.start_year;
                if open {
                    date = today.max(cycle.start);
                }
                plan.push(Meeting {
                    person: i,
                    kind: AppraisalKind::Annual,
                    cycle_start_year: year,
                    date,
                    open,
                });
                if year == current.start_year - 1 && p.post != Post::Specialist {
                    let mid = cycle.start + Months::new(6) + Days::new(rng.range(0, 20));
                    plan.push(Meeting {
                        person: i,
                        kind: AppraisalKind::MidYear,
                        cycle_start_year: year,
                        date: mid,
                        open: false,
                    });
                }
            }
        }
    }
    plan.retain(|m| m.date <= today);
    // The open meeting is today's, after any other held today.
    plan.sort_by_key(|m| (m.open, m.date, people[m.person].post, m.person));
    plan
}
