//! A bare Tauri window: one page that calls one command when it has loaded.
//! The start-up benchmark (bench/run-startup.sh) measures Appraise against it.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// The one command: the page shows its answer, so "interactive" means the
/// page has drawn and the command has answered.
#[tauri::command]
fn ready() -> &'static str {
    "ready"
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the bare window could not start");
}
