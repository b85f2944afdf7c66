//! `appraise-cli appraisal ...`: list and show appraisals, who is due what,
//! and re-opening a signed one (the command line acts as the administrator).

use appraise_core::appraisal::{self, AppraisalRecord, AppraisalSettings, AppraisalSummary};
use appraise_core::coding_audit::words::{CodeType, Thresholds};
use appraise_core::dates::{self, parse_date};
use appraise_core::server::url::DbLocation;
use appraise_core::Error;
use chrono::NaiveDate;
use clap::Subcommand;

use crate::{acting, now, open, today, Failure};

#[derive(Subcommand)]
pub enum AppraisalCommand {
    /// List every appraisal, newest cycle first.
    List {
        /// A JSON array (id, staff_number, name, cycle, kind, status,
        /// version, ...) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one appraisal in full.
    Show {
        /// The appraisal's number, as `appraisal list` shows it.
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Who is due which meeting in the current cycle.
    Due {
        /// As at this date, YYYY-MM-DD. Defaults to today.
        #[arg(long)]
        today: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show the appraisal settings: the cycle's start month, the weeks to
    /// the objective-setting meeting and the DSPT thresholds.
    Settings {
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        action: Option<SettingsAction>,
    },
    /// Re-open a signed appraisal as a new version; the signed one is kept.
    Reopen {
        id: i64,
        /// Why: required, and kept in the audit trail.
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand)]
pub enum SettingsAction {
    /// Change the settings given; the rest keep their values.
    Set {
        /// The month a cycle starts, 1 (January) to 12 (December).
        #[arg(long)]
        cycle_start_month: Option<u32>,
        /// Weeks from appointment to the objective-setting meeting, 1 to 52.
        #[arg(long)]
        objective_setting_weeks: Option<u32>,
        /// The DSPT coding audit's "met" levels in percent, as primary
        /// diagnosis/secondary diagnosis/primary procedure/secondary
        /// procedure: 90/80/90/80.
        #[arg(long)]
        audit_met: Option<String>,
        /// The "exceeded" levels, the same way: 95/90/95/90.
        #[arg(long)]
        audit_exceeded: Option<String>,
    },
}

pub fn run(cmd: AppraisalCommand, db: Option<DbLocation>) -> Result<(), Failure> {
    match cmd {
        AppraisalCommand::List { json } => {
            let store = open(db)?;
            let actor = acting(&store)?;
            let list = appraisal::list_as(store.conn(), &actor)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list).expect("appraisals serialise"));
            } else {
                print_list(&list);
            }
        }
        AppraisalCommand::Show { id, json } => {
            let store = open(db)?;
            let actor = acting(&store)?;
            let record = appraisal::get_as(store.conn(), &actor, id, today())?.record;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&record).expect("appraisal serialises")
                );
            } else {
                print_record(&record);
            }
        }
        AppraisalCommand::Due { today: as_at, json } => {
            let as_at = match as_at {
                Some(t) => date_arg("today", "Today", &t)?,
                None => today(),
            };
            let store = open(db)?;
            let actor = acting(&store)?;
            let due = appraisal::schedule_as(store.conn(), &actor, as_at)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&due).expect("schedule serialises"));
            } else {
                print_due(&due);
            }
        }
        AppraisalCommand::Settings { json, action: None } => {
            let store = open(db)?;
            print_settings(&appraisal::settings(store.conn())?, json);
        }
        AppraisalCommand::Settings {
            json,
            action:
                Some(SettingsAction::Set {
                    cycle_start_month,
                    objective_setting_weeks,
                    audit_met,
                    audit_exceeded,
                }),
        } => {
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let old = appraisal::settings(store.conn())?;
            let new = AppraisalSettings {
                cycle_start_month: cycle_start_month.unwrap_or(old.cycle_start_month),
                objective_setting_weeks: objective_setting_weeks.unwrap_or(old.objective_setting_weeks),
                audit_met: match audit_met {
                    Some(t) => thresholds_arg("audit_met", &t)?,
                    None => old.audit_met,
                },
                audit_exceeded: match audit_exceeded {
                    Some(t) => thresholds_arg("audit_exceeded", &t)?,
                    None => old.audit_exceeded,
                },
                ..old
            };
            let saved = appraisal::save_settings_as(store.conn_mut(), &actor, &new, now())?;
            print_settings(&saved, json);
        }
        AppraisalCommand::Reopen { id, reason } => {
            let mut store = open(db)?;
            let actor = acting(&store)?;
            let record = appraisal::reopen_as(store.conn_mut(), &actor, id, &reason, now())?;
            println!(
                "Re-opened appraisal {id} as appraisal {} (version {}); the signed version is kept.",
                record.id, record.version
            );
        }
    }
    Ok(())
}

