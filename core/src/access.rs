//! Who may see and change what: every access rule in one place, so the
//! window, the CLI and every core operation ask the same questions.
//!
//! Appraisal records are confidential personal data (UK GDPR). The rules:
//! - a coder sees only their own records;
//! - a line manager sees their own records and those of everyone who
//!   reports to them, directly or through others (their reports' reports);
//! - the administrator (the coding services manager) sees everyone, and
//!   alone keeps the framework, the settings, the accounts and the audit
//!   trail, and imports staff;
//! - a leaver's records are kept, read-only.
//!
//! The chain is the `manager` of each staff record, whatever the role: a
//! coder named as someone's line manager still sees only their own records,
//! because the role is what the department granted.
//!
//! Every check returns `Error::Forbidden` with a plain message, or
//! `Error::Locked` for a leaver's records. A check that refuses never says
//! whether the record exists: that too would tell a coder something.
//!
//! On a department server (PostgreSQL) the server mirrors these rules as
//! row-level security in `core/migrations/postgres/0003_access.sql`, each
//! policy naming the function here it mirrors: change the two together.

use crate::store::db::Connection;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::accounts::actor::{Actor, Role};
use crate::appraisal::records::Person;
use crate::appraisal::words::Party;
use crate::dates::display;
use crate::retention::case::RetentionCase;
use crate::staff::words::StaffMember;
use crate::store::staff as staff_db;
use crate::{Error, Result};

/// True when `staff_number` reports to `manager`, directly or through
/// others.
pub fn manages(conn: &Connection, manager: &str, staff_number: &str) -> Result<bool> {
    Ok(staff_db::line_managers_of(conn, staff_number)?
        .iter()
        .any(|m| m == manager))
}

/// The actor is the person, or may see them by role and chain.
fn reaches(conn: &Connection, actor: &Actor, staff_number: &str) -> Result<bool> {
    Ok(match actor.role {
        Role::Administrator => true,
        _ if actor.staff_number == staff_number.trim() => true,
        Role::Manager => manages(conn, &actor.staff_number, staff_number.trim())?,
        Role::Coder => false,
    })
}

fn cannot_see(actor: &Actor, what: &str) -> Error {
    Error::Forbidden(match actor.role {
        Role::Coder => format!("You can see only your own {what}."),
        _ => format!("You can see only your own {what} and those of the people who report to you."),
    })
}

/// The actor keeps the department's records about the person: the
/// administrator, or a line manager up their chain; nobody their own.
/// `manages` says whether the actor is up the person's chain.
fn keeps_records(actor: &Actor, manages: impl FnOnce() -> Result<bool>) -> Result<bool> {
    match actor.role {
        Role::Administrator => Ok(true),
        Role::Manager => manages(),
        Role::Coder => Ok(false),
    }
}

fn keeps_records_of(conn: &Connection, actor: &Actor, staff_number: &str) -> Result<bool> {
    keeps_records(actor, || manages(conn, &actor.staff_number, staff_number.trim()))
}

/// Whom the actor keeps records of, read once for a whole list (the staff
/// page) rather than a chain walked per person: for a line manager, everyone
/// who reports to them.
pub struct RecordKeeper {
    reports: std::collections::HashSet<String>,
}

impl RecordKeeper {
    /// From the people the actor sees ([`visible_staff`]): for a line
    /// manager that is themselves and their reports, so the chain is not
    /// read a second time.
    pub fn among(actor: &Actor, visible: &[String]) -> RecordKeeper {
        let reports = match actor.role {
            Role::Manager => visible.iter().filter(|n| **n != actor.staff_number).cloned().collect(),
            Role::Administrator | Role::Coder => Default::default(),
        };
        RecordKeeper { reports }
    }
}

/// May see a staff member's record, their NCCQ pathway and their team
/// details.
pub fn can_view_staff(conn: &Connection, actor: &Actor, staff_number: &str) -> Result<()> {
    if reaches(conn, actor, staff_number)? {
        Ok(())
    } else {
        Err(cannot_see(actor, "records"))
    }
}

/// May change a staff member's record (and their NCCQ records): the
/// administrator, or a line manager for the people who report to them. Not
/// one's own: band, line manager and dates are the department's to record.
/// A leaver's records are read-only for everyone.
pub fn can_edit_staff(conn: &Connection, actor: &Actor, staff_number: &str, today: NaiveDate) -> Result<()> {
    edit_staff_by(actor, staff_number, keeps_records_of(conn, actor, staff_number)?)?;
    not_read_only(conn, staff_number, today)
}

/// [`can_edit_staff`] for one of a list, from whom the actor keeps records
/// of (read once) and the record itself (its leaving date).
pub fn can_edit_staff_in(keeper: &RecordKeeper, actor: &Actor, member: &StaffMember, today: NaiveDate) -> Result<()> {
    let number = member.staff_number.as_str();
    edit_staff_by(
        actor,
        number,
        keeps_records(actor, || Ok(keeper.reports.contains(number)))?,
    )?;
    not_a_leaver(member, today)
}

/// The refusal of a change to someone's staff record by one who does not
/// keep their records.
fn edit_staff_by(actor: &Actor, staff_number: &str, keeps: bool) -> Result<()> {
    if !keeps {
        return Err(Error::Forbidden(match actor.role {
            Role::Coder => "Only a line manager or the administrator can change staff records.".to_owned(),
            _ if actor.staff_number == staff_number.trim() => {
                "Your own staff record is changed by your line manager or the administrator.".to_owned()
            }
            _ => "You can change only the records of the people who report to you.".to_owned(),
        }));
    }
    Ok(())
}

/// May add a staff member with this line manager, or move someone under
/// them: the administrator, or a line manager within their own team (the
/// new line manager is themselves or someone who reports to them).
pub fn can_add_staff(conn: &Connection, actor: &Actor, manager: Option<&str>) -> Result<()> {
    match actor.role {
        Role::Administrator => Ok(()),
        Role::Manager => {
            let within = match manager.map(str::trim).filter(|m| !m.is_empty()) {
                Some(m) => m == actor.staff_number || manages(conn, &actor.staff_number, m)?,
                None => false,
            };
            if within {
                Ok(())
            } else {
                Err(Error::Forbidden(
                    "You can add people only to your own team: make yourself or someone who reports to you their line manager.".to_owned(),
                ))
            }
        }
        Role::Coder => Err(Error::Forbidden(
            "Only a line manager or the administrator can add staff.".to_owned(),
        )),
    }
}

