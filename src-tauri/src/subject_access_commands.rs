//! "Export everything about this person…": a subject access request's
//! folder. Core gathers, checks and writes it (`appraise_core::subject_access`);
//! the shell asks where and reads the clock. `APPRAISE_PICK_FOLDER` answers
//! the folder dialog for automated tests, as for "Export cycle…".

use std::path::PathBuf;

use appraise_core::subject_access::{self, PersonExport};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

use crate::clock::now;
use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

/// Writes everything about `staff_number` into a new folder inside the one
/// the person chooses; `None` when they cancel the dialog.
#[tauri::command(async)]
pub fn person_export(app: AppHandle, staff_number: String) -> CmdResult<Option<PersonExport>> {
    let parent = match std::env::var_os("APPRAISE_PICK_FOLDER").filter(|p| !p.is_empty()) {
        Some(p) => Some(PathBuf::from(p)),
        None => app
            .dialog()
            .file()
            .set_title("Choose where to put the folder of everything held about this person")
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(parent) = parent else {
        return Ok(None);
    };
    with_actor(&app.state::<AppState>(), move |s, actor| {
        subject_access::export_person_into(s.conn(), actor, &staff_number, &parent, now())
    })
    .map(Some)
}
