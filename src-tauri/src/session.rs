//! Who is signed in to this window, and the idle lock. The rules (passphrase
//! checks, growing delays, who may do what) are in core; this module only
//! remembers the signed-in `Actor` between commands and when they last did
//! something.
//!
//! Every command that reads or changes records goes through [`with_actor`],
//! which refuses when nobody is signed in or the session has locked.
//!
//! The idle lock counts on a monotonic clock that the commands read and pass
//! in (`now: Instant`), so the tests can move time on instead of waiting.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use appraise_core::accounts::{self, Actor, FirstRun, SessionStatus};
use appraise_core::server::connection::{self, ServerPlace};
use appraise_core::{access, settings, Error, ErrorPayload, Store};
use tauri::State;

use crate::clock::{now, today_date};
use crate::state::{with_held, with_store, with_store_for, CmdResult};
use crate::store_thread::{offline, LIMIT, SLOW_LIMIT};
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
    pub fn set(&self, actor: Actor, now: Instant) {
        *self.inner.lock().expect("session lock") = Some(SignedIn {
            actor,
            last_activity: now,
            locked: false,
        });
    }

    pub fn clear(&self) {
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
    fn touch(&self, idle: Duration, now: Instant) -> Result<Actor, Error> {
        let mut guard = self.inner.lock().expect("session lock");
        let Some(s) = guard.as_mut() else {
            return Err(Error::Unauthenticated("Sign in to continue.".into()));
        };
        s.lock_if_idle(idle, now);
        if s.locked {
            return Err(Error::Unauthenticated(
                "Appraise locked itself after a while without use. Type your passphrase to carry on.".into(),
            ));
        }
        s.last_activity = now;
        Ok(s.actor.clone())
    }

    /// (actor, locked), without marking activity.
    fn peek(&self, idle: Duration, now: Instant) -> (Option<Actor>, bool) {
        let mut guard = self.inner.lock().expect("session lock");
        match guard.as_mut() {
            None => (None, false),
            Some(s) => {
                s.lock_if_idle(idle, now);
                (Some(s.actor.clone()), s.locked)
            }
        }
    }
}

impl SignedIn {
    /// Once locked, a session stays locked until the person unlocks it.
    fn lock_if_idle(&mut self, idle: Duration, now: Instant) {
        if now.saturating_duration_since(self.last_activity) > idle {
            self.locked = true;
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
pub fn with_actor<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&mut Store, &Actor) -> appraise_core::Result<T> + Send + 'static,
) -> CmdResult<T> {
    with_actor_at(state, Instant::now(), f)
}

/// [`with_actor`] for the few commands that read a whole file or the whole
/// audit trail, which may take longer than most.
pub fn with_actor_slow<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&mut Store, &Actor) -> appraise_core::Result<T> + Send + 'static,
) -> CmdResult<T> {
    with_actor_within(state, Instant::now(), SLOW_LIMIT, f)
}

fn with_actor_at<T: Send + 'static>(
    state: &AppState,
    at: Instant,
    f: impl FnOnce(&mut Store, &Actor) -> appraise_core::Result<T> + Send + 'static,
) -> CmdResult<T> {
    with_actor_within(state, at, LIMIT, f)
}

fn with_actor_within<T: Send + 'static>(
    state: &AppState,
    at: Instant,
    limit: Duration,
    f: impl FnOnce(&mut Store, &Actor) -> appraise_core::Result<T> + Send + 'static,
) -> CmdResult<T> {
    let session = Arc::clone(&state.session);
    with_store_for(state, limit, move |store| {
        let signed_in = session.touch(idle_limit(store)?, at)?;
        let actor = match accounts::current(store.conn(), &signed_in, today_date()) {
            Ok(actor) => actor,
            Err(e) => {
                session.clear();
                return Err(e);
            }
        };
        if actor != signed_in {
            session.update(actor.clone());
        }
        if actor.must_change_passphrase {
            return Err(Error::Unauthenticated(
                "Choose a new passphrase before carrying on: the administrator set this one.".into(),
            ));
        }
        f(store, &actor)
    })
}