/// May see a person's NCCQ pathway (courses, exam results, IHRIM membership
/// and the status drawn from them): whoever may see their staff record.
pub fn can_view_nccq(conn: &Connection, actor: &Actor, staff_number: &str) -> Result<()> {
    can_view_staff(conn, actor, staff_number)
}

/// May record a person's courses, exam results and IHRIM membership:
/// whoever may change their staff record (the administrator, or a line
/// manager for the people who report to them; not one's own, and never a
/// leaver's). A staff number that does not exist is refused as one that is
/// not the actor's, unless they may change everyone's.
pub fn can_edit_nccq(conn: &Connection, actor: &Actor, staff_number: &str, today: NaiveDate) -> Result<()> {
    can_edit_staff(conn, actor, staff_number, today)
}

/// [`can_edit_nccq`] for one of a list (see [`can_edit_staff_in`]).
pub fn can_edit_nccq_in(keeper: &RecordKeeper, actor: &Actor, member: &StaffMember, today: NaiveDate) -> Result<()> {
    can_edit_staff_in(keeper, actor, member, today)
}

// Pay steps, training and CPD. On the server: postgres/0013_training.sql.

/// May see a person's training records and compliance: whoever may see
/// their staff record.
pub fn can_view_training(conn: &Connection, actor: &Actor, staff_number: &str) -> Result<()> {
    if reaches(conn, actor, staff_number)? {
        Ok(())
    } else {
        Err(cannot_see(actor, "training records"))
    }
}

/// May record a completed competence by hand: whoever may change their
/// staff record (the administrator, or a line manager for their reports;
/// not one's own, never a leaver's).
pub fn can_record_training(conn: &Connection, actor: &Actor, staff_number: &str, today: NaiveDate) -> Result<()> {
    can_edit_staff(conn, actor, staff_number, today)
}

/// May import an ESR/OLM competence export: it writes to everyone's records.
pub fn can_import_training(actor: &Actor) -> Result<()> {
    administrator_only(actor, "import training records")
}

/// May read a person's CPD log: the person, their line managers up the
/// chain and the administrator.
pub fn can_view_cpd(conn: &Connection, actor: &Actor, staff_number: &str) -> Result<()> {
    if reaches(conn, actor, staff_number)? {
        Ok(())
    } else {
        Err(cannot_see(actor, "CPD logs"))
    }
}

/// May write in a CPD log: the person alone, while they have not left. It
/// is their own account of their learning. The command line acting as the
/// system (on a file, or the server's owner login) may bring in a log kept
/// elsewhere; the audit trail names it.
pub fn can_write_cpd(conn: &Connection, actor: &Actor, staff_number: &str, today: NaiveDate) -> Result<()> {
    let system = *actor == Actor::system();
    if actor.staff_number != staff_number.trim() && !system {
        can_view_cpd(conn, actor, staff_number)?;
        return Err(Error::Forbidden(
            "A CPD log is written by its owner: you can read this one but not add to it.".to_owned(),
        ));
    }
    not_read_only(conn, staff_number, today)
}

/// May see a person's pay steps, their standards and review outcomes.
pub fn can_view_pay_review(conn: &Connection, actor: &Actor, staff_number: &str) -> Result<()> {
    if reaches(conn, actor, staff_number)? {
        Ok(())
    } else {
        Err(cannot_see(actor, "pay steps"))
    }
}

/// May confirm a pay-step standard or record a pay-step review outcome: the
/// person's line manager (up the chain) or the administrator; nobody their
/// own, never a leaver's.
pub fn can_record_pay_review(conn: &Connection, actor: &Actor, staff_number: &str, today: NaiveDate) -> Result<()> {
    let allowed = keeps_records_of(conn, actor, staff_number)?;
    if !allowed {
        can_view_pay_review(conn, actor, staff_number)?;
        return Err(Error::Forbidden(
            "A pay-step review is recorded by the person's line manager or the administrator.".to_owned(),
        ));
    }
    not_read_only(conn, staff_number, today)
}

/// May see a person's coding audit results: whoever may see their staff
/// record (a coder their own). On the server: `coding_audit_read`
/// (postgres/0014).
pub fn can_view_coding_audits(conn: &Connection, actor: &Actor, staff_number: &str) -> Result<()> {
    if reaches(conn, actor, staff_number)? {
        Ok(())
    } else {
        Err(cannot_see(actor, "coding audit results"))
    }
}

/// May record a coding audit result for a person: the administrator, or a
/// line manager (up the chain, who appraises them or appoints who does);
/// not one's own, since a result is evidence about the person; never a
/// leaver's. A staff number that does not exist is refused as one that is
/// not the actor's. On the server: `coding_audit_add` (postgres/0014).
pub fn can_record_coding_audit(conn: &Connection, actor: &Actor, staff_number: &str, today: NaiveDate) -> Result<()> {
    let allowed = keeps_records_of(conn, actor, staff_number)?;
    if !allowed {
        return Err(Error::Forbidden(match actor.role {
            Role::Coder => "Only a line manager or the administrator can record coding audit results.".to_owned(),
            _ if actor.staff_number == staff_number.trim() => {
                "Your own coding audit results are recorded by your line manager or the administrator.".to_owned()
            }
            _ => "You can record coding audit results only for the people who report to you.".to_owned(),
        }));
    }
    not_read_only(conn, staff_number, today)
}

/// May read the coding audit summary of a period: line managers (over the
/// people they see) and the administrator (the department). A coder sees
/// only their own results, never others' lowest scores.
pub fn can_view_coding_audit_summary(actor: &Actor) -> Result<()> {
    match actor.role {
        Role::Coder => Err(Error::Forbidden(
            "The coding audit summary is for line managers and the administrator; you can see your own results on your page."
                .to_owned(),
        )),
        _ => Ok(()),
    }
}

