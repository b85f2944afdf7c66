//! Where Appraise keeps its files on each platform: the one function every
//! path of the app comes from ([`folders`]). It reads nothing itself: the
//! caller passes the platform, the home folder and a way to read the
//! environment, so each platform's conventions are tested on any machine.
//!
//! - Linux (XDG Base Directory): data in `$XDG_DATA_HOME` (else
//!   `~/.local/share`), settings in `$XDG_CONFIG_HOME` (else `~/.config`);
//!   the machine-wide file in `/etc/appraise`.
//! - Windows: the database in `%LOCALAPPDATA%`, since a SQLite file must not
//!   travel with a roaming profile; settings in `%APPDATA%`, so the person's
//!   connection choice follows them to another PC of the trust; the
//!   machine-wide file in `%ProgramData%\Appraise`, where the trust's IT
//!   puts it.
//! - macOS: both in `~/Library/Application Support`; the machine-wide file
//!   in `/Library/Application Support/Appraise`.
//!
//! The app's own folder inside each is named by its identifier
//! (`uk.nhs.appraise`), as Tauri names it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The operating systems Appraise is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Linux,
    Windows,
    MacOs,
}

impl Platform {
    /// The platform this binary was built for.
    pub fn current() -> Platform {
        if cfg!(windows) {
            Platform::Windows
        } else if cfg!(target_os = "macos") {
            Platform::MacOs
        } else {
            Platform::Linux
        }
    }

    fn separator(self) -> &'static str {
        match self {
            Platform::Windows => "\\",
            Platform::Linux | Platform::MacOs => "/",
        }
    }
}

/// The app's folders on one computer, for one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folders {
    /// The database file's folder when the data lives on this computer.
    pub data: PathBuf,
    /// The person's own settings (`connection.json`).
    pub config: PathBuf,
    /// The machine-wide connection file a trust's IT writes for every user of
    /// the PC; `$APPRAISE_MACHINE_CONNECTION` replaces it (tests).
    pub machine_connection: PathBuf,
}

/// The folders for the app named `app_id` on `platform`, for the person whose
/// home folder is `home`, reading the environment through `env`.
pub fn folders(
    platform: Platform,
    app_id: &str,
    home: Option<&Path>,
    env: impl Fn(&str) -> Option<OsString>,
) -> Result<Folders> {
    // An empty variable counts as unset, and XDG says a relative path is
    // ignored (as if unset).
    let var = |name: &str| env(name).filter(|v| !v.is_empty());
    let absolute = |name: &str| var(name).filter(|v| is_absolute(platform, v));
    let home = || {
        home.filter(|h| !h.as_os_str().is_empty())
            .map(|h| h.as_os_str().to_owned())
            .ok_or_else(|| Error::Io("Cannot find your home folder, where Appraise keeps its files.".into()))
    };
    let join = |base: OsString, parts: &[&str]| -> PathBuf {
        let mut path = base;
        for part in parts {
            path.push(platform.separator());
            path.push(part);
        }
        PathBuf::from(path)
    };
    let machine_connection = match var("APPRAISE_MACHINE_CONNECTION") {
        Some(file) => PathBuf::from(file),
        None => match platform {
            Platform::Linux => PathBuf::from("/etc/appraise/connection.json"),
            Platform::Windows => join(
                var("ProgramData").unwrap_or_else(|| "C:\\ProgramData".into()),
                &["Appraise", "connection.json"],
            ),
            Platform::MacOs => PathBuf::from("/Library/Application Support/Appraise/connection.json"),
        },
    };
    let (data, config) = match platform {
        Platform::Linux => (
            match absolute("XDG_DATA_HOME") {
                Some(dir) => join(dir, &[app_id]),
                None => join(home()?, &[".local", "share", app_id]),
            },
            match absolute("XDG_CONFIG_HOME") {
                Some(dir) => join(dir, &[app_id]),
                None => join(home()?, &[".config", app_id]),
            },
        ),
        Platform::Windows => (
            match absolute("LOCALAPPDATA") {
                Some(dir) => join(dir, &[app_id]),
                None => join(home()?, &["AppData", "Local", app_id]),
            },
            match absolute("APPDATA") {
                Some(dir) => join(dir, &[app_id]),
                None => join(home()?, &["AppData", "Roaming", app_id]),
            },
        ),
        Platform::MacOs => {
            let support = join(home()?, &["Library", "Application Support", app_id]);
            (support.clone(), support)
        }
    };
    Ok(Folders {
        data,
        config,
        machine_connection,
    })
}

