//! How long the queries behind each page of the window take on the
//! department's PostgreSQL server, reached over loopback TCP, next to the
//! SQLite file of a single PC; and how many SQL statements each page runs,
//! for the demonstration department and one twice its size, to show that
//! no page runs a query per row (N+1).
//!
//! `cargo bench -p appraise-core --bench pages -- [--rounds N] [--port P]
//! [--report FILE] [--keep]` (`--keep` leaves the server running,
//! to look at it with psql). `bench/run-pages.sh` runs it and writes
//! bench/PAGES-REPORT.md.
//!
//! It starts its own throwaway server (`scripts/pg-test-server.sh start DIR
//! --tcp PORT`) and stops it at the end. Each department is made by core's
//! demonstration generator (`appraise_core::demo`, seed 7, as `appraise-cli
//! demo --seed 7`) on each engine, so both hold the same rows: into a
//! SQLite file, and into a server database set up by `server::init` and
//! opened with `Store::on_server` as the login that owns it. The
//! department's manager is made the first administrator, and the pages are
//! read as them, each through the one core call its window command makes
//! (`src-tauri/src/*_commands.rs`). On the server they are read twice: as
//! the owner (the system, past row-level security) and as the manager's
//! own login, under row-level security, as a PC of the department will.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use appraise_core::accounts::{self, Actor, FirstRun};
use appraise_core::appraisal::{self, AppraisalKind, AppraisalStatus};
use appraise_core::audit::{self, AuditFilter};
use appraise_core::demo::{self, DemoOptions};
use appraise_core::server;
use appraise_core::server::url::DbLocation;
use appraise_core::staff::StaffInput;
use appraise_core::store::Connection;
use appraise_core::{framework, nccq, settings, staff, team, Store};
use chrono::NaiveDate;

const PASSPHRASE: &str = "benchmark pages correct horse battery";
const OWNER: &str = "appraise_bench_owner";

struct Args {
    rounds: usize,
    port: u16,
    report: Option<PathBuf>,
    /// Leave the server running afterwards, to look at it with psql.
    keep: bool,
}

fn args() -> Args {
    let mut a = Args {
        rounds: 30,
        port: 55439,
        report: None,
        keep: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--rounds" => a.rounds = it.next().and_then(|v| v.parse().ok()).expect("--rounds N"),
            "--port" => a.port = it.next().and_then(|v| v.parse().ok()).expect("--port P"),
            "--report" => a.report = Some(it.next().expect("--report FILE").into()),
            "--keep" => a.keep = true,
            _ => {} // cargo passes --bench; ignore what is not ours
        }
    }
    a
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

/// The throwaway server, stopped (and its folder removed) when dropped, a
/// panic included.
struct PgServer {
    script: PathBuf,
    dir: PathBuf,
    superuser: String,
}

