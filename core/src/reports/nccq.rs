//! The NCCQ pathway report: every trainee on the pathway, the least time
//! left first (the NCCQ status's rule), from one read of each table for the
//! whole department (the home page's reads), never one per person.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::table::{Cell, Table};
use crate::accounts::Actor;
use crate::nccq::NccqStatus;
use crate::store::dashboard as db;
use crate::store::db::Connection;
use crate::{access, Result};

fn grouped<V>(rows: Vec<(String, V)>) -> HashMap<String, Vec<V>> {
    let mut out: HashMap<String, Vec<V>> = HashMap::new();
    for (k, v) in rows {
        out.entry(k).or_default().push(v);
    }
    out
}

/// The NCCQ status of every trainee on the pathway `actor` may see, as
/// `nccq::team_status` gives it: not accredited, not left, the least time
/// left first (people with the same days left in surname order).
pub(super) fn team(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Vec<NccqStatus>> {
    let visible: HashSet<String> = access::visible_staff(conn, actor)?.into_iter().collect();
    let settings = crate::nccq::settings(conn)?;
    let mut courses = grouped(db::courses(conn)?);
    let mut exams = grouped(db::exam_results(conn)?);
    let ihrim: HashMap<String, NaiveDate> = db::ihrim(conn)?.into_iter().collect();
    let mut roles = HashMap::new();
    let mut out = Vec::new();
    for member in crate::staff::list(conn)?
        .into_iter()
        .filter(|m| visible.contains(&m.staff_number))
        .filter(|m| m.acc_date.is_none() && m.leaver_date.is_none_or(|d| d > today))
    {
        let key = (member.band.clone(), member.job_title.clone());
        if !roles.contains_key(&key) {
            let role = crate::store::framework::role_for(conn, &member.band, &member.job_title)?;
            roles.insert(key.clone(), role);
        }
        let n = member.staff_number.clone();
        let record = crate::nccq::record_from(
            member,
            roles[&key].as_ref(),
            courses.remove(&n).unwrap_or_default(),
            exams.remove(&n).unwrap_or_default(),
            ihrim.get(&n).copied(),
            &settings,
        );
        if record.on_pathway {
            out.push(crate::nccq::assess(&record, &settings, today));
        }
    }
    out.sort_by_key(|s| s.days_left);
    Ok(out)
}

pub(super) fn table(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Table> {
    let mut t = Table::new(
        "NCCQ pathway",
        &[
            "Staff number",
            "Name",
            "State",
            "Appointed",
            "Standards course by",
            "Standards course",
            "NCCQ by",
            "Days left",
            "Next sitting",
            "Practical passed",
            "Theory passed",
        ],
    );
    for s in team(conn, actor, today)? {
        t.rows.push(vec![
            Cell::text(&s.staff_number),
            Cell::text(&s.name),
            Cell::text(s.state.label()),
            Cell::Date(s.appointed),
            Cell::Date(s.standards_course_start_by),
            Cell::date(s.standards_course_start),
            Cell::Date(s.nccq_by),
            Cell::Number(s.days_left as f64),
            Cell::date(s.sittings_left.first().copied()),
            Cell::date(s.practical_passed),
            Cell::date(s.theory_passed),
        ]);
    }
    Ok(t)
}
