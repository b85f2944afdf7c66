//! Statutory and mandatory training: a person's records and compliance,
//! recording one by hand, importing an ESR/OLM export, and the Standards
//! refreshers every coder owes (core decides who may).

use std::path::Path;

use appraise_core::training::import::{self, TrainingImportReport};
use appraise_core::training::refreshers::{self, RefresherStatus};
use appraise_core::training::{self, TrainingInput, TrainingRecord, TrainingView};
use tauri::State;

use crate::clock::{now, today_date};
use crate::session::with_actor;
use crate::state::CmdResult;
use crate::AppState;

/// A person's competences and their compliance today.
#[tauri::command(async)]
pub fn training_view(state: State<AppState>, staff_number: String) -> CmdResult<TrainingView> {
    with_actor(&state, move |s, actor| {
        training::view_as(s.conn(), actor, &staff_number, today_date())
    })
}

#[tauri::command(async)]
pub fn training_add(state: State<AppState>, staff_number: String, input: TrainingInput) -> CmdResult<TrainingRecord> {
    with_actor(&state, move |s, actor| {
        training::add_audited(s.conn_mut(), actor, &staff_number, &input, now())
    })
}

/// Imports an ESR/OLM competence export picked with `pick_file`.
#[tauri::command(async)]
pub fn training_import(state: State<AppState>, path: String) -> CmdResult<TrainingImportReport> {
    with_actor(&state, move |s, actor| {
        import::import_file(s.conn_mut(), actor, Path::new(&path), now())
    })
}

#[tauri::command(async)]
pub fn training_refreshers(state: State<AppState>) -> CmdResult<Vec<RefresherStatus>> {
    with_actor(&state, move |s, actor| {
        refreshers::refreshers_as(s.conn(), actor, today_date())
    })
}
