//! Synthetic documents shaped like real appraisal records: for the layout
//! tests, the PDF benchmark and for looking at the pages while the real
//! mapping from appraisal records is built. Deterministic for a given
//! number, so a benchmark or a test run prints the same pages every time.

use chrono::{NaiveDate, NaiveDateTime};
use sha2::{Digest, Sha256};

use super::{Block, Column, Document, DocumentKind, DocumentMeta, Signature, SignatureBlock};

/// Names that need more than ASCII: the layout must print them intact.
pub const NAMES: &[&str] = &[
    "Zoë Ní Bhriain",
    "Łukasz Wiśniewski",
    "Siân Llewellyn",
    "Aoife Ó Súilleabháin",
    "Chloé Martin",
    "Bartłomiej Kowalczyk",
    "Priya Raghunathan",
    "Dafydd ap Gwilym",
    "Øyvind Hansen",
    "José García",
    "Grace Okonkwo",
    "Mohammed Al-Rashid",
];

const WORDS: &[&str] = &[
    "coding",
    "episode",
    "diagnosis",
    "procedure",
    "audit",
    "accuracy",
    "review",
    "clinical",
    "record",
    "standards",
    "training",
    "secondary",
    "primary",
    "comorbidity",
    "consultant",
    "discharge",
    "summary",
    "query",
    "validated",
    "completed",
    "department",
    "objective",
    "learning",
    "evidence",
    "feedback",
    "improved",
    "supported",
    "colleagues",
    "refresher",
    "workshop",
    "classification",
    "OPCS-4",
    "ICD-10",
    "HRG",
    "the",
    "and",
    "of",
    "to",
    "with",
    "for",
    "in",
    "on",
    "a",
    "was",
    "café",
    "naïve",
    "Zoë",
    "Siân",
    "Wiśniewski",
    "Ní",
    "Bhriain",
    "Łódź",
    "résumé",
    "coöperate",
    "œuvre",
];

/// A small deterministic generator (xorshift): same seed, same text.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `n` words of plausible appraisal prose, with full stops now and then.
pub fn lorem(n: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(rng.pick(WORDS));
        if rng.below(12) == 0 {
            out.push('.');
        }
    }
    out
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|date| date.and_hms_opt(h, min, 0))
        .expect("a real date")
}

