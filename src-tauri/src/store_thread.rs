//! The store's own thread. Every command's work on the store runs here, one
//! at a time, never on the window's thread: a slow or lost department
//! server makes a command wait (at most [`LIMIT`]) and answer an error, and
//! the window stays responsive. The synchronous `postgres` client cannot
//! run inside the async runtime (it starts one of its own), so the thread
//! is a plain std thread that owns the store.
//!
//! On the department's server the thread also keeps the signed-in person's
//! login, so that after a lost connection the next command connects again
//! by itself (`reconnect`).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use appraise_core::server::connection::{self, ServerPlace};
use appraise_core::{Error, ErrorPayload, Store};

use crate::state::CmdResult;

/// How long a command waits for its answer.
pub const LIMIT: Duration = Duration::from_secs(15);
/// For the few commands that read a whole file or the whole audit trail.
pub const SLOW_LIMIT: Duration = Duration::from_secs(300);

/// What the store's thread holds.
#[derive(Default)]
pub struct Held {
    pub store: Option<Store>,
    /// Why there is no store, when that is not "sign in first".
    pub missing: Option<ErrorPayload>,
    /// The department's server, when the data lives there.
    pub server: Option<ServerPlace>,
    /// The signed-in person's staff number and passphrase (their login's
    /// password), to connect again after a lost connection.
    pub login: Option<(String, String)>,
}

impl Held {
    /// The open store, connecting again first if the server's connection
    /// was lost; `unauthenticated` on the server before anyone signs in.
    pub fn store(&mut self) -> CmdResult<&mut Store> {
        if self.store.is_none() {
            if let (Some(place), Some((staff_number, passphrase))) = (&self.server, &self.login) {
                match connection::connect_as(place, staff_number, passphrase) {
                    Ok(store) => self.store = Some(store),
                    // The passphrase was changed on another PC: sign in again.
                    Err(Error::Unauthenticated(_)) => {
                        self.login = None;
                        return Err(Error::Unauthenticated("Sign in to continue.".into()).into());
                    }
                    Err(_) => return Err(offline()),
                }
            }
        }
        let missing = self.missing.clone();
        let on_server = self.server.is_some();
        self.store.as_mut().ok_or_else(|| match missing {
            Some(why) => why,
            None if on_server => Error::Unauthenticated("Sign in to continue.".into()).into(),
            None => Error::Unauthenticated("Choose where Appraise keeps its data first.".into()).into(),
        })
    }

    /// After a failed command on the server: if the connection itself is
    /// gone, drop it (the next command connects again) and say so.
    pub fn check_connection(&mut self, error: ErrorPayload) -> ErrorPayload {
        if self.server.is_none() {
            return error;
        }
        let alive = self
            .store
            .as_ref()
            .is_some_and(|s| s.conn().query_row("SELECT 1", [], |_| Ok(())).is_ok());
        if alive {
            error
        } else {
            self.store = None;
            offline()
        }
    }
}

/// A lost connection to the department's server: the window shows its
/// banner for the code, and the message where the page was.
pub fn offline() -> ErrorPayload {
    ErrorPayload {
        code: "offline".into(),
        message: "Appraise cannot reach the department's server just now. It keeps trying.".into(),
        fields: vec![],
    }
}

fn no_answer(limit: Duration) -> ErrorPayload {
    ErrorPayload {
        code: "timeout".into(),
        message: format!(
            "No answer within {} seconds: the department's server may be slow or out of reach. Try again in a moment.",
            limit.as_secs()
        ),
        fields: vec![],
    }
}

type Job = Box<dyn FnOnce(&mut Held) + Send>;

/// The handle the commands send work through.
pub struct StoreThread {
    jobs: mpsc::Sender<Job>,
}

impl StoreThread {
    /// Starts the thread, which first opens what it holds with `open`.
    pub fn start(open: impl FnOnce() -> Held + Send + 'static) -> StoreThread {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("store".into())
            .spawn(move || {
                let mut held = open();
                for job in queue {
                    job(&mut held);
                }
            })
            .expect("the store's thread starts");
        StoreThread { jobs }
    }

    /// Runs `job` on the store's thread and waits at most `limit` for its
    /// answer. A job still queued when its caller has given up is skipped,
    /// so a change the window was told had failed is not made later.
    pub fn run<T: Send + 'static>(
        &self,
        limit: Duration,
        job: impl FnOnce(&mut Held) -> CmdResult<T> + Send + 'static,
    ) -> CmdResult<T> {
        let (answer, answered) = mpsc::sync_channel(1);
        let deadline = Instant::now() + limit;
        self.jobs
            .send(Box::new(move |held: &mut Held| {
                if Instant::now() >= deadline {
                    return;
                }
                let result = catch_unwind(AssertUnwindSafe(|| job(held))).unwrap_or_else(|_| {
                    Err(Error::Io("Appraise could not complete that: an internal error. Try again.".into()).into())
                });
                let _ = answer.send(result);
            }))
            .map_err(|_| ErrorPayload::from(Error::Io("The store has stopped; restart Appraise.".into())))?;
        // Waiting blocks this thread: tell the async runtime, so its other
        // tasks move to another worker meanwhile.
        // Disconnected: the job was skipped at its deadline.
        tokio::task::block_in_place(|| answered.recv_timeout(limit)).map_err(|_| no_answer(limit))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_that_takes_too_long_answers_timeout_and_one_queued_behind_it_is_never_made() {
        let thread = StoreThread::start(Held::default);
        let slow = thread.run(Duration::from_millis(100), |_| {
            std::thread::sleep(Duration::from_millis(400));
            Ok(())
        });
        assert_eq!(
            slow.expect_err("no answer in time").code,
            "timeout",
            "the caller is answered at the limit"
        );

        let made = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&made);
        let queued = thread.run(Duration::from_millis(100), move |_| {
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
            Ok(())
        });
        assert_eq!(
            queued.expect_err("still behind the slow one").code,
            "timeout",
            "it waited its limit too"
        );
        // Once the slow one has finished, the queued one's caller has given up: it is skipped.
        assert_eq!(
            thread.run(LIMIT, |_| Ok(7)).expect("the thread carries on"),
            7,
            "later commands run"
        );
        assert!(
            !made.load(std::sync::atomic::Ordering::SeqCst),
            "a change its caller was told had failed is not made later"
        );
    }

    #[test]
    fn a_command_that_panics_answers_an_error_and_the_store_carries_on() {
        let thread = StoreThread::start(Held::default);
        let result: CmdResult<()> = thread.run(LIMIT, |_| panic!("a bug"));
        assert_eq!(result.expect_err("an error, not a dead thread").code, "io");
        assert_eq!(
            thread.run(LIMIT, |_| Ok(1)).expect("answers"),
            1,
            "the next command runs"
        );
    }

    #[test]
    fn on_the_server_before_anyone_signs_in_a_command_asks_them_to() {
        let thread = StoreThread::start(|| Held {
            server: Some(ServerPlace {
                host: "db.trust.nhs.uk".into(),
                port: 5432,
                database: "coding".into(),
                sslmode: None,
            }),
            ..Held::default()
        });
        let refused = thread
            .run(LIMIT, |held| held.store().map(|_| ()))
            .expect_err("nobody signed in");
        assert_eq!(refused.code, "unauthenticated", "the window shows the sign-in");
    }
}