fn print_settings(s: &AppraisalSettings, json: bool) {
    if json {
        println!("{}", serde_json::to_string_pretty(s).expect("settings serialise"));
        return;
    }
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = (s.cycle_start_month as usize)
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("?");
    println!("Cycle starts in:            {month} ({})", s.cycle_start_month);
    println!(
        "Objective-setting meeting:  {} weeks after appointment",
        s.objective_setting_weeks
    );
    for code in CodeType::ALL {
        println!(
            "{:<28}met {}%, exceeded {}%",
            format!("Audit {}:", code.words()),
            s.audit_met.get(code),
            s.audit_exceeded.get(code)
        );
    }
    for d in &s.department_dates {
        println!("Department date:            {} cycle due {}", d.cycle_start_year, d.due);
    }
}

/// Four whole percentages typed as 90/80/90/80, in the DSPT's order.
fn thresholds_arg(field: &str, text: &str) -> Result<Thresholds, Failure> {
    let parts: Vec<Option<u32>> = text
        .split('/')
        .map(|p| p.trim().trim_end_matches('%').parse().ok())
        .collect();
    match parts[..] {
        [Some(pd), Some(sd), Some(pp), Some(sp)] => Ok(Thresholds {
            primary_diagnosis: pd,
            secondary_diagnosis: sd,
            primary_procedure: pp,
            secondary_procedure: sp,
        }),
        _ => Err(Failure::Refused(Error::invalid(
            field,
            format!(
                "{text:?}: write four whole percentages, primary diagnosis/secondary diagnosis/primary procedure/secondary procedure, as 90/80/90/80."
            ),
        ))),
    }
}

/// A date typed on the command line; a bad one is refused (exit 1) quoting
/// what was typed.
pub fn date_arg(field: &str, label: &str, text: &str) -> Result<NaiveDate, Failure> {
    parse_date(text).map_err(|m| Failure::Refused(Error::invalid(field, format!("{label}: {m}"))))
}

fn print_list(list: &[AppraisalSummary]) {
    if list.is_empty() {
        println!("No appraisals yet.");
        return;
    }
    println!(
        "{:>5} {:<8} {:<10} {:<28} {:<25} {:<11} {:<11} Appraiser",
        "No.", "Cycle", "Number", "Appraisee", "Kind", "Status", "Meeting"
    );
    for a in list {
        let status = if a.version > 1 {
            format!("{} v{}", a.status.label(), a.version)
        } else {
            a.status.label().to_owned()
        };
        println!(
            "{:>5} {:<8} {:<10} {:<28} {:<25} {:<11} {:<11} {}",
            a.id,
            a.cycle,
            a.staff_number,
            a.name,
            a.kind.label(),
            status,
            dates::display(a.meeting_date),
            a.appraiser_name
        );
    }
}

fn date_or_none(date: Option<NaiveDate>) -> String {
    date.map(dates::display).unwrap_or_else(|| "no date".to_owned())
}

