//! What the demonstration people write: objectives, measures, outcomes,
//! support, wellbeing notes, comments and progress on the plan.

use crate::appraisal::Outcome;

pub(super) fn outcome_index(o: Outcome) -> usize {
    match o {
        Outcome::Met => 0,
        Outcome::PartlyMet => 1,
        Outcome::NotMet => 2,
        Outcome::CarriedForward => 3,
    }
}

/// A SMART objective for a competency.
pub(super) fn objective_text(competency: &str, level: u8) -> String {
    let what = match competency {
        "Coding accuracy" => "Achieve 95% or better in each quarterly internal audit of my coding, checking every diagnosis against the ICD-10 and OPCS-4 rules before submission",
        "Coding standards" => "Apply each National Clinical Coding Standards update to my specialty within a month of publication and share a summary with the team",
        "Coding deadlines" => "Code every inpatient episode of my specialty before the monthly freeze date",
        "Coding quality" => "Raise documentation queries with clinicians through the query log and see each one resolved within 10 working days",
        "Clinical information" => "Code complex multi-episode spells in cardiology from the full case notes without referral",
        "Clinical coding audit" => "Take part in two internal audits this year and present the findings at a team meeting",
        "Quality assurance" => "Peer-review 20 episodes a month coded by a junior colleague and feed back within a week",
        "Escalation" => "Answer colleagues' coding queries through the national query mechanism and keep the query log up to date",
        "Information interpretation" => "Review ambiguous documentation with the responsible clinician before coding it",
        "Advice and guidance" => "Run the weekly coding clinic for junior coders for six months",
        "Records management" => "Track every case-note request and return in the records system on the day",
        "Reports and analysis" => "Produce the monthly coding KPI report for the divisional meeting",
        "Data standards" => "Check the department's local coding policies against the national data standards and propose updates",
        "Collaboration" => "Work with the oncology team to improve the quality of discharge summaries",
        "Strategy" => "Contribute a section on coding capacity to the department's three-year plan",
        "Policies, procedures and standards" => "Review the department's case-note tracking procedure against the records management policy and report the risks found",
        "Information Handling" | "Data transformation" => "Check every coded-data extract I send to the information team against the data-handling policy before release",
        "Controls" => "Carry out the quarterly check of who can change coded records in the coding system and report any exceptions",
        "Access requests" => "Handle the department's routine requests for case notes within two working days",
        "Advice/guidance" => "Give the new starters a session on records management practice in the department",
        _ => "Develop this competency through agreed work and evidence it",
    };
    format!("{what} (towards level {level} of {competency}).")
}

pub(super) const MEASURES: &[&str] = &[
    "Quarterly internal audit results, reviewed at 1:1s.",
    "Query log and monthly 1:1 discussion.",
    "Done on time in at least 11 of 12 months.",
    "Feedback from the audit lead and the clinicians involved.",
    "Evidence kept in the PDP folder and reviewed at mid-year.",
];

pub(super) const OUTCOME_COMMENTS: [&[&str]; 4] = [
    &[
        "Met in full; well evidenced.",
        "Met ahead of the due date.",
        "Met: audit results above target all year.",
    ],
    &[
        "Good progress; staffing pressures in the winter slowed it.",
        "Most of it done; the last part moved to the new year.",
    ],
    &[
        "Not met: the training place was cancelled twice.",
        "Not met; agreed it was the wrong priority after the restructure.",
    ],
    &[
        "Still the right objective: carried into this year.",
        "Carried forward with a clearer measure.",
    ],
];

pub(super) const SUPPORT: &[&str] = &[
    "Two hours a week of protected study time.",
    "Funding for the course fee from the training budget.",
    "A mentor from the audit team.",
    "Cover for the day away from coding.",
    "Access to the e-learning platform.",
];

pub(super) const EXTRA_PDP: &[(&str, &str, &str)] = &[
    (
        "Understand how coded data drives HRGs and payment.",
        "workshop",
        "Attend the regional HRG and tariff workshop.",
    ),
    (
        "See how documentation is written on the wards.",
        "shadowing",
        "Shadow a junior doctor on a ward round in general surgery.",
    ),
    (
        "Keep up with classification changes.",
        "e_learning",
        "Complete the e-learning on the latest ICD-10 and OPCS-4 updates.",
    ),
    (
        "Build confidence presenting audit findings.",
        "course",
        "Trust course: presenting to clinical audiences.",
    ),
];

pub(super) const WELLBEING: &[&str] = &[
    "Feeling settled in the team; workload manageable most months.",
    "Finds month-end pressure stressful; talked about planning the workload earlier.",
    "Caring responsibilities at home this year; wants to keep hybrid working.",
    "Enjoying the specialty work; would like more variety.",
];

pub(super) const FLEXIBLE: &[&str] = &[
    "",
    "Works from home two days a week.",
    "Compressed hours: nine-day fortnight.",
    "Starts at 07:30 to finish by 15:30 on school days.",
];

pub(super) const WELLBEING_SUPPORT: &[&str] = &[
    "",
    "Referral to the staff wellbeing service offered.",
    "Monthly check-in at 1:1s.",
    "Display screen assessment to be redone after the office move.",
];

pub(super) const APPRAISEE_COMMENTS: &[&str] = &[
    "A good year. I would like more complex specialties next year.",
    "Thank you for the support with the course.",
    "I am keen to start on the audit work.",
    "Happy with the objectives agreed.",
];

pub(super) const APPRAISER_COMMENTS: &[&str] = &[
    "Consistently accurate and reliable; a real asset to the team.",
    "Great progress this year; the next step is audit.",
    "Thank you for covering the oncology backlog in the winter.",
    "Clear objectives agreed; we will review them at mid-year.",
];

pub(super) const PROGRESS: &[&str] = &[
    "Booked on the next available date.",
    "Half of the modules done.",
    "Discussed at 1:1; on track.",
    "Started with the mentor meeting fortnightly.",
];

pub(super) const EVIDENCE: &[&str] = &[
    "Certificate of completion saved to the PDP folder.",
    "Audit report with my results.",
    "Notes from the mentoring sessions.",
    "Email of thanks from the clinical lead.",
];

pub(super) const REFLECTION: &[&str] = &[
    "I now check the procedure codes against the operation note first; fewer errors.",
    "Presenting the findings was daunting but the team took the changes on board.",
    "Seeing the ward made the documentation gaps much clearer.",
    "I can now answer most standards queries from colleagues without escalating.",
];
