//! The department server against a real, throwaway PostgreSQL: `server
//! init` and `migrate`, the schema beside the SQLite store's, the guard the
//! server keeps whoever connects (the issue's "Must show", server part), and
//! each person's own login, made and changed with their account.
//!
//! The server and a database per test come from `support` (so the tests
//! run in parallel).

mod support;

use std::collections::BTreeMap;
use std::process::Command;

use appraise_core::accounts::Actor;
use appraise_core::server::{self, State};
use appraise_core::{audit, Error, Store};
use chrono::NaiveDate;
use postgres::{Client, NoTls};
use support::{config, verifier, Db, DBA_PASSWORD};

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 28)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap()
}

impl Db {
    fn new(test: &str) -> Db {
        Db::create("t", test)
    }

    /// A libpq connection string for `login`, for psql and the CLI.
    fn conninfo(&self, login: &str, password: &str) -> String {
        let c = config();
        let host = match &c.get_hosts()[0] {
            postgres::config::Host::Unix(path) => format!("host={}", path.display()),
            postgres::config::Host::Tcp(name) => format!("host={name} port={}", c.get_ports()[0]),
        };
        format!("{host} dbname={} user={login} password='{password}'", self.name)
    }

    fn superuser(&self) -> Client {
        let mut c = config();
        c.dbname(&self.name);
        c.connect(NoTls).unwrap()
    }

    fn initialised(test: &str) -> Db {
        let db = Db::new(test);
        server::init(&mut db.owner(), now()).expect("init on an empty database");
        db
    }

    /// A person's login, a member of the person role, linked to their
    /// account; the password is their first passphrase.
    fn person(&self, owner: &mut Client, staff_number: &str, role: &str) -> Client {
        let login = format!("{}_{staff_number}", self.name);
        owner
            .batch_execute(&format!(
                "CREATE ROLE {login} LOGIN PASSWORD '{}' IN ROLE {}_person;",
                verifier(&format!("passphrase of {staff_number}")),
                self.name
            ))
            .unwrap();
        owner
            .execute(
                "INSERT INTO account (staff_id, role, passphrase_hash, created_at, db_login)
                 SELECT id, $2, 'argon2id-hash', '2026-11-28T09:00:00', $3 FROM staff WHERE staff_number = $1",
                &[&staff_number, &role, &login],
            )
            .unwrap();
        self.login(&login, &format!("passphrase of {staff_number}"))
    }
}

/// Everything `init` makes, as text, to show a second run changes nothing.
fn fingerprint(c: &mut Client) -> String {
    c.query_one(
        "SELECT concat_ws(' | ',
            (SELECT string_agg(oid::text || relname, ',' ORDER BY oid) FROM pg_class
             WHERE relnamespace = 'appraise'::regnamespace),
            (SELECT string_agg(oid::text || proname, ',' ORDER BY oid) FROM pg_proc
             WHERE pronamespace = 'appraise'::regnamespace),
            (SELECT string_agg(oid::text || polname, ',' ORDER BY oid) FROM pg_policy),
            (SELECT string_agg(oid::text || tgname, ',' ORDER BY oid) FROM pg_trigger WHERE NOT tgisinternal),
            (SELECT string_agg(oid::text || rolname, ',' ORDER BY oid) FROM pg_roles
             WHERE starts_with(rolname, current_database())),
            (SELECT string_agg(xmin::text || name, ',' ORDER BY version) FROM appraise_migration),
            (SELECT count(*)::text FROM framework_statement),
            (SELECT string_agg(array_to_string(setconfig, ';'), ',') FROM pg_db_role_setting s
             JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = current_database()),
            (SELECT datacl::text FROM pg_database WHERE datname = current_database()))",
        &[],
    )
    .unwrap()
    .get(0)
}

#[test]
fn init_sets_up_an_empty_database_and_a_second_run_changes_nothing() {
    let db = Db::new("init_twice");
    let mut owner = db.owner();
    let first = server::init(&mut owner, now()).unwrap();
    assert!(first.created, "the first run sets it up");
    assert_eq!(first.version, server::MIGRATIONS.last().unwrap().0);
    assert_eq!(first.roles.owner, format!("{}_owner", db.name));
    let statements: i64 = owner
        .query_one("SELECT count(*) FROM framework_statement", &[])
        .unwrap()
        .get(0);
    assert!(statements > 0, "the built-in framework is there");
    let before = fingerprint(&mut owner);

    let second = server::init(&mut db.owner(), now()).unwrap();
    assert!(!second.created, "the second run is a no-op");
    assert!(second.message().contains("current"), "{}", second.message());
    assert_eq!(fingerprint(&mut owner), before, "nothing changed");
    assert_eq!(
        server::migrate(&mut owner).unwrap(),
        Vec::<i64>::new(),
        "nothing to migrate"
    );
}

#[test]
fn the_built_in_framework_is_the_rows_core_stores_with_their_ids() {
    let db = Db::initialised("builtin");
    let mut owner = db.owner();
    let mut store = Store::open_in_memory().unwrap();
    appraise_core::framework::ensure_builtin(store.conn_mut(), now()).unwrap();
    for table in [
        "framework",
        "framework_skill",
        "framework_competency",
        "framework_statement",
        "role_profile",
    ] {
        let (count, max): (i64, i64) = store
            .conn()
            .query_row(&format!("SELECT count(*), max(id) FROM {table}"), [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        let row = owner
            .query_one(&format!("SELECT count(*), max(id) FROM {table}"), &[])
            .unwrap();
        assert_eq!((row.get::<_, i64>(0), row.get::<_, i64>(1)), (count, max), "{table}");
    }
    let next: i64 = owner
        .query_one(
            "INSERT INTO role_profile (band, title, position) VALUES ('5', 'A new role', 99) RETURNING id",
            &[],
        )
        .unwrap()
        .get(0);
    let max: i64 = store
        .conn()
        .query_row("SELECT max(id) FROM role_profile", [], |r| r.get(0))
        .unwrap();
    assert_eq!(next, max + 1, "the server numbers new rows after the copied ones");
}

#[test]
fn a_database_holding_anything_else_is_refused_untouched() {
    let db = Db::new("foreign");
    let mut owner = db.owner();
    owner.batch_execute("CREATE TABLE public.ledger (id int)").unwrap();
    let err = server::init(&mut owner, now()).unwrap_err();
    assert!(matches!(err, Error::NotAppraiseDatabase(_)), "{err}");
    assert!(
        err.to_string().contains("public.ledger"),
        "it says what it found: {err}"
    );
    let after = owner
        .query_one(
            "SELECT to_regclass('public.ledger') IS NOT NULL,
                    EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'appraise'),
                    EXISTS (SELECT 1 FROM pg_roles WHERE rolname LIKE $1)",
            &[&format!("{}\\_owner", db.name)],
        )
        .unwrap();
    assert!(after.get::<_, bool>(0), "the table is still there");
    assert!(!after.get::<_, bool>(1), "no schema was made");
    assert!(!after.get::<_, bool>(2), "no role was made");
    assert!(matches!(server::state(&mut owner).unwrap(), State::Foreign(_)));
    assert!(matches!(
        server::migrate(&mut owner),
        Err(Error::NotAppraiseDatabase(_))
    ));
    let empty = Db::new("empty_migrate");
    assert!(
        matches!(server::migrate(&mut empty.owner()), Err(Error::NotAppraiseDatabase(_))),
        "an empty database is set up with init, not migrate"
    );
}

#[test]
fn the_tables_and_columns_are_those_of_the_sqlite_store() {
    let store = Store::open_in_memory().unwrap();
    let mut sqlite: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT m.name, p.name, upper(p.type) FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite%' ORDER BY m.name, p.cid",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })
        .unwrap();
    for row in rows {
        let (table, column, ty) = row.unwrap();
        let ty = match ty.as_str() {
            "INTEGER" => "bigint",
            "REAL" => "double precision",
            "TEXT" => "text C",
            other => panic!("{table}.{column}: a type the server has no match for: {other}"),
        };
        sqlite.entry(table).or_default().push((column, ty.to_owned()));
    }

    let db = Db::initialised("columns");
    let mut server: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for row in db
        .owner()
        .query(
            "SELECT table_name::text, column_name::text,
                    data_type::text || coalesce(' ' || collation_name::text, '')
             FROM information_schema.columns WHERE table_schema = 'appraise'
               AND table_name NOT IN ('appraise_migration', 'appraise_server')
               AND (table_name, column_name) <> ('account', 'db_login')
             ORDER BY table_name, ordinal_position",
            &[],
        )
        .unwrap()
    {
        server.entry(row.get(0)).or_default().push((row.get(1), row.get(2)));
    }
    assert_eq!(
        server, sqlite,
        "the same tables, columns, order and types (INTEGER bigint, REAL double precision, TEXT text collated C)"
    );
}

/// The department of the guard tests, inserted by the owner:
///
/// ```text
/// 1 administrator
/// ├── 10 manager
/// │   └── 11 coder
/// │       └── 111 (no account; reports to the coder)
/// └── 20 another manager
///     └── 21 another coder
/// ```
fn department(db: &Db) -> Client {
    let mut owner = db.owner();
    for (number, manager) in [
        ("1", None),
        ("10", Some("1")),
        ("11", Some("10")),
        ("111", Some("11")),
        ("20", Some("1")),
        ("21", Some("20")),
    ] {
        owner
            .execute(
                "INSERT INTO staff (staff_number, forename, surname, band, appointed, manager_id)
                 VALUES ($1, 'Siân', 'Ní Bhriain', '5', '2024-09-01',
                         (SELECT id FROM staff WHERE staff_number = $2))",
                &[&number, &manager],
            )
            .unwrap();
    }
    for (appraisee, appraiser) in [("11", "10"), ("111", "10"), ("21", "20"), ("10", "1")] {
        owner
            .execute(
                "INSERT INTO appraisal (appraisee_id, appraiser_id, cycle_start, cycle_start_month, kind,
                                        meeting_date, created_at, updated_at)
                 SELECT e.id, r.id, 2026, 4, 'annual', '2026-11-20', '2026-11-20T10:00:00', '2026-11-20T10:00:00'
                 FROM staff e, staff r WHERE e.staff_number = $1 AND r.staff_number = $2",
                &[&appraisee, &appraiser],
            )
            .unwrap();
    }
    owner
        .query_one("SELECT appraise_audit('staff.add', 'staff', '11', '{}')", &[])
        .unwrap();
    owner
}