#[tauri::command(async)]
pub fn session_status(state: State<AppState>) -> CmdResult<SessionStatus> {
    status_at(&state, Instant::now())
}

fn status_at(state: &AppState, at: Instant) -> CmdResult<SessionStatus> {
    let session = Arc::clone(&state.session);
    with_held(state, LIMIT, move |held| {
        // On the department's server before anyone signs in there is no
        // connection, and nothing to show but the sign-in: no names.
        let on_server = held.server.is_some();
        if on_server && held.store.is_none() && held.login.is_none() {
            session.clear();
            return Ok(SessionStatus {
                first_run: false,
                locked: false,
                actor: None,
                idle_lock_minutes: 0,
                names: vec![],
                first_run_people: vec![],
            });
        }
        let store = held.store()?;
        let result = status_of(store, &session, at, on_server).map_err(ErrorPayload::from);
        result.map_err(|e| held.check_connection(e))
    })
}

fn status_of(
    store: &mut Store,
    session: &Session,
    at: Instant,
    on_server: bool,
) -> appraise_core::Result<SessionStatus> {
    let idle = idle_limit(store)?;
    let (actor, locked) = session.peek(idle, at);
    // As the database has them now: a changed role shows at once, a
    // removed or departed account ends the session.
    let actor = match actor.map(|a| accounts::current(store.conn(), &a, today_date())) {
        Some(Ok(current)) => {
            session.update(current.clone());
            Some(current)
        }
        Some(Err(Error::Unauthenticated(_))) => {
            session.clear();
            None
        }
        Some(Err(e)) => return Err(e),
        None => None,
    };
    // On the server the first administrator is made with appraise-cli, and
    // nobody's name is listed before they sign in.
    Ok(SessionStatus {
        first_run: !on_server && accounts::needs_first_run(store.conn())?,
        locked: locked && actor.is_some(),
        actor,
        idle_lock_minutes: settings::idle_lock::load(store.conn())?,
        names: if on_server {
            vec![]
        } else {
            accounts::sign_in_list(store.conn(), today_date())?
        },
        first_run_people: if on_server {
            vec![]
        } else {
            accounts::first_run_people(store.conn(), today_date())?
        },
    })
}

/// What the signed-in person may use across the department (the page-wide
/// buttons), from core's access rules.
#[tauri::command(async)]
pub fn rights(state: State<AppState>) -> CmdResult<access::Rights> {
    with_actor(&state, |s, actor| access::rights(s.conn(), actor))
}

/// First run: makes the chosen person (or the one added) the administrator,
/// saves the trust's and department's names, and signs them in.
#[tauri::command(async)]
pub fn first_run(state: State<AppState>, form: FirstRun, passphrase: String) -> CmdResult<Actor> {
    let actor = with_store(&state, move |s| {
        accounts::first_run(s.conn_mut(), &form, &passphrase, now())
    })?;
    state.session.set(actor.clone(), Instant::now());
    Ok(actor)
}

#[tauri::command(async)]
pub fn sign_in(state: State<AppState>, staff_number: String, passphrase: String) -> CmdResult<Actor> {
    sign_in_at(&state, &staff_number, &passphrase, Instant::now())
}

/// On a file, core checks the passphrase; on the department's server the
/// server does, as the person's own login (its password is their
/// passphrase), and a refusal reads as a wrong passphrase whether or not
/// the staff number has an account.
fn sign_in_at(state: &AppState, staff_number: &str, passphrase: &str, at: Instant) -> CmdResult<Actor> {
    let (staff_number, passphrase) = (staff_number.to_owned(), passphrase.to_owned());
    let actor = with_held(state, LIMIT, move |held| match held.server.clone() {
        None => accounts::sign_in(held.store()?.conn_mut(), &staff_number, &passphrase, now()).map_err(Into::into),
        Some(place) => {
            held.store = None;
            held.login = None;
            let mut store = connect(&place, &staff_number, &passphrase)?;
            let actor = accounts::sign_in_connected(store.conn_mut(), now())?;
            held.store = Some(store);
            held.login = Some((staff_number.trim().to_owned(), passphrase));
            Ok(actor)
        }
    })?;
    state.session.set(actor.clone(), at);
    Ok(actor)
}

