//! The pure rules of coding audits: judging a result against the
//! thresholds, and a period's summary (coders audited, mean and lowest per
//! code type, the trend against the period before).

use serde::Serialize;
use ts_rs::TS;

use super::words::{AuditJudgement, AuditOutcome, CodeType, PerCodeType, Thresholds};

/// Exceeded when every code type is at or above its "exceeded" level, met
/// when every one is at or above its "met" level, otherwise not met,
/// naming the code types below the "met" line.
pub fn judge(scores: &PerCodeType<f64>, met: &Thresholds, exceeded: &Thresholds) -> AuditJudgement {
    let below: Vec<CodeType> = CodeType::ALL
        .into_iter()
        .filter(|&c| scores.get(c) < f64::from(met.get(c)))
        .collect();
    let outcome = if !below.is_empty() {
        AuditOutcome::NotMet
    } else if CodeType::ALL
        .into_iter()
        .all(|c| scores.get(c) >= f64::from(exceeded.get(c)))
    {
        AuditOutcome::Exceeded
    } else {
        AuditOutcome::Met
    };
    AuditJudgement { outcome, below }
}

/// One code type over a period's results.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct CodeTypeSummary {
    pub code_type: CodeType,
    /// The mean of every result in the period, to one decimal place.
    pub mean: f64,
    pub lowest: f64,
    /// The mean minus the previous period's, to one decimal place; `None`
    /// when the previous period has no results.
    pub change: Option<f64>,
}

/// Mean, lowest and change per code type for `scores` (one per result),
/// against `previous` (the period before); `None` when there are no
/// results.
pub fn code_type_summaries(scores: &[PerCodeType<f64>], previous: &[PerCodeType<f64>]) -> Vec<CodeTypeSummary> {
    if scores.is_empty() {
        return Vec::new();
    }
    let mean = |all: &[PerCodeType<f64>], c: CodeType| {
        (!all.is_empty()).then(|| one_place(all.iter().map(|s| s.get(c)).sum::<f64>() / all.len() as f64))
    };
    CodeType::ALL
        .into_iter()
        .map(|c| {
            let now = mean(scores, c).expect("not empty");
            CodeTypeSummary {
                code_type: c,
                mean: now,
                lowest: scores.iter().map(|s| s.get(c)).fold(f64::INFINITY, f64::min),
                change: mean(previous, c).map(|before| one_place(now - before)),
            }
        })
        .collect()
}

fn one_place(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// How a percentage is written on screen and paper: 92, 91.5.
pub fn percent(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}%")
    } else {
        format!("{}%", one_place(x))
    }
}

/// A change in percentage points, in words: up 1.5 points, down 1 point.
pub fn change_words(x: f64) -> String {
    let body = percent(x.abs());
    let number = body.trim_end_matches('%');
    let points = if number == "1" {
        "1 point".to_owned()
    } else {
        format!("{number} points")
    };
    match x.partial_cmp(&0.0) {
        Some(std::cmp::Ordering::Greater) => format!("up {points}"),
        Some(std::cmp::Ordering::Less) => format!("down {points}"),
        _ => "no change".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coding_audit::words::{DSPT_EXCEEDED, DSPT_MET};

    fn scores(pd: f64, sd: f64, pp: f64, sp: f64) -> PerCodeType<f64> {
        PerCodeType {
            primary_diagnosis: pd,
            secondary_diagnosis: sd,
            primary_procedure: pp,
            secondary_procedure: sp,
        }
    }

    #[test]
    fn an_audit_below_the_secondary_procedure_line_is_not_met_and_names_it() {
        let j = judge(&scores(92.0, 85.0, 91.0, 78.0), &DSPT_MET, &DSPT_EXCEEDED);
        assert_eq!(j.outcome, AuditOutcome::NotMet, "78% secondary procedure is below 80%");
        assert_eq!(
            j.below,
            [CodeType::SecondaryProcedure],
            "names only the code type below"
        );
    }

    #[test]
    fn an_audit_at_or_above_every_exceeded_level_is_exceeded() {
        let j = judge(&scores(96.0, 91.0, 95.0, 90.0), &DSPT_MET, &DSPT_EXCEEDED);
        assert_eq!(
            j.outcome,
            AuditOutcome::Exceeded,
            "95 and 90 are exactly the exceeded levels"
        );
        assert!(j.below.is_empty(), "nothing below");
    }

    #[test]
    fn an_audit_at_or_above_every_met_level_but_not_every_exceeded_one_is_met() {
        let j = judge(&scores(92.0, 85.0, 91.0, 82.0), &DSPT_MET, &DSPT_EXCEEDED);
        assert_eq!(j.outcome, AuditOutcome::Met);
        assert!(j.below.is_empty(), "nothing below");
    }

    #[test]
    fn a_period_summary_gives_mean_lowest_and_change_per_code_type() {
        let now = [scores(92.0, 85.0, 91.0, 78.0), scores(96.0, 91.0, 95.0, 90.0)];
        let before = [scores(90.0, 80.0, 90.0, 80.0)];
        let s = code_type_summaries(&now, &before);
        assert_eq!(s.len(), 4, "one per code type");
        assert_eq!(
            (s[0].mean, s[0].lowest, s[0].change),
            (94.0, 92.0, Some(4.0)),
            "primary diagnosis"
        );
        assert_eq!(
            (s[3].mean, s[3].lowest, s[3].change),
            (84.0, 78.0, Some(4.0)),
            "secondary procedure"
        );
        assert_eq!(
            code_type_summaries(&now, &[])[0].change,
            None,
            "no trend without an earlier period"
        );
        assert!(code_type_summaries(&[], &before).is_empty(), "nothing to summarise");
    }

    #[test]
    fn percentages_and_changes_read_as_people_write_them() {
        assert_eq!(percent(92.0), "92%");
        assert_eq!(percent(91.5), "91.5%");
        assert_eq!(change_words(1.5), "up 1.5 points");
        assert_eq!(change_words(-2.0), "down 2 points");
        assert_eq!(change_words(0.0), "no change");
        assert_eq!(change_words(1.0), "up 1 point", "one point, not points");
    }
}
