//! Live refresh on the department's server: a listener on a std thread of
//! its own, with a connection of its own as the signed-in person's login,
//! waits on `LISTEN appraise_changed` (the server's triggers notify it at
//! each commit, naming a table and nothing else) and tells the window
//! (`data-changed`), which reads the page on screen again
//! (`ui/src/lib/live.svelte.ts`).
//!
//! It follows who is signed in by asking the store's thread (no other
//! module has to tell it): it starts when someone signs in on the server
//! and stops within a second of signing out. A burst of changes (a meeting
//! saving field after field) is told once; the window's own changes (made
//! through the store's connection) are not told, as they are on screen. After a lost connection it
//! waits a moment, connects again and tells the window too, since changes
//! made meanwhile were not heard. A database file has no listener: only
//! this window changes it.

use std::time::{Duration, Instant};

use appraise_core::server::connection::{self, ServerPlace};
use appraise_core::{Error, Store};
use postgres::fallible_iterator::FallibleIterator;
use tauri::{AppHandle, Emitter, Manager};

use crate::store_thread::LIMIT;
use crate::AppState;

/// How often it looks for someone signed in, and for signing out.
const LOOK: Duration = Duration::from_secs(1);
/// Changes closer together than this are told once.
const GATHER: Duration = Duration::from_millis(200);
/// The pause before connecting again after a lost connection.
const PAUSE: Duration = Duration::from_secs(2);
/// How often a quiet connection is checked (a server gone without closing it).
const CHECK: Duration = Duration::from_secs(5);

/// The server and the signed-in person's login, as the store's thread keeps them.
#[derive(Clone, PartialEq)]
struct Login {
    place: ServerPlace,
    staff_number: String,
    passphrase: String,
}

impl Login {
    /// The same person on the same server (a changed passphrase is the same login).
    fn same_as(&self, other: &Login) -> bool {
        self.place == other.place && self.staff_number == other.staff_number
    }
}

/// Starts the listener's thread for the window's life.
pub fn start(app: AppHandle) {
    let started = std::thread::Builder::new().name("live".into()).spawn(move || run(&app));
    // Without it the window still works; pages are read when opened.
    drop(started);
}

/// How a listening connection ended.
enum End {
    /// The person signed out (or another signed in).
    SignedOut,
    /// The connection was lost.
    Lost,
}

fn run(app: &AppHandle) {
    // The login the last connection was made for: connecting again for it
    // means changes may have been missed.
    let mut heard_for: Option<Login> = None;
    loop {
        let login = match signed_in(app) {
            Ok(Some(login)) => login,
            Ok(None) => {
                heard_for = None;
                std::thread::sleep(LOOK);
                continue;
            }
            Err(Busy) => {
                std::thread::sleep(LOOK);
                continue;
            }
        };
        let store = match connection::connect_as(&login.place, &login.staff_number, &login.passphrase) {
            Ok(store) => store,
            // The passphrase was changed on another PC: the window's next
            // command asks the person to sign in again; meanwhile do not
            // knock at the server with the old one.
            Err(Error::Unauthenticated(_)) => {
                std::thread::sleep(PAUSE * 15);
                continue;
            }
            Err(_) => {
                std::thread::sleep(PAUSE);
                continue;
            }
        };
        if store
            .conn()
            .with_server(|c| c.batch_execute("LISTEN appraise_changed"))
            .and_then(Result::ok)
            .is_none()
        {
            std::thread::sleep(PAUSE);
            continue;
        }
        if heard_for.as_ref().is_some_and(|h| h.same_as(&login)) {
            // Connected again: the page reads everything again, through a
            // store connection that works (the old one died with this one).
            renew_store(app);
            tell(app);
        }
        heard_for = Some(login.clone());
        match listen(app, &store, &login) {
            End::SignedOut => heard_for = None,
            End::Lost => std::thread::sleep(PAUSE),
        }
    }
}

