//! Migration 0006: the settings of a schema-5 database moved into the
//! `setting` table without losing a value, and files printed under an older
//! header still checking out afterwards.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use super::appraisal::{AppraisalSettings, DepartmentDate};
use super::nccq::{NccqSettings, PassMarks};
use super::print::PrintSettings;
use super::{appraisal, idle_lock, nccq, print};
use crate::accounts::Actor;
use crate::store::{APPLICATION_ID, MIGRATIONS};
use crate::Store;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn noon() -> NaiveDateTime {
    ymd(2026, 1, 15).and_hms_opt(12, 0, 0).unwrap()
}

fn count(conn: &crate::store::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A new database file at schema 5, as the release before this one made it.
fn schema_5(path: &std::path::Path) -> Connection {
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    let tx = conn.transaction().unwrap();
    for (_, sql) in &MIGRATIONS[..5] {
        tx.execute_batch(sql).unwrap();
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
    tx.pragma_update(None, "user_version", 5).unwrap();
    tx.commit().unwrap();
    conn
}

/// The header sets the release before this one would have kept.
fn old_headers() -> (PrintSettings, Vec<PrintSettings>) {
    let first = PrintSettings::default();
    let second = PrintSettings {
        trust: "Gwynedd NHS Trust".into(),
        ..PrintSettings::default()
    };
    let current = PrintSettings {
        trust: "Betsi Cadwaladr University Health Board".into(),
        department: "Clinical Coding, Ysbyty Gwynedd".into(),
        marking: "OFFICIAL-SENSITIVE".into(),
    };
    (current, vec![first, second])
}

/// Writes every kind of setting, none at its default, the way schema 5
/// stored them.
fn write_schema_5_settings(conn: &Connection) {
    let (current, history) = old_headers();
    conn.execute_batch(
        "INSERT INTO nccq_setting (key, value) VALUES
             ('deadline_months', 18), ('course_months', 4), ('refresher_years', 2);
         INSERT INTO nccq_sitting (sitting_date) VALUES ('2026-09-14'), ('2026-03-02'), ('2027-03-01');
         INSERT INTO nccq_pass_marks (year, practical, theory) VALUES (2027, 80, 60), (2025, 85, 65);
         INSERT INTO appraisal_setting (key, value) VALUES
             ('cycle_start_month', 7), ('objective_setting_weeks', 8),
             ('kpi_primary', 95), ('kpi_secondary', 0), ('kpi_procedure', 92);
         INSERT INTO appraisal_department_date (cycle_start, due_date) VALUES
             (2026, '2027-06-30'), (2025, '2026-06-30');
         INSERT INTO app_setting (key, value) VALUES ('idle_lock_minutes', '25');",
    )
    .unwrap();
    for (key, value) in [
        ("print_trust", current.trust.clone()),
        ("print_department", current.department.clone()),
        ("print_marking", current.marking.clone()),
        ("print_settings_history", serde_json::to_string(&history).unwrap()),
    ] {
        conn.execute("INSERT INTO app_setting (key, value) VALUES (?1, ?2)", [key, &value])
            .unwrap();
    }
}

#[test]
fn migrating_a_schema_5_database_keeps_every_setting_and_the_print_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    write_schema_5_settings(&schema_5(&path));

    let store = Store::open(&path).expect("a schema-5 database migrates on open");
    let c = store.conn();
    assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len());
    assert_eq!(
        nccq::load(c).unwrap(),
        NccqSettings {
            deadline_months: 18,
            course_months: 4,
            refresher_years: 2,
            sittings: vec![ymd(2026, 3, 2), ymd(2026, 9, 14), ymd(2027, 3, 1)],
            pass_marks: vec![
                PassMarks {
                    year: 2025,
                    practical: 85,
                    theory: 65
                },
                PassMarks {
                    year: 2027,
                    practical: 80,
                    theory: 60
                },
            ],
            ..Default::default()
        },
        "NCCQ settings, sittings and pass marks in order"
    );
    assert_eq!(
        appraisal::load(c).unwrap(),
        AppraisalSettings {
            cycle_start_month: 7,
            objective_setting_weeks: 8,
            audit_met: crate::coding_audit::words::Thresholds {
                primary_diagnosis: 95,
                secondary_diagnosis: 0,
                primary_procedure: 92,
                secondary_procedure: 80,
            },
            audit_exceeded: crate::coding_audit::words::DSPT_EXCEEDED,
            department_dates: vec![
                DepartmentDate {
                    cycle_start_year: 2025,
                    due: ymd(2026, 6, 30)
                },
                DepartmentDate {
                    cycle_start_year: 2026,
                    due: ymd(2027, 6, 30)
                },
            ],
        },
        "appraisal settings, DSPT thresholds (0 included) and department dates"
    );
    assert_eq!(idle_lock::load(c).unwrap(), 25, "the idle lock");
    let (current, history) = old_headers();
    assert_eq!(print::load(c).unwrap(), current, "the print header");
    assert_eq!(
        print::history(c).unwrap(),
        history,
        "every earlier header, oldest first"
    );
    let old_tables = count(
        c,
        "SELECT count(*) FROM sqlite_schema WHERE name IN ('app_setting', 'nccq_setting', 'nccq_sitting',
             'nccq_pass_marks', 'appraisal_setting', 'appraisal_department_date')",
    );
    assert_eq!(old_tables, 0, "the old tables are gone once moved");
}

