//! Accounts, staff import and the audit trail through the CLI, as a script
//! would use them: real process, real files, exit codes.

use super::common::*;

use std::path::Path;

const HEADER: &str = "staff_number,surname,forename,band,job_title,start_date,manager_staff_number\n";

fn csv(dir: &Path, name: &str, lines: &[&str]) -> std::path::PathBuf {
    let path = dir.join(name);
    let mut text = HEADER.to_owned();
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();
    path
}

fn staff_json(db: &Path) -> serde_json::Value {
    let out = cli(db, &["staff", "list", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("staff list is JSON")
}

#[test]
fn a_csv_with_one_bad_line_imports_nothing_and_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let file = csv(
        dir.path(),
        "esr.csv",
        &[
            "1001,Jones,Siân,7,Coding Manager,01/04/2019,",
            "1002,Lee,Ann,4,Clinical Coder,01/09/2025,1001",
            "1003,Ray,Bo,4,Clinical Coder,2025-02-30,1001",
            "1004,Byrne,Ciarán,4,Clinical Coder,01/09/2025,1001",
        ],
    );
    let out = cli(&db, &["staff", "import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "a bad line is refused: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("Line 4 (staff number 1003)"),
        "the header is line 1: {err}"
    );
    assert!(err.contains("2025-02-30"), "the reason quotes the value: {err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(staff_json(&db), serde_json::json!([]), "nothing imported");

    let out = cli(&db, &["staff", "import", file.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let check: serde_json::Value = serde_json::from_slice(&out.stdout).expect("--json prints the check");
    assert_eq!(check["problems"][0]["line"], 4);
    assert_eq!(check["people"].as_array().unwrap().len(), 3, "the good lines are shown");
}

#[test]
fn a_line_management_cycle_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let file = csv(
        dir.path(),
        "cycle.csv",
        &[
            "2001,Jones,Siân,7,Coding Manager,01/04/2019,2002",
            "2002,Lee,Ann,6,Auditor,01/09/2025,2001",
        ],
    );
    let out = cli(&db, &["staff", "import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("Line 2 (staff number 2001): Line-management cycle"),
        "{err}"
    );
    assert!(
        err.contains("Line 3 (staff number 2002): Line-management cycle"),
        "{err}"
    );
    assert_eq!(staff_json(&db), serde_json::json!([]));
}

#[test]
fn accented_names_survive_an_import_and_managers_may_come_after_their_reports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let path = dir.path().join("excel.csv");
    // Excel's "CSV UTF-8" starts with a byte-order mark and ends lines with CRLF.
    let text = format!(
        "\u{feff}{}{}{}{}{}",
        HEADER.replace('\n', "\r\n"),
        "3002,Ní Bhriain,Zoë,4,Clinical Coder,01/09/2025,3001\r\n",
        "3003,Jones,Siân,3,Trainee Clinical Coder,2026-03-02,3001\r\n",
        "3004,Ó Briain,Ciarán,5,Clinical Coding Specialist,01/06/2022,3001\r\n",
        "3001,Wiśniewski,Łukasz,7,Coding Manager,01/04/2019,\r\n",
    );
    std::fs::write(&path, text).unwrap();
    let out = cli(&db, &["staff", "import", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Imported 4 staff members"), "{}", stdout(&out));

    let people = staff_json(&db);
    let name = |n: &str| -> String {
        let p = people
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["staff_number"] == n)
            .unwrap_or_else(|| panic!("{n} imported"));
        format!("{} {}", p["forename"].as_str().unwrap(), p["surname"].as_str().unwrap())
    };
    assert_eq!(name("3001"), "Łukasz Wiśniewski");
    assert_eq!(name("3002"), "Zoë Ní Bhriain");
    assert_eq!(name("3003"), "Siân Jones");
    assert_eq!(name("3004"), "Ciarán Ó Briain");
    let zoe = people
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["staff_number"] == "3002")
        .unwrap();
    assert_eq!(
        zoe["manager_name"], "Łukasz Wiśniewski",
        "the manager came last in the file"
    );

    let again = cli(&db, &["staff", "import", path.to_str().unwrap()]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "importing the same people twice is refused"
    );
    assert!(stderr(&again).contains("already in Appraise"), "{}", stderr(&again));
}

#[test]
fn audit_verify_is_ok_untouched_and_names_the_row_after_a_hand_edit() {
    if on_server() {
        return; // a hand edit past a file's triggers; the server refuses it to every login (tests/server.rs)
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let file = csv(
        dir.path(),
        "esr.csv",
        &[
            "1001,Jones,Siân,7,Coding Manager,01/04/2019,",
            "1002,Lee,Ann,4,Clinical Coder,01/09/2025,1001",
            "1003,Ray,Bo,4,Clinical Coder,01/09/2025,1001",
        ],
    );
    let empty = cli(&db, &["audit", "verify"]);
    assert_eq!(empty.status.code(), Some(0), "{}", stderr(&empty));
    assert_eq!(stdout(&empty).trim(), "ok (0 rows)");

    assert_eq!(
        cli(&db, &["staff", "import", file.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let ok = cli(&db, &["audit", "verify"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert_eq!(stdout(&ok).trim(), "ok (3 rows)");

    let list = cli(&db, &["audit", "list", "--json"]);
    let entries: serde_json::Value = serde_json::from_slice(&list.stdout).expect("audit list --json");
    assert_eq!(entries.as_array().unwrap().len(), 3);
    assert_eq!(entries[0]["actor"], "system", "the CLI acts as the system");
    assert_eq!(entries[0]["action"], "staff.import");

    {
        // A hand edit: the guard must be dropped first, which is the point.
        let conn = rusqlite::Connection::open(&db).unwrap();
        let refused = conn.execute("UPDATE audit SET detail = '{}' WHERE id = 2", []);
        assert!(refused.is_err(), "the trigger refuses an update");
        conn.execute_batch("DROP TRIGGER audit_no_update").unwrap();
        conn.execute(
            "UPDATE audit SET detail = replace(detail, '\"band\":\"4\"', '\"band\":\"7\"') WHERE id = 2",
            [],
        )
        .unwrap();
    }
    let broken = cli(&db, &["audit", "verify"]);
    assert_eq!(broken.status.code(), Some(1), "a broken chain exits 1");
    let err = stderr(&broken);
    assert!(err.contains("Audit row 2 breaks the chain"), "{err}");
    assert!(!stdout(&broken).contains("ok"), "{}", stdout(&broken));

    let json = cli(&db, &["audit", "verify", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["broken_row"], 2);
}

#[test]
fn five_wrong_passphrases_bring_a_growing_delay() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let made = cli_with_input(
        &db,
        &[
            "account",
            "create-admin",
            "--staff-number",
            "1",
            "--forename",
            "Łukasz",
            "--surname",
            "Wiśniewski",
            "--band",
            "8a",
            "--appointed",
            "2019-04-01",
            "--passphrase-stdin",
        ],
        "correct horse battery\n",
    );
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    assert!(stdout(&made).contains("Łukasz Wiśniewski (staff number 1) is the administrator"));

    let check = |at: &str, passphrase: &str| {
        cli_with_input(
            &db,
            &["account", "check", "1", "--passphrase-stdin", "--at", at],
            &format!("{passphrase}\n"),
        )
    };
    // Each wrong try at the moment the previous wait ends.
    let tries = [
        ("2026-11-21T09:00:00", "Try again."),
        ("2026-11-21T09:00:00", "Try again."),
        ("2026-11-21T09:00:00", "Wait 1 second before"),
        ("2026-11-21T09:00:01", "Wait 2 seconds before"),
        ("2026-11-21T09:00:03", "Wait 4 seconds before"),
    ];
    for (i, (at, expected)) in tries.iter().enumerate() {
        let out = check(at, "not the passphrase");
        assert_eq!(out.status.code(), Some(1), "wrong try {} is refused", i + 1);
        assert!(stderr(&out).contains(expected), "try {}: {}", i + 1, stderr(&out));
    }
    let early = check("2026-11-21T09:00:05", "correct horse battery");
    assert_eq!(early.status.code(), Some(1), "even the right passphrase waits");
    assert!(stderr(&early).contains("Wait 2 seconds"), "{}", stderr(&early));
    let after = check("2026-11-21T09:00:07", "correct horse battery");
    assert_eq!(after.status.code(), Some(0), "{}", stderr(&after));

    let list = cli(&db, &["audit", "list", "--json", "--text", "passphrase_refused"]);
    let entries: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(
        entries.as_array().unwrap().len(),
        5,
        "every wrong passphrase is audited"
    );
    assert_eq!(cli(&db, &["audit", "verify"]).status.code(), Some(0));
}

#[test]
fn the_first_administrator_is_made_once_and_accounts_are_audited_as_the_system() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let admin = |number: &str| {
        cli(
            &db,
            &[
                "account",
                "create-admin",
                "--staff-number",
                number,
                "--forename",
                "Zoë",
                "--surname",
                "Ní Bhriain",
                "--band",
                "8a",
                "--appointed",
                "2019-04-01",
                "--passphrase",
                "correct horse battery",
            ],
        )
    };
    assert_eq!(admin("1").status.code(), Some(0));
    let second = admin("2");
    assert_eq!(second.status.code(), Some(1), "only on first run");
    assert!(
        stderr(&second).contains("already has an administrator"),
        "{}",
        stderr(&second)
    );

    let added = cli(
        &db,
        &[
            "staff",
            "add",
            "--forename",
            "Siân",
            "--surname",
            "Jones",
            "--band",
            "4",
            "--appointed",
            "2025-09-01",
            "--manager",
            "1",
            "--staff-number",
            "20",
        ],
    );
    assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));
    let short = cli_with_input(
        &db,
        &["account", "add", "20", "--role", "coder", "--passphrase-stdin"],
        "too short\n",
    );
    assert_eq!(short.status.code(), Some(1));
    assert!(stderr(&short).contains("at least 10 characters"), "{}", stderr(&short));
    let out = cli_with_input(
        &db,
        &["account", "add", "20", "--role", "coder", "--passphrase-stdin"],
        "a passphrase for Siân\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let signed = cli_with_input(
        &db,
        &["account", "check", "20", "--passphrase-stdin"],
        "a passphrase for Siân\n",
    );
    assert_eq!(
        signed.status.code(),
        Some(0),
        "spaces and accents are kept: {}",
        stderr(&signed)
    );

    let list = cli(&db, &["audit", "list", "--json", "--actor", "system"]);
    let entries: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let actions: Vec<&str> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["account.create", "staff.add"],
        "newest first, both by the system"
    );

    let accounts = cli(&db, &["account", "list", "--json"]);
    let accounts: serde_json::Value = serde_json::from_slice(&accounts.stdout).unwrap();
    assert_eq!(accounts[0]["name"], "Siân Jones", "by surname: Jones before Ní Bhriain");
    assert_eq!(accounts[0]["role"], "coder");
    assert_eq!(accounts[0]["must_change_passphrase"], true);
    assert_eq!(accounts[1]["role"], "administrator");
    assert!(
        !String::from_utf8_lossy(&cli(&db, &["account", "list", "--json"]).stdout).contains("argon2"),
        "no hash leaves the database"
    );
}

#[test]
fn a_leaver_is_kept_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let file = csv(dir.path(), "esr.csv", &["1001,Jones,Siân,4,Coder,01/04/2019,"]);
    assert_eq!(
        cli(&db, &["staff", "import", file.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let out = cli(&db, &["staff", "leaver", "1001", "--date", "2020-01-31"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("31/01/2020"), "{}", stdout(&out));
    let again = cli(&db, &["staff", "leaver", "1001", "--date", "2020-02-28"]);
    assert_eq!(again.status.code(), Some(1), "a leaver's record is read-only");
    assert!(stderr(&again).contains("read-only"), "{}", stderr(&again));
    assert_eq!(staff_json(&db)[0]["leaver_date"], "2020-01-31", "kept");
}

#[test]
fn create_admin_can_name_the_trust_and_department_printed_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let made = cli(
        &db,
        &[
            "account",
            "create-admin",
            "--staff-number",
            "1",
            "--forename",
            "Zoë",
            "--surname",
            "Ní Bhriain",
            "--band",
            "8a",
            "--appointed",
            "2019-04-01",
            "--trust",
            "Ysbyty Gwynedd NHS Trust",
            "--department",
            "Clinical Coding",
            "--passphrase",
            "correct horse battery",
        ],
    );
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let list = cli(&db, &["audit", "list", "--json"]);
    let entries: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let header = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "setting.change" && e["record_id"] == "print")
        .expect("the header saved and audited");
    assert_eq!(header["actor"], "1", "saved as the new administrator");
    assert!(
        header["detail"].to_string().contains("Ysbyty Gwynedd NHS Trust"),
        "{header}"
    );
}