/// May open the team view: line managers and the administrator. A coder
/// has no team.
pub fn can_view_team(actor: &Actor) -> Result<()> {
    match actor.role {
        Role::Administrator | Role::Manager => Ok(()),
        Role::Coder => Err(Error::Forbidden(
            "Only line managers and the administrator have a team view.".to_owned(),
        )),
    }
}

/// May read the department's reports and export their calendar: line
/// managers (over their reports) and the administrator (everyone).
pub fn can_view_reports(actor: &Actor) -> Result<()> {
    match actor.role {
        Role::Administrator | Role::Manager => Ok(()),
        Role::Coder => Err(Error::Forbidden(
            "Only line managers and the administrator see the department's reports.".to_owned(),
        )),
    }
}

/// May read an appraisal: the appraisee, their line managers up the chain,
/// and the administrator. A coder only their own.
pub fn can_view_appraisal(conn: &Connection, actor: &Actor, appraisee: &str) -> Result<()> {
    if reaches(conn, actor, appraisee)? {
        Ok(())
    } else {
        Err(cannot_see(actor, "appraisals"))
    }
}

/// May change an appraisal: anyone who may read it, while the appraisee has
/// not left. Which parts each of them writes: [`can_write_appraisal`].
pub fn can_edit_appraisal(conn: &Connection, actor: &Actor, appraisee: &str, today: NaiveDate) -> Result<()> {
    can_view_appraisal(conn, actor, appraisee)?;
    not_read_only(conn, appraisee, today)
}

/// May see the appraisal record asked for; `appraisee` is `None` when there
/// is no such record. Anyone who could not see every appraisal is refused
/// as for a record that exists but is not theirs, so a refusal never tells
/// whether it exists; to the others a missing record is `not_found`, with
/// the `missing` message.
pub fn can_view_appraisal_record(
    conn: &Connection,
    actor: &Actor,
    appraisee: Option<&str>,
    missing: impl FnOnce() -> String,
) -> Result<()> {
    match appraisee {
        Some(appraisee) => can_view_appraisal(conn, actor, appraisee),
        None => {
            // Refused unless the actor may see everyone; then it is missing.
            can_view_appraisal(conn, actor, "")?;
            Err(Error::NotFound(missing()))
        }
    }
}

/// The parts of an appraisal, each with its own writers (see
/// [`can_write_appraisal`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppraisalPart {
    /// The appraiser's side of the meeting: outcomes, agreed levels,
    /// objectives, the PDP, the wellbeing notes and the appraiser's
    /// comments.
    Meeting,
    /// The step the meeting has reached: how far the appraiser running it
    /// got, so it resumes there.
    Step,
    /// The appraisee's own words: their self-assessed levels and their
    /// comments.
    AppraiseeWords,
    /// The wellbeing form as a whole, saved at once by either party: its
    /// notes are the appraiser's side's ([`can_write_wellbeing_notes`]);
    /// whether it is printed is the appraisee's choice alone
    /// ([`can_choose_wellbeing_print`]).
    Wellbeing,
    /// The pay progression standards Appraise cannot work out.
    Pay,
    /// A signature: each party signs with their own passphrase, at
    /// whoever's screen.
    Signature,
    /// Re-opening a signed appraisal as a new version.
    Reopening,
    /// Progress on the signed plan, kept between appraisals.
    PdpProgress,
}

const APPRAISER_WRITES: &str =
    "Your line manager records this part of your appraisal. You give your own level for each \
     competency, your comments, and whether the wellbeing conversation is printed.";

/// May `actor` write `part` of an appraisal of `appraisee` by `appraiser`
/// (once they may see it; a signed appraisal's lock is the appraisal's own
/// rule):
/// - the appraisee alone writes their own words (self-assessed levels,
///   comments): nobody types them for them, not the appraiser nor the
///   administrator, so what is signed as theirs is what they wrote;
/// - the appraiser's side (the appraiser, the managers above them, the
///   administrator) writes the rest of the meeting, so someone can finish
///   it when the appraiser cannot; the audit trail records who typed what;
/// - only the appraiser moves the step the meeting has reached: it records
///   how far the person running the meeting got, so anyone else reading
///   it leaves it where it was;
/// - only the appraiser confirms the pay progression standards;
/// - each party signs as themselves;
/// - only the administrator re-opens a signed appraisal;
/// - only the appraisee records progress on their signed plan.
///
/// Nobody changes a leaver's appraisals.
pub fn can_write_appraisal(
    conn: &Connection,
    actor: &Actor,
    part: AppraisalPart,
    appraisee: &Person,
    appraiser: &Person,
    today: NaiveDate,
) -> Result<()> {
    let is_appraisee = actor.staff_number == appraisee.staff_number;
    match part {
        AppraisalPart::Wellbeing | AppraisalPart::Signature => {
            can_edit_appraisal(conn, actor, &appraisee.staff_number, today)
        }
        AppraisalPart::AppraiseeWords => {
            can_edit_appraisal(conn, actor, &appraisee.staff_number, today)?;
            if !is_appraisee {
                return Err(Error::Forbidden(format!(
                    "Only {} gives their own levels and writes their own comments; you can read them.",
                    appraisee.name
                )));
            }
            Ok(())
        }
        AppraisalPart::Step => {
            can_edit_appraisal(conn, actor, &appraisee.staff_number, today)?;
            if actor.staff_number != appraiser.staff_number {
                return Err(Error::Forbidden(format!(
                    "Only the appraiser, {}, moves the meeting on; you can read every step.",
                    appraiser.name
                )));
            }
            Ok(())
        }
        AppraisalPart::Meeting | AppraisalPart::Pay => {
            can_edit_appraisal(conn, actor, &appraisee.staff_number, today)?;
            if is_appraisee {
                return Err(Error::Forbidden(APPRAISER_WRITES.to_owned()));
            }
            if part == AppraisalPart::Pay {
                can_confirm_pay(&actor.staff_number, appraiser)?;
            }
            Ok(())
        }
        AppraisalPart::Reopening => can_reopen_appraisal(actor),
        AppraisalPart::PdpProgress => {
            if !is_appraisee {
                return Err(Error::Forbidden(format!(
                    "Only {} records progress on their own plan; you can see it.",
                    appraisee.name
                )));
            }
            not_read_only(conn, &appraisee.staff_number, today)
        }
    }
}

