//! The Reports page: its figures, the skills heatmap (its own command, so
//! the home page can show it too), and saving a report as CSV or Excel and
//! the calendar as .ics through the save dialog. Each goes through
//! `session::with_actor` and makes one call into `appraise_core::reports`
//! (core decides who may).

use appraise_core::reports::{self, CalendarScope, ReportsOverview, SkillsHeatmap};
use appraise_core::{print, Error};
use tauri::{AppHandle, State};

use crate::clock::{now, today_date};
use crate::print_commands::save_file;
use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

/// Compliance, audit accuracy, NCCQ timelines and training needs.
#[tauri::command(async)]
pub fn reports_overview(state: State<AppState>) -> CmdResult<ReportsOverview> {
    with_actor(&state, move |s, actor| {
        reports::overview_as(s.conn(), actor, today_date())
    })
}

/// The skills heatmap of the people the signed-in person sees.
#[tauri::command(async)]
pub fn skills_heatmap(state: State<AppState>) -> CmdResult<SkillsHeatmap> {
    with_actor(&state, move |s, actor| reports::heatmap_as(s.conn(), actor))
}

/// "Save as CSV…" / "Save as Excel…": `format` is `csv` or `xlsx`.
/// Returns the path written, or `None` when the person cancelled.
#[tauri::command]
pub async fn report_save(app: AppHandle, name: String, format: String) -> CmdResult<Option<String>> {
    let kind = if format == "xlsx" {
        ("Excel workbook", "xlsx")
    } else {
        ("CSV", "csv")
    };
    save_file(&app, "Save the report", kind, move |s, actor| {
        let table = reports::report_as(s.conn(), actor, &name, today_date())?;
        let bytes = match format.as_str() {
            "xlsx" => reports::xlsx::to_xlsx(&table)?,
            "csv" => reports::csv::to_csv(&table)?,
            other => {
                return Err(Error::invalid(
                    "format",
                    format!("Unknown format {other:?}: csv or xlsx."),
                ))
            }
        };
        let file = print::safe_file_name(&format!("{} {}", table.title, today_date()));
        Ok((bytes, format!("{file}.{format}")))
    })
}

/// "Save calendar (.ics)…": the signed-in person's team (a line manager, or
/// the administrator's own reports) or, with `staff_number`, one person.
#[tauri::command]
pub async fn calendar_save(app: AppHandle, staff_number: Option<String>) -> CmdResult<Option<String>> {
    save_file(&app, "Save the calendar", ("iCalendar", "ics"), move |s, actor| {
        let scope = match staff_number {
            Some(n) => CalendarScope::Staff(n),
            None => CalendarScope::Manager(actor.staff_number.clone()),
        };
        let ics = reports::calendar_as(s.conn(), actor, &scope, today_date(), now())?;
        Ok((ics.into_bytes(), format!("Appraise dates {}.ics", today_date())))
    })
}
