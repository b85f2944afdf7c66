//! Appraise core: every domain rule, the SQLite store and the pieces the
//! headless CLI and the Tauri shell share.
//!
//! Nothing in this crate reads the clock, the environment or a default path:
//! callers pass `today` and the database path in, so tests run on a fixed
//! clock and an in-memory store.

pub mod bindings;
pub mod dates;
pub mod error;
pub mod framework;
pub mod nccq;
pub mod staff;
pub mod store;

pub use error::{Error, ErrorPayload, FieldError, Result};
pub use store::Store;
