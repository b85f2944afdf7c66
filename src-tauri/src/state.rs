//! What every command answers with, and the open store they share: the
//! bottom of the shell, so `session` and the command files both point down
//! to it.

use appraise_core::{Error, ErrorPayload, Store};

use crate::AppState;

/// A command's answer: its result, or the error the window shows.
pub type CmdResult<T> = Result<T, ErrorPayload>;

/// Runs `f` on the open store, or returns why there is none.
pub fn with_store<T>(state: &AppState, f: impl FnOnce(&mut Store) -> appraise_core::Result<T>) -> CmdResult<T> {
    let mut guard = state.store.lock().map_err(|_| {
        ErrorPayload::from(Error::Io(
            "The store is unavailable after an earlier failure; restart Appraise.".into(),
        ))
    })?;
    match guard.as_mut() {
        Some(store) => f(store).map_err(ErrorPayload::from),
        None => Err(state.startup_error.clone().expect("no store means a startup error")),
    }
}