#[test]
fn migrating_a_schema_5_database_with_default_settings_stores_nothing_and_reads_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    drop(schema_5(&path));
    let store = Store::open(&path).unwrap();
    let c = store.conn();
    assert_eq!(count(c, "SELECT count(*) FROM setting"), 0);
    assert_eq!(nccq::load(c).unwrap(), NccqSettings::default());
    assert_eq!(appraisal::load(c).unwrap(), AppraisalSettings::default());
    assert_eq!(print::load(c).unwrap(), PrintSettings::default());
    assert!(print::history(c).unwrap().is_empty());
    assert_eq!(idle_lock::load(c).unwrap(), 10);
}

#[test]
fn an_idle_lock_that_schema_5_read_as_the_default_is_still_the_default() {
    for stored in ["", "ten", "5.5", "-3", "99999999999"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        schema_5(&path)
            .execute(
                "INSERT INTO app_setting (key, value) VALUES ('idle_lock_minutes', ?1)",
                [stored],
            )
            .unwrap();
        let store = Store::open(&path).expect("an odd stored value does not stop the migration");
        assert_eq!(idle_lock::load(store.conn()).unwrap(), 10, "{stored:?}");
    }
}

/// Turns a current database back into the shape schema 5 had, with the
/// header `current` in force and `history` before it: the demonstration
/// records stay, the settings go back to the old tables.
fn back_to_schema_5(path: &std::path::Path, current: &PrintSettings, history: &[PrintSettings]) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch("DROP TABLE setting;").unwrap();
    // Later migrations' objects go too (0014's indexes and sign-in times, 0012's index, 0011's columns, 0010's coding audits, 0009's tables and
    // column, 0008's view, 0007's row versions).
    conn.execute_batch(
        "DROP INDEX appraisal_dashboard; DROP INDEX appraisal_pdp_item_dated;
         DROP INDEX appraisal_skill_gap; DROP INDEX staff_by_name;
         ALTER TABLE account DROP COLUMN last_signed_in_at; ALTER TABLE account DROP COLUMN previous_signed_in_at;
         DROP INDEX appraisal_cycle;
         ALTER TABLE role_profile DROP COLUMN coding;
         ALTER TABLE staff DROP COLUMN nccq_pathway;
         ALTER TABLE staff DROP COLUMN last_appraisal_before;
         DROP TABLE training_record; DROP TABLE cpd_entry; DROP TABLE pay_step_standard;
         DROP TABLE pay_step_review; DROP TABLE coding_audit; ALTER TABLE staff DROP COLUMN band_entered;",
    )
    .unwrap();
    conn.execute_batch("DROP VIEW staff_card").unwrap();
    for table in [
        "appraisal_previous_objective",
        "appraisal_skill",
        "appraisal_objective",
        "appraisal_pdp_item",
    ] {
        for column in ["row_version", "changed_by", "changed_at"] {
            conn.execute_batch(&format!("ALTER TABLE {table} DROP COLUMN {column}"))
                .unwrap();
        }
    }
    // The settings tables exactly as migrations 0003 to 0005 made them.
    for table in [
        "nccq_setting",
        "nccq_sitting",
        "nccq_pass_marks",
        "app_setting",
        "appraisal_setting",
        "appraisal_department_date",
    ] {
        let sql = MIGRATIONS[..5]
            .iter()
            .find_map(|(_, sql)| {
                let start = sql.find(&format!("CREATE TABLE {table} ("))?;
                let end = start + sql[start..].find("\n);")? + 3;
                Some(sql[start..end].to_owned())
            })
            .unwrap_or_else(|| panic!("{table} is made by a migration before 0006"));
        conn.execute_batch(&sql).unwrap();
    }
    for (key, value) in [
        ("print_trust", current.trust.clone()),
        ("print_department", current.department.clone()),
        ("print_marking", current.marking.clone()),
        ("print_settings_history", serde_json::to_string(history).unwrap()),
    ] {
        conn.execute("INSERT INTO app_setting (key, value) VALUES (?1, ?2)", [key, &value])
            .unwrap();
    }
    conn.pragma_update(None, "user_version", 5).unwrap();
}