impl PgServer {
    fn start(port: u16) -> PgServer {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/pg-test-server.sh");
        let dir = std::env::temp_dir().join(format!("appraise-pages-bench-{}", std::process::id()));
        let out = Command::new("bash")
            .arg(&script)
            .arg("start")
            .arg(&dir)
            .args(["--tcp", &port.to_string()])
            .output()
            .expect("run scripts/pg-test-server.sh");
        assert!(
            out.status.success(),
            "the server did not start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let superuser = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        PgServer { script, dir, superuser }
    }

    fn superuser(&self) -> postgres::Client {
        self.superuser
            .parse::<postgres::Config>()
            .unwrap()
            .connect(postgres::NoTls)
            .expect("the superuser connects over the socket")
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(&self.script)
            .arg("stop")
            .arg(&self.dir)
            .status();
    }
}

/// What the pages are read with, found in the department once it is made.
struct Department {
    actor: Actor,
    /// A signed annual appraisal, the largest kind of record.
    appraisal_id: i64,
    /// Someone who reports to the manager.
    member: String,
    /// A trainee on the NCCQ pathway.
    trainee: String,
    framework_id: i64,
}

/// The demonstration department (`staff` people, seed 7) and its manager as
/// the first administrator.
fn fill(conn: &mut Connection, staff: u32) -> Department {
    let report = demo::generate(
        conn,
        &DemoOptions {
            staff,
            ..DemoOptions::new(today())
        },
    )
    .expect("the demonstration department");
    let form = FirstRun {
        existing: report.manager_staff_number.clone(),
        person: StaffInput::default(),
        trust: "Benchmark NHS Trust".into(),
        department: "Clinical Coding".into(),
    };
    let now = today().and_hms_opt(9, 0, 0).unwrap();
    let actor = accounts::first_run(conn, &form, PASSPHRASE, now).expect("the manager becomes the administrator");
    find(conn, actor)
}

fn find(conn: &Connection, actor: Actor) -> Department {
    let list = appraisal::list_as(conn, &actor).expect("the appraisals");
    let appraisal_id = list
        .iter()
        .filter(|a| a.status == AppraisalStatus::Signed && a.kind == AppraisalKind::Annual)
        .map(|a| a.id)
        .max()
        .expect("a signed annual appraisal");
    let member = team::team(conn, &actor, today()).expect("the team")[0]
        .staff_number
        .clone();
    let trainee = nccq::team_status(conn, &actor, today()).expect("the NCCQ team")[0]
        .staff_number
        .clone();
    let framework_id = framework::list(conn).expect("the frameworks")[0].id;
    Department {
        actor,
        appraisal_id,
        member,
        trainee,
        framework_id,
    }
}

/// A page: its name, the core call its window command makes, and that
/// call, giving how many items it read (for the report).
struct Page {
    name: &'static str,
    call: &'static str,
    read: fn(&Connection, &Department) -> appraise_core::Result<usize>,
}

fn pages() -> Vec<Page> {
    vec![
        Page {
            name: "every command: the session check",
            call: "settings::idle_lock::load + accounts::current",
            read: |c, d| {
                settings::idle_lock::load(c)?;
                accounts::current(c, &d.actor, today()).map(|_| 1)
            },
        },
        Page {
            name: "staff list",
            call: "staff::list_views_as",
            read: |c, d| staff::list_views_as(c, &d.actor, today()).map(|v| v.len()),
        },
        Page {
            name: "staff member",
            call: "staff::view_as",
            read: |c, d| staff::view_as(c, &d.actor, &d.member, today()).map(|_| 1),
        },
        Page {
            name: "team view",
            call: "team::team",
            read: |c, d| team::team(c, &d.actor, today()).map(|v| v.len()),
        },
        Page {
            name: "appraisal list",
            call: "appraisal::list_as",
            read: |c, d| appraisal::list_as(c, &d.actor).map(|v| v.len()),
        },
        Page {
            name: "one appraisal opened",
            call: "appraisal::get_as",
            read: |c, d| appraisal::get_as(c, &d.actor, d.appraisal_id, today()).map(|_| 1),
        },
        Page {
            name: "its pay progression",
            call: "appraisal::pay_progression_as",
            read: |c, d| appraisal::pay_progression_as(c, &d.actor, d.appraisal_id).map(|_| 1),
        },
        Page {
            name: "schedule (who is due)",
            call: "appraisal::schedule_as",
            read: |c, d| appraisal::schedule_as(c, &d.actor, today()).map(|v| v.len()),
        },
        Page {
            name: "one person's PDP",
            call: "appraisal::current_pdp_as",
            read: |c, d| appraisal::current_pdp_as(c, &d.actor, &d.member).map(|_| 1),
        },
        Page {
            name: "team PDPs",
            call: "appraisal::team_pdp_as",
            read: |c, d| appraisal::team_pdp_as(c, &d.actor, today()).map(|v| v.len()),
        },
        Page {
            name: "NCCQ team status",
            call: "nccq::team_status",
            read: |c, d| nccq::team_status(c, &d.actor, today()).map(|v| v.len()),
        },
        Page {
            name: "one trainee's NCCQ record",
            call: "nccq::view_as",
            read: |c, d| nccq::view_as(c, &d.actor, &d.trainee, today()).map(|_| 1),
        },
        Page {
            name: "audit log (500 newest)",
            call: "audit::list + audit::record_types",
            read: |c, d| {
                audit::record_types(c, &d.actor)?;
                audit::list(c, &d.actor, &AuditFilter::default()).map(|v| v.len())
            },
        },
        Page {
            name: "audit verify (whole chain)",
            call: "audit::verify_as",
            read: |c, d| audit::verify_as(c, &d.actor).map(|_| 1),
        },
        Page {
            name: "framework page",
            call: "framework::list + framework::tree",
            read: |c, d| {
                framework::list(c)?;
                framework::tree(c, d.framework_id).map(|_| 1)
            },
        },
        Page {
            name: "role profiles",
            call: "framework::role_grid",
            read: |c, d| framework::role_grid(c, d.framework_id).map(|_| 1),
        },
        Page {
            name: "accounts",
            call: "accounts::list",
            read: |c, d| accounts::list(c, &d.actor).map(|v| v.len()),
        },
    ]
}

/// A server database with the department in it, read as the owner and as
/// the manager's own login.
struct ServerDepartment {
    owner: Store,
    person: Store,
    department: Department,
}

fn server_url(login: &str, port: u16, db: &str) -> postgres::Config {
    match DbLocation::parse(
        &format!(
            "postgres://{login}:{}@127.0.0.1:{port}/{db}",
            PASSPHRASE.replace(' ', "%20")
        ),
        None,
    )
    .expect("a server address")
    {
        DbLocation::Server(url) => url.config(),
        DbLocation::File(_) => unreachable!("a server address"),
    }
}

fn server_department(pg: &PgServer, port: u16, db: &str, staff: u32) -> ServerDepartment {
    let mut su = pg.superuser();
    su.batch_execute(&format!("CREATE DATABASE {db} OWNER {OWNER}"))
        .expect("a database for the department");
    let now = today().and_hms_opt(8, 0, 0).unwrap();
    let mut client = server::connect::connect(&server_url(OWNER, port, db)).expect("the owner connects over TCP");
    server::init(&mut client, now).expect("server init");
    drop(client);
    let client = server::connect::connect(&server_url(OWNER, port, db)).unwrap();
    let mut owner = Store::on_server(client).expect("the store on the server");
    let department = fill(owner.conn_mut(), staff);
    // The manager's own login, made with their account by first_run.
    let person_login = accounts::list(owner.conn(), &Actor::system())
        .expect("the accounts")
        .into_iter()
        .find(|a| a.staff_number == department.actor.staff_number)
        .and_then(|a| a.db_login)
        .expect("the manager's account has its own login");
    let client = server::connect::connect(&server_url(&person_login, port, db)).expect("the manager connects");
    let person = Store::on_server(client).expect("the store as the manager");
    ServerDepartment {
        owner,
        person,
        department,
    }
}

fn sqlite_department(path: &Path, staff: u32) -> (Store, Department) {
    let mut store = Store::open(path).expect("a SQLite file");
    let department = fill(store.conn_mut(), staff);
    (store, department)
}

/// Statements one run of `page` takes.
fn statements(conn: &Connection, d: &Department, page: &Page) -> String {
    let before = conn.statements_run();
    match (page.read)(conn, d) {
        Ok(_) => (conn.statements_run() - before).to_string(),
        Err(e) => format!("failed: {e}"),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// One timed read; a failure is kept as the page's message.
fn time(conn: &Connection, d: &Department, page: &Page) -> Result<Duration, String> {
    let t = Instant::now();
    (page.read)(conn, d).map_err(|e| e.to_string())?;
    Ok(t.elapsed())
}

fn main() {
    let args = args();
    let pg = PgServer::start(args.port);
    let mut su = pg.superuser();
    su.batch_execute(&format!(
        "CREATE ROLE {OWNER} LOGIN CREATEROLE PASSWORD '{}'",
        server::login::verifier(PASSPHRASE)
    ))
    .expect("the owning login");
    let server_version: String = su.query_one("SHOW server_version", &[]).unwrap().get(0);

    let folder = tempfile::tempdir().expect("a temporary folder");
    let built = Instant::now();
    let (sqlite, department) = sqlite_department(&folder.path().join("demo.db"), demo::DEFAULT_STAFF);
    let (sqlite_double, department_double) =
        sqlite_department(&folder.path().join("double.db"), demo::DEFAULT_STAFF * 2);
    let server = server_department(&pg, args.port, "appraise_pages", demo::DEFAULT_STAFF);
    let server_double = server_department(&pg, args.port, "appraise_pages_double", demo::DEFAULT_STAFF * 2);
    let built = built.elapsed();
    let pages = pages();

    // Statements per page: the demonstration department and twice it.
    let counts: Vec<[String; 4]> = pages
        .iter()
        .map(|p| {
            [
                statements(sqlite.conn(), &department, p),
                statements(sqlite_double.conn(), &department_double, p),
                statements(server.owner.conn(), &server.department, p),
                statements(server_double.owner.conn(), &server_double.department, p),
            ]
        })
        .collect();

    // A bare round trip on each server connection, for scale.
    let round_trip = |conn: &Connection| {
        let mut xs = Vec::new();
        for _ in 0..200 {
            let t = Instant::now();
            conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0)).unwrap();
            xs.push(t.elapsed());
        }
        median(xs)
    };

    // Timing: round by round, each page on each engine in turn, so a
    // busy moment on the shared machine falls on all of them alike. The
    // first two rounds warm the caches and are not counted.
    let load_before = load_average();
    let engines: [(&Connection, &Department); 3] = [
        (sqlite.conn(), &department),
        (server.owner.conn(), &server.department),
        (server.person.conn(), &server.department),
    ];
    let mut times: Vec<[Result<Vec<Duration>, String>; 3]> = pages
        .iter()
        .map(|_| [Ok(Vec::new()), Ok(Vec::new()), Ok(Vec::new())])
        .collect();
    let mut items = vec![0usize; pages.len()];
    for round in 0..args.rounds + 2 {
        for (i, page) in pages.iter().enumerate() {
            for (e, (conn, d)) in engines.iter().enumerate() {
                let took = time(conn, d, page);
                if round < 2 {
                    if e == 0 {
                        items[i] = (page.read)(conn, d).unwrap_or(0);
                    }
                    continue;
                }
                match (&mut times[i][e], took) {
                    (Ok(xs), Ok(t)) => xs.push(t),
                    (slot @ Ok(_), Err(message)) => *slot = Err(message),
                    (Err(_), _) => {}
                }
            }
        }
    }
    let load_after = load_average();
    let rtt_owner = round_trip(server.owner.conn());
    let rtt_person = round_trip(server.person.conn());

    let medians: Vec<[Result<Duration, String>; 3]> = times.into_iter().map(|t| t.map(|r| r.map(median))).collect();
    let mut report = String::new();
    writeln!(report, "- PostgreSQL {server_version} on 127.0.0.1 (TCP, loopback; no TLS: the throwaway server offers none, and on loopback Appraise's default `sslmode` is `prefer`), started by the benchmark with `scripts/pg-test-server.sh start DIR --tcp {}` (fsync off: it is thrown away; the pages only read)", args.port).unwrap();
    writeln!(
        report,
        "- SQLite: a file in a temporary folder, opened by `Store::open` as the app opens it (WAL)"
    )
    .unwrap();
    writeln!(report, "- the demonstration department: {} staff, seed 7, 3 years of appraisals, made on each engine by `appraise_core::demo` (as `appraise-cli demo --seed 7`); twice its size: {} staff; all four made in {:.1} s", demo::DEFAULT_STAFF, demo::DEFAULT_STAFF * 2, built.as_secs_f64()).unwrap();
    writeln!(report, "- read as the department's manager, the first administrator (sees everyone); on the server once as the owning login (the system, which row-level security does not restrict) and once as the manager's own login under row-level security").unwrap();
    writeln!(
        report,
        "- {} rounds (after 2 not counted), every page on each engine in turn within a round; median per page",
        args.rounds
    )
    .unwrap();
    writeln!(
        report,
        "- one bare round trip (`SELECT 1`), median of 200: {:.3} ms as the owner, {:.3} ms as the manager's login",
        ms(rtt_owner),
        ms(rtt_person)
    )
    .unwrap();
    writeln!(
        report,
        "- load average (1, 5, 15 min) before: {load_before}; after: {load_after}\n"
    )
    .unwrap();

    writeln!(report, "### Median time per page\n").unwrap();
    writeln!(report, "| page | core call | items | SQLite | PostgreSQL (owner) | PG / SQLite | PostgreSQL (manager's login, RLS) | PG RLS / SQLite |").unwrap();
    writeln!(report, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |").unwrap();
    let cell = |m: &Result<Duration, String>| match m {
        Ok(d) => format!("{:.2} ms", ms(*d)),
        Err(e) => format!("failed: {e}"),
    };
    let ratio = |m: &Result<Duration, String>, base: &Result<Duration, String>| match (m, base) {
        (Ok(a), Ok(b)) => format!("{:.1}×", a.as_secs_f64() / b.as_secs_f64()),
        _ => "–".into(),
    };
    let mut totals = [Duration::ZERO; 3];
    for ((page, m), n) in pages.iter().zip(&medians).zip(&items) {
        for (t, x) in totals.iter_mut().zip(m) {
            if let Ok(d) = x {
                *t += *d;
            }
        }
        writeln!(
            report,
            "| {} | `{}` | {} | {} | {} | {} | {} | {} |",
            page.name,
            page.call,
            n,
            cell(&m[0]),
            cell(&m[1]),
            ratio(&m[1], &m[0]),
            cell(&m[2]),
            ratio(&m[2], &m[0])
        )
        .unwrap();
    }
    let all: [Result<Duration, String>; 3] = totals.map(Ok);
    writeln!(
        report,
        "| **every page once** | | | **{}** | **{}** | **{}** | **{}** | **{}** |\n",
        cell(&all[0]),
        cell(&all[1]),
        ratio(&all[1], &all[0]),
        cell(&all[2]),
        ratio(&all[2], &all[0])
    )
    .unwrap();

    writeln!(report, "### SQL statements per page\n").unwrap();
    writeln!(report, "Counted by `Connection::statements_run` (every `execute`, `query_row`, `query_map`; not BEGIN/COMMIT) for one run of the page, as the administrator, on the demonstration department ({} staff) and one twice its size ({} staff). A count that grows with the department is a query per row.\n", demo::DEFAULT_STAFF, demo::DEFAULT_STAFF * 2).unwrap();
    writeln!(
        report,
        "| page | SQLite, {} staff | SQLite, {} staff | PostgreSQL, {} staff | PostgreSQL, {} staff | per row? |",
        demo::DEFAULT_STAFF,
        demo::DEFAULT_STAFF * 2,
        demo::DEFAULT_STAFF,
        demo::DEFAULT_STAFF * 2
    )
    .unwrap();
    writeln!(report, "| --- | ---: | ---: | ---: | ---: | --- |").unwrap();
    for (page, c) in pages.iter().zip(&counts) {
        let verdict = match (c[0].parse::<u64>(), c[1].parse::<u64>()) {
            (Ok(a), Ok(b)) if b <= a + 2 => "no".to_owned(),
            (Ok(a), Ok(b)) => format!("**yes** (+{} statements for {} more staff)", b - a, demo::DEFAULT_STAFF),
            _ => "–".to_owned(),
        };
        writeln!(
            report,
            "| {} | {} | {} | {} | {} | {} |",
            page.name, c[0], c[1], c[2], c[3], verdict
        )
        .unwrap();
    }

    print!("{report}");
    if let Some(path) = &args.report {
        std::fs::write(path, &report).expect("write the report");
    }
    drop((server, server_double, su));
    if args.keep {
        eprintln!(
            "pages: the server is left running: psql '{}'; stop it with scripts/pg-test-server.sh stop {}",
            pg.superuser,
            pg.dir.display()
        );
        std::mem::forget(pg);
    }
}