/// Waits for notifications on `store`'s connection until the person signs
/// out or the connection is lost, telling the window of each burst.
fn listen(app: &AppHandle, store: &Store, login: &Login) -> End {
    let mut checked = Instant::now();
    // The server process of this window's own store connection: its changes
    // are on screen already.
    let mut own: Option<i64> = None;
    loop {
        let heard = store.conn().with_server(|c| {
            let first = c.notifications().timeout_iter(LOOK).next();
            match first {
                Ok(Some(n)) => {
                    // Gather the rest of the burst, then tell once.
                    let mut from = vec![i64::from(n.process_id())];
                    let mut notifications = c.notifications();
                    let mut rest = notifications.timeout_iter(GATHER);
                    while let Ok(Some(n)) = rest.next() {
                        from.push(i64::from(n.process_id()));
                    }
                    Ok(from)
                }
                Ok(None) if c.is_closed() => Err(()),
                Ok(None) => Ok(Vec::new()),
                Err(_) => Err(()),
            }
        });
        match heard {
            Some(Ok(from)) if from.is_empty() => {}
            Some(Ok(from)) => {
                if !from.iter().all(|p| own == Some(*p)) {
                    // The store may have connected again since: ask once more.
                    own = own_process(app);
                }
                if !from.iter().all(|p| own == Some(*p)) {
                    tell(app);
                }
            }
            _ => return End::Lost,
        }
        if checked.elapsed() >= CHECK {
            checked = Instant::now();
            let alive = store.conn().with_server(|c| c.batch_execute("SELECT 1").is_ok());
            if alive != Some(true) {
                return End::Lost;
            }
        }
        match signed_in(app) {
            // A busy store's thread answers later: meanwhile nothing has changed.
            Err(Busy) => {}
            Ok(Some(now)) if now.same_as(login) => {}
            Ok(_) => return End::SignedOut,
        }
    }
}

/// The store's thread did not answer in time (a slow command).
struct Busy;

/// Who is signed in on the server, as the store's thread has it; `None` on
/// a file or before anyone signs in.
fn signed_in(app: &AppHandle) -> Result<Option<Login>, Busy> {
    let Some(state) = app.try_state::<AppState>() else {
        return Ok(None);
    };
    let asked = state.store.run(LOOK * 2, |held| {
        Ok(match (&held.server, &held.login) {
            (Some(place), Some((staff_number, passphrase))) => Some(Login {
                place: place.clone(),
                staff_number: staff_number.clone(),
                passphrase: passphrase.clone(),
            }),
            _ => None,
        })
    });
    match asked {
        Ok(login) => Ok(login),
        Err(e) if e.code == "timeout" => Err(Busy),
        Err(_) => Ok(None),
    }
}

/// Drops the store's connection if it is dead and connects again, so the
/// window's next commands do not meet the lost one first.
fn renew_store(app: &AppHandle) {
    let Some(state) = app.try_state::<AppState>() else {
        return;
    };
    let _ = state.store.run(LIMIT, |held| {
        let alive = held
            .store
            .as_ref()
            .is_some_and(|s| s.conn().query_row("SELECT 1", [], |_| Ok(())).is_ok());
        if !alive {
            held.store = None;
        }
        held.store().map(|_| ())
    });
}

/// The server process of the store's own connection, if it has one now.
fn own_process(app: &AppHandle) -> Option<i64> {
    let state = app.try_state::<AppState>()?;
    state
        .store
        .run(LOOK * 2, |held| {
            Ok(held.store.as_ref().and_then(|s| {
                s.conn()
                    .query_row("SELECT pg_backend_pid()", [], |r| r.get::<_, i64>(0))
                    .ok()
            }))
        })
        .ok()
        .flatten()
}

/// Tells the window something it shows may have changed.
fn tell(app: &AppHandle) {
    let _ = app.emit::<()>("data-changed", ());
}
