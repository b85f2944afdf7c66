//! Where this window's data lives: finding the connection files, and the
//! chooser's commands. Core reads and checks what the files say
//! (`server::connection`); this module only finds them and acts on it.
//!
//! In order, the first that applies wins:
//! 1. `APPRAISE_DB` (tests, scripts): a database file.
//! 2. The machine-wide file a trust's IT writes for every user of a PC
//!    ([`folders`]); the window cannot change it.
//! 3. The person's own choice, `connection.json` in the app's config folder
//!    (on Linux `~/.config/uk.nhs.appraise/`; every folder from
//!    `appraise_core::paths`), made in the chooser at first
//!    start and changed later by the administrator.
//! 4. Nothing yet: the window shows the chooser.

use std::path::{Path, PathBuf};

use appraise_core::paths::{self, Platform};
use appraise_core::server::connection::{self, ConnectionChoice, ConnectionStatus};
use appraise_core::server::url::DbLocation;
use appraise_core::{access, Error, ErrorPayload, Store};
use tauri::{Manager, State};

use crate::clock::now;
use crate::session::with_actor;
use crate::state::{with_held, CmdResult};
use crate::store_thread::{Held, LIMIT};
use crate::AppState;

/// What the window knows about where its data lives.
pub struct Place {
    pub status: ConnectionStatus,
    /// The database file when the data lives on this computer.
    pub db_path: PathBuf,
    /// Why the connection files could not be read.
    pub error: Option<ErrorPayload>,
}

impl Place {
    /// The database file, or the server, in words for the window.
    pub fn shown(&self) -> String {
        match &self.status.choice {
            Some(ConnectionChoice::Server(s)) => format!("the department's server {}, database {}", s.host, s.database),
            _ => self.db_path.display().to_string(),
        }
    }
}

/// The app's folders (`appraise_core::paths`: the one function every path
/// comes from, with the machine-wide file at `/etc/appraise/connection.json`
/// on Linux, `%ProgramData%\Appraise\connection.json` on Windows and
/// `/Library/Application Support/Appraise/connection.json` on macOS, or
/// `$APPRAISE_MACHINE_CONNECTION`).
fn folders(app: &tauri::App) -> Result<paths::Folders, ErrorPayload> {
    let home = app.path().home_dir().ok();
    Ok(paths::folders(
        Platform::current(),
        &app.config().identifier,
        home.as_deref(),
        |name| std::env::var_os(name),
    )?)
}

fn io_error(what: &str, e: impl std::fmt::Display) -> ErrorPayload {
    ErrorPayload {
        code: "io".into(),
        message: format!("{what}: {e}"),
        fields: vec![],
    }
}

/// Reads a connection file; `None` when there is none.
fn read_file(path: &Path) -> Result<Option<ConnectionChoice>, ErrorPayload> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(connection::read(&text, &path.display().to_string())?)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error(&format!("Cannot read {}", path.display()), e)),
    }
}

/// Finds where the data lives, at start.
pub fn find(app: &tauri::App) -> Place {
    let folders = folders(app);
    let (machine, saved_in) = match &folders {
        Ok(f) => (f.machine_connection.clone(), f.config.join("connection.json")),
        Err(_) => (PathBuf::new(), PathBuf::new()),
    };
    let env_db = std::env::var_os("APPRAISE_DB")
        .filter(|p| !p.is_empty())
        .map(|p| p.to_string_lossy().into_owned());
    if env_db.is_some() {
        return decide(env_db, &machine, &saved_in, Ok(PathBuf::new()));
    }
    decide(None, &machine, &saved_in, folders.and_then(|f| app_data_file(&f.data)))
}

