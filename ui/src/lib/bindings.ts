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

export type SourceFormat = "text" | "csv";

export type WarningKind = "no_heading" | "section_title" | "duplicate_heading" | "similar_name" | "same_text" | "unknown_code";

export type ImportWarning = { 
/**
 * The line (text file) or row (CSV) it is about, from 1.
 */
line: number, kind: WarningKind, message: string, };

export type ImportPreview = { format: SourceFormat, 
/**
 * Lower-case hex; the same file always gives the same hash.
 */
source_sha256: string, skills: number, competencies: number, statements: number, warnings: Array<ImportWarning>, };

export type FilePreview = { path: string, file_name: string, 
/**
 * The file name without its extension: the framework's name unless the
 * person types another.
 */
suggested_name: string, preview: ImportPreview, };

export type ImportReport = { framework_id: number, skills: number, competencies: number, statements: number, warnings: Array<ImportWarning>, };

export type BuiltinStatus = { 
/**
 * The stored built-in framework matching this Appraise.
 */
framework_id: number, 
/**
 * It was added just now.
 */
added_framework: boolean, 
/**
 * The default role profiles were added just now (there were none).
 */
added_roles: boolean, };

export type FrameworkSummary = { id: number, name: string, 
/**
 * 1 for the first import under this name, then 2, 3, ...
 */
version: number, imported_at: string, source_sha256: string, source_name: string, source_format: SourceFormat, 
/**
 * Shipped with Appraise rather than imported.
 */
builtin: boolean, skills: number, competencies: number, statements: number, 
/**
 * Statements that differ from the source file, each with its note.
 */
corrections: number, };

export type StatementNode = { id: number, text: string, 
/**
 * Where it was in the source file (line or row).
 */
source_line: number | null, 
/**
 * Why it differs from the source, "Corrected from …", when it does.
 */
correction: string | null, };

export type LevelNode = { 
/**
 * 1 to 7.
 */
level: number, 
/**
 * The SFIA 9 name: Follow, Assist, ...
 */
level_name: string, 
/**
 * Usually one; a level may hold several.
 */
statements: Array<StatementNode>, };

export type CompetencyNode = { id: number, name: string, 
/**
 * Only the levels this competency is defined at, lowest first.
 */
levels: Array<LevelNode>, };

export type SkillNode = { id: number, 
/**
 * The SFIA code, such as ANCC.
 */
code: string, name: string, 
/**
 * The code is one of the SFIA 9 skills Appraise knows.
 */
known: boolean, competencies: Array<CompetencyNode>, };

export type FrameworkTree = { summary: FrameworkSummary, skills: Array<SkillNode>, };

export type RoleProfile = { id: number, 
/**
 * An Agenda for Change band: one of `BANDS`.
 */
band: string, title: string, };

export type RoleGridRow = { skill_code: string, skill_name: string, competency: string, 
/**
 * The levels this framework defines the competency at, lowest first:
 * the choices for a cell.
 */
levels: Array<number>, 
/**
 * One per role, in the order of `roles`; null where the role is not
 * expected to have the competency.
 */
expected: Array<number | null>, };

export type RoleGrid = { framework_id: number, 
/**
 * The columns, in order.
 */
roles: Array<RoleProfile>, rows: Array<RoleGridRow>, };

export type Paper = "practical" | "theory";

export type CourseKind = "standards" | "refresher";

export type NccqState = "on_track" | "at_risk" | "missed" | "achieved";

export type PassMarks = { 
/**
 * The calendar year of the sittings.
 */
year: number, practical: number, theory: number, };

export type NccqSettings = { 
/**
 * Months from appointment to the NCCQ deadline.
 */
deadline_months: number, 
/**
 * Months from appointment by which the Standards course must start.
 */
course_months: number, 
/**
 * Years from one course to the next refresher.
 */
refresher_years: number, 
/**
 * The sitting dates, in order. Empty means 1 March and 1 September of
 * every year; a list given here replaces those entirely.
 */
sittings: Array<string>, 
/**
 * Pass marks by year, in order of year.
 */
pass_marks: Array<PassMarks>, };

export type CourseAttendance = { id: number, kind: CourseKind, start: string, end: string | null, };

export type ExamAttempt = { id: number, sitting: string, paper: Paper, 
/**
 * Percent.
 */
score: number, 
/**
 * Percent, as in force at the sitting.
 */
pass_mark: number, passed: boolean, };

export type NccqRecord = { staff: StaffMember, 
/**
 * By start date.
 */
courses: Array<CourseAttendance>, 
/**
 * By sitting, Practical before Theory.
 */
exams: Array<ExamAttempt>, 
/**
 * The last day of their IHRIM membership.
 */
ihrim_valid_until: string | null, };

export type CourseInput = { 
/**
 * `standards` or `refresher`.
 */
kind: string, start: string, end: string, };

export type ExamInput = { sitting: string, 
/**
 * `practical` or `theory` (or 1, 2).
 */
paper: string, 
/**
 * Percent; a trailing % is allowed.
 */
score: string, };

export type ExamOutcome = { attempt: ExamAttempt, acc_awarded: string | null, };

export type NccqDeadlines = { standards_course_start_by: string, nccq_by: string, 
/**
 * Sittings from today (or the appointment, if later) to `nccq_by`.
 */
sittings_left: Array<string>, 
/**
 * Days from today to `nccq_by`; negative once it has passed.
 */
days_left: number, 
/**
 * The next refresher due dates, counted from the Standards course (or,
 * when none is given, from its latest allowed start).
 */
refresher_due: Array<string>, appointed: string, today: string, };

export type NccqStatus = { staff_number: string, name: string, state: NccqState, 
/**
 * Plain sentences, the ones that set the state first.
 */
reasons: Array<string>, 
/**
 * Plain sentences, the most urgent first.
 */
next_steps: Array<string>, appointed: string, standards_course_start_by: string, nccq_by: string, 
/**
 * Days from today to `nccq_by`; negative once it has passed.
 */
days_left: number, sittings_left: Array<string>, 
/**
 * The start of the first Standards course, attended or booked.
 */
standards_course_start: string | null, practical_passed: string | null, theory_passed: string | null, acc_date: string | null, ihrim_valid_until: string | null, next_refresher_due: string | null, };

/** Agenda for Change bands, in order. */
export const BANDS = ["2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"] as const;

/** SFIA 9 level names, level 1 first. */
export const LEVEL_NAMES = ["Follow", "Assist", "Apply", "Enable", "Ensure/advise", "Initiate/influence", "Set strategy/inspire/mobilise"] as const;
