//! Printed records in the window: "Save as PDF…", "Export cycle…", "Open"
//! and "Check a PDF…". Core renders, names, writes and verifies
//! (`appraise_core::print`, the cycle export included); the shell shows the
//! dialogs, chooses the paths and reads the clock.
//!
//! Every command goes through `session::with_actor`. Three environment
//! variables answer the native dialogs for automated tests, as
//! `APPRAISE_PICK_FILE` does for the file-open dialog:
//! `APPRAISE_SAVE_FILE` answers the save dialog (a file path, or a folder to
//! save the suggested file name in), `APPRAISE_PICK_FOLDER` answers the
//! folder dialog, and `APPRAISE_EXPORT_DELAY_MS` waits that long after each
//! file of an export, so a test can watch the progress and cancel it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use appraise_core::accounts::Actor;
use appraise_core::print::{self, ExportProgress, ExportReport, PdfCheck, PrintSettings};
use appraise_core::{access, staff};
use appraise_core::{Error, ErrorPayload, Store};
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::clock::{now, today_date};
use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

/// What the print commands remember between calls.
#[derive(Default)]
pub struct PrintState {
    /// Set by `pdf_export_cancel`; the export stops before its next file.
    cancel: AtomicBool,
    /// An export is under way: a second one is refused.
    exporting: AtomicBool,
    /// The files and folders this window wrote: the only ones "Open" opens,
    /// so a script in the window cannot open anything else.
    written: Mutex<HashSet<PathBuf>>,
}

impl PrintState {
    fn remember(&self, path: &Path) {
        if let Ok(mut w) = self.written.lock() {
            w.insert(path.to_path_buf());
        }
    }
}

fn io_error(what: &str, path: &Path, e: impl std::fmt::Display) -> ErrorPayload {
    ErrorPayload::from(Error::Io(format!("Could not {what} {}: {e}", path.display())))
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|p| !p.is_empty()).map(PathBuf::from)
}

/// Shows the save dialog with `suggested` as the file name and a filter for
/// `kind` (filter name, extension); `None` when the person cancels. A name
/// typed without the extension gets it.
fn choose_save_path(app: &AppHandle, title: &str, suggested: &str, kind: (&str, &str)) -> Option<PathBuf> {
    let (filter, extension) = kind;
    let chosen = match env_path("APPRAISE_SAVE_FILE") {
        Some(p) if p.is_dir() => Some(p.join(suggested)),
        Some(p) => Some(p),
        None => app
            .dialog()
            .file()
            .set_title(title)
            .set_file_name(suggested)
            .add_filter(filter, &[extension])
            .blocking_save_file()
            .and_then(|p| p.into_path().ok()),
    }?;
    let has_extension = chosen.extension().is_some_and(|e| e.eq_ignore_ascii_case(extension));
    Some(if has_extension {
        chosen
    } else {
        chosen.with_extension(extension)
    })
}

/// Renders with `render`, asks where to save it and writes it there.
/// Returns the path written, or `None` when the person cancelled.
pub(crate) fn save_pdf(
    app: &AppHandle,
    title: &str,
    render: impl FnOnce(&mut Store, &Actor) -> appraise_core::Result<(Vec<u8>, String)> + Send + 'static,
) -> CmdResult<Option<String>> {
    save_file(app, title, ("PDF", "pdf"), render)
}

/// [`save_pdf`] for a file of another kind (a report, a calendar):
/// `(filter name, extension)`.
pub(crate) fn save_file(
    app: &AppHandle,
    title: &str,
    kind: (&str, &str),
    render: impl FnOnce(&mut Store, &Actor) -> appraise_core::Result<(Vec<u8>, String)> + Send + 'static,
) -> CmdResult<Option<String>> {
    let state = app.state::<AppState>();
    let (bytes, suggested) = with_actor(&state, render)?;
    let Some(path) = choose_save_path(app, title, &suggested, kind) else {
        return Ok(None);
    };
    print::write_atomically(&path, &bytes)?;
    app.state::<PrintState>().remember(&path);
    Ok(Some(path.display().to_string()))
}

/// "PDP summary Zoë Ní Bhriain 100004 2026-05-05.pdf".
fn person_file_name(s: &Store, actor: &Actor, what: &str, staff_number: &str) -> appraise_core::Result<String> {
    let m = staff::get_as(s.conn(), actor, staff_number)?;
    let name = format!(
        "{what} {} {} {} {}",
        m.forename,
        m.surname,
        m.staff_number,
        today_date()
    );
    Ok(format!("{}.pdf", print::safe_file_name(&name)))
}

/// "Save as PDF…" on an appraisal: signed or not (an unsigned one prints
/// with blank signature lines).
#[tauri::command]
pub async fn pdf_save_appraisal(app: AppHandle, id: i64) -> CmdResult<Option<String>> {
    save_pdf(&app, "Save the appraisal record as PDF", move |s, actor| {
        let bytes = print::appraisal_pdf(s.conn(), actor, id, now())?;
        let name = print::appraisal_file_name_as(s.conn(), actor, id, today_date())?;
        Ok((bytes, name))
    })
}

/// "Save PDP summary as PDF…": a person's current plan and their progress.
#[tauri::command]
pub async fn pdf_save_pdp(app: AppHandle, staff_number: String) -> CmdResult<Option<String>> {
    save_pdf(&app, "Save the PDP summary as PDF", move |s, actor| {
        let bytes = print::pdp_summary_pdf(s.conn(), actor, &staff_number, now())?;
        Ok((bytes, person_file_name(s, actor, "PDP summary", &staff_number)?))
    })
}