#[test]
fn a_file_printed_before_the_migration_under_an_older_header_still_verifies() {
    use crate::appraisal::{self as appraisals, AppraisalStatus};
    use crate::demo::{generate, DemoOptions};
    use crate::print::{appraisal_pdf, verify_pdf};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let when = ymd(2026, 1, 15).and_hms_opt(10, 30, 0).unwrap();
    let (id, printed_long_ago) = {
        let mut store = Store::open(&path).unwrap();
        generate(store.conn_mut(), &DemoOptions::new(ymd(2026, 1, 15))).unwrap();
        let id = appraisals::list(store.conn())
            .unwrap()
            .into_iter()
            .find(|a| a.status == AppraisalStatus::Signed)
            .expect("the demonstration has signed appraisals")
            .id;
        // Printed under the default header, the first one every trust has.
        (id, appraisal_pdf(store.conn(), &Actor::system(), id, when).unwrap())
    };
    let renamed = PrintSettings {
        trust: "Renamed NHS Foundation Trust".into(),
        ..PrintSettings::default()
    };
    back_to_schema_5(&path, &renamed, &[PrintSettings::default()]);

    let mut store = Store::open(&path).expect("migrates");
    let c = store.conn();
    let printed_now = appraisal_pdf(c, &Actor::system(), id, when).unwrap();
    assert_ne!(printed_long_ago, printed_now, "the header is in the file");
    for (file, what) in [(&printed_long_ago, "the old header"), (&printed_now, "the current one")] {
        let check = verify_pdf(c, &Actor::system(), file).unwrap();
        assert!(
            check.genuine && check.file_intact,
            "a file printed under {what}: {check:?}"
        );
    }

    // A change after the migration adds to the history, losing nothing.
    let again = PrintSettings {
        department: "Clinical Coding and Data Quality".into(),
        ..renamed
    };
    print::save(store.conn_mut(), &Actor::system(), &again, noon()).unwrap();
    for file in [&printed_long_ago, &printed_now] {
        let check = verify_pdf(store.conn(), &Actor::system(), file).unwrap();
        assert!(check.genuine, "{check:?}");
    }
}