fn numbers(c: &mut Client, sql: &str) -> Vec<String> {
    c.query(sql, &[]).unwrap().iter().map(|r| r.get(0)).collect()
}

#[test]
fn a_coder_sees_only_their_own_rows_and_cannot_touch_the_audit_trail() {
    let db = Db::initialised("coder");
    let mut owner = department(&db);
    let mut coder = db.person(&mut owner, "11", "coder");

    assert_eq!(
        numbers(&mut coder, "SELECT staff_number FROM staff"),
        ["11"],
        "1 row in staff: their own (not 111, though 111 reports to them: the role decides)"
    );
    let appraisees: Vec<i64> = coder
        .query("SELECT appraisee_id FROM appraisal", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let own: i64 = coder.query_one("SELECT id FROM staff", &[]).unwrap().get(0);
    assert_eq!(appraisees, [own], "none of anyone else's appraisals");
    assert_eq!(
        numbers(&mut coder, "SELECT actor FROM audit"),
        Vec::<String>::new(),
        "the audit trail is the administrator's"
    );

    for sql in [
        "UPDATE audit SET detail = '{}'",
        "DELETE FROM audit",
        "TRUNCATE audit",
        "INSERT INTO audit VALUES (99, 'x', 'x', 'x', 'x', 'x', '{}', 'x', 'x')",
    ] {
        let err = coder.batch_execute(sql).expect_err(sql);
        assert!(err.to_string().contains("db error"), "{sql}: {err}");
    }
    for sql in [
        "UPDATE staff SET band = '9'",
        "UPDATE account SET role = 'administrator'",
        "UPDATE appraisal SET status = 'signed'",
    ] {
        let changed = coder.execute(sql, &[]);
        assert!(matches!(changed, Err(_) | Ok(0)), "{sql} changes nothing: {changed:?}");
    }
    let role: String = owner
        .query_one(
            "SELECT role FROM account WHERE db_login = $1",
            &[&format!("{}_11", db.name)],
        )
        .unwrap()
        .get(0);
    assert_eq!(role, "coder", "a coder cannot make themselves administrator");

    // The same with psql and the first passphrase, bypassing the window.
    let psql = |sql: &str| {
        Command::new("psql")
            .args([
                &db.conninfo(&format!("{}_11", db.name), "passphrase of 11"),
                "-v",
                "ON_ERROR_STOP=1",
                "-tAc",
                sql,
            ])
            .output()
            .expect("psql runs")
    };
    let count = psql("SELECT count(*) FROM staff");
    assert!(count.status.success(), "{}", String::from_utf8_lossy(&count.stderr));
    assert_eq!(
        String::from_utf8_lossy(&count.stdout).trim(),
        "1",
        "psql sees 1 row in staff"
    );
    for sql in ["UPDATE audit SET actor = 'x'", "DELETE FROM audit", "TRUNCATE audit"] {
        assert!(!psql(sql).status.success(), "psql: {sql} fails");
    }

    let id: i64 = coder
        .query_one(
            "SELECT appraise_audit('appraisal.comment', 'appraisal', '1', '{}')",
            &[],
        )
        .unwrap()
        .get(0);
    let actor: String = owner
        .query_one("SELECT actor FROM audit WHERE id = $1", &[&id])
        .unwrap()
        .get(0);
    assert_eq!(actor, "11", "the server, not the caller, names the actor");
}

#[test]
fn a_manager_sees_their_reports_transitively_and_the_administrator_everyone() {
    let db = Db::initialised("manager");
    let mut owner = department(&db);
    let mut manager = db.person(&mut owner, "10", "manager");
    let mut admin = db.person(&mut owner, "1", "administrator");

    assert_eq!(
        numbers(&mut manager, "SELECT staff_number FROM staff ORDER BY staff_number"),
        ["10", "11", "111"],
        "self and reports, through the coder too; not 20's team nor their own manager"
    );
    assert_eq!(
        numbers(
            &mut manager,
            "SELECT s.staff_number FROM appraisal a JOIN staff s ON s.id = a.appraisee_id ORDER BY 1"
        ),
        ["10", "11", "111"]
    );
    let changed = manager
        .execute(
            "UPDATE staff SET job_title = 'Coder' WHERE staff_number IN ('11', '21', '10')",
            &[],
        )
        .unwrap();
    assert_eq!(changed, 1, "a report's record only: not another team's, not their own");

    assert_eq!(numbers(&mut admin, "SELECT staff_number FROM staff").len(), 6);
    assert_eq!(numbers(&mut admin, "SELECT actor FROM audit"), ["system"]);
}

#[test]
fn no_login_not_even_the_owner_can_change_a_signed_appraisal() {
    let db = Db::initialised("signed");
    let mut owner = department(&db);
    let mut admin = db.person(&mut owner, "1", "administrator");
    let mut manager = db.person(&mut owner, "10", "manager");
    let signed: i64 = owner
        .query_one(
            "UPDATE appraisal SET status = 'signed',
                    appraisee_signed_at = '2026-11-21T10:00:00', appraisee_signed_by = '11',
                    appraiser_signed_at = '2026-11-21T10:05:00', appraiser_signed_by = '10'
             WHERE appraisee_id = (SELECT id FROM staff WHERE staff_number = '11') RETURNING id",
            &[],
        )
        .unwrap()
        .get(0);

    let attempts = [
        format!("UPDATE appraisal SET appraiser_comments = 'changed' WHERE id = {signed}"),
        format!("DELETE FROM appraisal WHERE id = {signed}"),
        format!("INSERT INTO appraisal_objective (appraisal_id, position, text) VALUES ({signed}, 1, 'More')"),
        format!("INSERT INTO appraisal_wellbeing (appraisal_id) VALUES ({signed})"),
        "TRUNCATE appraisal CASCADE".to_owned(),
    ];
    let mut su = db.superuser();
    for (who, client) in [
        ("owner", &mut owner),
        ("superuser", &mut su),
        ("administrator", &mut admin),
        ("manager", &mut manager),
    ] {
        for sql in &attempts {
            let outcome = client.batch_execute(sql);
            assert!(outcome.is_err(), "{who}: {sql} is refused");
        }
    }
    let err = owner
        .batch_execute(&format!("UPDATE appraisal SET step = 'skills' WHERE id = {signed}"))
        .unwrap_err();
    assert!(
        err.as_db_error()
            .unwrap()
            .message()
            .contains("appraisal is signed and locked"),
        "{err:?}"
    );
    let comments: String = owner
        .query_one("SELECT appraiser_comments FROM appraisal WHERE id = $1", &[&signed])
        .unwrap()
        .get(0);
    assert_eq!(comments, "", "unchanged");
}

#[test]
fn the_audit_chain_stays_valid_with_four_writers_at_once() {
    let db = Db::initialised("writers");
    let mut owner = department(&db);
    let logins = [
        ("1", "administrator"),
        ("10", "manager"),
        ("11", "coder"),
        ("20", "manager"),
    ];
    for (number, role) in logins {
        db.person(&mut owner, number, role);
    }
    let name = db.name.clone();
    let writers: Vec<_> = logins
        .iter()
        .map(|&(number, _)| {
            let db = Db { name: name.clone() };
            std::thread::spawn(move || {
                let mut me = db.login(&format!("{}_{number}", db.name), &format!("passphrase of {number}"));
                for i in 0..25 {
                    let mut tx = me.transaction().unwrap();
                    tx.query_one(
                        "SELECT appraise_audit('staff.edit', 'staff', $1, $2)",
                        &[
                            &number,
                            &format!("{{\"forename\":{{\"from\":\"Sian\",\"to\":\"Siân {i}\"}}}}"),
                        ],
                    )
                    .unwrap();
                    tx.commit().unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("no writer failed");
    }

    // Core's own check, over the server's rows: the same hash on both.
    let store = Store::open_in_memory().unwrap();
    for r in owner
        .query(
            "SELECT id, at, actor, action, table_name, record_id, detail, prev_hash, hash, detail_digest
             FROM audit ORDER BY id",
            &[],
        )
        .unwrap()
    {
        store
            .conn()
            .execute(
                "INSERT INTO audit (id, at, actor, action, table_name, record_id, detail, prev_hash, hash, detail_digest)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                rusqlite::params![
                    r.get::<_, i64>(0),
                    r.get::<_, String>(1),
                    r.get::<_, String>(2),
                    r.get::<_, String>(3),
                    r.get::<_, String>(4),
                    r.get::<_, String>(5),
                    r.get::<_, String>(6),
                    r.get::<_, String>(7),
                    r.get::<_, String>(8),
                    r.get::<_, String>(9)
                ],
            )
            .unwrap();
    }
    let report = audit::verify_as(store.conn(), &Actor::system()).unwrap();
    assert!(report.ok, "{}", report.message());
    assert_eq!(report.rows_checked, 101, "the owner's row and 4 × 25");
}

#[test]
fn the_cli_sets_up_a_database_once() {
    let db = Db::new("cli");
    let url = db.url(&format!("{}_dba", db.name), DBA_PASSWORD);
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_appraise-cli"))
            .args(["--db", &url, "server", "init"])
            .output()
            .unwrap()
    };
    let first = run();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(String::from_utf8_lossy(&first.stdout).contains("Initialised"));
    let second = run();
    assert!(second.status.success(), "exit 0 the second time");
    assert!(
        String::from_utf8_lossy(&second.stdout).contains("current"),
        "{}",
        String::from_utf8_lossy(&second.stdout)
    );
    let migrate = Command::new(env!("CARGO_BIN_EXE_appraise-cli"))
        .args(["--db", &url, "server", "migrate"])
        .output()
        .unwrap();
    assert!(migrate.status.success());
}

/// access.rs's own department (its tests' tree), on a SQLite store and on
/// the server, through the same SQL.
///
/// ```text
/// 1 administrator
/// ├── 10 manager A
/// │   ├── 11 coder
/// │   └── 12 senior coder, who is a manager
/// │       └── 121 coder
/// └── 20 manager B
///     └── 21 coder
/// ```
const ACCESS_DEPARTMENT: &[(&str, Option<&str>, &str)] = &[
    ("1", None, "administrator"),
    ("10", Some("1"), "manager"),
    ("11", Some("10"), "coder"),
    ("12", Some("10"), "manager"),
    ("121", Some("12"), "coder"),
    ("20", Some("1"), "manager"),
    ("21", Some("20"), "coder"),
];

const ADD_STAFF: &str = "INSERT INTO staff (staff_number, forename, surname, band, appointed, manager_id)
     VALUES ($1, 'Zoë', 'Ní Bhriain', '4', '2024-09-01', (SELECT id FROM staff WHERE staff_number = $2))";

#[test]
fn the_servers_policies_agree_with_access_rs_for_everyone_in_the_department() {
    use appraise_core::access;
    use appraise_core::accounts::Role;

    let store = Store::open_in_memory().unwrap();
    let db = Db::initialised("agree");
    let mut owner = db.owner();
    for &(number, manager, _) in ACCESS_DEPARTMENT {
        // The same statement on both engines; SQLite reads $1 as ?1.
        store
            .conn()
            .execute(ADD_STAFF, rusqlite::params![number, manager])
            .unwrap();
        owner.execute(ADD_STAFF, &[&number, &manager]).unwrap();
    }
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    for &(me, _, role) in ACCESS_DEPARTMENT {
        let actor = Actor {
            staff_number: me.into(),
            role: match role {
                "administrator" => Role::Administrator,
                "manager" => Role::Manager,
                _ => Role::Coder,
            },
            name: me.into(),
            must_change_passphrase: false,
        };
        let mut client = db.person(&mut owner, me, role);
        let visible = numbers(&mut client, "SELECT staff_number FROM staff");
        for &(target, _, _) in ACCESS_DEPARTMENT {
            let may_view = access::can_view_staff(store.conn(), &actor, target).is_ok();
            assert_eq!(
                visible.iter().any(|n| n == target),
                may_view,
                "{me} ({role}) sees {target} on the server as access.rs says"
            );
            let may_edit = access::can_edit_staff(store.conn(), &actor, target, today).is_ok();
            let mut tx = client.transaction().unwrap();
            let edited = tx
                .execute(
                    "UPDATE staff SET job_title = 'Clinical coder' WHERE staff_number = $1",
                    &[&target],
                )
                .unwrap();
            tx.rollback().unwrap();
            assert_eq!(
                edited == 1,
                may_edit,
                "{me} ({role}) may change {target}'s record on the server as access.rs says"
            );
        }
        for new_manager in ["1", "10", "12", "20"] {
            let may_add = access::can_add_staff(store.conn(), &actor, Some(new_manager)).is_ok();
            let mut tx = client.transaction().unwrap();
            let added = tx.execute(ADD_STAFF, &[&"999", &Some(new_manager)]).is_ok();
            let _ = tx.rollback();
            assert_eq!(
                added, may_add,
                "{me} ({role}) may add someone under {new_manager} on the server as access.rs says"
            );
        }
    }
}

#[test]
fn each_party_signs_as_themselves_only_through_the_servers_function_and_only_the_administrator_reopens() {
    let db = Db::initialised("signing");
    let mut owner = department(&db);
    let mut coder = db.person(&mut owner, "11", "coder");
    let mut manager = db.person(&mut owner, "10", "manager");
    let mut other_manager = db.person(&mut owner, "20", "manager");
    let mut admin = db.person(&mut owner, "1", "administrator");
    let id: i64 = coder.query_one("SELECT id FROM appraisal", &[]).unwrap().get(0);
    let sign = |c: &mut Client, party: &str| {
        c.query_one("SELECT appraise_sign($1, $2)", &[&id, &party])
            .map(|r| r.get::<_, String>(0))
    };

    assert!(
        coder
            .execute(
                "UPDATE appraisal SET appraisee_signed_at = '2026-11-28T10:00:00', appraisee_signed_by = '11' WHERE id = $1",
                &[&id]
            )
            .is_err(),
        "no one writes a signature by hand"
    );
    assert!(
        sign(&mut coder, "appraiser").is_err(),
        "the coder cannot sign as their appraiser"
    );
    assert!(
        sign(&mut other_manager, "appraiser").is_err(),
        "nor can a manager who cannot see it"
    );
    assert_eq!(sign(&mut coder, "appraisee").unwrap(), "in_progress");
    assert!(sign(&mut coder, "appraisee").is_err(), "not twice");

    coder.query_one("SELECT appraise_clear_signatures($1)", &[&id]).unwrap();
    assert_eq!(
        sign(&mut coder, "appraisee").unwrap(),
        "in_progress",
        "signed again after a change"
    );
    assert!(
        manager
            .query_one("SELECT appraise_reopen($1, 'a typo')", &[&id])
            .is_err(),
        "an appraisal in progress is not re-opened"
    );
    assert_eq!(
        sign(&mut manager, "appraiser").unwrap(),
        "signed",
        "the second signature locks it"
    );

    let row = owner
        .query_one(
            "SELECT status, appraisee_signed_by, appraiser_signed_by, appraisee_name, step FROM appraisal WHERE id = $1",
            &[&id],
        )
        .unwrap();
    assert_eq!(row.get::<_, String>(0), "signed");
    assert_eq!(row.get::<_, String>(1), "11");
    assert_eq!(row.get::<_, String>(2), "10");
    assert_eq!(row.get::<_, String>(3), "Siân Ní Bhriain", "both people as they were");
    assert_eq!(row.get::<_, String>(4), "sign_off");
    assert!(
        coder.query_one("SELECT appraise_clear_signatures($1)", &[&id]).is_err(),
        "a signed appraisal keeps its signatures"
    );

    assert!(
        manager
            .query_one("SELECT appraise_reopen($1, 'a typo')", &[&id])
            .is_err(),
        "only the administrator re-opens"
    );
    let reopened: i64 = admin
        .query_one("SELECT appraise_reopen($1, 'The objectives were mistyped.')", &[&id])
        .unwrap()
        .get(0);
    let row = owner
        .query_one(
            "SELECT version, supersedes_id, status, reopened_by FROM appraisal WHERE id = $1",
            &[&reopened],
        )
        .unwrap();
    assert_eq!(row.get::<_, i64>(0), 2);
    assert_eq!(row.get::<_, Option<i64>>(1), Some(id));
    assert_eq!(row.get::<_, String>(2), "in_progress");
    assert_eq!(row.get::<_, String>(3), "1");
}

/// SQL that takes 0011 away: 0003's policies back in place of those it
/// remade, its view and functions gone.
/// Undoes postgres/0018: the retention cases and functions, and the
/// digest column, with each audit row hashed again as before it (the
/// detail itself hashed).
fn undo_retention() -> String {
    "DROP FUNCTION appraise_dispose(bigint, text, text, text), appraise_audit_erase_only() CASCADE;
     DROP TABLE retention_case;
     DROP FUNCTION appraise_disposing(bigint);
     DO $$
     DECLARE
         r record;
         prev text := '';
         h text;
     BEGIN
         FOR r IN SELECT * FROM audit ORDER BY id LOOP
             h := appraise_audit_hash(prev, r.id::text, r.at, r.actor, r.action, r.table_name, r.record_id, r.detail);
             UPDATE audit SET prev_hash = prev, hash = h WHERE id = r.id;
             prev := h;
         END LOOP;
     END $$;
     ALTER TABLE audit DROP COLUMN detail_digest;
     CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
     FOR EACH ROW EXECUTE FUNCTION appraise_refuse('The audit trail cannot be changed.');
     DELETE FROM appraise_migration WHERE version = 18;"
        .to_owned()
}

fn undo_reach_once() -> String {
    let remade = server::MIGRATIONS[10].2;
    let first = server::MIGRATIONS[2].2;
    let mut sql = String::from("DROP VIEW staff_card;\n");
    for statement in remade.split(';').map(str::trim) {
        let Some(rest) = statement.strip_prefix("DROP POLICY ") else {
            continue;
        };
        let name = rest.split_whitespace().next().unwrap();
        let start = first
            .find(&format!("CREATE POLICY {name} "))
            .unwrap_or_else(|| panic!("0003 made {name}"));
        let end = start + first[start..].find(';').unwrap();
        sql.push_str(&format!("{statement};\n{};\n", &first[start..end]));
    }
    sql + "DROP FUNCTION appraise_reachable_pdp_items(), appraise_reachable_appraisals(), appraise_reachable();"
}

#[test]
fn migrate_applies_only_the_migrations_a_database_lacks() {
    let db = Db::initialised("migrate");
    let mut owner = db.owner();
    // A database from before the newest migrations: 0020's indexes, 0019's indexes and sign-in times,
    // 0018's retention cases, digest column (the chain hashed as before it) and functions,
    // 0017's index, 0016's trigger and
    // policy, 0015's columns, 0014's coding audits, 0013's tables and column, 0012's triggers,
    // 0011's policies (back to 0003's), 0010's triggers,
    // 0009's view and 0008's row versions gone, 0007's functions gone and
    // its owner role without CREATEROLE, their rows not written. A newer
    // migration changes what this undoes.
    owner
        .batch_execute(&format!(
            "ALTER ROLE {name}_owner NOCREATEROLE;
             SET ROLE {name}_owner;
             DROP INDEX appraisal_signed_by_person, appraisal_annual_by_person;
             DELETE FROM appraise_migration WHERE version = 20;
             DROP INDEX appraisal_dashboard, appraisal_pdp_item_dated, appraisal_skill_gap, staff_by_name;
             ALTER TABLE account DROP COLUMN last_signed_in_at, DROP COLUMN previous_signed_in_at;
             DELETE FROM appraise_migration WHERE version = 19;
             {undo_18}
             DROP INDEX appraisal_cycle;
             DELETE FROM appraise_migration WHERE version = 17;
             DROP FUNCTION appraise_appraiser_words(), appraise_cancel_unsigned() CASCADE;
             DROP POLICY appraisal_cancel ON appraisal;
             REVOKE DELETE ON appraisal FROM {name}_person;
             DELETE FROM appraise_migration WHERE version = 16;
             ALTER TABLE role_profile DROP COLUMN coding;
             ALTER TABLE staff DROP COLUMN nccq_pathway, DROP COLUMN last_appraisal_before;
             DELETE FROM appraise_migration WHERE version = 15;
             DROP TABLE training_record, cpd_entry, pay_step_standard, pay_step_review;
             ALTER TABLE staff DROP COLUMN band_entered;
             DELETE FROM appraise_migration WHERE version = 13;
             DROP TABLE coding_audit;
             DELETE FROM appraise_migration WHERE version = 14;
             DROP FUNCTION appraise_notify_changed() CASCADE;
             DELETE FROM appraise_migration WHERE version = 12;
             {undo_11}
             DELETE FROM appraise_migration WHERE version = 11;
             DROP FUNCTION appraise_appraisee_words(), appraise_pay_by_appraiser(), appraise_leaver_read_only(),
                           appraise_staff_leaver_read_only(), appraise_has_left(bigint), appraise_today() CASCADE;
             DELETE FROM appraise_migration WHERE version = 10;
             DROP VIEW IF EXISTS staff_card;
             DELETE FROM appraise_migration WHERE version = 9;
             ALTER TABLE appraisal_previous_objective DROP COLUMN row_version, DROP COLUMN changed_by, DROP COLUMN changed_at;
             ALTER TABLE appraisal_skill DROP COLUMN row_version, DROP COLUMN changed_by, DROP COLUMN changed_at;
             ALTER TABLE appraisal_objective DROP COLUMN row_version, DROP COLUMN changed_by, DROP COLUMN changed_at;
             ALTER TABLE appraisal_pdp_item DROP COLUMN row_version, DROP COLUMN changed_by, DROP COLUMN changed_at;
             DROP TRIGGER appraisal_skill_appraisee_part ON appraisal_skill;
             CREATE TRIGGER appraisal_skill_appraisee_part BEFORE INSERT OR UPDATE OR DELETE ON appraisal_skill
             FOR EACH ROW EXECUTE FUNCTION appraise_appraisee_part('self_level');
             DELETE FROM appraise_migration WHERE version = 8;
             DROP FUNCTION appraise_set_password(bigint, text), appraise_create_login(bigint, text),
                           appraise_check_verifier(text), appraise_login_name(text);
             GRANT INSERT ON account TO {name}_person;
             DELETE FROM appraise_migration WHERE version = 7;
             RESET ROLE;",
            name = db.name,
            undo_11 = undo_reach_once(),
            undo_18 = undo_retention(),
        ))
        .unwrap();
    assert_eq!(server::state(&mut owner).unwrap(), State::Ours { version: 6 });
    let err = server::init(&mut owner, now()).unwrap_err();
    assert!(
        err.to_string().contains("server migrate"),
        "init points to migrate: {err}"
    );

    assert_eq!(
        server::migrate(&mut owner).unwrap(),
        [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
        "only the missing ones"
    );
    assert_eq!(server::state(&mut owner).unwrap(), State::Ours { version: 20 });
    let row = owner
        .query_one(
            "SELECT (SELECT count(*) FROM pg_proc WHERE proname IN
                        ('appraise_login_name', 'appraise_check_verifier', 'appraise_create_login', 'appraise_set_password')),
                    (SELECT rolcreaterole FROM pg_roles WHERE rolname = $1)",
            &[&format!("{}_owner", db.name)],
        )
        .unwrap();
    assert_eq!(row.get::<_, i64>(0), 4, "the migration ran");
    assert!(row.get::<_, bool>(1), "the owner role may create logins again");
    assert_eq!(server::migrate(&mut owner).unwrap(), Vec::<i64>::new(), "and not twice");

    // The migrated database makes logins as a fresh one does, and its audit
    // chain, re-hashed by 0018, verifies.
    let mut store = Store::on_server(db.owner()).unwrap();
    first_administrator(&mut store);
    let report = appraise_core::audit::verify_as(store.conn(), &Actor::system()).unwrap();
    assert!(report.ok, "the chain verifies after 0018's re-hash: {report:?}");
    assert_eq!(
        list(&store)[0].db_login.as_deref(),
        Some(format!("{}_1000", db.name).as_str()),
        "after migrate, accounts get their logins"
    );
}

#[test]
fn the_appraisee_writes_only_their_part_of_the_meeting() {
    let db = Db::initialised("parts");
    let mut owner = department(&db);
    let mut coder = db.person(&mut owner, "11", "coder");
    let mut manager = db.person(&mut owner, "10", "manager");
    let id: i64 = coder.query_one("SELECT id FROM appraisal", &[]).unwrap().get(0);

    let mine = coder
        .execute(
            "UPDATE appraisal SET appraisee_comments = 'A good year.', updated_at = '2026-11-28T10:00:00' WHERE id = $1",
            &[&id],
        )
        .unwrap();
    assert_eq!(mine, 1, "the appraisee writes their comments");
    coder
        .execute(
            "INSERT INTO appraisal_wellbeing (appraisal_id, include_in_print) VALUES ($1, 1)",
            &[&id],
        )
        .expect("and chooses whether the wellbeing conversation is printed");

    for sql in [
        "UPDATE appraisal SET appraiser_comments = 'Outstanding.' WHERE id = $1",
        "UPDATE appraisal SET step = 'sign_off' WHERE id = $1",
        "UPDATE appraisal_wellbeing SET notes = 'Said nothing.' WHERE appraisal_id = $1",
        "INSERT INTO appraisal_kpi_objective (appraisal_id, primary_diagnosis, secondary_diagnosis, procedure)
         VALUES ($1, 10, 10, 10)",
        "INSERT INTO appraisal_pay_criterion (appraisal_id, criterion, met, source, confirmed_by, confirmed_at)
         VALUES ($1, 'mandatory_training', 1, 'confirmed', '11', '2026-11-28T10:00:00')",
    ] {
        let err = coder.execute(sql, &[&id]).expect_err(sql);
        assert!(
            err.as_db_error()
                .unwrap()
                .message()
                .contains("Your line manager records this part"),
            "{sql}: {err:?}"
        );
    }
    manager
        .execute(
            "UPDATE appraisal SET appraiser_comments = 'Outstanding.', step = 'skills' WHERE id = $1",
            &[&id],
        )
        .expect("the appraiser's side writes the meeting");
    manager
        .execute(
            "UPDATE appraisal_wellbeing SET notes = 'Talked about workload.' WHERE appraisal_id = $1",
            &[&id],
        )
        .expect("and the wellbeing notes");
}

fn cli_on(url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_appraise-cli"))
        .args(["--db", url])
        .args(args)
        .output()
        .unwrap()
}

fn staff_numbers_listed(out: &std::process::Output) -> Vec<String> {
    assert!(
        out.status.success(),
        "the command succeeds: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let people: serde_json::Value = serde_json::from_slice(&out.stdout).expect("--json is JSON");
    people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["staff_number"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_cli_acts_as_the_coder_with_the_coders_own_login_and_as_the_system_with_the_owners() {
    let db = Db::initialised("cli_as");
    let mut owner = department(&db);
    let mut coder_login = db.person(&mut owner, "11", "coder");
    assert_eq!(
        numbers(&mut coder_login, "SELECT staff_number FROM staff_card ORDER BY 1"),
        ["10", "11"],
        "the coder reads their own card and their appraiser's name, no one else's"
    );
    assert_eq!(numbers(&mut coder_login, "SELECT staff_number FROM staff"), ["11"]);
    let coder = db.url(&format!("{}_11", db.name), "passphrase of 11");
    let mut listed = staff_numbers_listed(&cli_on(&coder, &["staff", "list", "--json"]));
    assert_eq!(listed, ["11"], "the coder's login lists only the coder");

    let dba = db.url(&format!("{}_dba", db.name), DBA_PASSWORD);
    listed = staff_numbers_listed(&cli_on(&dba, &["staff", "list", "--json"]));
    listed.sort();
    assert_eq!(
        listed,
        ["1", "10", "11", "111", "20", "21"],
        "the owner's login sees everyone"
    );

    let add = cli_on(
        &coder,
        &[
            "staff",
            "add",
            "--forename",
            "Sam",
            "--surname",
            "Added",
            "--band",
            "4",
            "--appointed",
            "2025-01-06",
        ],
    );
    assert_eq!(add.status.code(), Some(1), "a coder adds no one");
    assert!(
        String::from_utf8_lossy(&add.stderr).contains("Only a line manager or the administrator can add staff."),
        "access.rs's message: {}",
        String::from_utf8_lossy(&add.stderr)
    );
}

#[test]
fn four_cli_writers_on_the_server_at_once_lose_nothing_and_keep_the_audit_chain() {
    let db = Db::initialised("cli_writers");
    let dba = db.url(&format!("{}_dba", db.name), DBA_PASSWORD);
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let url = dba.clone();
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for i in 0..50 {
                    let surname = format!("Writer{w}-{i}");
                    let out = cli_on(
                        &url,
                        &[
                            "staff",
                            "add",
                            "--forename",
                            "Sam",
                            "--surname",
                            &surname,
                            "--band",
                            "4",
                            "--appointed",
                            "2025-01-06",
                        ],
                    );
                    if out.status.code() != Some(0) {
                        failures.push(format!("{surname}: {}", String::from_utf8_lossy(&out.stderr)));
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = writers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    assert!(
        failures.is_empty(),
        "no add fails under concurrent writers: {failures:?}"
    );
    let listed = staff_numbers_listed(&cli_on(&dba, &["staff", "list", "--json"]));
    assert_eq!(listed.len(), 200, "every add is kept");
    let verify = cli_on(&dba, &["audit", "verify"]);
    assert!(
        verify.status.success(),
        "the audit chain verifies: {}{}",
        String::from_utf8_lossy(&verify.stdout),
        String::from_utf8_lossy(&verify.stderr)
    );
    assert!(String::from_utf8_lossy(&verify.stdout).contains("200 rows"));
}

/// The first administrator's passphrase in the login tests below: every
/// person signs in with their own database login (the issue's item 4), made
/// through core's own accounts, on the owner's store and on a person's.
const ADMIN_FIRST: &str = "the administrator own words";

fn staff_form(number: &str, forename: &str, manager: &str) -> appraise_core::staff::StaffInput {
    appraise_core::staff::StaffInput {
        staff_number: number.into(),
        forename: forename.into(),
        surname: "Ní Bhriain".into(),
        band: "5".into(),
        appointed: "01/09/2024".into(),
        manager: manager.into(),
        ..Default::default()
    }
}

/// Staff number 1000 becomes the administrator, as `account create-admin`
/// makes them.
fn first_administrator(store: &mut Store) -> Actor {
    appraise_core::accounts::create_first_administrator(
        store.conn_mut(),
        &staff_form("1000", "Łukasz", ""),
        ADMIN_FIRST,
        now(),
    )
    .expect("the first administrator")
}

fn list(store: &Store) -> Vec<appraise_core::accounts::AccountSummary> {
    appraise_core::accounts::list(store.conn(), &Actor::system()).unwrap()
}

fn login_of(store: &Store, staff_number: &str) -> String {
    list(store)
        .into_iter()
        .find(|a| a.staff_number == staff_number)
        .and_then(|a| a.db_login)
        .unwrap_or_else(|| panic!("{staff_number} has a login"))
}

/// Whether `login` connects to `db` with `password`.
fn connects(db: &str, login: &str, password: &str) -> bool {
    let mut c = config();
    c.dbname(db).user(login).password(password);
    c.connect(NoTls).is_ok()
}

#[test]
fn each_account_made_through_core_has_its_own_login_whose_password_is_the_passphrase() {
    use appraise_core::accounts::{self, Role};
    use appraise_core::staff;

    let db = Db::initialised("logins");
    // The owner's login, through core, as `account create-admin` and `add`.
    let mut system = Store::on_server(db.owner()).unwrap();
    first_administrator(&mut system);
    let today = now().date();
    for (number, forename, manager) in [
        ("2000", "Deepa", "1000"),
        ("3000", "Zoë", "2000"),
        ("3001", "Ciarán", "2000"),
    ] {
        staff::add_audited(
            system.conn_mut(),
            &Actor::system(),
            &staff_form(number, forename, manager),
            today,
            now(),
        )
        .unwrap();
    }
    accounts::create_account(
        system.conn_mut(),
        &Actor::system(),
        "2000",
        Role::Manager,
        "the manager first words",
        now(),
    )
    .unwrap();
    accounts::create_account(
        system.conn_mut(),
        &Actor::system(),
        "3000",
        Role::Coder,
        "the coder first one",
        now(),
    )
    .unwrap();
    let mut owner = db.owner();
    for (appraisee, appraiser) in [("3000", "2000"), ("3001", "2000"), ("2000", "1000")] {
        owner
            .execute(
                "INSERT INTO appraisal (appraisee_id, appraiser_id, cycle_start, cycle_start_month, kind,
                                        meeting_date, created_at, updated_at)
                 SELECT e.id, r.id, 2026, 4, 'annual', '2026-11-20', '2026-11-20T10:00:00', '2026-11-20T10:00:00'
                 FROM staff e, staff r WHERE e.staff_number = $1 AND r.staff_number = $2",
                &[&appraisee, &appraiser],
            )
            .unwrap();
    }

    let mut logins: Vec<(String, Option<String>)> = list(&system)
        .into_iter()
        .map(|a| (a.staff_number, a.db_login))
        .collect();
    logins.sort();
    let named = |n: &str| Some(format!("{}_{n}", db.name));
    assert_eq!(
        logins,
        [
            ("1000".to_owned(), named("1000")),
            ("2000".to_owned(), named("2000")),
            ("3000".to_owned(), named("3000"))
        ],
        "each account lists its login, named <database>_<staff number>"
    );
    let coder_login = login_of(&system, "3000");
    let member: bool = owner
        .query_one(
            "SELECT pg_has_role($1, $2, 'MEMBER')",
            &[&coder_login, &format!("{}_person", db.name)],
        )
        .unwrap()
        .get(0);
    assert!(member, "the login is a member of the database's person role");

    // The coder, with their own login and first passphrase, bypassing the window.
    let mut coder = db.login(&coder_login, "the coder first one");
    assert_eq!(
        numbers(&mut coder, "SELECT staff_number FROM staff"),
        ["3000"],
        "exactly 1 row in staff"
    );
    let own: i64 = coder.query_one("SELECT id FROM staff", &[]).unwrap().get(0);
    let appraisees: Vec<i64> = coder
        .query("SELECT appraisee_id FROM appraisal", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(appraisees, [own], "none of anyone else's appraisals");
    for sql in ["UPDATE audit SET detail = '{}'", "DELETE FROM audit", "TRUNCATE audit"] {
        let err = coder.batch_execute(sql).expect_err(sql);
        assert_eq!(
            err.code(),
            Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
            "{sql}: {err}"
        );
    }
    let psql = Command::new("psql")
        .args([
            &db.conninfo(&coder_login, "the coder first one"),
            "-v",
            "ON_ERROR_STOP=1",
            "-tAc",
            "SELECT count(*) FROM staff",
        ])
        .output()
        .expect("psql runs");
    assert!(psql.status.success(), "{}", String::from_utf8_lossy(&psql.stderr));
    assert_eq!(
        String::from_utf8_lossy(&psql.stdout).trim(),
        "1",
        "psql sees 1 row in staff"
    );

    // No login is made or changed by hand: the column and the functions are guarded.
    for sql in [
        format!("UPDATE account SET db_login = 'postgres' WHERE staff_id = {own}"),
        format!("SELECT appraise_create_login({own}, 'plain text')"),
    ] {
        assert!(coder.batch_execute(&sql).is_err(), "{sql} is refused");
    }
    let unchanged: String = owner
        .query_one("SELECT db_login FROM account WHERE staff_id = $1", &[&own])
        .unwrap()
        .get(0);
    assert_eq!(unchanged, coder_login, "a person cannot repoint their login");
    let other: i64 = owner
        .query_one("SELECT id FROM staff WHERE staff_number = '2000'", &[])
        .unwrap()
        .get(0);
    let err = coder
        .query_one(
            "SELECT appraise_set_password($1, $2)",
            &[&other, &server::login::verifier("taken over now")],
        )
        .unwrap_err();
    assert_eq!(
        err.code(),
        Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
        "a coder cannot set their manager's password, as access.rs says: {err}"
    );
    let err = coder
        .query_one("SELECT appraise_set_password($1, 'my new password')", &[&own])
        .unwrap_err();
    assert!(
        err.to_string().contains("db error") && err.as_db_error().unwrap().message().contains("SCRAM"),
        "never a password in clear text: {err}"
    );

    // The coder changes their passphrase through core, on their own login.
    let mut theirs = Store::on_server(coder).unwrap();
    let me = accounts::sign_in(theirs.conn_mut(), "3000", "the coder first one", now()).unwrap();
    accounts::change_passphrase(
        theirs.conn_mut(),
        &me,
        "the coder first one",
        "a coder second one",
        now(),
    )
    .unwrap();
    drop(theirs);
    assert!(
        !connects(&db.name, &coder_login, "the coder first one"),
        "the old passphrase no longer connects"
    );
    assert!(
        connects(&db.name, &coder_login, "a coder second one"),
        "the new one does"
    );

    // The administrator, on their own login (as through the window), adds
    // an account and resets the coder's forgotten passphrase.
    let mut admin_store = Store::on_server(db.login(&login_of(&system, "1000"), ADMIN_FIRST)).unwrap();
    let admin = accounts::sign_in(admin_store.conn_mut(), "1000", ADMIN_FIRST, now()).unwrap();
    accounts::reset_passphrase(
        admin_store.conn_mut(),
        &admin,
        "3000",
        "set by the administrator",
        now(),
    )
    .unwrap();
    assert!(
        !connects(&db.name, &coder_login, "a coder second one"),
        "reset: the last one stops"
    );
    assert!(
        connects(&db.name, &coder_login, "set by the administrator"),
        "and the reset one connects"
    );
    let added = accounts::create_account(
        admin_store.conn_mut(),
        &admin,
        "3001",
        Role::Coder,
        "Ciarán first words",
        now(),
    )
    .unwrap();
    assert_eq!(
        added.db_login,
        named("3001"),
        "the administrator's login gives others theirs"
    );
    assert!(connects(&db.name, &format!("{}_3001", db.name), "Ciarán first words"));

    // A manager's login cannot: the server says what access.rs says.
    let mut manager = Store::on_server(db.login(&login_of(&system, "2000"), "the manager first words")).unwrap();
    let boss = accounts::sign_in(manager.conn_mut(), "2000", "the manager first words", now()).unwrap();
    let err = accounts::reset_passphrase(manager.conn_mut(), &boss, "3000", "the manager choice", now()).unwrap_err();
    assert_eq!(err.code(), "forbidden", "access.rs refuses first");
    let err = manager
        .conn()
        .query_row(
            "SELECT appraise_create_login(?1, ?2)",
            appraise_core::store::db::params![own, server::login::verifier("sneaky")],
            |r| r.get::<_, String>(0),
        )
        .unwrap_err();
    assert_eq!(err.server_code(), Some("42501"), "and the server too: {err}");
    assert!(
        connects(&db.name, &coder_login, "set by the administrator"),
        "the coder's password is as the administrator set it"
    );

    let audit_ok = audit::verify_as(system.conn(), &Actor::system()).unwrap();
    assert!(audit_ok.ok, "{}", audit_ok.message());
}

#[test]
fn the_same_staff_number_in_two_databases_on_one_server_gives_two_logins() {
    // Two departments, and two more with names as long as `server init`
    // takes (56 bytes), and a staff number as long as Appraise takes.
    // The long two differ only in their last letter.
    let long = |last: &str| {
        let prefix = format!("t{}_", std::process::id());
        format!("{}{last}", "x".repeat(56 - prefix.len() - last.len()))
    };
    let a = Db::initialised("twins");
    let b = Db::initialised(&long("b"));
    let c = Db::initialised(&long("c"));
    assert_eq!(c.name.len(), 56);
    let mut made = Vec::new();
    for (db, passphrase) in [
        (&a, "department A words"),
        (&b, "department B words"),
        (&c, "department C words"),
    ] {
        let mut store = Store::on_server(db.owner()).unwrap();
        appraise_core::accounts::create_first_administrator(
            store.conn_mut(),
            &staff_form("1000", "Łukasz", ""),
            passphrase,
            now(),
        )
        .unwrap();
        let number = "ABCDEFGHIJ-123456789";
        appraise_core::staff::add_audited(
            store.conn_mut(),
            &Actor::system(),
            &staff_form(number, "Zoë", "1000"),
            now().date(),
            now(),
        )
        .unwrap();
        appraise_core::accounts::create_account(
            store.conn_mut(),
            &Actor::system(),
            number,
            appraise_core::accounts::Role::Coder,
            passphrase,
            now(),
        )
        .unwrap();
        for staff_number in ["1000", number] {
            let login = login_of(&store, staff_number);
            assert!(login.len() <= 63, "{login} fits PostgreSQL's 63 bytes");
            assert!(
                connects(&db.name, &login, passphrase),
                "{login} connects to its own database"
            );
            made.push((db.name.clone(), login));
        }
    }
    assert_eq!(made[0].1, format!("{}_1000", a.name));
    let mut names: Vec<&String> = made.iter().map(|(_, login)| login).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 6, "no two logins collide: {made:?}");
    assert!(
        made[3].1.starts_with(&b.name[..30]) && made[3].1.ends_with("_ABCDEFGHIJ-123456789"),
        "a long name keeps the start of the database's name and the whole staff number: {}",
        made[3].1
    );
    assert!(
        !connects(&b.name, &made[0].1, "department A words"),
        "a login of one department cannot connect to another's database"
    );
}

#[test]
fn account_list_shows_no_login_on_a_file() {
    let dir = std::env::temp_dir().join(format!("appraise-logins-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("appraise.db");
    let cli = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_appraise-cli"))
            .arg("--db")
            .arg(&file)
            .args(args)
            .output()
            .unwrap()
    };
    let made = cli(&[
        "account",
        "create-admin",
        "--staff-number",
        "1000",
        "--forename",
        "Siân",
        "--surname",
        "Jones",
        "--band",
        "7",
        "--appointed",
        "2020-09-01",
        "--passphrase",
        ADMIN_FIRST,
    ]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let out = cli(&["account", "list", "--json"]);
    let accounts: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        accounts[0]["db_login"],
        serde_json::Value::Null,
        "a file has no database logins"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn only_the_appraisee_changes_their_words_even_through_their_managers_own_login() {
    let db = Db::initialised("words");
    let mut owner = department(&db);
    let mut coder = db.person(&mut owner, "11", "coder");
    let mut manager = db.person(&mut owner, "10", "manager");
    let id: i64 = coder.query_one("SELECT id FROM appraisal", &[]).unwrap().get(0);
    coder
        .execute("INSERT INTO appraisal_wellbeing (appraisal_id) VALUES ($1)", &[&id])
        .unwrap();
    for sql in [
        "UPDATE appraisal SET appraisee_comments = 'Words put in their mouth.' WHERE id = $1",
        "UPDATE appraisal_wellbeing SET include_in_print = 1 WHERE appraisal_id = $1",
    ] {
        let err = manager.execute(sql, &[&id]).expect_err(sql);
        assert!(
            err.as_db_error().unwrap().message().starts_with("Only the appraisee"),
            "{sql}: {err:?}"
        );
    }
    coder
        .execute(
            "UPDATE appraisal SET appraisee_comments = 'Mine.' WHERE id = $1",
            &[&id],
        )
        .expect("the appraisee writes their own");
    manager
        .execute(
            "UPDATE appraisal SET appraiser_comments = 'Theirs.' WHERE id = $1",
            &[&id],
        )
        .expect("the appraiser writes the appraiser's side");
}

#[test]
fn only_the_appraiser_writes_the_appraisers_comments_even_the_administrators_own_login_cannot() {
    let db = Db::initialised("appraiser_words");
    let mut owner = department(&db);
    let mut admin = db.person(&mut owner, "1", "administrator");
    let mut manager = db.person(&mut owner, "10", "manager");
    let id: i64 = owner
        .query_one(
            "SELECT a.id FROM appraisal a JOIN staff s ON s.id = a.appraisee_id WHERE s.staff_number = '11'",
            &[],
        )
        .unwrap()
        .get(0);
    let err = admin
        .execute(
            "UPDATE appraisal SET appraiser_comments = 'Typed for him.' WHERE id = $1",
            &[&id],
        )
        .expect_err("the administrator is not the appraiser");
    assert_eq!(
        err.as_db_error().unwrap().message(),
        "Only the appraiser writes the appraiser's comments; you can read them."
    );
    manager
        .execute(
            "UPDATE appraisal SET appraiser_comments = 'Mine.' WHERE id = $1",
            &[&id],
        )
        .expect("the appraiser writes his own");
}

#[test]
fn an_unsigned_meeting_is_cancelled_through_the_managers_own_login_but_not_the_appraisees() {
    let db = Db::initialised("cancel");
    let mut owner = department(&db);
    let mut coder = db.person(&mut owner, "11", "coder");
    let mut manager = db.person(&mut owner, "10", "manager");
    let id: i64 = coder.query_one("SELECT id FROM appraisal", &[]).unwrap().get(0);
    coder
        .execute("INSERT INTO appraisal_wellbeing (appraisal_id) VALUES ($1)", &[&id])
        .unwrap();
    let gone = coder.execute("DELETE FROM appraisal WHERE id = $1", &[&id]).unwrap();
    assert_eq!(gone, 0, "the appraisee's own login deletes nothing");
    let gone = manager.execute("DELETE FROM appraisal WHERE id = $1", &[&id]).unwrap();
    assert_eq!(gone, 1, "the line manager's login cancels it");
    let left: i64 = owner
        .query_one(
            "SELECT count(*) FROM appraisal_wellbeing WHERE appraisal_id = $1",
            &[&id],
        )
        .unwrap()
        .get(0);
    assert_eq!(left, 0, "its rows went with it");
}

#[test]
fn only_the_appraiser_confirms_pay_even_the_administrators_own_login_cannot() {
    let db = Db::initialised("pay");
    let mut owner = department(&db);
    let mut admin = db.person(&mut owner, "1", "administrator");
    let mut manager = db.person(&mut owner, "10", "manager");
    let id: i64 = owner
        .query_one(
            "SELECT a.id FROM appraisal a JOIN staff s ON s.id = a.appraisee_id WHERE s.staff_number = '11'",
            &[],
        )
        .unwrap()
        .get(0);
    let confirm =
        "INSERT INTO appraisal_pay_criterion (appraisal_id, criterion, met, source, confirmed_by, confirmed_at)
                   VALUES ($1, 'mandatory_training', 1, 'confirmed', '1', '2026-11-28T10:00:00')";
    let err = admin
        .execute(confirm, &[&id])
        .expect_err("the administrator is not the appraiser");
    assert_eq!(
        err.as_db_error().unwrap().message(),
        "Only the appraiser confirms the pay progression standards."
    );
    manager.execute(confirm, &[&id]).expect("the appraiser confirms");
    let err = admin
        .execute("DELETE FROM appraisal_pay_criterion WHERE appraisal_id = $1", &[&id])
        .expect_err("nor takes a confirmation back");
    assert!(err.as_db_error().unwrap().message().starts_with("Only the appraiser"));
}

#[test]
fn a_leavers_records_are_read_only_through_every_login_but_the_administrator_may_undo_the_leaving_date() {
    let db = Db::initialised("leaver");
    let mut owner = department(&db);
    let mut admin = db.person(&mut owner, "1", "administrator");
    let mut manager = db.person(&mut owner, "10", "manager");
    owner
        .execute(
            "UPDATE staff SET leaver_date = '2026-01-31' WHERE staff_number = '11'",
            &[],
        )
        .unwrap();
    let left: i64 = owner
        .query_one("SELECT id FROM staff WHERE staff_number = '11'", &[])
        .unwrap()
        .get(0);
    for (who, c) in [("the manager", &mut manager), ("the administrator", &mut admin)] {
        for sql in [
            "UPDATE staff SET surname = 'Changed' WHERE id = $1",
            "UPDATE appraisal SET appraiser_comments = 'Late words.' WHERE appraisee_id = $1",
            "INSERT INTO nccq_course (staff_id, kind, start_date) VALUES ($1, 'standards', '2026-02-01')",
        ] {
            let err = c.execute(sql, &[&left]).expect_err(sql);
            assert!(
                err.as_db_error().unwrap().message().contains("has left"),
                "{who}: {sql}: {err:?}"
            );
        }
    }
    let err = manager
        .execute("UPDATE staff SET leaver_date = NULL WHERE id = $1", &[&left])
        .expect_err("a manager does not reinstate");
    assert!(err.as_db_error().unwrap().message().contains("has left"));
    admin
        .execute("UPDATE staff SET leaver_date = NULL WHERE id = $1", &[&left])
        .expect("the administrator undoes a leaving date recorded in error");
    manager
        .execute("UPDATE staff SET surname = 'Jones-Smith' WHERE id = $1", &[&left])
        .expect("and their records can be changed again");
}

/// The window's connection settings for `db` on the test server, as a
/// PC's connection file would give them.
fn place(db: &Db) -> server::connection::ServerPlace {
    let c = config();
    let (host, port) = match &c.get_hosts()[0] {
        postgres::config::Host::Unix(path) => (
            path.display().to_string(),
            c.get_ports().first().copied().unwrap_or(5432),
        ),
        postgres::config::Host::Tcp(name) => (name.clone(), c.get_ports()[0]),
    };
    server::connection::ServerPlace {
        host,
        port: u32::from(port),
        database: db.name.clone(),
        sslmode: None,
    }
}

#[test]
fn the_login_name_core_makes_is_the_servers_for_short_and_long_database_names() {
    use appraise_core::server::login::login_name;
    // 56 bytes, the longest `server init` takes (its roles add `_person`):
    // the server shortens it for a staff number of seven characters or more.
    let long = format!(
        "{:x<width$}",
        "login_",
        width = 56 - format!("t{}_", std::process::id()).len()
    );
    for db in [Db::initialised("names"), Db::initialised(&long)] {
        let mut owner = db.owner();
        for number in ["1", "C1001", "C100123", "AB-12345678901234567", "Ab-9"] {
            let servers: String = owner
                .query_one("SELECT appraise.appraise_login_name($1)", &[&number])
                .expect("the server's rule")
                .get(0);
            assert_eq!(
                login_name(&db.name, number),
                servers,
                "core and the server agree for database {} and staff number {number}",
                db.name
            );
            assert!(servers.len() <= 63, "within PostgreSQL's 63 bytes: {servers}");
        }
    }
}

/// The department's owner with an administrator and a coder, Zoë (3000),
/// whose account (and so her own login) has the passphrase "the coder
/// first one".
fn coder_3000_with_a_login(db: &Db) -> Store {
    use appraise_core::accounts::{self, Role};
    let mut system = Store::on_server(db.owner()).unwrap();
    first_administrator(&mut system);
    appraise_core::staff::add_audited(
        system.conn_mut(),
        &Actor::system(),
        &staff_form("3000", "Zoë", "1000"),
        now().date(),
        now(),
    )
    .unwrap();
    accounts::create_account(
        system.conn_mut(),
        &Actor::system(),
        "3000",
        Role::Coder,
        "the coder first one",
        now(),
    )
    .unwrap();
    system
}

#[test]
fn the_window_connects_as_the_persons_own_login_and_a_refusal_never_says_whether_they_exist() {
    use appraise_core::accounts::{self, Role};
    use appraise_core::server::connection::{connect_as, WRONG_PASSPHRASE};

    let db = Db::initialised("window");
    let _owner = coder_3000_with_a_login(&db);

    let store = connect_as(&place(&db), "3000", "the coder first one").expect("her own login connects");
    let actor = accounts::connected_actor(store.conn()).expect("as her account");
    assert_eq!(actor.staff_number, "3000", "the window acts as the coder");
    assert_eq!(actor.role, Role::Coder, "with her role");
    assert!(
        actor.must_change_passphrase,
        "the administrator's first passphrase must be changed"
    );

    for (number, passphrase, what) in [
        ("3000", "not her passphrase", "a wrong passphrase"),
        ("9999", "the coder first one", "a staff number with no account"),
    ] {
        match connect_as(&place(&db), number, passphrase) {
            Err(Error::Unauthenticated(message)) => {
                assert_eq!(
                    message, WRONG_PASSPHRASE,
                    "{what} reads as a wrong passphrase on a file"
                )
            }
            Err(other) => panic!("{what} should be unauthenticated, got {other:?}"),
            Ok(_) => panic!("{what} should be refused"),
        }
    }
}

#[test]
fn signing_in_through_ones_own_login_is_noted_so_the_next_sign_in_knows_the_time_before() {
    use appraise_core::accounts;
    use appraise_core::server::connection::connect_as;

    let db = Db::initialised("signin");
    let system = coder_3000_with_a_login(&db);
    let times = |store: &Store| -> (Option<String>, Option<String>) {
        store
            .conn()
            .query_row(
                "SELECT a.last_signed_in_at, a.previous_signed_in_at FROM account a JOIN staff s ON s.id = a.staff_id
                  WHERE s.staff_number = '3000'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    };

    let monday = now();
    let tuesday = monday + chrono::Duration::days(1);
    let mut store = connect_as(&place(&db), "3000", "the coder first one").unwrap();
    let actor = accounts::sign_in_connected(store.conn_mut(), monday).expect("she signs in through her own login");
    assert_eq!(actor.staff_number, "3000", "as herself");
    let (last, previous) = times(&system);
    assert!(
        last.is_some_and(|t| t.starts_with(&monday.date().to_string())),
        "her sign-in is noted"
    );
    assert_eq!(previous, None, "there was no time before");

    let mut store = connect_as(&place(&db), "3000", "the coder first one").unwrap();
    accounts::sign_in_connected(store.conn_mut(), tuesday).unwrap();
    let (last, previous) = times(&system);
    assert!(
        last.is_some_and(|t| t.starts_with(&tuesday.date().to_string())),
        "the latest sign-in"
    );
    assert!(
        previous.is_some_and(|t| t.starts_with(&monday.date().to_string())),
        "Monday's becomes the time before, what the notification counts from"
    );
    let overdue = appraise_core::dashboard::overdue_since_last_sign_in_as(store.conn(), &actor, tuesday.date())
        .expect("her own notification reads on the server");
    assert_eq!(
        overdue.since,
        Some(monday.date()),
        "her notification counts from Monday"
    );
    let signed_in: i64 = system
        .conn()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'account.sign_in' AND actor = '3000'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(signed_in, 2, "each sign-in is in the audit trail, as on a file");
}

#[test]
fn a_committed_change_tells_every_listening_login_the_table_only_and_a_rolled_back_one_tells_no_one() {
    let db = Db::initialised("live");
    let mut owner = department(&db);
    let mut coder = db.person(&mut owner, "11", "coder");
    let mut manager = db.person(&mut owner, "10", "manager");
    coder.batch_execute("LISTEN appraise_changed").unwrap();
    let heard = |c: &mut Client| -> Vec<String> {
        use postgres::fallible_iterator::FallibleIterator;
        c.notifications()
            .timeout_iter(std::time::Duration::from_millis(500))
            .map(|n| Ok(n.payload().to_owned()))
            .collect()
            .unwrap()
    };

    let mut tx = manager.transaction().unwrap();
    tx.execute(
        "UPDATE staff SET job_title = 'Senior coder' WHERE staff_number = '11'",
        &[],
    )
    .unwrap();
    tx.rollback().unwrap();
    assert_eq!(
        heard(&mut coder),
        Vec::<String>::new(),
        "a change rolled back tells no one"
    );

    manager
        .execute(
            "UPDATE staff SET job_title = 'Senior coder' WHERE staff_number = '11'",
            &[],
        )
        .unwrap();
    assert_eq!(
        heard(&mut coder),
        ["staff"],
        "the manager's committed change reaches the coder's listener, naming only the table"
    );

    owner
        .execute(
            "UPDATE appraisal SET appraiser_comments = 'Well done.' WHERE appraisee_id = (SELECT id FROM staff WHERE staff_number = '11')",
            &[],
        )
        .unwrap();
    assert_eq!(
        heard(&mut coder),
        ["appraisal"],
        "a change to an appraisal is heard too"
    );
}

#[test]
fn training_cpd_and_pay_reviews_follow_access_rs_through_each_persons_own_login() {
    let db = Db::initialised("training");
    let mut owner = department(&db);
    let mut coder = db.person(&mut owner, "11", "coder");
    let mut manager = db.person(&mut owner, "10", "manager");
    let mut other = db.person(&mut owner, "21", "coder");
    let training = |source: &str| {
        format!(
            "INSERT INTO training_record (staff_id, competence, completed_on, expires_on, source)
             SELECT id, 'Fire Safety', '2026-01-10', '2028-01-10', '{source}' FROM staff WHERE staff_number = '11'"
        )
    };
    assert!(
        coder.execute(&training("hand"), &[]).is_err(),
        "nobody records their own training"
    );
    assert!(
        manager.execute(&training("import"), &[]).is_err(),
        "only the administrator imports"
    );
    manager
        .execute(&training("hand"), &[])
        .expect("the line manager records a report's training by hand");
    let seen: i64 = coder
        .query_one("SELECT count(*) FROM training_record", &[])
        .unwrap()
        .get(0);
    assert_eq!(seen, 1, "the person reads their own");
    let seen: i64 = other
        .query_one("SELECT count(*) FROM training_record", &[])
        .unwrap()
        .get(0);
    assert_eq!(seen, 0, "a coder in another team reads none");

    let cpd = "INSERT INTO cpd_entry (staff_id, activity_date, activity, hours)
               SELECT id, '2026-02-01', 'Coding clinic', 1.5 FROM staff WHERE staff_number = '11'";
    assert!(
        manager.execute(cpd, &[]).is_err(),
        "the manager does not write a report's CPD log"
    );
    coder.execute(cpd, &[]).expect("the person writes their own CPD log");
    let seen: i64 = manager.query_one("SELECT count(*) FROM cpd_entry", &[]).unwrap().get(0);
    assert_eq!(seen, 1, "and their manager reads it");

    let review = "INSERT INTO pay_step_review (staff_id, step_date, outcome, recorded_by, recorded_at)
                  SELECT id, '2026-09-01', 'progresses', '10', '2026-08-01T10:00:00' FROM staff WHERE staff_number = '11'";
    assert!(
        coder.execute(review, &[]).is_err(),
        "nobody records their own pay-step review"
    );
    manager
        .execute(review, &[])
        .expect("the line manager records the review");
}

#[test]
fn coding_audit_results_are_added_by_a_line_manager_read_by_the_coder_and_never_changed() {
    let db = Db::initialised("codingaudit");
    let mut owner = department(&db);
    let mut manager = db.person(&mut owner, "10", "manager");
    let mut coder = db.person(&mut owner, "11", "coder");
    let mut other = db.person(&mut owner, "21", "coder");
    let add = "INSERT INTO coding_audit (staff_id, audit_date, auditor, episodes, primary_diagnosis,
                   secondary_diagnosis, primary_procedure, secondary_procedure, errors_coder,
                   errors_documentation, errors_other, outcome, below, recorded_by, recorded_at)
               SELECT id, '2026-05-01', 'Dee Auditor', 100, 92, 85, 91, 78, 3, 2, 0, 'not_met',
                      'secondary_procedure', '10', '2026-05-02T10:00:00'
               FROM staff WHERE staff_number = $1";
    assert_eq!(
        manager.execute(add, &[&"11"]).unwrap(),
        1,
        "a line manager adds for a report"
    );
    let own = coder.execute(add, &[&"11"]).unwrap_err();
    assert_eq!(
        own.code(),
        Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
        "not one's own: {own}"
    );
    let id_21: i64 = owner
        .query_one("SELECT id FROM staff WHERE staff_number = '21'", &[])
        .unwrap()
        .get(0);
    let by_id = add.replace("FROM staff WHERE staff_number = $1", "FROM (SELECT $1::bigint AS id) s");
    let theirs = manager.execute(&by_id, &[&id_21]).unwrap_err();
    assert_eq!(
        theirs.code(),
        Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
        "not another team's: {theirs}"
    );
    let count = |c: &mut Client| -> i64 { c.query_one("SELECT count(*) FROM coding_audit", &[]).unwrap().get(0) };
    assert_eq!(count(&mut coder), 1, "the coder reads their own");
    assert_eq!(count(&mut other), 0, "another coder reads nothing");
    let changed = manager.execute("UPDATE coding_audit SET primary_diagnosis = 99", &[]);
    assert!(changed.is_err(), "a result is never changed");
    assert!(
        manager.execute("DELETE FROM coding_audit", &[]).is_err(),
        "nor taken away"
    );
}

#[test]
fn only_the_administrators_login_disposes_of_a_leavers_records_and_the_chain_still_verifies() {
    use appraise_core::accounts::Role;
    use appraise_core::retention;
    let db = Db::initialised("retention");
    let mut owner = department(&db);
    let admin_login = db.person(&mut owner, "1", "administrator");
    let mut manager = db.person(&mut owner, "10", "manager");
    owner
        .execute(
            "UPDATE staff SET leaver_date = '2018-01-31' WHERE staff_number = '111'",
            &[],
        )
        .unwrap();
    let left: i64 = owner
        .query_one("SELECT id FROM staff WHERE staff_number = '111'", &[])
        .unwrap()
        .get(0);

    let err = manager
        .execute(
            "INSERT INTO retention_case (staff_id, marked_on, marked_by) VALUES ($1, '2026-11-01', '10')",
            &[&left],
        )
        .expect_err("a manager cannot mark");
    assert!(err.as_db_error().is_some(), "{err:?}");
    let err = manager
        .query_one(
            "SELECT 1 FROM (SELECT appraise_dispose($1, '', 'x', '10')) AS d",
            &[&left],
        )
        .expect_err("a manager cannot dispose");
    assert!(
        err.as_db_error().unwrap().message().contains("Only the administrator"),
        "{err:?}"
    );

    let mut store = Store::on_server(admin_login).unwrap();
    let admin = Actor {
        staff_number: "1".into(),
        role: Role::Administrator,
        name: "Siân Ní Bhriain".into(),
        must_change_passphrase: false,
    };
    let marked_on = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    retention::mark_as(
        store.conn_mut(),
        &admin,
        "111",
        "Schedule",
        marked_on,
        marked_on.and_hms_opt(10, 0, 0).unwrap(),
    )
    .unwrap();
    let err = store
        .conn()
        .execute("UPDATE retention_case SET disposing = 1 WHERE staff_id = ?1", [left])
        .expect_err("the flag is the definer function's alone");
    assert_eq!(err.server_code(), Some("42501"), "{err:?}");
    let later = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    retention::dispose_as(
        store.conn_mut(),
        &admin,
        "111",
        later,
        later.and_hms_opt(10, 0, 0).unwrap(),
    )
    .unwrap();

    let row = owner
        .query_one(
            "SELECT (SELECT count(*) FROM appraisal WHERE appraisee_id = $1),
                    (SELECT forename || ' ' || surname FROM staff WHERE id = $1)",
            &[&left],
        )
        .unwrap();
    assert_eq!(row.get::<_, i64>(0), 0, "their appraisals are gone");
    assert_eq!(row.get::<_, String>(1), "Disposed record");
    let report = audit::verify_as(store.conn(), &admin).unwrap();
    assert!(report.ok, "the chain verifies after disposal: {report:?}");
}