/// Whether `path` is absolute by `platform`'s rules (not the host's, so
/// Windows paths are judged right in a test on Linux).
fn is_absolute(platform: Platform, path: &OsString) -> bool {
    let text = path.to_string_lossy();
    match platform {
        Platform::Linux | Platform::MacOs => text.starts_with('/'),
        // C:\… or \\server\share\…
        Platform::Windows => {
            let bytes = text.as_bytes();
            (bytes.len() >= 3
                && bytes[0].is_ascii_alphabetic()
                && bytes[1] == b':'
                && (bytes[2] == b'\\' || bytes[2] == b'/'))
                || text.starts_with("\\\\")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "uk.nhs.appraise";

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| OsString::from(v))
    }

    fn linux(home: &str, vars: &[(&str, &str)]) -> Folders {
        folders(Platform::Linux, ID, Some(Path::new(home)), env(vars)).expect("folders")
    }

    #[test]
    fn linux_follows_xdg_defaults_under_the_home_folder() {
        let f = linux("/home/ann", &[]);
        assert_eq!(
            f.data,
            PathBuf::from("/home/ann/.local/share/uk.nhs.appraise"),
            "data in ~/.local/share"
        );
        assert_eq!(
            f.config,
            PathBuf::from("/home/ann/.config/uk.nhs.appraise"),
            "settings in ~/.config"
        );
        assert_eq!(
            f.machine_connection,
            PathBuf::from("/etc/appraise/connection.json"),
            "machine-wide file in /etc"
        );
    }

    #[test]
    fn linux_uses_xdg_variables_when_they_are_absolute() {
        let f = linux(
            "/home/ann",
            &[("XDG_DATA_HOME", "/srv/data"), ("XDG_CONFIG_HOME", "/srv/config")],
        );
        assert_eq!(f.data, PathBuf::from("/srv/data/uk.nhs.appraise"), "$XDG_DATA_HOME");
        assert_eq!(
            f.config,
            PathBuf::from("/srv/config/uk.nhs.appraise"),
            "$XDG_CONFIG_HOME"
        );
    }

    #[test]
    fn linux_ignores_relative_or_empty_xdg_variables() {
        let f = linux("/home/ann", &[("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "")]);
        assert_eq!(
            f.data,
            PathBuf::from("/home/ann/.local/share/uk.nhs.appraise"),
            "a relative path is ignored"
        );
        assert_eq!(
            f.config,
            PathBuf::from("/home/ann/.config/uk.nhs.appraise"),
            "an empty variable is ignored"
        );
    }

    #[test]
    fn windows_keeps_the_database_local_and_the_settings_roaming() {
        let vars = [
            ("LOCALAPPDATA", "C:\\Users\\ann\\AppData\\Local"),
            ("APPDATA", "C:\\Users\\ann\\AppData\\Roaming"),
            ("ProgramData", "D:\\ProgramData"),
        ];
        let f = folders(Platform::Windows, ID, Some(Path::new("C:\\Users\\ann")), env(&vars)).expect("folders");
        assert_eq!(
            f.data,
            PathBuf::from("C:\\Users\\ann\\AppData\\Local\\uk.nhs.appraise"),
            "database in %LOCALAPPDATA%"
        );
        assert_eq!(
            f.config,
            PathBuf::from("C:\\Users\\ann\\AppData\\Roaming\\uk.nhs.appraise"),
            "settings in %APPDATA%"
        );
        assert_eq!(
            f.machine_connection,
            PathBuf::from("D:\\ProgramData\\Appraise\\connection.json"),
            "machine-wide file in %ProgramData%"
        );
    }

    #[test]
    fn windows_falls_back_to_the_profile_folders_without_the_variables() {
        let f = folders(Platform::Windows, ID, Some(Path::new("C:\\Users\\ann")), env(&[])).expect("folders");
        assert_eq!(
            f.data,
            PathBuf::from("C:\\Users\\ann\\AppData\\Local\\uk.nhs.appraise"),
            "AppData\\Local"
        );
        assert_eq!(
            f.config,
            PathBuf::from("C:\\Users\\ann\\AppData\\Roaming\\uk.nhs.appraise"),
            "AppData\\Roaming"
        );
        assert_eq!(
            f.machine_connection,
            PathBuf::from("C:\\ProgramData\\Appraise\\connection.json"),
            "C:\\ProgramData"
        );
    }

    #[test]
    fn macos_keeps_both_in_application_support() {
        let f = folders(
            Platform::MacOs,
            ID,
            Some(Path::new("/Users/ann")),
            env(&[("XDG_DATA_HOME", "/ignored")]),
        )
        .expect("folders");
        let support = PathBuf::from("/Users/ann/Library/Application Support/uk.nhs.appraise");
        assert_eq!(f.data, support, "data in Application Support, XDG ignored");
        assert_eq!(f.config, support, "settings beside it");
        assert_eq!(
            f.machine_connection,
            PathBuf::from("/Library/Application Support/Appraise/connection.json"),
            "machine-wide file"
        );
    }

    #[test]
    fn the_machine_file_variable_replaces_the_machine_wide_file_everywhere() {
        for platform in [Platform::Linux, Platform::Windows, Platform::MacOs] {
            let f = folders(
                platform,
                ID,
                Some(Path::new("/h")),
                env(&[("APPRAISE_MACHINE_CONNECTION", "/tmp/m.json")]),
            )
            .expect("folders");
            assert_eq!(f.machine_connection, PathBuf::from("/tmp/m.json"), "{platform:?}");
        }
    }

    #[test]
    fn without_a_home_folder_the_answer_is_a_plain_error() {
        let err = folders(Platform::Linux, ID, None, env(&[])).expect_err("no home, no XDG");
        assert!(
            matches!(err, Error::Io(ref m) if m.contains("home folder")),
            "says so: {err:?}"
        );
        let f = folders(
            Platform::Linux,
            ID,
            None,
            env(&[("XDG_DATA_HOME", "/d"), ("XDG_CONFIG_HOME", "/c")]),
        )
        .expect("XDG alone is enough");
        assert_eq!(f.data, PathBuf::from("/d/uk.nhs.appraise"), "from XDG");
    }
}
