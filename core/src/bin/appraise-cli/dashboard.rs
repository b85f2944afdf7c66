//! `appraise-cli dashboard`: the home page's figures, as JSON or text.

use appraise_core::dashboard::{self, Dashboard, DuePerson};
use appraise_core::dates::display;
use appraise_core::server::url::DbLocation;
use clap::Args;

use crate::appraisal::date_arg;
use crate::{acting, open, today, Failure};

/// The department at a glance: appraisals due and overdue, appraisal
/// compliance this month and the 12 before, objective-setting late,
/// mid-year reviews due, NCCQ trainees at risk, pay-step reviews due,
/// training overdue, audits below the line, PDP activities past their
/// target date and skills gaps. On a file, the whole department; on the
/// server, the signed-in person's reports.
#[derive(Args)]
pub struct DashboardArgs {
    /// Only the reports (through the chain) of this manager's staff number.
    #[arg(long)]
    manager: Option<String>,
    /// As at this date, YYYY-MM-DD. Defaults to today.
    #[arg(long)]
    today: Option<String>,
    #[arg(long)]
    json: bool,
    /// For the benchmark (bench/dashboard.sh): each read's time in
    /// milliseconds and the whole page's, and each read's query plan, as
    /// JSON.
    #[arg(long, hide = true)]
    profile: bool,
}

pub fn run(args: DashboardArgs, db: Option<DbLocation>) -> Result<(), Failure> {
    let as_at = match &args.today {
        Some(t) => date_arg("today", "Today", t)?,
        None => today(),
    };
    let store = open(db)?;
    let actor = acting(&store)?;
    if args.profile {
        let timings = dashboard::timings_as(store.conn(), &actor, args.manager.as_deref(), as_at)?;
        let plans = appraise_core::store::dashboard::query_plans(store.conn())?;
        let out = serde_json::json!({
            "timings_ms": timings.into_iter().map(|(k, v)| (k, serde_json::json!(v))).collect::<serde_json::Map<_, _>>(),
            "plans": plans.into_iter().collect::<std::collections::BTreeMap<_, _>>(),
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&out).expect("the profile serialises")
        );
        return Ok(());
    }
    let board = dashboard::dashboard_as(store.conn(), &actor, args.manager.as_deref(), as_at)?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&board).expect("the dashboard serialises")
        );
    } else {
        print_text(&board);
    }
    Ok(())
}

fn people(title: &str, list: &[DuePerson]) {
    println!("{title}: {}", list.len());
    for i in list {
        println!("  {:<10} {:<30} {}", i.staff_number, i.name, display(i.due));
    }
}

fn print_text(b: &Dashboard) {
    println!(
        "{} as at {} (cycle {})",
        if b.scope.is_empty() { "Home" } else { &b.scope },
        display(b.as_at),
        b.cycle
    );
    if b.shows_team {
        match b.compliance_percent {
            Some(p) => println!("Appraisal compliance: {p:.1}% of {} in post", b.people_in_post),
            None => println!("Appraisal compliance: nobody in post"),
        }
        let months: Vec<String> = b
            .compliance_by_month
            .iter()
            .map(|m| {
                format!(
                    "{} {}",
                    m.month,
                    m.percent.map_or("-".to_owned(), |p| format!("{p:.1}%"))
                )
            })
            .collect();
        println!("  by month: {}", months.join(", "));
        people("Overdue appraisals", &b.overdue);
        people("Appraisals due this cycle", &b.due);
        people("Objective-setting late", &b.objective_setting_late);
        people("Mid-year reviews due", &b.mid_year_due);
        println!("NCCQ trainees at risk or missed: {}", b.nccq_at_risk.len());
        for i in &b.nccq_at_risk {
            println!(
                "  {:<10} {:<30} {} by {} ({} days left)",
                i.staff_number,
                i.name,
                i.state.label(),
                display(i.nccq_by),
                i.days_left
            );
        }
        println!("Pay-step reviews due: {}", b.pay_step_reviews_due.len());
        for i in &b.pay_step_reviews_due {
            println!(
                "  {:<10} {:<30} review by {} (step {})",
                i.staff_number,
                i.name,
                display(i.review_due),
                display(i.step_date)
            );
        }
        println!("Training overdue: {}", b.training_overdue.len());
        for i in &b.training_overdue {
            let mut what = i.subjects.clone();
            if i.refresher_overdue {
                what.push("Standards refresher".to_owned());
            }
            println!("  {:<10} {:<30} {}", i.staff_number, i.name, what.join(", "));
        }
        println!("Audits below the line: {}", b.audits_below.len());
        for i in &b.audits_below {
            println!(
                "  {:<10} {:<30} {} ({})",
                i.staff_number,
                i.name,
                display(i.date),
                i.below.join(", ")
            );
        }
        println!("PDP activities past their target date: {}", b.pdp_overdue.len());
        for i in &b.pdp_overdue {
            println!(
                "  {:<10} {:<30} {} ({})",
                i.staff_number,
                i.name,
                i.learning_need,
                display(i.target_date)
            );
        }
        println!("Skills agreed below the role's expectation: {}", b.skills_gaps);
    }
    if let Some(m) = &b.mine {
        println!("My next actions ({}):", m.name);
        match m.appraisal_due {
            Some(d) if m.appraisal_overdue => println!("  Appraisal overdue since {}", display(d)),
            Some(d) => println!("  Appraisal due by {}", display(d)),
            None => println!("  Appraisal signed this cycle"),
        }
        for p in &m.pdp_due {
            println!("  PDP: {} by {}", p.learning_need, display(p.target_date));
        }
        if let Some(by) = m.nccq_by {
            println!(
                "  NCCQ by {}; next sitting {}",
                display(by),
                m.next_sitting.map_or("none left".to_owned(), display)
            );
        }
        for e in &m.training_expiring {
            println!("  Training: {} expires {}", e.competence, display(e.expires_on));
        }
        if let (Some(a), Some(o)) = (&m.latest_audit, &m.latest_audit_outcome) {
            println!("  Latest audit {}: {o}", display(a.date));
        }
    }
}
