//! Department mode: one PostgreSQL database for the whole department.

pub mod login;
pub mod url;