/// May start an appraisal for `appraisee`: their line manager (up the
/// chain) or the administrator; nobody their own.
pub fn can_start_appraisal(conn: &Connection, actor: &Actor, appraisee: &str, today: NaiveDate) -> Result<()> {
    can_edit_appraisal(conn, actor, appraisee, today)?;
    if actor.staff_number == appraisee.trim() {
        return Err(Error::Forbidden(
            "Your line manager starts your appraisal; you cannot start your own.".to_owned(),
        ));
    }
    if actor.role == Role::Coder {
        return Err(Error::Forbidden(
            "Only a line manager or the administrator starts an appraisal.".to_owned(),
        ));
    }
    Ok(())
}

/// The appraisee may choose whether the wellbeing conversation is printed,
/// but what was said is the appraiser's side to record.
pub fn can_write_wellbeing_notes(actor: &Actor, appraisee: &Person, notes_changed: bool) -> Result<()> {
    if notes_changed && actor.staff_number == appraisee.staff_number {
        return Err(Error::Forbidden(
            "Your line manager records the wellbeing conversation; you choose whether it is printed.".to_owned(),
        ));
    }
    Ok(())
}

/// Whether the wellbeing conversation is printed is the appraisee's choice
/// alone: the appraiser, the managers above them and the administrator see
/// it but cannot change it, not even at the shared screen. On the server,
/// with the appraisee's comments and own levels: `appraise_appraisee_words`
/// (postgres/0010).
pub fn can_choose_wellbeing_print(actor: &Actor, appraisee: &Person) -> Result<()> {
    if actor.staff_number != appraisee.staff_number {
        return Err(Error::Forbidden(format!(
            "Only {} chooses whether the wellbeing conversation is printed; you can see the choice.",
            appraisee.name
        )));
    }
    Ok(())
}

/// May cancel an unsigned meeting: whoever may start it (the appraisee's
/// line manager up the chain, or the administrator), never the appraisee.
/// On the server: the policy `appraisal_cancel` (postgres/0016).
pub fn can_cancel_appraisal(conn: &Connection, actor: &Actor, appraisee: &str, today: NaiveDate) -> Result<()> {
    can_edit_appraisal(conn, actor, appraisee, today)?;
    if actor.staff_number == appraisee.trim() || actor.role == Role::Coder {
        return Err(Error::Forbidden(
            "Only a line manager or the administrator cancels a meeting.".to_owned(),
        ));
    }
    Ok(())
}

/// The appraiser's comments are the appraiser's own words, signed as
/// theirs: only the appraiser writes them; the managers above them and the
/// administrator read them (as only the appraisee writes the appraisee's).
/// On the server: `appraise_appraiser_words` (postgres/0016).
pub fn can_write_appraiser_words(actor: &Actor, appraiser: &Person) -> Result<()> {
    if actor.staff_number != appraiser.staff_number {
        return Err(Error::Forbidden(format!(
            "Only the appraiser, {}, writes the appraiser's comments; you can read them.",
            appraiser.name
        )));
    }
    Ok(())
}

/// Only the appraiser confirms the pay progression standards. On the
/// server: `appraise_pay_by_appraiser` (postgres/0010).
pub fn can_confirm_pay(confirmer_staff_number: &str, appraiser: &Person) -> Result<()> {
    if confirmer_staff_number.trim() != appraiser.staff_number {
        return Err(Error::Forbidden(format!(
            "Only the appraiser, {}, confirms the pay progression standards.",
            appraiser.name
        )));
    }
    Ok(())
}

/// Each party signs as themselves: `signer` must be `who`, the person
/// signing as `party`.
pub fn can_sign_as(party: Party, who: &Person, signer: &str) -> Result<()> {
    if signer.trim() != who.staff_number {
        return Err(Error::Forbidden(format!(
            "Only the {}, {}, can sign as the {}.",
            party.code(),
            who.name,
            party.code()
        )));
    }
    Ok(())
}

/// Only the administrator re-opens a signed appraisal.
pub fn can_reopen_appraisal(actor: &Actor) -> Result<()> {
    if !actor.is_administrator() {
        return Err(Error::Forbidden(
            "Only the administrator can re-open a signed appraisal.".to_owned(),
        ));
    }
    Ok(())
}

fn administrator_only(actor: &Actor, what: &str) -> Result<()> {
    if actor.role == Role::Administrator {
        Ok(())
    } else {
        Err(Error::Forbidden(format!("Only the administrator can {what}.")))
    }
}

/// May import, change or replace the skills framework and role profiles.
pub fn can_manage_framework(actor: &Actor) -> Result<()> {
    administrator_only(actor, "change the skills framework")
}

/// May change settings (NCCQ rules, the idle lock, ...).
pub fn can_manage_settings(actor: &Actor) -> Result<()> {
    administrator_only(actor, "change settings")
}

/// May create accounts, reset passphrases and change roles. On the server
/// the definer functions that make and change people's database logins
/// (`appraise_create_login`, `appraise_set_password` in
/// `migrations/postgres/0007_logins.sql`) hold the same rule; the second
/// also lets a person change their own.
pub fn can_manage_accounts(actor: &Actor) -> Result<()> {
    administrator_only(actor, "manage accounts")
}

/// May read the audit trail: it names everyone and what changed.
pub fn can_read_audit(actor: &Actor) -> Result<()> {
    administrator_only(actor, "read the audit trail")
}

/// May write everything held about one person into a folder (a subject
/// access request): it holds every record about them, so the administrator
/// only, as for the audit trail.
pub fn can_export_person(actor: &Actor) -> Result<()> {
    administrator_only(actor, "export everything held about a person")
}

/// May back up the whole database, now or on a schedule: a backup holds
/// every record about everyone, so the administrator only.
pub fn can_back_up(actor: &Actor) -> Result<()> {
    administrator_only(actor, "back up the database")
}

/// May replace the whole database with a backup: everyone's records change
/// back, so the administrator only.
pub fn can_restore(actor: &Actor) -> Result<()> {
    administrator_only(actor, "restore the database from a backup")
}

