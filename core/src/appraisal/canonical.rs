//! The canonical content of an appraisal and its hash: what a printed
//! record's footer carries, so the file can be checked against the
//! database later.

use sha2::{Digest, Sha256};

use super::{AppraisalRecord, CompetencyRef, CriterionSource, Person, Signature};
use crate::store::appraisal as db;

/// The content of an appraisal as one line of JSON, fields always in the
/// same order: what a printed record's hash is taken over, so the file can
/// be checked against the database later.
///
/// Only what a signature locks is in it: not where the meeting is, not the
/// progress kept on the PDP since, not whether a later version has replaced
/// it, not today's names (the names stored at signing are). The wellbeing
/// conversation is in it only when the appraisee chose to print it.
pub fn canonical_json(record: &AppraisalRecord) -> String {
    let r = record;
    let value = serde_json::json!({
        "format": "appraise-appraisal/1",
        "id": r.id,
        "version": r.version,
        "supersedes": r.reopening.as_ref().map(|x| x.supersedes),
        "kind": r.kind.code(),
        "cycle": r.cycle.label,
        "cycle_start": r.cycle.start.to_string(),
        "cycle_end": r.cycle.end.to_string(),
        "appraisee": person(&r.appraisee),
        "appraiser": person(&r.appraiser),
        "role": r.role,
        "framework_id": r.framework_id,
        "meeting_date": r.meeting_date.to_string(),
        "previous_objectives": r.previous_objectives.iter().map(|p| serde_json::json!({
            "text": p.text,
            "measure": p.measure,
            "due": p.due.map(|d| d.to_string()),
            "competency": p.competency.as_ref().map(competency),
            "target_level": p.target_level,
            "statement_text": p.statement_text,
            "outcome": p.outcome.map(|o| o.code()),
            "comments": p.comments,
        })).collect::<Vec<_>>(),
        "skills": r.skills.iter().map(|s| serde_json::json!({
            "framework_id": s.framework_id,
            "competency_id": s.competency_id,
            "skill_code": s.skill_code,
            "competency": s.competency,
            "expected_level": s.expected_level,
            "self_level": s.self_level,
            "agreed_level": s.agreed_level,
        })).collect::<Vec<_>>(),
        "objectives": r.objectives.iter().map(|o| serde_json::json!({
            "text": o.text,
            "measure": o.measure,
            "due": o.due.map(|d| d.to_string()),
            "competency": o.competency.as_ref().map(competency),
            "target_level": o.target_level,
            "statement_id": o.statement_id,
            "statement_text": o.statement_text,
            "carried_forward": o.carried_from.is_some(),
        })).collect::<Vec<_>>(),
        "kpi": r.kpi.as_ref().map(|k| serde_json::json!({
            "primary_diagnosis": k.primary_diagnosis,
            "secondary_diagnosis": k.secondary_diagnosis,
            "procedure": k.procedure,
            "due": k.due.map(|d| d.to_string()),
            "notes": k.notes,
        })),
        "pdp": r.pdp.iter().map(|i| serde_json::json!({
            "learning_need": i.learning_need,
            "activity": i.activity.code(),
            "description": i.description,
            "target_date": i.target_date.map(|d| d.to_string()),
            "support": i.support,
            "skill_code": i.skill_code,
            "competency": i.competency,
        })).collect::<Vec<_>>(),
        "wellbeing_in_print": r.wellbeing.include_in_print,
        "wellbeing": r.wellbeing.include_in_print.then(|| serde_json::json!({
            "notes": r.wellbeing.notes,
            "flexible_working": r.wellbeing.flexible_working,
            "support_agreed": r.wellbeing.support_agreed,
        })),
        "pay": {
            "meets_standard": r.pay.meets_standard,
            "criteria": r.pay.criteria.iter().map(|c| serde_json::json!({
                "criterion": c.criterion.code(),
                "applies": c.applies,
                "met": c.met,
                "source": c.source.code(),
                "reason": if c.source == CriterionSource::Computed { c.reason.clone() } else { String::new() },
                "note": c.note,
                "confirmed_by": c.confirmed_by,
                "confirmed_at": c.confirmed_at.map(db::timestamp),
            })).collect::<Vec<_>>(),
        },
        "appraisee_comments": r.appraisee_comments,
        "appraiser_comments": r.appraiser_comments,
        "appraisee_signature": r.appraisee_signature.as_ref().map(signature),
        "appraiser_signature": r.appraiser_signature.as_ref().map(signature),
        "reopening": r.reopening.as_ref().map(|x| serde_json::json!({
            "reason": x.reason,
            "by": x.by,
            "at": db::timestamp(x.at),
        })),
    });
    let mut out = String::new();
    write_sorted(&value, &mut out);
    out
}

/// Writes JSON with every object's keys in sorted order, whatever order
/// serde_json keeps them in: in the whole workspace it keeps insertion
/// order (a dependency of the shell turns on `preserve_order`), so its own
/// `to_string` would give the app and the CLI different text.
fn write_sorted(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::Value::String(key.clone()).to_string());
                out.push(':');
                write_sorted(&map[key], out);
            }
            out.push('}');
        }
        serde_json::Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_sorted(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// SHA-256 of [`canonical_json`], lower-case hex: for the PDF footer.
pub fn content_sha256(record: &AppraisalRecord) -> String {
    Sha256::digest(canonical_json(record).as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn person(p: &Person) -> serde_json::Value {
    serde_json::json!({
        "staff_number": p.staff_number,
        "name": p.name,
        "band": p.band,
        "job_title": p.job_title,
    })
}

fn competency(c: &CompetencyRef) -> serde_json::Value {
    serde_json::json!({
        "framework_id": c.framework_id,
        "competency_id": c.competency_id,
        "skill_code": c.skill_code,
        "competency": c.competency,
    })
}

fn signature(s: &Signature) -> serde_json::Value {
    serde_json::json!({
        "staff_number": s.staff_number,
        "signed_at": db::timestamp(s.signed_at),
    })
}