/// Connects as the person; a server that cannot be reached is `offline`.
fn connect(place: &ServerPlace, staff_number: &str, passphrase: &str) -> CmdResult<Store> {
    connection::connect_as(place, staff_number, passphrase).map_err(|e| match e {
        Error::Io(_) => offline(),
        e => e.into(),
    })
}

/// Ends the session; on the server, closes the person's connection too.
#[tauri::command(async)]
pub fn sign_out(state: State<AppState>) {
    state.session.clear();
    let _ = with_held(&state, LIMIT, |held| {
        if held.server.is_some() {
            held.store = None;
            held.login = None;
        }
        Ok(())
    });
}

/// After the idle lock: the same person types their passphrase again.
#[tauri::command(async)]
pub fn unlock(state: State<AppState>, passphrase: String) -> CmdResult<Actor> {
    unlock_at(&state, &passphrase, Instant::now())
}

/// Only the person whose session it is can carry it on: the passphrase is
/// checked against theirs (on the server, by connecting again as them).
fn unlock_at(state: &AppState, passphrase: &str, at: Instant) -> CmdResult<Actor> {
    let passphrase = passphrase.to_owned();
    let (actor, _) = state.session.peek(Duration::MAX, at);
    let actor = actor.ok_or_else(|| ErrorPayload::from(Error::Unauthenticated("Sign in to continue.".into())))?;
    let staff_number = actor.staff_number.clone();
    with_held(state, LIMIT, move |held| match held.server.clone() {
        None => accounts::verify_passphrase(held.store()?.conn_mut(), &staff_number, &passphrase, now())
            .map(|_| ())
            .map_err(Into::into),
        Some(place) => {
            let store = connect(&place, &staff_number, &passphrase)?;
            held.store = Some(store);
            held.login = Some((staff_number, passphrase));
            Ok(())
        }
    })?;
    state.session.set(actor.clone(), at);
    Ok(actor)
}

#[tauri::command(async)]
pub fn change_passphrase(state: State<AppState>, current: String, new: String) -> CmdResult<Actor> {
    change_passphrase_at(&state, &current, &new, Instant::now())
}

/// On the server core changes the login's password with the passphrase; the
/// window then reconnects with the new one after a lost connection.
fn change_passphrase_at(state: &AppState, current: &str, new: &str, at: Instant) -> CmdResult<Actor> {
    let (current, new) = (current.to_owned(), new.to_owned());
    let (actor, _) = state.session.peek(Duration::MAX, at);
    let actor = actor.ok_or_else(|| ErrorPayload::from(Error::Unauthenticated("Sign in to continue.".into())))?;
    let updated = with_held(state, LIMIT, move |held| {
        let result = accounts::change_passphrase(held.store()?.conn_mut(), &actor, &current, &new, now());
        match result {
            Ok(updated) => {
                if let Some((_, passphrase)) = held.login.as_mut() {
                    *passphrase = new;
                }
                Ok(updated)
            }
            Err(e) => Err(held.check_connection(e.into())),
        }
    })?;
    state.session.set(updated.clone(), at);
    Ok(updated)
}

