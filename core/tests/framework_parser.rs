//! Property tests for the framework parser: no input makes it panic, and
//! every file it accepts comes back the same through CSV export and import.

use appraise_core::framework::{parse, rows_to_csv, SourceFormat};
use proptest::prelude::*;

/// A heading in any of the shapes the department's files use, with the
/// spacing varied.
fn heading() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec![
        "Coding accuracy",
        "Clinical infomation",
        "Clinical information",
        "Advice (general)",
        "Records  management",
        "Zoë’s “quoted”, odd name",
        "x",
    ]);
    let level = prop_oneof![
        (1u8..=7).prop_map(|l| l.to_string()),
        prop::sample::select(vec!["One", "two", "THREE", "Four", "Five", "Six", "Seven"]).prop_map(str::to_owned),
    ];
    let code = prop::sample::select(vec!["ANCC", "RMGT", "SCAD", "XYZW"]);
    let gap = prop::sample::select(vec!["", " ", "  "]);
    (name, level, code, any::<bool>(), gap.clone(), gap).prop_map(|(name, level, code, code_first, a, b)| {
        if code_first {
            format!("{name}{a}({code}){b}( Level {level})")
        } else {
            format!("{name}{a}(Level {level}){b}({code})")
        }
    })
}

/// Descriptor text, including the characters CSV must quote.
fn descriptor() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z ,.\"';:()’é-]{1,60}".prop_map(|s| format!("T{s}")),
        Just("Refers to ICD10/OPCS4 classifications, \"always\".".to_owned()),
        Just("=SUM(A1) looks like a formula".to_owned()),
    ]
}

/// A whole file: entries, stray lines, blank lines, trailing spaces, either
/// line end, with or without a byte-order mark.
fn framework_file() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        4 => (heading(), descriptor()).prop_map(|(h, d)| vec![h, d]),
        1 => Just(vec!["SFIA Skills: Delivery and operation".to_owned()]),
        1 => Just(vec![String::new()]),
        1 => descriptor().prop_map(|d| vec![format!("{d}.")]),
    ];
    (
        prop::collection::vec(line, 0..25),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(lines, crlf, bom, trailing)| {
            let end = if crlf { "\r\n" } else { "\n" };
            let pad = if trailing { "  " } else { "" };
            let body: String = lines.concat().iter().map(|l| format!("{l}{pad}{end}")).collect();
            if bom {
                format!("\u{feff}{body}")
            } else {
                body
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_bytes_make_the_text_parser_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse(&bytes, SourceFormat::Text);
    }

    #[test]
    fn no_bytes_make_the_csv_parser_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse(&bytes, SourceFormat::Csv);
    }

    #[test]
    fn no_text_of_brackets_and_levels_makes_the_parser_panic(
        text in "[ (A-Za-z0-9)\\n\\r,\"é’]{0,200}"
    ) {
        let _ = parse(text.as_bytes(), SourceFormat::Text);
        let _ = parse(text.as_bytes(), SourceFormat::Csv);
    }

    #[test]
    fn every_accepted_text_file_round_trips_through_csv(file in framework_file()) {
        if let Ok(parsed) = parse(file.as_bytes(), SourceFormat::Text) {
            let csv = rows_to_csv(&parsed.rows());
            let again = parse(csv.as_bytes(), SourceFormat::Csv)
                .unwrap_or_else(|e| panic!("its CSV export is accepted: {e}\n{csv}"));
            prop_assert_eq!(again.rows(), parsed.rows());
            prop_assert_eq!(again.counts(), parsed.counts());
            // The checks both formats share give the same warnings.
            let shared = |p: &appraise_core::framework::Parsed| {
                p.warnings
                    .iter()
                    .filter(|w| !matches!(
                        w.kind,
                        appraise_core::framework::WarningKind::NoHeading
                            | appraise_core::framework::WarningKind::SectionTitle
                    ))
                    .map(|w| w.kind)
                    .collect::<Vec<_>>()
            };
            let mut a = shared(&parsed);
            let mut b = shared(&again);
            a.sort();
            b.sort();
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn every_accepted_csv_file_round_trips(file in framework_file()) {
        if let Ok(parsed) = parse(file.as_bytes(), SourceFormat::Text) {
            let csv = rows_to_csv(&parsed.rows());
            let once = parse(csv.as_bytes(), SourceFormat::Csv).unwrap();
            let twice = parse(rows_to_csv(&once.rows()).as_bytes(), SourceFormat::Csv).unwrap();
            prop_assert_eq!(twice.rows(), once.rows());
        }
    }
}

#[test]
fn the_generator_makes_files_the_parser_accepts() {
    // Guards the round-trip property against passing vacuously.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let accepted = (0..200)
        .filter(|_| {
            let file = framework_file().new_tree(&mut runner).unwrap().current();
            parse(file.as_bytes(), SourceFormat::Text).is_ok()
        })
        .count();
    assert!(accepted > 100, "only {accepted} of 200 generated files were accepted");
}
