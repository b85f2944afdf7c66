//! What became overdue since a person last signed in: the home page's
//! dated items (the same lists, the same rules) whose day passed between
//! the sign-in before this one and today, and the words of the one desktop
//! notification the window shows at sign-in.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::words::Dashboard;
use crate::accounts::Actor;
use crate::dates::display;
use crate::store::db::Connection;
use crate::Result;

/// How many items the notification names; the rest are counted.
const NAMED: usize = 3;

/// One home-page item that became overdue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OverdueItem {
    /// What is overdue, as "Annual appraisal" or "Your PDP activity: SQL".
    pub what: String,
    pub staff_number: String,
    pub name: String,
    /// The last day it was in time: overdue from the day after.
    #[ts(type = "string")]
    pub due: NaiveDate,
}

impl OverdueItem {
    /// One line of the notification.
    pub fn line(&self) -> String {
        format!("{}: {}, due {}", self.what, self.name, display(self.due))
    }
}

/// What became overdue since the sign-in before this one, and the
/// notification's words (empty when nothing did).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NewlyOverdue {
    /// The day of the sign-in before this one; none at a first sign-in.
    #[ts(type = "string | null")]
    pub since: Option<NaiveDate>,
    pub items: Vec<OverdueItem>,
    pub title: String,
    pub body: String,
}

fn item(what: impl Into<String>, staff_number: &str, name: &str, due: NaiveDate) -> OverdueItem {
    OverdueItem {
        what: what.into(),
        staff_number: staff_number.to_owned(),
        name: name.to_owned(),
        due,
    }
}

/// The home page's dated items overdue on `today` whose last day in time
/// was on or after `since` (so they became overdue after the sign-in on
/// `since`), by due date. Nothing at a first sign-in (no `since`): the home
/// page itself shows everything then.
pub fn newly_overdue(board: &Dashboard, since: Option<NaiveDate>, today: NaiveDate) -> Vec<OverdueItem> {
    let Some(since) = since else {
        return Vec::new();
    };
    let mut all: Vec<OverdueItem> = Vec::new();
    for d in &board.overdue {
        all.push(item("Annual appraisal", &d.staff_number, &d.name, d.due));
    }
    for d in &board.objective_setting_late {
        all.push(item("Objective-setting meeting", &d.staff_number, &d.name, d.due));
    }
    for d in &board.mid_year_due {
        all.push(item("Mid-year review", &d.staff_number, &d.name, d.due));
    }
    for p in &board.pay_step_reviews_due {
        all.push(item("Pay-step review", &p.staff_number, &p.name, p.review_due));
    }
    for n in &board.nccq_at_risk {
        all.push(item("NCCQ deadline", &n.staff_number, &n.name, n.nccq_by));
    }
    for t in &board.training_overdue {
        if let Some(due) = t.refresher_due.filter(|_| t.refresher_overdue) {
            all.push(item("NCCQ refresher", &t.staff_number, &t.name, due));
        }
    }
    for p in &board.pdp_overdue {
        all.push(item(
            format!("PDP activity: {}", p.learning_need),
            &p.staff_number,
            &p.name,
            p.target_date,
        ));
    }
    if let Some(me) = &board.mine {
        if let Some(due) = me.appraisal_due.filter(|_| me.appraisal_overdue) {
            all.push(item("Your annual appraisal", &me.staff_number, &me.name, due));
        }
        for p in &me.pdp_due {
            all.push(item(
                format!("Your PDP activity: {}", p.learning_need),
                &me.staff_number,
                &me.name,
                p.target_date,
            ));
        }
        for t in &me.training_expiring {
            all.push(item(
                format!("Your {} training", t.competence),
                &me.staff_number,
                &me.name,
                t.expires_on,
            ));
        }
    }
    all.retain(|i| i.due >= since && i.due < today);
    all.sort_by(|a, b| (a.due, &a.name, &a.what).cmp(&(b.due, &b.name, &b.what)));
    all
}

/// The notification's title and body for `items`: a count, then the first
/// few, one a line.
pub fn notification_words(items: &[OverdueItem]) -> (String, String) {
    if items.is_empty() {
        return (String::new(), String::new());
    }
    let title = match items.len() {
        1 => "1 item became overdue since you last signed in".to_owned(),
        n => format!("{n} items became overdue since you last signed in"),
    };
    let mut lines: Vec<String> = items.iter().take(NAMED).map(OverdueItem::line).collect();
    if items.len() > NAMED {
        lines.push(format!("and {} more on your home page", items.len() - NAMED));
    }
    (title, lines.join("\n"))
}

/// What became overdue for `actor` since their sign-in before this one,
/// from their own home page on `today` (access.rs decides whose figures it
/// holds, as for the page).
pub fn overdue_since_last_sign_in_as(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<NewlyOverdue> {
    let board = super::dashboard_as(conn, actor, None, today)?;
    let since = crate::store::dashboard::previous_sign_in(conn, &actor.staff_number)?.map(|t| t.date());
    let items = newly_overdue(&board, since, today);
    let (title, body) = notification_words(&items);
    Ok(NewlyOverdue {
        since,
        items,
        title,
        body,
    })
}
