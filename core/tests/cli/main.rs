//! The command line as a script would use it: real processes, real files,
//! exit codes. One test binary, a module for each area, so the helpers in
//! `common.rs` are written once. A module that needs a helper of its own
//! shape (standard input, a working directory, a longer message) defines it
//! and so hides the shared one.

mod common;
mod crash;

mod accounts;
mod appraisal;
mod backup;
mod coding_audit;
mod dashboard;
mod db_url;
mod framework;
mod nccq;
mod one_file;
mod pay;
mod pdf;
mod report;
mod retention;
mod staff;
mod subject_access;
mod training;
