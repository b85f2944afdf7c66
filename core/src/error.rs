//! The one error type of core, and the `{code, message}` shape it takes when
//! it crosses IPC or reaches the CLI.

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A message about one input field, shown next to that field in the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldError {
    /// The input field's name, as in the input type (`band`, `appointed`, ...).
    pub field: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more fields were refused; every message is for a person.
    #[error("{}", summary(.0))]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// The acting user may not see or change this record.
    #[error("{0}")]
    Forbidden(String),
    /// Nobody is signed in, or the session has locked.
    #[error("{0}")]
    Unauthenticated(String),
    /// The record is signed and locked: nothing may change it.
    #[error("{0}")]
    Locked(String),
    /// The file at the database path is not an Appraise database. It was not
    /// touched.
    #[error("{0}")]
    NotAppraiseDatabase(String),
    /// The database was written by a newer Appraise. It was not touched.
    #[error("{0}")]
    NewerSchema(String),
    #[error("The database could not be read or written: {0}")]
    Database(#[from] crate::store::db::Error),
    #[error("{0}")]
    Io(String),
}

fn summary(fields: &[FieldError]) -> String {
    fields.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join(" ")
}

impl Error {
    pub fn invalid(field: &str, message: impl Into<String>) -> Error {
        Error::Invalid(vec![FieldError {
            field: field.to_owned(),
            message: message.into(),
        }])
    }

    /// Stable machine-readable code; the UI matches on it.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Forbidden(_) => "forbidden",
            Error::Unauthenticated(_) => "unauthenticated",
            Error::Locked(_) => "locked",
            Error::NotAppraiseDatabase(_) => "not_appraise_database",
            Error::NewerSchema(_) => "newer_schema",
            Error::Database(_) => "database",
            Error::Io(_) => "io",
        }
    }
}

/// An error as it crosses IPC: the UI matches on `code`, shows `message`, and
/// puts each of `fields` next to its input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl From<Error> for ErrorPayload {
    fn from(err: Error) -> Self {
        let fields = match &err {
            Error::Invalid(fields) => fields.clone(),
            _ => Vec::new(),
        };
        ErrorPayload {
            code: err.code().to_owned(),
            message: err.to_string(),
            fields,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::Database(e.into())
    }
}
