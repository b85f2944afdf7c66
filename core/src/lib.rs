//! Appraise core: every domain rule, the SQLite store and the pieces the
//! headless CLI and the Tauri shell share.
//!
//! Nothing in this crate reads the clock, the environment or a default path:
//! callers pass `today` and the database path in, so tests run on a fixed
//! clock and an in-memory store.

pub mod access;
pub mod accounts;
pub mod appraisal;
pub mod audit;
pub mod backup;
pub mod bindings;
pub mod coding_audit;
pub mod cycle;
pub mod dashboard;
pub mod dates;
pub mod demo;
pub mod error;
pub mod framework;
pub mod nccq;
pub mod paths;
pub mod pay_steps;
pub mod pdf;
pub mod print;
pub mod reports;
pub mod retention;
pub mod server;
pub mod settings;
pub mod staff;
pub mod staff_import;
pub mod store;
pub mod subject_access;
pub mod team;
pub mod training;

pub use error::{Error, ErrorPayload, FieldError, Result};
pub use store::Store;