/// The order of the module's doc: `APPRAISE_DB`, the machine-wide file,
/// the person's own, else nothing chosen yet.
fn decide(env_db: Option<String>, machine: &Path, saved_in: &Path, data_file: Result<PathBuf, ErrorPayload>) -> Place {
    let mut place = Place {
        status: ConnectionStatus {
            choice: None,
            fixed_by: None,
            saved_in: saved_in.display().to_string(),
        },
        db_path: PathBuf::new(),
        error: None,
    };
    if let Some(db) = env_db {
        // Read as the CLI reads --db, so a server address is never opened as
        // a file (nor its password shown in a message about one).
        match DbLocation::parse(&db, None) {
            Ok(DbLocation::File(path)) => place.db_path = path,
            Ok(DbLocation::Server(_)) => place.error = Some(ErrorPayload::from(Error::invalid(
                "db",
                "APPRAISE_DB names a department server (PostgreSQL). The window connects to a server through its connection settings (see the README), each person as their own login; set APPRAISE_DB to a file, or leave it unset.".to_owned(),
            ))),
            Err(e) => place.error = Some(e.into()),
        }
        place.status.choice = Some(ConnectionChoice::File);
        place.status.fixed_by = Some("APPRAISE_DB".into());
        return place;
    }
    match data_file {
        Ok(path) => place.db_path = path,
        Err(e) => place.error = Some(e),
    }
    match read_file(machine) {
        Ok(Some(choice)) => {
            place.status.choice = Some(choice);
            place.status.fixed_by = Some(machine.display().to_string());
        }
        Ok(None) => match read_file(saved_in) {
            Ok(choice) => place.status.choice = choice,
            Err(e) => place.error = Some(e),
        },
        Err(e) => place.error = Some(e),
    }
    place
}

/// `appraise.db` in the platform's app-data folder (on Linux
/// `~/.local/share/uk.nhs.appraise`).
fn app_data_file(dir: &Path) -> Result<PathBuf, ErrorPayload> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(&format!("Cannot create {}", dir.display()), e))?;
    Ok(dir.join("appraise.db"))
}

/// What the store's thread holds for `place`: the file's store opened, or
/// the server waiting for someone to sign in. Runs on that thread.
pub fn open(choice: Option<&ConnectionChoice>, db_path: &Path, error: Option<ErrorPayload>) -> Held {
    if let Some(error) = error {
        return Held {
            missing: Some(error),
            ..Held::default()
        };
    }
    match choice {
        None => Held::default(),
        Some(ConnectionChoice::File) => match Store::open(db_path).and_then(seed) {
            Ok(store) => Held {
                store: Some(store),
                ..Held::default()
            },
            Err(e) => Held {
                missing: Some(e.into()),
                ..Held::default()
            },
        },
        Some(ConnectionChoice::Server(place)) => Held {
            server: Some(place.clone()),
            ..Held::default()
        },
    }
}

/// Opens with the built-in skills framework and role profiles in place.
fn seed(mut store: Store) -> appraise_core::Result<Store> {
    appraise_core::framework::ensure_builtin(store.conn_mut(), now())?;
    Ok(store)
}

/// Where the data lives, and whether this window may change it.
#[tauri::command]
pub fn connection_status(state: State<AppState>) -> ConnectionStatus {
    state.place.lock().expect("place lock").status.clone()
}

