//! `appraise-cli framework ...`
//!
//! Every command first makes sure the database has the built-in framework
//! and default role profiles (`framework::ensure_builtin`).

use std::path::{Path, PathBuf};

use appraise_core::framework::{self, FrameworkSummary, ImportRequest, ImportWarning, SourceFormat};
use appraise_core::server::url::DbLocation;
use appraise_core::{Error, Store};
use clap::Subcommand;

use crate::{acting, open, Failure};

#[derive(Subcommand)]
pub enum FrameworkCommand {
    /// Import a framework file (text, or CSV when it ends in .csv) as a new version.
    Import {
        file: PathBuf,
        /// The framework's name; importing under an existing name adds a version.
        /// Defaults to the file's name without its extension.
        #[arg(long)]
        name: Option<String>,
        /// Check the file and show what would be imported, writing nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the framework versions in the database.
    List {
        /// A JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Write a framework version to standard output.
    Export {
        /// The framework's id, as `framework list` shows it.
        id: i64,
        /// As CSV (code,skill,competency,level,statement), the one export format.
        #[arg(long)]
        csv: bool,
    },
    /// Show the role profiles: the level each role is expected to reach in
    /// each competency of a framework.
    Roles {
        /// The framework's id; the built-in framework if not given.
        id: Option<i64>,
        #[arg(long)]
        json: bool,
    },
}

/// The CLI is an edge: it reads the clock and passes the time into core.
fn now() -> chrono::NaiveDateTime {
    use chrono::Timelike;
    let now = chrono::Local::now().naive_local();
    now.with_nanosecond(0).unwrap_or(now)
}

/// Opens the database and adds the built-in framework if it is missing.
fn open_with_builtin(db: Option<DbLocation>) -> Result<(Store, i64), Failure> {
    let mut store = open(db)?;
    let status = framework::ensure_builtin(store.conn_mut(), now())?;
    Ok((store, status.framework_id))
}

pub fn run(cmd: FrameworkCommand, db: Option<DbLocation>) -> Result<(), Failure> {
    match cmd {
        FrameworkCommand::Import {
            file,
            name,
            dry_run,
            json,
        } => import(&file, name, dry_run, json, db),
        FrameworkCommand::List { json } => {
            let (store, _) = open_with_builtin(db)?;
            let frameworks = framework::list(store.conn())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&frameworks).expect("frameworks serialise")
                );
            } else {
                print_list(&frameworks);
            }
            Ok(())
        }
        FrameworkCommand::Export { id, csv } => {
            if !csv {
                return Err(Failure::Usage("say which format: --csv (the one export format)".into()));
            }
            let (store, _) = open_with_builtin(db)?;
            print!("{}", framework::export_csv(store.conn(), id)?);
            Ok(())
        }
        FrameworkCommand::Roles { id, json } => {
            let (store, builtin) = open_with_builtin(db)?;
            let grid = framework::role_grid(store.conn(), id.unwrap_or(builtin))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&grid).expect("grid serialises"));
            } else {
                print_roles(&grid);
            }
            Ok(())
        }
    }
}

fn import(file: &Path, name: Option<String>, dry_run: bool, json: bool, db: Option<DbLocation>) -> Result<(), Failure> {
    let shown = file.display();
    let bytes = std::fs::read(file).map_err(|e| Error::Io(format!("Cannot read {shown}: {e}.")))?;
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format = SourceFormat::from_file_name(&file_name);
    // Check the whole file before opening the database: a refused file
    // leaves the database exactly as it was, byte for byte.
    if dry_run {
        let preview = framework::preview(&bytes, format).map_err(|e| in_file(e, &shown.to_string()))?;
        if json {
            println!(
                "{}",
                serde_json::to_string_pretty(&preview).expect("preview serialises")
            );
        } else {
            println!(
                "{shown} would import as {} skills, {} competencies and {} statements. Nothing was written.",
                preview.skills, preview.competencies, preview.statements
            );
            print_warnings(&preview.warnings, preview.warnings_not_listed, format);
        }
        return Ok(());
    }
    let parsed = framework::parse(&bytes, format).map_err(|e| in_file(e, &shown.to_string()))?;
    let name = name.unwrap_or_else(|| {
        file.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let (mut store, _) = open_with_builtin(db)?;
    let actor = acting(&store)?;
    let request = ImportRequest {
        name,
        file_name,
        format,
    };
    let report = framework::import_parsed(store.conn_mut(), &actor, &parsed, &request, now())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report).expect("report serialises"));
    } else {
        let stored = framework::get(store.conn(), report.framework_id)?;
        println!(
            "Imported {shown} as “{}” version {} (framework {}): {} skills, {} competencies, {} statements.",
            stored.name, stored.version, stored.id, report.skills, report.competencies, report.statements
        );
        print_warnings(&report.warnings, report.warnings_not_listed, format);
    }
    Ok(())
}

/// Names the file in front of a refusal about its contents.
fn in_file(err: Error, shown: &str) -> Failure {
    match err {
        Error::Invalid(fields) => {
            let lines: Vec<String> = fields.into_iter().map(|f| f.message).collect();
            Failure::Refused(Error::Io(format!(
                "{shown} was not imported; nothing was written.\n  {}",
                lines.join("\n  ")
            )))
        }
        other => Failure::Refused(other),
    }
}

/// The warnings listed (the first in line order), then how many more.
fn print_warnings(warnings: &[ImportWarning], not_listed: u32, format: SourceFormat) {
    if warnings.is_empty() {
        return;
    }
    let place = match format {
        SourceFormat::Text => "line",
        SourceFormat::Csv => "row",
    };
    println!("{} warnings:", warnings.len() + not_listed as usize);
    for w in warnings {
        println!("  {place} {}: {}", w.line, w.message);
    }
    if not_listed > 0 {
        println!("  … and {not_listed} more warnings.");
    }
}

fn print_list(frameworks: &[FrameworkSummary]) {
    let names: Vec<String> = frameworks
        .iter()
        .map(|f| {
            if f.builtin {
                format!("{} (built in)", f.name)
            } else {
                f.name.clone()
            }
        })
        .collect();
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0).max(4);
    println!(
        "{:>4}  {:<width$}  {:>7}  {:<16}  {:>6}  {:>12}  {:>10}",
        "Id", "Name", "Version", "Imported", "Skills", "Competencies", "Statements"
    );
    for (f, name) in frameworks.iter().zip(&names) {
        println!(
            "{:>4}  {:<width$}  {:>7}  {:<16}  {:>6}  {:>12}  {:>10}",
            f.id,
            name,
            f.version,
            f.imported_at.format("%d/%m/%Y %H:%M").to_string(),
            f.skills,
            f.competencies,
            f.statements
        );
    }
}

fn print_roles(grid: &framework::RoleGrid) {
    print!("{:<6} {:<45}", "Skill", "Competency");
    for r in &grid.roles {
        print!(" {:>4}", format!("B{}", r.band));
    }
    println!();
    for row in &grid.rows {
        print!("{:<6} {:<45}", row.skill_code, row.competency);
        for e in &row.expected {
            print!(" {:>4}", e.map(|l| l.to_string()).unwrap_or_else(|| "-".into()));
        }
        println!();
    }
}
