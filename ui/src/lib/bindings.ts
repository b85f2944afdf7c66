// Generated from the Rust types in core/ by core/src/bindings.rs. Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p appraise-core bindings

export type FieldError = { 
/**
 * The input field's name, as in the input type (`band`, `appointed`, ...).
 */
field: string, message: string, };

export type ErrorPayload = { code: string, message: string, fields: Array<FieldError>, };

export type OpenStatus = { db_path: string, error: ErrorPayload | null, };

export type StaffMember = { staff_number: string, forename: string, surname: string, 
/**
 * An Agenda for Change band: one of `BANDS`.
 */
band: string, job_title: string, appointed: string, 
/**
 * The line manager's staff number.
 */
manager: string | null, 
/**
 * The line manager's name, for lists.
 */
manager_name: string | null, 
/**
 * Accredited Clinical Coder since.
 */
acc_date: string | null, leaver_date: string | null, };

export type StaffInput = { staff_number: string, forename: string, surname: string, band: string, job_title: string, appointed: string, manager: string, acc_date: string, leaver_date: string, };

/** Agenda for Change bands, in order. */
export const BANDS = ["2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"] as const;
