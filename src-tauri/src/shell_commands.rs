//! The shell's own commands: whether the store opened, the date the app
//! works with, and the file-open dialog. No records here.
//!
//! `APPRAISE_PICK_FILE` answers the file-open dialog with a path instead of
//! showing it (WebDriver cannot reach a native dialog).

use appraise_core::store::OpenStatus;
use tauri::State;

use crate::clock::today_date;
use crate::state::with_held;
use crate::store_thread::LIMIT;
use crate::AppState;

/// Where the data is and, when it could not be opened, why.
#[tauri::command(async)]
pub fn startup_status(state: State<AppState>) -> OpenStatus {
    let db_path = state.place.lock().expect("place lock").shown();
    OpenStatus {
        db_path,
        error: with_held(&state, LIMIT, |held| Ok(held.missing.clone())).unwrap_or_else(Some),
    }
}

/// The date the app works with (ISO), for "today" marks on screen.
#[tauri::command]
pub fn today() -> String {
    today_date().to_string()
}

/// Shows the system's file-open dialog; `None` when the person cancels.
/// `filter` names the kind of file in the dialog ("Framework files" unless
/// given). Async so the dialog does not block the main thread it needs.
#[tauri::command]
pub async fn pick_file(
    app: tauri::AppHandle,
    title: String,
    extensions: Vec<String>,
    filter: Option<String>,
) -> Option<String> {
    use tauri_plugin_dialog::DialogExt;
    if let Some(path) = std::env::var_os("APPRAISE_PICK_FILE").filter(|p| !p.is_empty()) {
        return Some(path.to_string_lossy().into_owned());
    }
    let exts: Vec<&str> = extensions.iter().map(String::as_str).collect();
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.as_deref().unwrap_or("Framework files"), &exts)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
}