/// May import staff from an ESR file: it adds people to every team.
pub fn can_import_staff(actor: &Actor) -> Result<()> {
    administrator_only(actor, "import staff")
}

/// May open a file in the system's viewer: only one this window saved, so a
/// script in the window cannot open whatever path it names.
pub fn can_open_saved_file(saved_by_this_window: bool) -> Result<()> {
    if saved_by_this_window {
        Ok(())
    } else {
        Err(Error::Forbidden(
            "Appraise opens only the files it saved in this window.".to_owned(),
        ))
    }
}

/// May undo a leaving date recorded in error.
pub fn can_reinstate(actor: &Actor) -> Result<()> {
    administrator_only(actor, "undo a leaving date")
}

/// May see who is due for disposal, mark records, put a legal hold on
/// them and dispose of them: the administrator only. On the server the
/// `retention_case` policy and `appraise_dispose` (postgres/0018) hold the
/// same rule.
pub fn can_manage_retention(actor: &Actor) -> Result<()> {
    administrator_only(actor, "manage the retention and disposal of records")
}

/// May mark a person's records for disposal: a leaver whose retention
/// period has ended, not disposed of already, not under a legal hold.
pub fn can_mark_for_disposal(case: &RetentionCase, today: NaiveDate) -> Result<()> {
    retention_period_over(case, today)?;
    not_held(case)
}

/// May dispose of a person's records: marked, the grace period over, and
/// no legal hold.
pub fn can_dispose(case: &RetentionCase, today: NaiveDate) -> Result<()> {
    retention_period_over(case, today)?;
    not_held(case)?;
    let Some(marked) = case.marked_on else {
        return Err(Error::Conflict(format!(
            "Staff number {}: mark these records for disposal first, with a reason; they can be disposed of {} days later.",
            case.staff_number, case.grace_days
        )));
    };
    match case.dispose_from(today) {
        Some(from) if from > today => Err(Error::Conflict(format!(
            "Staff number {}: the records were marked for disposal on {}; they can be disposed of from {}.",
            case.staff_number,
            display(marked),
            display(from)
        ))),
        _ => Ok(()),
    }
}

/// May lift a legal hold: only one that stands (the records are not
/// disposed of while it does, so one on disposed records cannot be).
pub fn can_lift_hold(case: &RetentionCase) -> Result<()> {
    match case.held_on {
        Some(_) => Ok(()),
        None => Err(Error::Conflict(format!(
            "Staff number {}: the records are not under a legal hold.",
            case.staff_number
        ))),
    }
}

fn retention_period_over(case: &RetentionCase, today: NaiveDate) -> Result<()> {
    if let Some(on) = case.disposed_on {
        return Err(Error::Conflict(format!(
            "Staff number {}: the records were disposed of on {}.",
            case.staff_number,
            display(on)
        )));
    }
    let Some(left) = case.left else {
        return Err(Error::Conflict(format!(
            "Staff number {} has not left: only a leaver's records are disposed of.",
            case.staff_number
        )));
    };
    match case.period_ends {
        None => Err(Error::Conflict(
            "The 75th-birthday rule needs a date of birth, which Appraise does not hold: these records are kept."
                .to_owned(),
        )),
        Some(ends) if ends > today => Err(Error::Conflict(format!(
            "Staff number {}: the records are kept until {} ({}; left on {}).",
            case.staff_number,
            display(ends),
            case.rule,
            display(left)
        ))),
        Some(_) => Ok(()),
    }
}

fn not_held(case: &RetentionCase) -> Result<()> {
    match case.held_on {
        Some(on) => Err(Error::Locked(format!(
            "Staff number {}: the records are under a legal hold since {} ({}): they cannot be disposed of.",
            case.staff_number,
            display(on),
            case.hold_reason
        ))),
        None => Ok(()),
    }
}

/// The staff numbers the actor may see, for filtering lists: everyone for
/// the administrator (in list order), oneself then one's reports (nearest
/// first) for a line manager, oneself for a coder.
pub fn visible_staff(conn: &Connection, actor: &Actor) -> Result<Vec<String>> {
    Ok(match actor.role {
        Role::Administrator => staff_db::staff_numbers(conn)?,
        Role::Manager => std::iter::once(actor.staff_number.clone())
            .chain(
                staff_db::reports_of(conn, &actor.staff_number)?
                    .into_iter()
                    .map(|(n, _)| n),
            )
            .collect(),
        Role::Coder => vec![actor.staff_number.clone()],
    })
}

/// The people a home page's team figures cover: a line manager's reports
/// (through the chain), everyone for the administrator, nobody for a coder
/// (their home page is their own next actions). `team` narrows it to one
/// manager's reports, a manager the actor may see (themselves included);
/// any other is refused as any record they may not see is.
pub fn dashboard_people(conn: &Connection, actor: &Actor, team: Option<&str>) -> Result<Vec<String>> {
    let team = team.map(str::trim).filter(|t| !t.is_empty());
    if let Some(manager) = team {
        if actor.role == Role::Coder || !reaches(conn, actor, manager)? {
            return Err(cannot_see(actor, "team"));
        }
        return Ok(staff_db::reports_of(conn, manager)?
            .into_iter()
            .map(|(n, _)| n)
            .collect());
    }
    Ok(match actor.role {
        Role::Administrator => staff_db::staff_numbers(conn)?,
        Role::Manager => staff_db::reports_of(conn, &actor.staff_number)?
            .into_iter()
            .map(|(n, _)| n)
            .collect(),
        Role::Coder => Vec::new(),
    })
}

/// Refuses changes to a leaver's records (`Error::Locked`). On the server:
/// the `*_leaver` triggers of postgres/0010 (and `staff_leaver`, which lets
/// the administrator only undo the leaving date, as [`can_reinstate`]).
pub fn not_read_only(conn: &Connection, staff_number: &str, today: NaiveDate) -> Result<()> {
    match staff_db::get(conn, staff_number.trim())? {
        Some(member) => not_a_leaver(&member, today),
        None => Ok(()),
    }
}