/// The person typed or clicked in the window: the idle lock counts from now.
/// Refused like any record command once locked.
#[tauri::command(async)]
pub fn session_touch(state: State<AppState>) -> CmdResult<()> {
    with_actor(&state, |_, _| Ok(()))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use appraise_core::accounts::Role;
    use appraise_core::server::connection::{ConnectionChoice, ConnectionStatus};
    use appraise_core::staff::StaffInput;

    use crate::connection::Place;
    use crate::store_thread::{Held, StoreThread};

    use super::*;

    const ADMIN_PASSPHRASE: &str = "administrator's own passphrase";
    const CODER_FIRST: &str = "first passphrase from the administrator";
    const CODER_OWN: &str = "the coder's own passphrase";
    const MINUTE: Duration = Duration::from_secs(60);

    fn staff(forename: &str, surname: &str, manager: &str) -> StaffInput {
        StaffInput {
            forename: forename.into(),
            surname: surname.into(),
            band: "5".into(),
            job_title: "Clinical Coder".into(),
            appointed: "2024-04-01".into(),
            manager: manager.into(),
            ..StaffInput::default()
        }
    }

    /// A window on a fresh database with an administrator, an idle lock of
    /// five minutes, and a coder whose first passphrase the administrator
    /// set. Returns (window, administrator's staff number, coder's).
    fn window() -> (AppState, String, String) {
        let mut store = Store::open_in_memory().expect("an in-memory store");
        let conn = store.conn_mut();
        let admin = accounts::create_first_administrator(conn, &staff("Ada", "Admin", ""), ADMIN_PASSPHRASE, now())
            .expect("the first administrator");
        let coder = appraise_core::staff::add_audited(
            conn,
            &admin,
            &staff("Cy", "Coder", &admin.staff_number),
            today_date(),
            now(),
        )
        .expect("the coder");
        accounts::create_account(conn, &admin, &coder.staff_number, Role::Coder, CODER_FIRST, now())
            .expect("the coder's account");
        appraise_core::settings::idle_lock::save(conn, &admin, 5, now()).expect("the idle lock");
        let state = AppState {
            store: StoreThread::start(move || Held {
                store: Some(store),
                ..Held::default()
            }),
            place: std::sync::Mutex::new(Place {
                status: ConnectionStatus {
                    choice: Some(ConnectionChoice::File),
                    fixed_by: None,
                    saved_in: String::new(),
                },
                db_path: PathBuf::new(),
                error: None,
            }),
            session: Arc::default(),
        };
        (state, admin.staff_number, coder.staff_number)
    }

    /// Who a record command runs as at `at`, or its refusal.
    fn who(state: &AppState, at: Instant) -> CmdResult<String> {
        with_actor_at(state, at, |_, actor| Ok(actor.staff_number.clone()))
    }

    fn refusal(result: CmdResult<impl std::fmt::Debug>) -> ErrorPayload {
        result.expect_err("the command should be refused")
    }

    #[test]
    fn nobody_signed_in_is_refused_until_someone_signs_in() {
        let (state, admin, _) = window();
        let t0 = Instant::now();
        let refused = refusal(who(&state, t0));
        assert_eq!(refused.code, "unauthenticated", "no command before signing in");
        assert_eq!(refused.message, "Sign in to continue.");
        assert_eq!(
            status_at(&state, t0).expect("status").actor,
            None,
            "nobody is shown as signed in"
        );

        sign_in_at(&state, &admin, ADMIN_PASSPHRASE, t0).expect("the administrator signs in");
        assert_eq!(
            who(&state, t0).expect("a command runs"),
            admin,
            "commands run as the person signed in"
        );
        let status = status_at(&state, t0).expect("status");
        assert_eq!(
            status.actor.map(|a| a.staff_number),
            Some(admin),
            "the status names them"
        );
        assert!(!status.locked, "a fresh session is not locked");

        state.session.clear();
        assert_eq!(
            refusal(who(&state, t0)).code,
            "unauthenticated",
            "signing out ends the session"
        );
    }

    #[test]
    fn a_wrong_passphrase_signs_nobody_in() {
        let (state, admin, _) = window();
        let t0 = Instant::now();
        assert_eq!(
            refusal(sign_in_at(&state, &admin, "not the passphrase", t0)).code,
            "unauthenticated"
        );
        assert_eq!(
            refusal(who(&state, t0)).code,
            "unauthenticated",
            "still nobody signed in"
        );
    }

    #[test]
    fn the_window_locks_after_the_configured_minutes_without_use() {
        let (state, admin, _) = window();
        let t0 = Instant::now();
        sign_in_at(&state, &admin, ADMIN_PASSPHRASE, t0).expect("sign in");
        assert!(who(&state, t0 + 4 * MINUTE).is_ok(), "four minutes is within the five");
        assert!(
            who(&state, t0 + 8 * MINUTE).is_ok(),
            "each use starts the count again: four minutes since the last"
        );
        let idle = t0 + 13 * MINUTE + Duration::from_secs(1);
        let refused = refusal(who(&state, idle));
        assert_eq!(
            refused.code, "unauthenticated",
            "five minutes and a second without use locks"
        );
        assert!(
            refused.message.contains("locked itself"),
            "the message says why: {}",
            refused.message
        );
        let status = status_at(&state, idle).expect("status");
        assert!(status.locked, "the status shows the lock");
        assert_eq!(
            status.actor.map(|a| a.staff_number),
            Some(admin),
            "and whose session it is"
        );
        assert!(
            who(&state, idle + Duration::from_secs(1)).is_err(),
            "a locked session stays locked however soon the next command comes"
        );
    }

    #[test]
    fn the_idle_lock_shows_in_the_status_without_a_command() {
        let (state, admin, _) = window();
        let t0 = Instant::now();
        sign_in_at(&state, &admin, ADMIN_PASSPHRASE, t0).expect("sign in");
        assert!(
            !status_at(&state, t0 + 4 * MINUTE).expect("status").locked,
            "four minutes is not yet idle"
        );
        assert!(
            !status_at(&state, t0 + 5 * MINUTE).expect("status").locked,
            "nor exactly five"
        );
        assert!(
            status_at(&state, t0 + 6 * MINUTE).expect("status").locked,
            "six minutes is: asking for the status does not count as use"
        );
    }

    #[test]
    fn the_same_person_unlocks_and_carries_on() {
        let (state, admin, _) = window();
        let t0 = Instant::now();
        sign_in_at(&state, &admin, ADMIN_PASSPHRASE, t0).expect("sign in");
        let later = t0 + 10 * MINUTE;
        assert!(who(&state, later).is_err(), "locked");
        let actor = unlock_at(&state, ADMIN_PASSPHRASE, later).expect("their own passphrase unlocks");
        assert_eq!(actor.staff_number, admin, "the session is theirs still");
        assert_eq!(
            who(&state, later).expect("carries on"),
            admin,
            "commands run again, as them"
        );
        assert!(
            who(&state, later + 4 * MINUTE).is_ok(),
            "the idle count starts again from the unlock"
        );
    }

    #[test]
    fn another_person_cannot_unlock_into_a_locked_session() {
        let (state, admin, coder) = window();
        let t0 = Instant::now();
        sign_in_at(&state, &coder, CODER_FIRST, t0).expect("the coder signs in");
        change_passphrase_at(&state, CODER_FIRST, CODER_OWN, t0).expect("and chooses her own passphrase");
        state.session.clear();
        sign_in_at(&state, &admin, ADMIN_PASSPHRASE, t0).expect("the administrator signs in");
        let later = t0 + 10 * MINUTE;
        assert!(who(&state, later).is_err(), "locked");

        let refused = refusal(unlock_at(&state, CODER_OWN, later));
        assert_eq!(
            refused.code, "unauthenticated",
            "the coder's passphrase does not unlock the administrator's session"
        );
        assert!(who(&state, later).is_err(), "the session stays locked");
        let status = status_at(&state, later).expect("status");
        assert!(status.locked, "still locked");
        assert_eq!(
            status.actor.map(|a| a.staff_number),
            Some(admin),
            "and still the administrator's"
        );
    }

    #[test]
    fn a_passphrase_the_administrator_set_must_be_changed_before_any_command() {
        let (state, _, coder) = window();
        let t0 = Instant::now();
        let actor = sign_in_at(&state, &coder, CODER_FIRST, t0).expect("the coder signs in");
        assert!(actor.must_change_passphrase, "the administrator chose this passphrase");
        let refused = refusal(who(&state, t0));
        assert_eq!(
            refused.code, "unauthenticated",
            "no command until she has chosen her own"
        );
        assert!(
            refused.message.contains("Choose a new passphrase"),
            "the message says what to do: {}",
            refused.message
        );

        change_passphrase_at(&state, CODER_FIRST, CODER_OWN, t0).expect("she chooses her own");
        assert_eq!(
            who(&state, t0).expect("commands run"),
            coder,
            "then commands run as her"
        );
    }
}
