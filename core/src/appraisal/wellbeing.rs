//! The wellbeing conversation: personal, recorded by the appraiser, and
//! printed only when the appraisee chooses (their choice alone).

use crate::store::db::Connection;
use chrono::NaiveDateTime;

use super::door::{change, editable, Target};
use super::{checked_text, in_tx, Wellbeing, MAX_NOTES};
use crate::access::{self, AppraisalPart};
use crate::accounts::Actor;
use crate::store::appraisal as db;
use crate::Result;

/// Saves the wellbeing conversation. The appraisee may change only whether
/// it is printed, and nobody else may change that. The audit row names the
/// fields that changed, not what was said: the conversation is personal.
pub fn set_wellbeing_as(
    conn: &mut Connection,
    actor: &Actor,
    appraisal_id: i64,
    wellbeing: &Wellbeing,
    now: NaiveDateTime,
) -> Result<Wellbeing> {
    let target = Target::Appraisal(appraisal_id);
    change(
        conn,
        actor,
        target,
        AppraisalPart::Wellbeing,
        now,
        "appraisal.wellbeing",
        |tx, h| {
            let before = db::wellbeing(tx, appraisal_id)?.unwrap_or_default();
            let texts = |w: &Wellbeing| {
                [
                    ("notes", w.notes.trim().to_owned()),
                    ("flexible_working", w.flexible_working.trim().to_owned()),
                    ("support_agreed", w.support_agreed.trim().to_owned()),
                ]
            };
            let changed: Vec<&str> = texts(&before)
                .into_iter()
                .zip(texts(wellbeing))
                .filter(|(a, b)| a.1 != b.1)
                .map(|(a, _)| a.0)
                .collect();
            access::can_write_wellbeing_notes(actor, &h.appraisee, !changed.is_empty())?;
            if wellbeing.include_in_print != before.include_in_print {
                access::can_choose_wellbeing_print(actor, &h.appraisee)?;
            }
            let after = set_wellbeing_in(tx, appraisal_id, wellbeing, now)?;
            let detail = serde_json::json!({
                "changed": changed,
                "include_in_print": { "from": before.include_in_print, "to": after.include_in_print },
            });
            Ok((after, Some(detail)))
        },
    )
}

/// Saves the wellbeing conversation, all four fields as the form has them.
pub(crate) fn set_wellbeing(
    conn: &mut Connection,
    appraisal_id: i64,
    wellbeing: &Wellbeing,
    now: NaiveDateTime,
) -> Result<Wellbeing> {
    in_tx(conn, |tx| set_wellbeing_in(tx, appraisal_id, wellbeing, now))
}

pub(super) fn set_wellbeing_in(
    tx: &Connection,
    appraisal_id: i64,
    wellbeing: &Wellbeing,
    now: NaiveDateTime,
) -> Result<Wellbeing> {
    let w = Wellbeing {
        notes: checked_text("notes", "Notes", &wellbeing.notes, MAX_NOTES)?,
        flexible_working: checked_text(
            "flexible_working",
            "Flexible working",
            &wellbeing.flexible_working,
            MAX_NOTES,
        )?,
        support_agreed: checked_text("support_agreed", "Support agreed", &wellbeing.support_agreed, MAX_NOTES)?,
        include_in_print: wellbeing.include_in_print,
    };
    editable(tx, appraisal_id, now)?;
    db::upsert_wellbeing(tx, appraisal_id, &w)?;
    Ok(w)
}