/// Saves where the data lives for this person and opens it: at first start
/// anyone (nobody can sign in yet), later the administrator. Signs the
/// window out. Refused when the machine-wide file sets it.
#[tauri::command(async)]
pub fn connection_choose(state: State<AppState>, choice: ConnectionChoice) -> CmdResult<ConnectionStatus> {
    let (status, db_path) = {
        let place = state.place.lock().expect("place lock");
        (place.status.clone(), place.db_path.clone())
    };
    if let Some(by) = &status.fixed_by {
        return Err(Error::invalid(
            "connection",
            format!("This computer's connection is set by {by} (the trust's IT): ask them to change it."),
        )
        .into());
    }
    if status.choice.is_some() {
        with_actor(&state, |_, actor| access::can_manage_settings(actor))?;
    }
    let text = connection::write(&choice)?;
    let saved_in = PathBuf::from(&status.saved_in);
    if let Some(dir) = saved_in.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io_error(&format!("Cannot create {}", dir.display()), e))?;
    }
    std::fs::write(&saved_in, text).map_err(|e| io_error(&format!("Cannot save {}", saved_in.display()), e))?;
    let chosen = connection::check(choice)?;
    let opening = chosen.clone();
    with_held(&state, LIMIT, move |held| {
        *held = open(Some(&opening), &db_path, None);
        Ok(())
    })?;
    state.session.clear();
    let mut place = state.place.lock().expect("place lock");
    place.status.choice = Some(chosen);
    Ok(place.status.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder of its own for one test.
    fn folder(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("appraise-connection-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a test folder");
        dir
    }

    const SERVER: &str = r#"{"location": "server", "host": "db.trust.nhs.uk", "database": "coding"}"#;

    #[test]
    fn nothing_chosen_yet_shows_the_chooser() {
        let dir = folder("none");
        let place = decide(
            None,
            &dir.join("machine.json"),
            &dir.join("mine.json"),
            Ok(dir.join("appraise.db")),
        );
        assert_eq!(place.status.choice, None, "no file, no choice: the chooser");
        assert_eq!(place.status.fixed_by, None, "and anyone may choose");
        assert!(place.error.is_none(), "nothing is wrong");
    }

    #[test]
    fn the_machine_wide_file_wins_over_the_persons_own_choice() {
        let dir = folder("machine");
        std::fs::write(dir.join("machine.json"), SERVER).unwrap();
        std::fs::write(dir.join("mine.json"), r#"{"location": "file"}"#).unwrap();
        let place = decide(
            None,
            &dir.join("machine.json"),
            &dir.join("mine.json"),
            Ok(dir.join("appraise.db")),
        );
        assert!(
            matches!(&place.status.choice, Some(ConnectionChoice::Server(s)) if s.host == "db.trust.nhs.uk"),
            "the trust's IT decides for every user of the PC: {:?}",
            place.status.choice
        );
        assert_eq!(
            place.status.fixed_by.as_deref(),
            Some(dir.join("machine.json").to_str().unwrap()),
            "and the window says which file set it"
        );
    }

    #[test]
    fn the_persons_own_choice_applies_without_a_machine_file() {
        let dir = folder("mine");
        std::fs::write(dir.join("mine.json"), SERVER).unwrap();
        let place = decide(
            None,
            &dir.join("machine.json"),
            &dir.join("mine.json"),
            Ok(dir.join("appraise.db")),
        );
        assert!(
            matches!(place.status.choice, Some(ConnectionChoice::Server(_))),
            "their own choice"
        );
        assert_eq!(place.status.fixed_by, None, "which the administrator may change");
    }

    #[test]
    fn a_machine_file_appraise_cannot_read_stops_the_start_naming_it() {
        let dir = folder("broken");
        std::fs::write(dir.join("machine.json"), r#"{"location": "server", "host": "db"}"#).unwrap();
        let place = decide(
            None,
            &dir.join("machine.json"),
            &dir.join("mine.json"),
            Ok(dir.join("appraise.db")),
        );
        let error = place.error.expect("refused");
        assert!(
            error.message.contains("machine.json"),
            "the message names the file: {}",
            error.message
        );
    }

    #[test]
    fn appraise_db_is_a_file_and_fixes_the_choice() {
        let dir = folder("env");
        std::fs::write(dir.join("machine.json"), SERVER).unwrap();
        let place = decide(
            Some("/tmp/test.db".into()),
            &dir.join("machine.json"),
            &dir.join("mine.json"),
            Ok(PathBuf::new()),
        );
        assert_eq!(
            place.status.choice,
            Some(ConnectionChoice::File),
            "the tests' database file"
        );
        assert_eq!(place.db_path, PathBuf::from("/tmp/test.db"), "at that path");
        assert_eq!(
            place.status.fixed_by.as_deref(),
            Some("APPRAISE_DB"),
            "not changeable in the window"
        );
    }
}