/// "Save NCCQ report as PDF…": a trainee's progress towards the NCCQ.
#[tauri::command]
pub async fn pdf_save_nccq(app: AppHandle, staff_number: String) -> CmdResult<Option<String>> {
    save_pdf(&app, "Save the NCCQ progress report as PDF", move |s, actor| {
        let bytes = print::nccq_report_pdf(s.conn(), actor, &staff_number, now())?;
        Ok((bytes, person_file_name(s, actor, "NCCQ progress", &staff_number)?))
    })
}

/// "Export cycle…": every signed record of `cycle` the signed-in person may
/// see, one PDF each, into a folder they choose. Sends
/// `pdf-export-progress` after each file and stops early when
/// `pdf_export_cancel` is called. `None` when the person cancels the folder
/// dialog.
#[tauri::command]
pub async fn pdf_export_cycle(app: AppHandle, cycle: String) -> CmdResult<Option<ExportReport>> {
    let of = cycle.clone();
    let jobs = with_actor(&app.state::<AppState>(), move |s, actor| {
        print::cycle_jobs(s.conn(), actor, &of)
    })?;
    let folder = match env_path("APPRAISE_PICK_FOLDER") {
        Some(p) => Some(p),
        None => app
            .dialog()
            .file()
            .set_title(format!("Choose a folder for the {cycle} records"))
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(folder) = folder else {
        return Ok(None);
    };
    let prints = app.state::<PrintState>();
    if prints.exporting.swap(true, Ordering::SeqCst) {
        return Err(ErrorPayload::from(Error::Conflict(
            "An export is already under way: wait for it to finish or cancel it.".into(),
        )));
    }
    prints.cancel.store(false, Ordering::SeqCst);
    let worker = app.clone();
    let result = tauri::async_runtime::spawn_blocking(move || export(&worker, &jobs, &folder)).await;
    prints.exporting.store(false, Ordering::SeqCst);
    match result {
        Ok(report) => report.map(Some),
        Err(e) => Err(ErrorPayload::from(Error::Io(format!("The export stopped: {e}")))),
    }
}

/// Writes the files through core's `print::export_cycle`, taking the store
/// for one file at a time, so the window answers while it runs.
fn export(app: &AppHandle, jobs: &[print::PrintJob], folder: &Path) -> CmdResult<ExportReport> {
    let delay = std::env::var("APPRAISE_EXPORT_DELAY_MS")
        .ok()
        .and_then(|d| d.parse::<u64>().ok())
        .map(Duration::from_millis);
    let prints = app.state::<PrintState>();
    let state = app.state::<AppState>();
    let report = print::export_cycle(
        jobs,
        folder,
        |job| {
            let id = job.appraisal_id;
            with_actor(&state, move |s, actor| print::appraisal_pdf(s.conn(), actor, id, now()))
        },
        |progress| {
            prints.remember(&folder.join(&progress.file));
            let _ = app.emit::<&ExportProgress>("pdf-export-progress", progress);
            if let Some(d) = delay {
                std::thread::sleep(d);
            }
        },
        &prints.cancel,
    )?;
    prints.remember(folder);
    Ok(report)
}

/// Stops the export under way before its next file.
#[tauri::command]
pub fn pdf_export_cancel(prints: State<PrintState>) {
    prints.cancel.store(true, Ordering::SeqCst);
}

/// Shows a file or folder this window saved in the system's viewer.
#[tauri::command(async)]
pub fn open_path(app: AppHandle, state: State<AppState>, path: String) -> CmdResult<()> {
    with_actor(&state, move |_, _| Ok(()))?;
    let known = app
        .state::<PrintState>()
        .written
        .lock()
        .map(|w| w.contains(Path::new(&path)))
        .unwrap_or(false);
    access::can_open_saved_file(known)?;
    app.opener()
        .open_path(path.clone(), None::<&str>)
        .map_err(|e| io_error("open", Path::new(&path), e))
}

/// "Check a PDF…": is a file exactly what Appraise printed, and is the
/// record unchanged since? `None` when the person cancels the dialog.
#[tauri::command]
pub async fn pdf_verify(app: AppHandle) -> CmdResult<Option<PdfCheck>> {
    let chosen = crate::shell_commands::pick_file(
        app.clone(),
        "Choose a PDF printed by Appraise".into(),
        vec!["pdf".into()],
        Some("PDF".into()),
    )
    .await;
    let Some(path) = chosen.map(PathBuf::from) else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path).map_err(|e| io_error("read", &path, e))?;
    with_actor(&app.state::<AppState>(), move |s, actor| {
        print::verify_pdf(s.conn(), actor, &bytes)
    })
    .map(Some)
}

/// The trust, department and marking printed on every record.
#[tauri::command(async)]
pub fn print_settings_get(state: State<AppState>) -> CmdResult<PrintSettings> {
    with_actor(&state, move |s, _| print::print_settings(s.conn()))
}

/// Changes them (administrator).
#[tauri::command(async)]
pub fn print_settings_save(state: State<AppState>, settings: PrintSettings) -> CmdResult<PrintSettings> {
    with_actor(&state, move |s, actor| {
        print::save_print_settings(s.conn_mut(), actor, &settings, now())
    })
}
