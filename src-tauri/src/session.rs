//! Who is signed in to this window, and the idle lock. The rules (passphrase
//! checks, growing delays, who may do what) are in core; this module only
//! remembers the signed-in `Actor` between commands and when they last did
//! something.
//!
//! Every command that reads or changes records goes through [`with_actor`],
//! which refuses when nobody is signed in or the session has locked.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use appraise_core::accounts::{self, Actor, SessionStatus};
use appraise_core::staff::StaffInput;
use appraise_core::{settings, Error, ErrorPayload, Store};
use tauri::State;

use crate::commands::{now, today_date, with_store, CmdResult};
use crate::AppState;

#[derive(Default)]
pub struct Session {
    inner: Mutex<Option<SignedIn>>,
}

struct SignedIn {
    actor: Actor,
    last_activity: Instant,
    locked: bool,
}

impl Session {
    fn set(&self, actor: Actor) {
        *self.inner.lock().expect("session lock") = Some(SignedIn {
            actor,
            last_activity: Instant::now(),
            locked: false,
        });
    }

    fn clear(&self) {
        *self.inner.lock().expect("session lock") = None;
    }

    /// The same person, as the database has them now (a changed role).
    fn update(&self, actor: Actor) {
        if let Some(s) = self.inner.lock().expect("session lock").as_mut() {
            s.actor = actor;
        }
    }

    /// The signed-in actor, if the session is live; marks activity. Locks
    /// (and refuses) once idle for longer than `idle`.
    fn touch(&self, idle: Duration) -> Result<Actor, Error> {
        let mut guard = self.inner.lock().expect("session lock");
        let Some(s) = guard.as_mut() else {
            return Err(Error::Unauthenticated("Sign in to continue.".into()));
        };
        if !s.locked && s.last_activity.elapsed() > idle {
            s.locked = true;
        }
        if s.locked {
            return Err(Error::Unauthenticated(
                "Appraise locked itself after a while without use. Type your passphrase to carry on.".into(),
            ));
        }
        s.last_activity = Instant::now();
        Ok(s.actor.clone())
    }

    /// (actor, locked), without marking activity.
    fn peek(&self, idle: Duration) -> (Option<Actor>, bool) {
        let mut guard = self.inner.lock().expect("session lock");
        match guard.as_mut() {
            None => (None, false),
            Some(s) => {
                if !s.locked && s.last_activity.elapsed() > idle {
                    s.locked = true;
                }
                (Some(s.actor.clone()), s.locked)
            }
        }
    }
}

fn idle_limit(store: &Store) -> Result<Duration, Error> {
    Ok(Duration::from_secs(
        u64::from(settings::idle_lock::load(store.conn())?) * 60,
    ))
}

/// Runs `f` with the open store and the signed-in actor, or refuses with
/// `unauthenticated`. The one door for every command on records.
pub fn with_actor<T>(state: &AppState, f: impl FnOnce(&mut Store, &Actor) -> appraise_core::Result<T>) -> CmdResult<T> {
    with_store(state, |store| {
        let signed_in = state.session.touch(idle_limit(store)?)?;
        let actor = match accounts::current(store.conn(), &signed_in, today_date()) {
            Ok(actor) => actor,
            Err(e) => {
                state.session.clear();
                return Err(e);
            }
        };
        if actor != signed_in {
            state.session.update(actor.clone());
        }
        if actor.must_change_passphrase {
            return Err(Error::Unauthenticated(
                "Choose a new passphrase before carrying on: the administrator set this one.".into(),
            ));
        }
        f(store, &actor)
    })
}

#[tauri::command]
pub fn session_status(state: State<AppState>) -> CmdResult<SessionStatus> {
    with_store(&state, |store| {
        let idle = idle_limit(store)?;
        let (actor, locked) = state.session.peek(idle);
        // As the database has them now: a changed role shows at once, a
        // removed or departed account ends the session.
        let actor = match actor.map(|a| accounts::current(store.conn(), &a, today_date())) {
            Some(Ok(current)) => {
                state.session.update(current.clone());
                Some(current)
            }
            Some(Err(Error::Unauthenticated(_))) => {
                state.session.clear();
                None
            }
            Some(Err(e)) => return Err(e),
            None => None,
        };
        Ok(SessionStatus {
            first_run: accounts::needs_first_run(store.conn())?,
            locked: locked && actor.is_some(),
            actor,
            idle_lock_minutes: settings::idle_lock::load(store.conn())?,
            names: accounts::sign_in_list(store.conn(), today_date())?,
        })
    })
}

/// First run: creates the administrator and signs them in.
#[tauri::command]
pub fn first_run(state: State<AppState>, input: StaffInput, passphrase: String) -> CmdResult<Actor> {
    let actor = with_store(&state, |s| {
        accounts::create_first_administrator(s.conn_mut(), &input, &passphrase, now())
    })?;
    state.session.set(actor.clone());
    Ok(actor)
}

#[tauri::command]
pub fn sign_in(state: State<AppState>, staff_number: String, passphrase: String) -> CmdResult<Actor> {
    let actor = with_store(&state, |s| {
        accounts::sign_in(s.conn_mut(), &staff_number, &passphrase, now())
    })?;
    state.session.set(actor.clone());
    Ok(actor)
}

#[tauri::command]
pub fn sign_out(state: State<AppState>) {
    state.session.clear();
}

/// After the idle lock: the same person types their passphrase again.
#[tauri::command]
pub fn unlock(state: State<AppState>, passphrase: String) -> CmdResult<Actor> {
    let (actor, _) = state.session.peek(Duration::MAX);
    let actor = actor.ok_or_else(|| ErrorPayload::from(Error::Unauthenticated("Sign in to continue.".into())))?;
    with_store(&state, |s| {
        accounts::verify_passphrase(s.conn_mut(), &actor.staff_number, &passphrase, now())
    })?;
    state.session.set(actor.clone());
    Ok(actor)
}

#[tauri::command]
pub fn change_passphrase(state: State<AppState>, current: String, new: String) -> CmdResult<Actor> {
    let (actor, _) = state.session.peek(Duration::MAX);
    let actor = actor.ok_or_else(|| ErrorPayload::from(Error::Unauthenticated("Sign in to continue.".into())))?;
    let updated = with_store(&state, |s| {
        accounts::change_passphrase(s.conn_mut(), &actor, &current, &new, now())
    })?;
    state.session.set(updated.clone());
    Ok(updated)
}

/// The person typed or clicked in the window: the idle lock counts from now.
/// Refused like any record command once locked.
#[tauri::command]
pub fn session_touch(state: State<AppState>) -> CmdResult<()> {
    with_actor(&state, |_, _| Ok(()))
}