/// A document with the header filled in and no blocks.
pub fn blank_document() -> Document {
    Document {
        title: "Annual appraisal record".into(),
        trust: "Northshire Hospitals NHS Foundation Trust".into(),
        department: "Clinical Coding Department".into(),
        marking: "OFFICIAL-SENSITIVE: PERSONAL".into(),
        subtitle: "Cycle 2025/26".into(),
        meta: DocumentMeta {
            kind: DocumentKind::AppraisalRecord,
            record_id: "APR-000001".into(),
            version: 1,
            content_sha256: hex(&Sha256::digest(b"blank")),
            generated_at: at(2026, 11, 21, 14, 5),
        },
        blocks: Vec::new(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Appraisal record number `n`: a different appraisee, appraiser and text
/// for each `n`, with the sections a real record has (objectives, skills,
/// new objectives, PDP, NCCQ status, pay progression, comments, signatures).
pub fn appraisal(n: u64, generated_at: NaiveDateTime) -> Document {
    let mut rng = Rng::new(n + 1);
    let appraisee = NAMES[(n % NAMES.len() as u64) as usize];
    let appraiser = NAMES[((n + 5) % NAMES.len() as u64) as usize];
    let trainee = n.is_multiple_of(3);
    let signed = n.is_multiple_of(2);
    let mut doc = blank_document();
    doc.subtitle = "Cycle 2025/26 · Meeting held 14/10/2025".into();
    doc.meta.record_id = format!("APR-{:06}", n + 1);
    doc.meta.version = 1 + (n % 3) as u32;
    doc.meta.generated_at = generated_at;
    doc.meta.content_sha256 = hex(&Sha256::digest(format!("record {n}").as_bytes()));

    let (band, job) = if trainee {
        ("Band 3", "Trainee clinical coder")
    } else {
        ("Band 5", "Clinical coding specialist")
    };
    let mut b = vec![
        Block::KeyValues(vec![
            (
                "Appraisee".into(),
                format!("{appraisee} (staff number 1{:05})", n % 100_000),
            ),
            ("Job title".into(), format!("{job}, {band}")),
            ("Appraiser".into(), format!("{appraiser}, Clinical coding manager")),
            ("Meeting date".into(), "14/10/2025".into()),
            ("Period reviewed".into(), "01/04/2024 to 31/03/2025".into()),
        ]),
        Block::Heading("Last year's objectives".into()),
        Block::Table {
            columns: vec![
                Column::new("Objective", 3.0),
                Column::new("Outcome", 1.0),
                Column::new("Comments", 3.0),
            ],
            rows: (0..4)
                .map(|i| {
                    vec![
                        format!(
                            "Objective {}: {}",
                            i + 1,
                            lorem(8 + rng.below(10) as usize, n * 1000 + 10 + i)
                        ),
                        ["Met", "Partly met", "Not met", "Exceeded"][rng.below(4) as usize].into(),
                        lorem(10 + rng.below(25) as usize, n * 1000 + 20 + i),
                    ]
                })
                .collect(),
        },
        Block::Heading("Skills".into()),
        Block::Table {
            columns: vec![
                Column::new("Competency", 2.5),
                Column::new("Skill", 0.8),
                Column::new("Self-assessed level", 1.1),
                Column::new("Agreed level", 1.1),
                Column::new("Expected level", 1.1),
                Column::new("Statement (excerpt)", 2.9),
            ],
            rows: SKILLS
                .iter()
                .map(|(code, competency, statement)| {
                    let expected = if trainee { 2 } else { 3 };
                    vec![
                        (*competency).into(),
                        (*code).into(),
                        format!("{}", expected - 1 + rng.below(3)),
                        format!("{}", expected - 1 + rng.below(2)),
                        format!("{expected}"),
                        (*statement).into(),
                    ]
                })
                .collect(),
        },
        Block::Heading("New objectives".into()),
        Block::Table {
            columns: vec![
                Column::new("Objective", 3.6),
                Column::new("Skill", 0.8),
                Column::new("Competency", 2.4),
                Column::new("Target level", 1.0),
                Column::new("By", 1.1),
            ],
            rows: (0..5)
                .map(|i| {
                    let (code, competency, _) = SKILLS[((n + i) % SKILLS.len() as u64) as usize];
                    vec![
                        lorem(12 + rng.below(20) as usize, n * 1000 + 30 + i),
                        code.into(),
                        competency.into(),
                        format!("{}", 2 + rng.below(3)),
                        format!("{:02}/{:02}/2026", 1 + rng.below(28), 4 + rng.below(9)),
                    ]
                })
                .collect(),
        },
        Block::Heading("Personal development plan".into()),
        Block::Table {
            columns: vec![
                Column::new("Learning need", 2.5),
                Column::new("Activity", 2.5),
                Column::new("Support", 1.6),
                Column::new("Target date", 1.1),
                Column::new("Status", 1.0),
            ],
            rows: (0..3 + rng.below(3))
                .map(|i| {
                    vec![
                        lorem(6 + rng.below(10) as usize, n * 1000 + 40 + i),
                        lorem(8 + rng.below(12) as usize, n * 1000 + 50 + i),
                        ["Study leave", "Mentor", "Coding manager", "Trainer"][rng.below(4) as usize].into(),
                        format!("{:02}/{:02}/2026", 1 + rng.below(28), 1 + rng.below(12)),
                        ["Not started", "In progress", "Done"][rng.below(3) as usize].into(),
                    ]
                })
                .collect(),
        },
    ];
    if trainee {
        b.push(Block::Heading("NCCQ pathway".into()));
        b.push(Block::KeyValues(vec![
            ("Status".into(), "On track".into()),
            ("Appointed".into(), "01/09/2025".into()),
            ("Standards course".into(), "Started 06/10/2025".into()),
            ("NCCQ deadline".into(), "01/09/2027".into()),
            (
                "Next sitting".into(),
                "01/03/2026 (IHRIM membership valid to 31/12/2026)".into(),
            ),
        ]));
    }
    b.push(Block::Heading("Pay progression".into()));
    b.push(Block::KeyValues(vec![
        ("Outcome".into(), "Meets the standards for pay progression".into()),
        (
            "Standards".into(),
            "Appraisal completed in the last 12 months; statutory and mandatory training complete; \
             no formal capability process; no live disciplinary sanction."
                .into(),
        ),
    ]));
    b.push(Block::Heading("Wellbeing conversation".into()));
    if n % 4 == 1 {
        b.push(Block::Paragraph(lorem(40 + rng.below(40) as usize, n * 1000 + 60)));
    } else {
        b.push(Block::Note(
            "A wellbeing conversation took place. Its content is not printed, at the appraisee's request.".into(),
        ));
    }
    b.push(Block::Heading("Comments".into()));
    b.push(Block::KeyValues(vec![
        ("Appraisee".into(), lorem(30 + rng.below(60) as usize, n * 1000 + 70)),
        ("Appraiser".into(), lorem(30 + rng.below(60) as usize, n * 1000 + 80)),
    ]));
    b.push(Block::Heading("Signatures".into()));
    let signature = |name: &str, role: &str, day: u32| {
        signed.then(|| Signature {
            name: name.into(),
            role: role.into(),
            at: at(2025, 10, day, 15, 30 + day),
        })
    };
    b.push(Block::Signatures(vec![
        SignatureBlock {
            label: "Appraisee".into(),
            signed: signature(appraisee, job, 15),
        },
        SignatureBlock {
            label: "Appraiser".into(),
            signed: signature(appraiser, "Clinical coding manager", 16),
        },
    ]));
    doc.blocks = b;
    doc
}

const SKILLS: &[(&str, &str, &str)] = &[
    (
        "ANCC",
        "Assigns ICD-10 and OPCS-4 codes to inpatient episodes",
        "Applies classification rules and national standards to assign codes accurately and consistently.",
    ),
    (
        "ANCC",
        "Resolves coding queries with clinicians",
        "Investigates gaps in the record and agrees the correct classification with the responsible clinician.",
    ),
    (
        "ANCC",
        "Validates coded data against the source record",
        "Checks completeness and accuracy of coded data and corrects errors before submission.",
    ),
    (
        "RMGT",
        "Handles health records lawfully",
        "Follows the Records Management Code of Practice for access, retention and confidentiality.",
    ),
    (
        "RMGT",
        "Maintains the department's coding reference library",
        "Keeps reference material current and supports colleagues in finding and applying it.",
    ),
    (
        "ASMG",
        "Looks after the encoder and coding software",
        "Reports faults, tracks licences and helps plan upgrades of coding tools.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_number_gives_the_same_record_and_another_number_another() {
        let when = at(2026, 11, 21, 14, 5);
        assert_eq!(appraisal(7, when), appraisal(7, when), "deterministic");
        assert_ne!(appraisal(7, when).blocks, appraisal(8, when).blocks, "records differ");
        assert_eq!(
            lorem(50, 3).split_whitespace().count(),
            50,
            "lorem gives the words asked for"
        );
    }
}