/// [`not_read_only`] for a record already read.
pub fn not_a_leaver(member: &StaffMember, today: NaiveDate) -> Result<()> {
    match member.leaver_date.filter(|&d| d <= today) {
        Some(left) => Err(Error::Locked(format!(
            "{} left on {}: their records are kept, read-only.",
            member.full_name(),
            display(left)
        ))),
        None => Ok(()),
    }
}

/// What the signed-in person may use across the department, so the window
/// offers only that (the page-wide buttons: add, import, ...). Each is "the
/// check the operation asks would pass". What they may do with one record
/// comes with the record (`StaffView`, `NccqView`, `AppraisalView`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct Rights {
    /// Add staff: the administrator anyone, a line manager to their own
    /// team ([`can_add_staff`] with themselves as the line manager).
    pub add_staff: bool,
    /// Import staff from an ESR file ([`can_import_staff`]).
    pub import_staff: bool,
    /// Open the team view ([`can_view_team`]).
    pub view_team: bool,
    /// Import or change the skills framework ([`can_manage_framework`]).
    pub manage_framework: bool,
    /// Change settings ([`can_manage_settings`]).
    pub manage_settings: bool,
    /// Manage accounts ([`can_manage_accounts`]).
    pub manage_accounts: bool,
    /// Read the audit trail ([`can_read_audit`]).
    pub read_audit: bool,
}