fn print_record(r: &AppraisalRecord) {
    println!(
        "Appraisal {} (version {}): {}, {} — {}",
        r.id,
        r.version,
        r.kind.label(),
        r.cycle.label,
        r.status.label()
    );
    println!(
        "Appraisee: {} ({}), Band {} {}",
        r.appraisee.name, r.appraisee.staff_number, r.appraisee.band, r.appraisee.job_title
    );
    println!("Appraiser: {} ({})", r.appraiser.name, r.appraiser.staff_number);
    println!(
        "Meeting:   {}; at step: {}",
        dates::display(r.meeting_date),
        r.step.label()
    );
    if let Some(x) = &r.reopening {
        println!(
            "Re-opened from appraisal {} by {} on {}: {}",
            x.supersedes,
            x.by_name.as_deref().unwrap_or(&x.by),
            dates::display(x.at.date()),
            x.reason
        );
    }
    if !r.previous_objectives.is_empty() {
        println!("\nLast year's objectives");
        for (n, p) in r.previous_objectives.iter().enumerate() {
            let outcome = p.outcome.map(|o| o.label()).unwrap_or("no outcome yet");
            println!("  {}. {} — {}.", n + 1, p.text, outcome);
            if !p.comments.is_empty() {
                println!("     {}", p.comments);
            }
        }
    }
    if !r.skills.is_empty() {
        println!("\nSkills ({})", r.role.as_deref().unwrap_or("role"));
        for s in &r.skills {
            let level = |l: Option<u8>| l.map(|l| l.to_string()).unwrap_or_else(|| "—".to_owned());
            let gap = if s.gap > 0 {
                format!("  (gap {})", s.gap)
            } else {
                String::new()
            };
            println!(
                "  {} {:<32} expected {}, self {}, agreed {}{gap}",
                s.skill_code,
                s.competency,
                s.expected_level,
                level(s.self_level),
                level(s.agreed_level)
            );
        }
    }
    println!("\nObjectives");
    if r.objectives.is_empty() {
        println!("  none");
    }
    for (n, o) in r.objectives.iter().enumerate() {
        println!("  {}. {}", n + 1, o.text);
        let mapped = match (&o.competency, o.target_level) {
            (Some(c), Some(l)) => format!("{} ({}) level {l}", c.competency, c.skill_code),
            (Some(c), None) => format!("{} ({}), no level yet", c.competency, c.skill_code),
            _ => "no competency yet".to_owned(),
        };
        println!("     {mapped}, due {}. Measure: {}", date_or_none(o.due), o.measure);
    }
    if let Some(k) = &r.kpi {
        println!(
            "\nKPI objective: primary diagnosis {}%, secondary diagnosis {}%, procedure {}%, due {}",
            k.primary_diagnosis,
            k.secondary_diagnosis,
            k.procedure,
            date_or_none(k.due)
        );
    }
    if !r.pdp.is_empty() {
        println!("\nPersonal development plan");
        for (n, i) in r.pdp.iter().enumerate() {
            let done = match i.progress.completed_on {
                Some(d) => format!(" [completed {}]", dates::display(d)),
                None => String::new(),
            };
            println!(
                "  {}. {} — {}, by {}.{done}",
                n + 1,
                i.learning_need,
                i.activity.label(),
                date_or_none(i.target_date)
            );
        }
    }
    println!(
        "\nWellbeing: {}",
        if r.wellbeing.include_in_print {
            "discussed; the appraisee chose to include it in the printed record"
        } else {
            "discussed; kept out of the printed record at the appraisee's choice"
        }
    );
    println!("\nPay progression: {}", r.pay.summary);
    if !r.appraisee_comments.is_empty() {
        println!("\nAppraisee's comments: {}", r.appraisee_comments);
    }
    if !r.appraiser_comments.is_empty() {
        println!("Appraiser's comments: {}", r.appraiser_comments);
    }
    println!();
    for (who, sig) in [
        ("Appraisee", &r.appraisee_signature),
        ("Appraiser", &r.appraiser_signature),
    ] {
        match sig {
            Some(s) => println!(
                "{who} signed: {} on {} at {}",
                s.name,
                dates::display(s.signed_at.date()),
                s.signed_at.format("%H:%M")
            ),
            None => println!("{who}: not signed"),
        }
    }
    println!("Content SHA-256: {}", appraisal::content_sha256(r));
}

fn print_due(due: &[appraisal::AppraisalDue]) {
    if due.is_empty() {
        println!("Nobody is employed on that day.");
        return;
    }
    println!(
        "{:<10} {:<28} {:<8} {:<12} {:<13} {:<12} Objective setting",
        "Number", "Name", "Cycle", "Annual due", "This year's", "Mid-year due"
    );
    for d in due {
        let annual = match (d.annual_status, d.annual_overdue) {
            (Some(s), _) => s.label().to_owned(),
            (None, true) => "overdue".to_owned(),
            (None, false) => "not started".to_owned(),
        };
        let setting = match (d.objective_setting_due, d.objective_setting_held) {
            (None, _) => String::new(),
            (Some(_), Some(held)) => format!(
                "held {}{}",
                dates::display(held),
                if d.objective_setting_late { " (late)" } else { "" }
            ),
            (Some(due), None) => format!(
                "due {}{}",
                dates::display(due),
                if d.objective_setting_late { " (late)" } else { "" }
            ),
        };
        println!(
            "{:<10} {:<28} {:<8} {:<12} {:<13} {:<12} {}",
            d.staff_number,
            d.name,
            d.cycle,
            dates::display(d.annual_due),
            annual,
            dates::display(d.mid_year_due),
            setting
        );
    }
}
