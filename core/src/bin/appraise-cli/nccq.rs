//! `appraise-cli nccq ...`: the NCCQ pathway. `deadlines` is arithmetic on
//! an appointment date and needs no database; the rest read or write one.

use appraise_core::dates::{self, parse_date};
use appraise_core::nccq::{self, CourseInput, ExamInput, NccqDeadlines, NccqSettings, NccqStatus};
use appraise_core::server::url::DbLocation;
use appraise_core::{staff, Error};
use chrono::NaiveDate;
use clap::Subcommand;

use crate::{acting, now, open, today, Failure};

#[derive(Subcommand)]
pub enum NccqCommand {
    /// The deadlines that follow from an appointment date. Uses the trust's
    /// settings when a database is given, the national defaults otherwise.
    Deadlines {
        /// Appointment date, YYYY-MM-DD.
        #[arg(long)]
        appointed: String,
        /// Count sittings from this date, YYYY-MM-DD. Defaults to today.
        #[arg(long)]
        today: Option<String>,
        /// The Standards course start, YYYY-MM-DD, for refresher dates.
        /// Defaults to its latest allowed start.
        #[arg(long)]
        course: Option<String>,
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Where one person stands: on track, at risk, missed or achieved, and why.
    Status {
        staff_number: String,
        /// Assess as at this date, YYYY-MM-DD. Defaults to today.
        #[arg(long)]
        today: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Everyone still working towards the NCCQ, the least time left first.
    Team {
        /// Assess as at this date, YYYY-MM-DD. Defaults to today.
        #[arg(long)]
        today: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Standards and refresher courses.
    #[command(subcommand)]
    Course(CourseCommand),
    /// Exam results.
    #[command(subcommand)]
    Exam(ExamCommand),
    /// IHRIM membership.
    #[command(subcommand)]
    Membership(MembershipCommand),
}

#[derive(Subcommand)]
pub enum CourseCommand {
    /// Record a course attended or booked.
    Add {
        staff_number: String,
        /// standards or refresher.
        #[arg(long = "type", value_name = "TYPE")]
        kind: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        start: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        end: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum ExamCommand {
    /// Record one paper's score at a sitting.
    Add {
        staff_number: String,
        /// The sitting date, YYYY-MM-DD.
        #[arg(long)]
        sitting: String,
        /// practical or theory.
        #[arg(long)]
        paper: String,
        /// Percent.
        #[arg(long)]
        score: String,
        /// Refuse sittings after this date, YYYY-MM-DD. Defaults to today.
        #[arg(long)]
        today: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum MembershipCommand {
    /// Record the last valid day of someone's IHRIM membership.
    Set {
        staff_number: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        valid_until: String,
    },
}

pub fn run(cmd: NccqCommand, db: Option<DbLocation>) -> Result<(), Failure> {
    match cmd {
        NccqCommand::Deadlines {
            appointed,
            today: as_at,
            course,
            json,
        } => {
            let appointed = date_arg("appointed", "Appointment date", &appointed)?;
            let as_at = today_arg(as_at)?;
            let course = course
                .map(|c| date_arg("course", "Standards course date", &c))
                .transpose()?;
            let settings = match db {
                Some(path) => nccq::settings(open(Some(path))?.conn())?,
                None => NccqSettings::default(),
            };
            let d = nccq::deadlines(appointed, course, &settings, as_at);
            if json {
                println!("{}", serde_json::to_string(&d).expect("deadlines serialise"));
            } else {
                print_deadlines(&d, course.is_none());
            }
        }
        NccqCommand::Status {
            staff_number,
            today: as_at,
            json,
        } => {
            let as_at = today_arg(as_at)?;
            let store = open(db)?;
            let actor = acting(&store)?;
            let status = nccq::status_as(store.conn(), &actor, &staff_number, as_at)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&status).expect("status serialises"));
            } else {
                print_status(&status);
            }
        }
        NccqCommand::Team { today: as_at, json } => {
            let as_at = today_arg(as_at)?;
            let store = open(db)?;
            let actor = acting(&store)?;
            let team = nccq::team_status(store.conn(), &actor, as_at)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&team).expect("team serialises"));
            } else {
                print_team(&team);
            }
        }
        NccqCommand::Course(CourseCommand::Add {
            staff_number,
            kind,
            start,
            end,
        }) => {
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let input = CourseInput {
                kind,
                start,
                end: end.unwrap_or_default(),
            };
            let course = nccq::add_course_audited(store.conn_mut(), &actor, &staff_number, &input, now())?;
            let who = staff::get_as(store.conn(), &actor, &staff_number)?.full_name();
            let span = match course.end {
                Some(end) => format!("{} to {}", dates::display(course.start), dates::display(end)),
                None => format!("from {}", dates::display(course.start)),
            };
            println!("Recorded the {} for {who}: {span}.", course.kind.label());
        }
        NccqCommand::Exam(ExamCommand::Add {
            staff_number,
            sitting,
            paper,
            score,
            today: as_at,
        }) => {
            let as_at = today_arg(as_at)?;
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let input = ExamInput { sitting, paper, score };
            let outcome =
                nccq::add_exam_attempt_audited(store.conn_mut(), &actor, &staff_number, &input, as_at, now())?;
            let a = &outcome.attempt;
            println!(
                "{} at the {} sitting: {}%, {} (pass mark {}%).",
                a.paper.label(),
                dates::display(a.sitting),
                a.score,
                if a.passed { "passed" } else { "failed" },
                a.pass_mark
            );
            if let Some(acc) = outcome.acc_awarded {
                let who = staff::get_as(store.conn(), &actor, &staff_number)?.full_name();
                println!(
                    "Both papers passed: {who} is an Accredited Clinical Coder from {}.",
                    dates::display(acc)
                );
            }
        }
        NccqCommand::Membership(MembershipCommand::Set {
            staff_number,
            valid_until,
        }) => {
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let until =
                nccq::set_ihrim_membership_audited(store.conn_mut(), &actor, &staff_number, &valid_until, now())?;
            let who = staff::get_as(store.conn(), &actor, &staff_number)?.full_name();
            println!(
                "IHRIM membership for {who} recorded as valid until {}.",
                dates::display(until)
            );
        }
    }
    Ok(())
}

/// A date typed on the command line; a bad one is refused (exit 1) quoting
/// what was typed.
fn date_arg(field: &str, label: &str, text: &str) -> Result<NaiveDate, Failure> {
    parse_date(text).map_err(|m| Failure::Refused(Error::invalid(field, format!("{label}: {m}"))))
}

fn today_arg(text: Option<String>) -> Result<NaiveDate, Failure> {
    match text {
        Some(t) => date_arg("today", "Today", &t),
        None => Ok(today()),
    }
}

fn days(days_left: i64) -> String {
    match days_left {
        0 => "today".to_owned(),
        1 => "1 day left".to_owned(),
        -1 => "passed 1 day ago".to_owned(),
        n if n < 0 => format!("passed {} days ago", -n),
        n => format!("{n} days left"),
    }
}

fn date_list(list: &[NaiveDate]) -> String {
    if list.is_empty() {
        return "none".to_owned();
    }
    list.iter().map(|d| dates::display(*d)).collect::<Vec<_>>().join(", ")
}

fn print_deadlines(d: &NccqDeadlines, course_assumed: bool) {
    println!(
        "Appointed {}, as at {}:",
        dates::display(d.appointed),
        dates::display(d.today)
    );
    println!(
        "  Standards course to start by  {}",
        dates::display(d.standards_course_start_by)
    );
    println!(
        "  NCCQ to be passed by          {} ({})",
        dates::display(d.nccq_by),
        days(d.days_left)
    );
    println!(
        "  First sitting no sooner than  {}",
        dates::display(d.earliest_first_sitting)
    );
    println!("  Sittings left                 {}", date_list(&d.sittings_left));
    let assumption = if course_assumed {
        format!(
            " (if the Standards course starts {})",
            dates::display(d.standards_course_start_by)
        )
    } else {
        String::new()
    };
    println!(
        "  Refresher courses due         {}{assumption}",
        date_list(&d.refresher_due)
    );
}

fn print_status(s: &NccqStatus) {
    println!("{} ({}): {}", s.name, s.staff_number, s.state.label());
    println!(
        "Appointed {}; Standards course to start by {}; NCCQ by {} ({}).",
        dates::display(s.appointed),
        dates::display(s.standards_course_start_by),
        dates::display(s.nccq_by),
        days(s.days_left)
    );
    println!("Why:");
    for r in &s.reasons {
        println!("  - {r}");
    }
    if !s.next_steps.is_empty() {
        println!("Next:");
        for n in &s.next_steps {
            println!("  - {n}");
        }
    }
}

fn print_team(team: &[NccqStatus]) {
    if team.is_empty() {
        println!("Nobody is working towards the NCCQ.");
        return;
    }
    println!(
        "{:<10} {:<30} {:<9} {:<11} {:>9}  Why",
        "Number", "Name", "Status", "NCCQ by", "Days left"
    );
    for s in team {
        println!(
            "{:<10} {:<30} {:<9} {:<11} {:>9}  {}",
            s.staff_number,
            s.name,
            s.state.label(),
            dates::display(s.nccq_by),
            s.days_left,
            s.reasons.first().map(String::as_str).unwrap_or("")
        );
    }
}