/// [`Rights`] for `actor`, asked of the checks above and nothing else.
pub fn rights(conn: &Connection, actor: &Actor) -> Result<Rights> {
    // A refusal is `false`; anything else (the database) is passed on.
    let passes = |check: Result<()>| match check {
        Ok(()) => Ok(true),
        Err(Error::Forbidden(_)) => Ok(false),
        Err(e) => Err(e),
    };
    Ok(Rights {
        add_staff: passes(can_add_staff(conn, actor, Some(actor.staff_number.as_str())))?,
        import_staff: passes(can_import_staff(actor))?,
        view_team: passes(can_view_team(actor))?,
        manage_framework: passes(can_manage_framework(actor))?,
        manage_settings: passes(can_manage_settings(actor))?,
        manage_accounts: passes(can_manage_accounts(actor))?,
        read_audit: passes(can_read_audit(actor))?,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::staff::{self, StaffInput};
    use crate::Store;

    pub(crate) fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    pub(crate) fn actor(number: &str, role: Role) -> Actor {
        Actor {
            staff_number: number.into(),
            role,
            name: number.into(),
            must_change_passphrase: false,
        }
    }

    /// The department used by these tests:
    ///
    /// ```text
    /// 1 admin (Łukasz Wiśniewski)
    /// ├── 10 manager A (Zoë Ní Bhriain)
    /// │   ├── 11 coder (Siân Jones)
    /// │   └── 12 senior coder, who is a manager (Ciarán Byrne)
    /// │       └── 121 coder (Ann Lee)
    /// └── 20 manager B (Bo Ray)
    ///     └── 21 coder (Cy Coder)
    /// ```
    pub(crate) fn department() -> Store {
        let mut store = crate::store::testing::store();
        for (number, forename, surname, manager) in [
            ("1", "Łukasz", "Wiśniewski", ""),
            ("10", "Zoë", "Ní Bhriain", "1"),
            ("11", "Siân", "Jones", "10"),
            ("12", "Ciarán", "Byrne", "10"),
            ("121", "Ann", "Lee", "12"),
            ("20", "Bo", "Ray", "1"),
            ("21", "Cy", "Coder", "20"),
        ] {
            let input = StaffInput {
                staff_number: number.into(),
                forename: forename.into(),
                surname: surname.into(),
                band: "4".into(),
                appointed: "2024-09-01".into(),
                manager: manager.into(),
                ..Default::default()
            };
            staff::add(store.conn_mut(), &input, today()).unwrap();
        }
        store
    }

    fn admin() -> Actor {
        actor("1", Role::Administrator)
    }
    fn manager_a() -> Actor {
        actor("10", Role::Manager)
    }
    fn manager_b() -> Actor {
        actor("20", Role::Manager)
    }
    fn senior() -> Actor {
        actor("12", Role::Manager)
    }
    fn coder() -> Actor {
        actor("11", Role::Coder)
    }

    fn forbidden(r: Result<()>) -> bool {
        matches!(r, Err(Error::Forbidden(_)))
    }

    #[test]
    fn a_coder_sees_only_their_own_records() {
        let store = department();
        let c = store.conn();
        can_view_staff(c, &coder(), "11").expect("their own");
        for other in ["1", "10", "12", "121", "21", "no-such-person"] {
            assert!(
                forbidden(can_view_staff(c, &coder(), other)),
                "a coder cannot see {other}"
            );
            assert!(
                forbidden(can_view_appraisal(c, &coder(), other)),
                "nor {other}'s appraisal"
            );
        }
        can_view_appraisal(c, &coder(), "11").expect("their own appraisal");
        assert_eq!(visible_staff(c, &coder()).unwrap(), ["11"]);
    }

    #[test]
    fn a_manager_sees_their_reports_and_their_reports_reports() {
        let store = department();
        let c = store.conn();
        for mine in ["10", "11", "12", "121"] {
            can_view_staff(c, &manager_a(), mine).unwrap_or_else(|e| panic!("A sees {mine}: {e}"));
            can_view_appraisal(c, &manager_a(), mine).unwrap();
        }
        assert_eq!(
            visible_staff(c, &manager_a()).unwrap(),
            ["10", "12", "11", "121"],
            "self, then nearest first"
        );
        assert!(manages(c, "10", "121").unwrap(), "through 12");
        assert!(!manages(c, "121", "10").unwrap(), "not upwards");
    }

    #[test]
    fn a_manager_cannot_see_another_managers_team_or_their_own_manager() {
        let store = department();
        let c = store.conn();
        for theirs in ["20", "21", "1"] {
            assert!(
                forbidden(can_view_staff(c, &manager_a(), theirs)),
                "A cannot see {theirs}"
            );
            assert!(forbidden(can_view_appraisal(c, &manager_a(), theirs)));
        }
        assert!(forbidden(can_view_staff(c, &manager_b(), "11")));
        assert!(forbidden(can_view_staff(c, &senior(), "11")), "a peer is not a report");
        can_view_staff(c, &senior(), "121").expect("the senior coder's own report");
    }

    #[test]
    fn the_role_decides_not_the_chain_alone() {
        let store = department();
        let as_coder = actor("12", Role::Coder);
        assert!(
            forbidden(can_view_staff(store.conn(), &as_coder, "121")),
            "a coder named as someone's line manager still sees only their own"
        );
    }

    #[test]
    fn the_administrator_sees_everyone_and_alone_keeps_the_framework_and_settings() {
        let store = department();
        let c = store.conn();
        for anyone in ["1", "10", "121", "21"] {
            can_view_staff(c, &admin(), anyone).unwrap();
            can_view_appraisal(c, &admin(), anyone).unwrap();
        }
        assert_eq!(visible_staff(c, &admin()).unwrap().len(), 7);
        for who in [admin(), Actor::system()] {
            can_manage_framework(&who).unwrap();
            can_manage_settings(&who).unwrap();
            can_manage_accounts(&who).unwrap();
            can_read_audit(&who).unwrap();
            can_import_staff(&who).unwrap();
        }
        for who in [manager_a(), coder()] {
            assert!(forbidden(can_manage_framework(&who)));
            assert!(forbidden(can_manage_settings(&who)));
            assert!(forbidden(can_manage_accounts(&who)));
            assert!(forbidden(can_read_audit(&who)));
            assert!(forbidden(can_import_staff(&who)));
        }
    }

    #[test]
    fn managers_edit_their_reports_but_not_themselves_and_coders_edit_no_one() {
        let store = department();
        let c = store.conn();
        can_edit_staff(c, &manager_a(), "121", today()).unwrap();
        assert!(forbidden(can_edit_staff(c, &manager_a(), "10", today())), "not oneself");
        assert!(forbidden(can_edit_staff(c, &manager_a(), "21", today())));
        assert!(forbidden(can_edit_staff(c, &coder(), "11", today())));
        can_edit_staff(c, &admin(), "1", today()).unwrap();
    }

    #[test]
    fn managers_add_people_only_to_their_own_team() {
        let store = department();
        let c = store.conn();
        can_add_staff(c, &manager_a(), Some("10")).unwrap();
        can_add_staff(c, &manager_a(), Some("12")).unwrap();
        assert!(forbidden(can_add_staff(c, &manager_a(), Some("20"))));
        assert!(
            forbidden(can_add_staff(c, &manager_a(), None)),
            "someone with no manager is outside the team"
        );
        assert!(forbidden(can_add_staff(c, &coder(), Some("11"))));
        can_add_staff(c, &admin(), None).unwrap();
    }

    #[test]
    fn a_leavers_records_are_read_only_even_for_the_administrator() {
        let mut store = department();
        staff::mark_leaver(
            store.conn_mut(),
            &admin(),
            "121",
            "2026-10-31",
            today().and_hms_opt(9, 0, 0).unwrap(),
        )
        .unwrap();
        let c = store.conn();
        can_view_staff(c, &manager_a(), "121").expect("still visible");
        let err = can_edit_staff(c, &admin(), "121", today()).unwrap_err();
        assert_eq!(err.code(), "locked");
        assert!(err.to_string().contains("left on 31/10/2026"), "{err}");
        assert_eq!(
            can_edit_appraisal(c, &senior(), "121", today()).unwrap_err().code(),
            "locked"
        );
        assert!(
            forbidden(can_edit_staff(c, &manager_b(), "121", today())),
            "someone who may not see it is told forbidden, not that they left"
        );
    }

    /// Every core operation behind an IPC command, called as a coder (Siân,
    /// 11) on another coder's record (Cy, 21), or on an administrator-only
    /// area: each is refused as `forbidden`, the same as for a staff number
    /// that does not exist, and nothing reaches the audit trail. Lists are
    /// filtered rather than refused.
    #[test]
    fn every_ipc_operation_refuses_a_coder_on_someone_elses_record() {
        use crate::accounts::{self, Role};
        use crate::framework::{self, ImportRequest, SourceFormat};
        use crate::nccq::{self, CourseInput, ExamInput, NccqSettings};
        use crate::{audit, staff_import, team};

        let mut store = department();
        let now = today().and_hms_opt(10, 0, 0).unwrap();
        let framework_id = framework::ensure_builtin(store.conn_mut(), now).unwrap().framework_id;
        let role_id = framework::role_grid(store.conn(), framework_id).unwrap().roles[0].id;
        let dir = tempfile::tempdir().unwrap();
        let framework_file = dir.path().join("framework.txt");
        std::fs::write(&framework_file, framework::BUILTIN_SOURCE).unwrap();
        let esr_file = dir.path().join("esr.csv");
        let esr = "staff_number,surname,forename,band,job_title,start_date,manager_staff_number\n\
                   3001,Lee,Ann,4,Coder,01/09/2025,21\n";
        std::fs::write(&esr_file, esr).unwrap();
        let trail = |store: &Store| audit::verify(store.conn()).unwrap().rows_checked;
        let before = trail(&store);

        let me = coder();
        let c = store.conn_mut();
        let course = CourseInput {
            kind: "standards".into(),
            start: "2026-01-05".into(),
            end: String::new(),
        };
        let exam = ExamInput {
            sitting: "2026-09-01".into(),
            paper: "practical".into(),
            score: "95".into(),
        };
        let mut input = StaffInput {
            forename: "Cy".into(),
            surname: "Coder".into(),
            band: "5".into(),
            appointed: "2024-09-01".into(),
            manager: "20".into(),
            ..Default::default()
        };
        for other in ["21", "no-such-person"] {
            let refusals: Vec<(&str, Result<()>)> = vec![
                ("staff_get", staff::get_as(c, &me, other).map(drop)),
                (
                    "staff_edit",
                    staff::edit_audited(c, &me, other, &input, today(), now).map(drop),
                ),
                (
                    "staff_mark_leaver",
                    staff::mark_leaver(c, &me, other, "2026-11-30", now).map(drop),
                ),
                ("staff_reinstate", staff::reinstate(c, &me, other, now).map(drop)),
                ("nccq_record", nccq::record(c, &me, other).map(drop)),
                ("nccq_status", nccq::status_as(c, &me, other, today()).map(drop)),
                (
                    "nccq_add_course",
                    nccq::add_course_audited(c, &me, other, &course, now).map(drop),
                ),
                (
                    "nccq_add_exam",
                    nccq::add_exam_attempt_audited(c, &me, other, &exam, today(), now).map(drop),
                ),
                (
                    "nccq_set_membership",
                    nccq::set_ihrim_membership_audited(c, &me, other, "2027-12-31", now).map(drop),
                ),
                (
                    "account_create",
                    accounts::create_account(c, &me, other, Role::Coder, "a long passphrase", now).map(drop),
                ),
                (
                    "account_reset_passphrase",
                    accounts::reset_passphrase(c, &me, other, "a long passphrase", now).map(drop),
                ),
                (
                    "account_set_role",
                    accounts::set_role(c, &me, other, Role::Administrator, now).map(drop),
                ),
            ];
            for (operation, result) in refusals {
                let err = result.expect_err(operation);
                assert_eq!(err.code(), "forbidden", "{operation} on {other}: {err}");
            }
        }
        input.manager = "11".into();
        let request = ImportRequest {
            name: "Mine".into(),
            file_name: "framework.txt".into(),
            format: SourceFormat::Text,
        };
        let refusals: Vec<(&str, Result<()>)> = vec![
            ("staff_add", staff::add_audited(c, &me, &input, today(), now).map(drop)),
            (
                "staff_import_preview",
                staff_import::preview_file(c, &me, &esr_file, today()).map(drop),
            ),
            (
                "staff_import",
                staff_import::import_file(c, &me, &esr_file, today(), now).map(drop),
            ),
            ("team", team::team(c, &me, today()).map(drop)),
            (
                "framework_preview",
                framework::preview_file(&me, &framework_file).map(drop),
            ),
            (
                "framework_import",
                framework::import_file(c, &me, &framework_file, "Mine", now).map(drop),
            ),
            (
                "framework import (bytes)",
                framework::import(c, &me, framework::BUILTIN_SOURCE, &request, now).map(drop),
            ),
            (
                "framework_set_expectation",
                framework::set_expectation(c, &me, role_id, "ANCC", "Coding accuracy", Some(1), now),
            ),
            (
                "framework add role",
                framework::add_role(c, &me, "4", "Coder", now).map(drop),
            ),
            (
                "nccq settings",
                nccq::save_settings(c, &me, &NccqSettings::default(), now).map(drop),
            ),
            ("account_list", accounts::list(c, &me).map(drop)),
            (
                "idle_lock_set",
                crate::settings::idle_lock::save(c, &me, 60, now).map(drop),
            ),
            (
                "audit_list",
                audit::list(c, &me, &audit::AuditFilter::default()).map(drop),
            ),
            ("audit_record_types", audit::record_types(c, &me).map(drop)),
            ("audit_verify", audit::verify_as(c, &me).map(drop)),
        ];
        for (operation, result) in refusals {
            let err = result.expect_err(operation);
            assert_eq!(err.code(), "forbidden", "{operation}: {err}");
        }

        // Lists are filtered to what the coder may see.
        let mine: Vec<String> = staff::list_as(c, &me)
            .unwrap()
            .into_iter()
            .map(|m| m.staff_number)
            .collect();
        assert_eq!(mine, ["11"], "the staff list holds only the coder");
        let trainees: Vec<String> = nccq::team_status(c, &me, today())
            .unwrap()
            .into_iter()
            .map(|s| s.staff_number)
            .collect();
        assert_eq!(trainees, ["11"], "the NCCQ list holds only the coder");
        // Their own records they may read, but not change.
        staff::get_as(c, &me, "11").unwrap();
        nccq::record(c, &me, "11").unwrap();
        nccq::status_as(c, &me, "11", today()).unwrap();
        let own = nccq::add_course_audited(c, &me, "11", &course, now).unwrap_err();
        assert_eq!(
            own.code(),
            "forbidden",
            "a coder's pathway is recorded by their manager"
        );
        // Reading the framework needs no role.
        framework::list(c).unwrap();
        framework::tree(c, framework_id).unwrap();
        framework::role_grid(c, framework_id).unwrap();

        assert_eq!(trail(&store), before, "nothing refused was audited");
    }

    #[test]
    fn the_department_wide_rights_are_the_checks_they_name() {
        let store = department();
        let c = store.conn();
        for who in [
            coder(),
            manager_a(),
            senior(),
            manager_b(),
            admin(),
            actor("12", Role::Coder),
        ] {
            let r = rights(c, &who).unwrap();
            let case = format!("{} ({:?})", who.staff_number, who.role);
            assert_eq!(
                r.add_staff,
                can_add_staff(c, &who, Some(who.staff_number.as_str())).is_ok(),
                "add_staff: {case}"
            );
            assert_eq!(r.import_staff, can_import_staff(&who).is_ok(), "import_staff: {case}");
            assert_eq!(r.view_team, can_view_team(&who).is_ok(), "view_team: {case}");
            assert_eq!(
                r.manage_framework,
                can_manage_framework(&who).is_ok(),
                "manage_framework: {case}"
            );
            assert_eq!(
                r.manage_settings,
                can_manage_settings(&who).is_ok(),
                "manage_settings: {case}"
            );
            assert_eq!(
                r.manage_accounts,
                can_manage_accounts(&who).is_ok(),
                "manage_accounts: {case}"
            );
            assert_eq!(r.read_audit, can_read_audit(&who).is_ok(), "read_audit: {case}");
        }
        assert_eq!(
            rights(c, &coder()).unwrap(),
            Rights::default(),
            "a coder has none of them"
        );
        let manager = rights(c, &manager_a()).unwrap();
        assert!(
            manager.add_staff && manager.view_team && !manager.import_staff && !manager.manage_framework,
            "a line manager adds to their team and has a team view: {manager:?}"
        );
        let everything = Rights {
            add_staff: true,
            import_staff: true,
            view_team: true,
            manage_framework: true,
            manage_settings: true,
            manage_accounts: true,
            read_audit: true,
        };
        assert_eq!(
            rights(c, &admin()).unwrap(),
            everything,
            "the administrator has all of them"
        );
    }
}
