//! What every command answers with, and the open store they share: the
//! bottom of the shell, so `session` and the command files both point down
//! to it. The store lives on its own thread (`store_thread`); a command
//! hands it work and waits, at most a limit, for the answer.

use std::time::Duration;

use appraise_core::{ErrorPayload, Store};

use crate::store_thread::{Held, LIMIT};
use crate::AppState;

/// A command's answer: its result, or the error the window shows.
pub type CmdResult<T> = Result<T, ErrorPayload>;

/// Runs `f` on the open store, on the store's thread, or returns why there
/// is none; `timeout` after [`LIMIT`], `offline` when the department's
/// server's connection is lost.
pub fn with_store<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&mut Store) -> appraise_core::Result<T> + Send + 'static,
) -> CmdResult<T> {
    with_store_for(state, LIMIT, f)
}

/// [`with_store`], waiting at most `limit`.
pub fn with_store_for<T: Send + 'static>(
    state: &AppState,
    limit: Duration,
    f: impl FnOnce(&mut Store) -> appraise_core::Result<T> + Send + 'static,
) -> CmdResult<T> {
    with_held(state, limit, move |held| {
        let result = f(held.store()?).map_err(ErrorPayload::from);
        result.map_err(|e| held.check_connection(e))
    })
}

/// Runs `job` on the store's thread with everything it holds (for signing
/// in and choosing where the data lives), waiting at most `limit`.
pub fn with_held<T: Send + 'static>(
    state: &AppState,
    limit: Duration,
    job: impl FnOnce(&mut Held) -> CmdResult<T> + Send + 'static,
) -> CmdResult<T> {
    state.store.run(limit, job)
}
