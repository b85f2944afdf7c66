// Generated from the Rust types in core/ by core/src/bindings.rs. Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p appraise-core bindings

export type FieldError = { 
/**
 * The input field's name, as in the input type (`band`, `appointed`, ...).
 */
field: string, message: string, };

export type ErrorPayload = { code: string, message: string, fields: Array<FieldError>, };

export type OpenStatus = { db_path: string, error: ErrorPayload | null, };

export type ConnectionChoice = { "location": "file" } | { "location": "server" } & ServerPlace;

export type ServerPlace = { 
/**
 * A host name, an IP address, or the directory of a Unix socket.
 */
host: string, port: number, database: string, 
/**
 * libpq's sslmode; none means the rule's default (TLS required to
 * another computer).
 */
sslmode: string | null, };

export type ConnectionStatus = { 
/**
 * None at first start, before anyone has chosen.
 */
choice: ConnectionChoice | null, 
/**
 * The file that sets this computer's choice for every user (the
 * machine-wide file, or `APPRAISE_DB`): the window cannot change it.
 */
fixed_by: string | null, 
/**
 * Where the person's own choice is saved.
 */
saved_in: string, };

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
acc_date: string | null, leaver_date: string | null, 
/**
 * On the NCCQ pathway by hand: `Some(true)` on it, `Some(false)` not,
 * whatever the role; `None` follows the role profile (see
 * `nccq::on_pathway`).
 */
nccq_pathway: boolean | null, 
/**
 * The last appraisal held before the department used Appraise: the
 * next annual appraisal is due 12 months after it, unless a later one
 * was signed in Appraise.
 */
last_appraisal_before: string | null, 
/**
 * The date they entered their band: ESR's "incremental date", from
 * which their pay-step dates follow (`crate::pay_steps`). Left out of
 * the JSON when not recorded, so a record's printed content hash (an
 * NCCQ report, a PDP summary) is what it was before the field existed.
 */
band_entered?: string | null, };

export type StaffInput = { staff_number: string, forename: string, surname: string, band: string, job_title: string, appointed: string, manager: string, acc_date: string, leaver_date: string, 
/**
 * `yes` (on the NCCQ pathway), `no` (not on it), or empty to follow
 * the role profile.
 */
nccq_pathway: string, 
/**
 * The last appraisal held before Appraise; may be empty.
 */
last_appraisal_before: string, 
/**
 * The date they entered their band (ESR's incremental date); optional.
 */
band_entered: string, };

export type StaffRights = { 
/**
 * Change their details (`staff::edit_audited`).
 */
edit: boolean, 
/**
 * Record a leaving date (`staff::mark_leaver`).
 */
mark_leaver: boolean, 
/**
 * Undo a leaving date recorded in error (`staff::reinstate`).
 */
reinstate: boolean, 
/**
 * Record their courses, exam results and IHRIM membership (the NCCQ
 * `*_audited` operations).
 */
record_nccq: boolean, 
/**
 * They have left: their records are kept, read-only for everyone.
 */
read_only: boolean, 
/**
 * Export everything held about them (`subject_access::export_person`).
 */
export_person: boolean, };

export type StaffView = { rights: StaffRights, staff_number: string, forename: string, surname: string, 
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
acc_date: string | null, leaver_date: string | null, 
/**
 * On the NCCQ pathway by hand: `Some(true)` on it, `Some(false)` not,
 * whatever the role; `None` follows the role profile (see
 * `nccq::on_pathway`).
 */
nccq_pathway: boolean | null, 
/**
 * The last appraisal held before the department used Appraise: the
 * next annual appraisal is due 12 months after it, unless a later one
 * was signed in Appraise.
 */
last_appraisal_before: string | null, 
/**
 * The date they entered their band: ESR's "incremental date", from
 * which their pay-step dates follow (`crate::pay_steps`). Left out of
 * the JSON when not recorded, so a record's printed content hash (an
 * NCCQ report, a PDP summary) is what it was before the field existed.
 */
band_entered?: string | null, };

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
source_sha256: string, skills: number, competencies: number, statements: number, 
/**
 * The first warnings in line order, at most 1,000.
 */
warnings: Array<ImportWarning>, 
/**
 * How many more warnings there were than are listed.
 */
warnings_not_listed: number, };

export type FilePreview = { path: string, file_name: string, 
/**
 * The file name without its extension: the framework's name unless the
 * person types another.
 */
suggested_name: string, preview: ImportPreview, };

export type ImportReport = { framework_id: number, skills: number, competencies: number, statements: number, 
/**
 * The first warnings in line order, at most 1,000.
 */
warnings: Array<ImportWarning>, 
/**
 * How many more warnings there were than are listed.
 */
warnings_not_listed: number, };

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
band: string, title: string, 
/**
 * A coding role: its holders code, so until they are accredited they
 * are on the NCCQ pathway (unless their staff record says otherwise).
 */
coding: boolean, };

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
 * Months of coding experience (from appointment) before a first
 * sitting.
 */
first_sitting_months: number, 
/**
 * Weeks before each sitting that registration for it closes.
 */
registration_weeks: number, 
/**
 * The sitting dates, in order. Empty means 1 March and 1 September of
 * every year; a list given here replaces those entirely.
 */
sittings: Array<string>, 
/**
 * Pass marks by year, in order of year.
 */
pass_marks: Array<PassMarks>, };

export type PayStepTable = { [key in string]: Array<number> };

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
ihrim_valid_until: string | null, 
/**
 * The role profile their band and job title match, if any.
 */
role: string | null, 
/**
 * Their role is a coding role (the role profile's flag, or the shipped
 * default for their band when the department has no role for it).
 */
coding_role: boolean, 
/**
 * On the NCCQ pathway: see [`on_pathway`]; `staff.nccq_pathway`, when
 * set, is the answer given by hand.
 */
on_pathway: boolean, };

export type NccqView = { rights: StaffRights, staff: StaffMember, 
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
ihrim_valid_until: string | null, 
/**
 * The role profile their band and job title match, if any.
 */
role: string | null, 
/**
 * Their role is a coding role (the role profile's flag, or the shipped
 * default for their band when the department has no role for it).
 */
coding_role: boolean, 
/**
 * On the NCCQ pathway: see [`on_pathway`]; `staff.nccq_pathway`, when
 * set, is the answer given by hand.
 */
on_pathway: boolean, };

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
 * Sittings from today (or the earliest first sitting, if later) to
 * `nccq_by`.
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
refresher_due: Array<string>, appointed: string, today: string, 
/**
 * The first sitting to sit: after `first_sitting_months` of coding
 * experience.
 */
earliest_first_sitting: string, };

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
standards_course_start: string | null, practical_passed: string | null, theory_passed: string | null, acc_date: string | null, ihrim_valid_until: string | null, next_refresher_due: string | null, 
/**
 * On the NCCQ pathway (a coding role not yet accredited, or set by
 * hand), and why, in a sentence.
 */
on_pathway: boolean, pathway_reason: string, 
/**
 * No sitting before this day counts as a first sitting: a year of
 * coding experience by default.
 */
earliest_first_sitting: string, 
/**
 * Why the first sitting is no sooner, in plain words.
 */
earliest_sitting_reason: string, };

export type PayOutcome = "progresses" | "deferred" | "not_applicable";

export type PayReview = { step_date: string, outcome: PayOutcome, 
/**
 * Deferred: the code of the standard not met.
 */
unmet_standard: string | null, 
/**
 * Deferred: when it is looked at again.
 */
review_date: string | null, 
/**
 * Progresses although a standard was missed: why that was outside the
 * employee's control (an appraisal the manager did not hold, authorised
 * absence). Empty otherwise.
 */
outside_control: string, note: string, recorded_by: string, recorded_at: string, };

export type PayStandard = { code: PayCriterionKind, name: string, met: boolean | null, reason: string, source: CriterionSource, };

export type PayStatus = { staff_number: string, name: string, band: string, 
/**
 * ESR's incremental date; without it there are no step dates.
 */
band_entered: string | null, 
/**
 * Every step date in the band, in order.
 */
steps: Array<string>, 
/**
 * The first step on or after the day asked about; none at the top of
 * the band (or with no incremental date).
 */
next_step: string | null, 
/**
 * When the review of the next step is due.
 */
review_due: string | null, top_of_band: boolean, standards: Array<PayStandard>, 
/**
 * In a sentence: where they stand.
 */
summary: string, 
/**
 * Recorded outcomes, latest step first.
 */
reviews: Array<PayReview>, 
/**
 * May confirm standards and record outcomes.
 */
may_record: boolean, as_at: string, };

export type ReviewInput = { step_date: string, 
/**
 * `progresses`, `deferred` or `not_applicable`.
 */
outcome: string, 
/**
 * Deferred: the code of the standard not met.
 */
unmet_standard: string, 
/**
 * Deferred: when it is looked at again.
 */
review_date: string, 
/**
 * Progresses although a standard is not met: why that was outside the
 * employee's control.
 */
outside_control: string, note: string, };

export type StandardInput = { 
/**
 * The pay step it is for (one of the person's step dates).
 */
step_date: string, 
/**
 * `no_capability_process` or `no_disciplinary_sanction` (or
 * `capability`, `disciplinary`).
 */
standard: string, met: boolean, reason: string, };

export type TrainingRecord = { id: number, 
/**
 * As ESR/OLM names it, e.g. "NHS|CSTF|Fire Safety - 2 Years|".
 */
competence: string, completed_on: string, 
/**
 * The last day it counts; none for a competence that does not expire.
 */
expires_on: string | null, 
/**
 * `import` (from an ESR/OLM export) or `hand`.
 */
source: string, };

export type TrainingInput = { competence: string, completed_on: string, 
/**
 * Empty for a competence that does not expire.
 */
expires_on: string, };

export type SubjectState = "in_date" | "expired" | "missing";

export type ComplianceItem = { subject: string, state: SubjectState, 
/**
 * The competence that counts (the latest completed), if any.
 */
competence: string | null, completed_on: string | null, expires_on: string | null, };

export type Compliance = { as_at: string, 
/**
 * Every required subject in date.
 */
compliant: boolean, 
/**
 * False when Appraise holds no training record for them at all: then
 * nothing can be said from its records.
 */
has_records: boolean, items: Array<ComplianceItem>, 
/**
 * The subjects with no competence recorded.
 */
missing: Array<string>, 
/**
 * The subjects whose latest competence expired before `as_at`.
 */
expired: Array<string>, };

export type TrainingView = { staff_number: string, 
/**
 * Newest first.
 */
records: Array<TrainingRecord>, compliance: Compliance, 
/**
 * May record a competence by hand.
 */
may_record: boolean, 
/**
 * May import an ESR/OLM export (for everyone).
 */
may_import: boolean, };

export type TrainingImportReport = { 
/**
 * Competence lines read (not the header, not blank lines).
 */
lines: number, 
/**
 * Competences stored.
 */
stored: number, 
/**
 * Lines for competences already held, not stored again.
 */
already_held: number, 
/**
 * How many people the file names.
 */
people: number, };

export type RefresherStatus = { staff_number: string, name: string, accredited: boolean, 
/**
 * The start of their most recent Standards or refresher course.
 */
last_course: string | null, 
/**
 * When the next refresher is due; none when no course is recorded.
 */
refresher_due: string | null, 
/**
 * The refresher's due date has passed, or no course is recorded.
 */
overdue: boolean, };

export type CpdEntry = { id: number, date: string, activity: string, hours: number, reflection: string, 
/**
 * The personal development plan item it serves, if any.
 */
pdp_item_id: number | null, };

export type CpdInput = { date: string, activity: string, hours: string, reflection: string, pdp_item_id: string, };

export type CpdLog = { entries: Array<CpdEntry>, may_write: boolean, pdp_items: Array<PdpChoice>, };

export type PdpChoice = { id: number, learning_need: string, };

export type Role = "administrator" | "manager" | "coder";

export type Actor = { staff_number: string, role: Role, 
/**
 * Forename and surname, for the header.
 */
name: string, 
/**
 * The administrator set this passphrase (a new account or a reset):
 * the window asks for a new one before anything else.
 */
must_change_passphrase: boolean, };

export type SessionStatus = { 
/**
 * No account exists yet: ask for the first administrator.
 */
first_run: boolean, 
/**
 * Who is signed in, if anyone.
 */
actor: Actor | null, 
/**
 * Signed in, but idle for too long: ask for the passphrase again.
 */
locked: boolean, idle_lock_minutes: number, 
/**
 * The names on the sign-in screen.
 */
names: Array<SignInName>, 
/**
 * At first run, the people the administrator can be chosen from
 * ([`first_run_people`]); empty otherwise.
 */
first_run_people: Array<SignInName>, };

export type FirstRun = { 
/**
 * The staff number of the person chosen from [`first_run_people`];
 * empty to add `person` instead.
 */
existing: string, 
/**
 * The staff form, used only when `existing` is empty.
 */
person: StaffInput, trust: string, department: string, };

export type Rights = { 
/**
 * Add staff: the administrator anyone, a line manager to their own
 * team ([`can_add_staff`] with themselves as the line manager).
 */
add_staff: boolean, 
/**
 * Import staff from an ESR file ([`can_import_staff`]).
 */
import_staff: boolean, 
/**
 * Open the team view ([`can_view_team`]).
 */
view_team: boolean, 
/**
 * Import or change the skills framework ([`can_manage_framework`]).
 */
manage_framework: boolean, 
/**
 * Change settings ([`can_manage_settings`]).
 */
manage_settings: boolean, 
/**
 * Manage accounts ([`can_manage_accounts`]).
 */
manage_accounts: boolean, 
/**
 * Read the audit trail ([`can_read_audit`]).
 */
read_audit: boolean, };

export type SignInName = { staff_number: string, name: string, };

export type AccountSummary = { staff_number: string, name: string, role: Role, must_change_passphrase: boolean, 
/**
 * Wrong passphrases since the last right one.
 */
failed_attempts: number, 
/**
 * No attempt is taken before this time.
 */
locked_until: string | null, leaver_date: string | null, 
/**
 * Their own database login on the department's server (the
 * `session_user` they connect as); `None` on a file, and for an
 * account carried over until its passphrase is reset.
 */
db_login: string | null, };

export type AuditEntry = { id: number, 
/**
 * ISO date and time, to the second.
 */
at: string, 
/**
 * The acting staff member's staff number, or `system`.
 */
actor: string, 
/**
 * The actor's name, when the actor is a staff member.
 */
actor_name: string | null, 
/**
 * What was done, as `table.verb`: `account.create`, `staff.import`, ...
 */
action: string, table: string, record_id: string, 
/**
 * What changed: for an edit `{field: {from, to}}`, for an addition the
 * new record's fields.
 */
detail: unknown, };

export type AuditFilter = { 
/**
 * A staff number, or `system`.
 */
actor: string | null, table: string | null, 
/**
 * First day included.
 */
from: string | null, 
/**
 * Last day included.
 */
to: string | null, 
/**
 * Words to find anywhere in the row (action, record, what changed, the
 * actor's name), ignoring case.
 */
text: string | null, 
/**
 * At most this many rows, newest first; [`DEFAULT_LIST_LIMIT`] if absent.
 */
limit: number | null, };

export type VerifyReport = { 
/**
 * True when every row fits the chain.
 */
ok: boolean, 
/**
 * How many rows were checked (up to and including a broken one).
 */
rows_checked: number, 
/**
 * The first row that does not fit, if any.
 */
broken_row: number | null, 
/**
 * Why it does not fit, for a person.
 */
reason: string | null, };

export type StaffImportProblem = { 
/**
 * The line in the file; the header is line 1.
 */
line: number, 
/**
 * The line's staff number, when it has one.
 */
staff_number: string | null, reason: string, };

export type StaffImportRow = { line: number, staff_number: string, forename: string, surname: string, band: string, job_title: string, appointed: string, 
/**
 * The line manager's staff number.
 */
manager: string | null, };

export type StaffImportPreview = { 
/**
 * Staff lines read (not the header, not blank lines).
 */
lines: number, 
/**
 * The people on good lines. Nothing is imported unless every line is
 * good.
 */
people: Array<StaffImportRow>, 
/**
 * Every wrong line, in file order.
 */
problems: Array<StaffImportProblem>, };

export type StaffImportReport = { imported: number, 
/**
 * The staff numbers added, managers before the people who report to
 * them.
 */
staff_numbers: Array<string>, };

export type TeamMember = { staff_number: string, name: string, band: string, job_title: string, appointed: string, 
/**
 * Their line manager's staff number and name.
 */
manager: string | null, manager_name: string | null, 
/**
 * 1 for the manager's direct reports, 2 for their reports, and so on;
 * 0 for someone outside the administrator's own line.
 */
depth: number, 
/**
 * Accredited Clinical Coder since (recorded, or both papers passed).
 */
acc_date: string | null, 
/**
 * Where a trainee stands on the NCCQ pathway; `achieved` once
 * accredited; none for a leaver or someone not on the pathway.
 */
nccq_state: NccqState | null, leaver_date: string | null, 
/**
 * Left by today: shown, never changed.
 */
read_only: boolean, };

export type Cycle = { 
/**
 * The year the cycle starts: 2025 for 2025/26.
 */
start_year: number, 
/**
 * 1 to 12; 4 for the NHS year.
 */
start_month: number, 
/**
 * 2025/26, or 2025 for a cycle that is a calendar year.
 */
label: string, 
/**
 * The first day.
 */
start: string, 
/**
 * The last day.
 */
end: string, };

export type AppraisalKind = "annual" | "mid_year" | "objective_setting";

export type AppraisalStatus = "in_progress" | "signed" | "reopened";

export type Step = "previous_objectives" | "skills" | "objectives" | "pdp" | "wellbeing" | "pay_progression" | "comments" | "sign_off";

export type Outcome = "met" | "partly_met" | "not_met" | "carried_forward";

export type Party = "appraisee" | "appraiser";

export type Person = { staff_number: string, name: string, band: string, job_title: string, };

export type Signature = { staff_number: string, name: string, signed_at: string, };

export type Reopening = { reason: string, 
/**
 * The administrator's staff number.
 */
by: string, by_name: string | null, at: string, 
/**
 * The signed version it replaces.
 */
supersedes: number, };

export type CompetencyRef = { framework_id: number, competency_id: number, skill_code: string, competency: string, };

export type PreviousObjective = { id: number, 
/**
 * The objective in last year's signed appraisal.
 */
source_objective_id: number | null, text: string, measure: string, due: string | null, competency: CompetencyRef | null, target_level: number | null, statement_text: string | null, 
/**
 * Not yet decided while `None`.
 */
outcome: Outcome | null, comments: string, 
/**
 * This year's copy, when carried forward.
 */
carried_objective_id: number | null, 
/**
 * Goes up each time the row is saved: a save may name the version it
 * started from, and is refused as a `conflict` if someone saved since.
 */
row_version: number, };

export type LevelStatements = { level: number, 
/**
 * The SFIA 9 name: Follow, Assist, ...
 */
level_name: string, statements: Array<string>, };

export type SkillAssessment = { id: number, framework_id: number, competency_id: number, skill_code: string, skill_name: string, competency: string, 
/**
 * The role's expected level when the appraisal started.
 */
expected_level: number, 
/**
 * The appraisee's own assessment, which they may give beforehand.
 */
self_level: number | null, 
/**
 * The level agreed in the meeting.
 */
agreed_level: number | null, 
/**
 * Goes up each time the row is saved: a save may name the version it
 * started from, and is refused as a `conflict` if someone saved since.
 */
row_version: number, 
/**
 * Levels below the expected one, by the agreed level or, until one is
 * agreed, the self-assessed one; 0 when there is no gap or no level yet.
 */
gap: number, 
/**
 * Only the levels this competency is defined at, lowest first.
 */
levels: Array<LevelStatements>, };

export type Objective = { id: number, 
/**
 * SMART: specific, measurable, achievable, relevant, time-bound.
 */
text: string, 
/**
 * How success will be measured.
 */
measure: string, due: string | null, competency: CompetencyRef | null, target_level: number | null, 
/**
 * The statement the level was agreed against, by id in its framework
 * version; the first at that level when it has several.
 */
statement_id: number | null, 
/**
 * Every statement at the target level, as agreed, one per line.
 */
statement_text: string | null, 
/**
 * The reviewed objective this one carries forward.
 */
carried_from: number | null, 
/**
 * Goes up each time the row is saved: a save may name the version it
 * started from, and is refused as a `conflict` if someone saved since.
 */
row_version: number, 
/**
 * What must still be filled in before signing, by field name
 * (`measure`, `due`, `competency`, `target_level`).
 */
missing: Array<string>, };

export type ObjectiveInput = { text: string, measure: string, 
/**
 * dd/mm/yyyy or ISO; empty for none yet.
 */
due: string, 
/**
 * The framework version; the appraisal's when not given.
 */
framework_id: number | null, 
/**
 * The SFIA code, such as ANCC.
 */
skill_code: string, 
/**
 * The competency's name, such as Coding accuracy.
 */
competency: string, target_level: number | null, };

export type KpiObjective = { primary_diagnosis: number, secondary_diagnosis: number, procedure: number, due: string | null, notes: string, };

export type KpiInput = { primary_diagnosis: string, secondary_diagnosis: string, procedure: string, due: string, notes: string, };

export type ActivityType = "course" | "e_learning" | "mentoring" | "shadowing" | "workshop" | "standards_course" | "refresher_course" | "nccq_revision" | "other";

export type PdpStatus = "not_started" | "in_progress" | "completed";

export type PdpProgress = { status: PdpStatus, progress: string, evidence: string, reflection: string, completed_on: string | null, 
/**
 * Last saved; `None` before any progress was recorded.
 */
updated_at: string | null, };

export type PdpItem = { id: number, learning_need: string, activity: ActivityType, description: string, target_date: string | null, 
/**
 * Support needed: time, funding, a mentor.
 */
support: string, 
/**
 * The competency the need comes from, if any.
 */
skill_code: string | null, competency: string | null, progress: PdpProgress, 
/**
 * Goes up each time the row is saved: a save may name the version it
 * started from, and is refused as a `conflict` if someone saved since.
 */
row_version: number, };

export type PdpItemInput = { learning_need: string, 
/**
 * An [`ActivityType`] code, such as `e_learning`.
 */
activity: string, description: string, target_date: string, support: string, skill_code: string, competency: string, };

export type PdpProgressInput = { 
/**
 * `not_started`, `in_progress` or `completed`.
 */
status: string, progress: string, evidence: string, reflection: string, 
/**
 * Giving a date marks the item completed; completing it without one
 * means today.
 */
completed_on: string, };

export type LearningNeed = { learning_need: string, activity: ActivityType, description: string, target_date: string | null, skill_code: string | null, competency: string | null, current_level: number | null, expected_level: number | null, };

export type PdpPlan = { staff_number: string, name: string, 
/**
 * The signed appraisal the plan was agreed in; `None` before any.
 */
appraisal_id: number | null, cycle: string | null, agreed_on: string | null, items: Array<PdpItem>, completed: number, };

export type Wellbeing = { notes: string, flexible_working: string, support_agreed: string, 
/**
 * The appraisee's choice: show the conversation in the printed record.
 */
include_in_print: boolean, };

export type PayCriterionKind = "appraisal_within12_months" | "mandatory_training" | "no_capability_process" | "no_disciplinary_sanction" | "reports_appraised";

export type CriterionSource = "computed" | "confirmed";

export type PayCriterion = { criterion: PayCriterionKind, label: string, 
/**
 * False where the standard does not apply (reports, for someone who
 * manages nobody).
 */
applies: boolean, 
/**
 * `None` until the manager confirms it.
 */
met: boolean | null, source: CriterionSource, 
/**
 * Why, in a sentence.
 */
reason: string, 
/**
 * The manager's own note, for a confirmed criterion.
 */
note: string, confirmed_by: string | null, confirmed_by_name: string | null, confirmed_at: string | null, };

export type PayProgression = { criteria: Array<PayCriterion>, 
/**
 * Meets the standard for pay-step progression: yes, no, or `None`
 * while the manager still has something to confirm.
 */
meets_standard: boolean | null, 
/**
 * "Meets the standard for pay-step progression: yes." and so on.
 */
summary: string, 
/**
 * The reasons behind the outcome: the unmet standards for a no, what
 * is left to confirm while undecided, every finding for a yes.
 */
reasons: Array<string>, 
/**
 * The day it was assessed as at.
 */
as_at: string, };

export type AppraisalRecord = { id: number, version: number, kind: AppraisalKind, status: AppraisalStatus, 
/**
 * Where the meeting resumes.
 */
step: Step, cycle: Cycle, appraisee: Person, appraiser: Person, 
/**
 * The role whose expected levels the skills were compared with, as
 * "Band 5 Clinical Coding Specialist".
 */
role: string | null, 
/**
 * The framework version the skills and objectives were agreed against.
 */
framework_id: number | null, meeting_date: string, previous_objectives: Array<PreviousObjective>, skills: Array<SkillAssessment>, objectives: Array<Objective>, kpi: KpiObjective | null, pdp: Array<PdpItem>, wellbeing: Wellbeing, pay: PayProgression, appraisee_comments: string, appraiser_comments: string, appraisee_signature: Signature | null, appraiser_signature: Signature | null, 
/**
 * Set on a version made by re-opening a signed one.
 */
reopening: Reopening | null, 
/**
 * The version that re-opened this one, if any.
 */
superseded_by: number | null, created_at: string, updated_at: string, };

export type AppraisalSummary = { id: number, 
/**
 * The appraisee's staff number.
 */
staff_number: string, 
/**
 * The appraisee's name.
 */
name: string, appraiser_staff_number: string, appraiser_name: string, 
/**
 * As 2025/26.
 */
cycle: string, cycle_start_year: number, kind: AppraisalKind, status: AppraisalStatus, step: Step, version: number, meeting_date: string, 
/**
 * The day the second party signed.
 */
signed_on: string | null, superseded_by: number | null, };

export type DepartmentDate = { 
/**
 * The year the cycle starts: 2025 for 2025/26.
 */
cycle_start_year: number, due: string, };

export type CodeType = "primary_diagnosis" | "secondary_diagnosis" | "primary_procedure" | "secondary_procedure";

export type PerCodeType<T> = { primary_diagnosis: T, secondary_diagnosis: T, primary_procedure: T, secondary_procedure: T, };

export type AuditOutcome = "exceeded" | "met" | "not_met";

export type AuditJudgement = { outcome: AuditOutcome, below: Array<CodeType>, };

export type AuditErrorCounts = { 
/**
 * The coder's own error.
 */
coder: number, 
/**
 * The case notes did not support the code.
 */
documentation: number, other: number, };

export type CodingAudit = { id: number, staff_number: string, date: string, 
/**
 * The auditor's name as typed: often an approved auditor from outside
 * the department, so not a staff record.
 */
auditor: string, episodes: number, 
/**
 * Percent correct per code type.
 */
scores: PerCodeType<number>, errors: AuditErrorCounts, 
/**
 * The staff number of whoever recorded it, and when.
 */
recorded_by: string, recorded_at: string, };

export type CodingAuditInput = { date: string, auditor: string, episodes: string, primary_diagnosis: string, secondary_diagnosis: string, primary_procedure: string, secondary_procedure: string, errors_coder: string, errors_documentation: string, errors_other: string, };

export type CodingAuditResult = { id: number, staff_number: string, date: string, 
/**
 * The auditor's name as typed: often an approved auditor from outside
 * the department, so not a staff record.
 */
auditor: string, episodes: number, 
/**
 * Percent correct per code type.
 */
scores: PerCodeType<number>, errors: AuditErrorCounts, 
/**
 * The staff number of whoever recorded it, and when.
 */
recorded_by: string, recorded_at: string, outcome: AuditOutcome, below: Array<CodeType>, };

export type CodingAuditsView = { staff_number: string, 
/**
 * Oldest first.
 */
results: Array<CodingAuditResult>, may_record: boolean, };

export type TeamCompliance = { 
/**
 * The line manager's name, or "No line manager".
 */
team: string, in_post: number, appraised: number, percent: number, };

export type ComplianceOn = { 
/**
 * The day the figure is taken, ISO.
 */
on: string, in_post: number, appraised: number, percent: number, };

export type AppraisalCompliance = { teams: Array<TeamCompliance>, department: ComplianceOn, 
/**
 * Oldest first; the last is today.
 */
months: Array<ComplianceOn>, };

export type AuditPeriodAccuracy = { 
/**
 * As 2026/27.
 */
period: string, 
/**
 * Empty when the period has no results.
 */
code_types: Array<CodeTypeSummary>, };

export type TrainingNeed = { staff_number: string, name: string, learning_need: string, activity: string, description: string, target_date: string | null, support: string, 
/**
 * The item's progress, as words.
 */
status: string, };

export type TrainingNeedGroup = { 
/**
 * "Not linked to a competency" for a need that names none.
 */
competency: string, skill_code: string | null, needs: Array<TrainingNeed>, };

export type ReportsOverview = { compliance: AppraisalCompliance, audit_accuracy: Array<AuditPeriodAccuracy>, nccq: Array<NccqStatus>, training_needs: Array<TrainingNeedGroup>, };

export type HeatmapCell = { competency: string, expected: number, 
/**
 * `None` when no level was agreed.
 */
agreed: number | null, 
/**
 * Levels below the expected one; 0 when met or not agreed.
 */
gap: number, };

export type HeatmapRow = { staff_number: string, name: string, cells: Array<HeatmapCell>, };

export type SkillsHeatmap = { competencies: Array<string>, rows: Array<HeatmapRow>, };

export type CodeTypeSummary = { code_type: CodeType, 
/**
 * The mean of every result in the period, to one decimal place.
 */
mean: number, lowest: number, 
/**
 * The mean minus the previous period's, to one decimal place; `None`
 * when the previous period has no results.
 */
change: number | null, };

export type CodingAuditCoder = { staff_number: string, name: string, audits: number, 
/**
 * How many of them were not met.
 */
not_met: number, latest_date: string, latest_outcome: AuditOutcome, below: Array<CodeType>, };

export type CodingAuditSummary = { 
/**
 * 2026/27.
 */
period: string, start: string, end: string, 
/**
 * The period the trend is measured against: 2025/26.
 */
previous_period: string, coders_audited: number, results: number, exceeded: number, met: number, not_met: number, 
/**
 * One per code type, in the DSPT's order; empty with no results.
 */
code_types: Array<CodeTypeSummary>, 
/**
 * Each coder audited, by surname, with their latest result.
 */
coders: Array<CodingAuditCoder>, };

export type AppraisalSettings = { 
/**
 * The month a cycle starts: 4 (April) for the NHS year.
 */
cycle_start_month: number, 
/**
 * Weeks from appointment to the objective-setting meeting.
 */
objective_setting_weeks: number, 
/**
 * The DSPT coding audit's "met" level per code type, in percent; a
 * KPI objective starts from it.
 */
audit_met: PerCodeType<number>, 
/**
 * The "exceeded" level per code type, never below "met".
 */
audit_exceeded: PerCodeType<number>, 
/**
 * Department dates by which a cycle's appraisals are due, instead of
 * 12 months after each person's last one.
 */
department_dates: Array<DepartmentDate>, };

export type AppraisalDue = { staff_number: string, name: string, band: string, 
/**
 * The line manager's staff number.
 */
manager: string | null, 
/**
 * As 2025/26.
 */
cycle: string, 
/**
 * When their last annual appraisal (or, for a new starter, their
 * objective-setting meeting) was signed.
 */
last_signed: string | null, 
/**
 * The last appraisal held before the department used Appraise, from
 * the staff record.
 */
last_appraisal_before: string | null, 
/**
 * 12 months after the latest of `last_signed`,
 * `last_appraisal_before` and the appointment date, or the
 * department's date.
 */
annual_due: string, 
/**
 * This cycle's annual appraisal, if started.
 */
annual_status: AppraisalStatus | null, annual_id: number | null, 
/**
 * Not signed in this cycle, and `today` is after the due date.
 */
annual_overdue: boolean, mid_year_due: string, mid_year_status: AppraisalStatus | null, 
/**
 * For staff appointed in the last 12 months.
 */
objective_setting_due: string | null, 
/**
 * The day it was held (its meeting date), once signed.
 */
objective_setting_held: string | null, objective_setting_late: boolean, };

export type DuePerson = { staff_number: string, name: string, due: string, 
/**
 * This cycle's meeting, once started.
 */
appraisal_id: number | null, };

export type MonthCompliance = { 
/**
 * As 2026-11.
 */
month: string, 
/**
 * The last day of the month, or today for this month.
 */
as_at: string, in_post: number, compliant: number, percent: number | null, };

export type NccqRisk = { staff_number: string, name: string, state: NccqState, nccq_by: string, 
/**
 * Negative once the deadline has passed.
 */
days_left: number, };

export type PayStepDue = { staff_number: string, name: string, band: string, step_date: string, review_due: string, };

export type TrainingDue = { staff_number: string, name: string, 
/**
 * Required subjects expired or missing.
 */
subjects: Array<string>, 
/**
 * The NCCQ refresher is overdue: due on this day (none when no course
 * is recorded at all).
 */
refresher_overdue: boolean, refresher_due: string | null, };

export type AuditBelow = { staff_number: string, name: string, date: string, 
/**
 * The code types below the "met" level, in words.
 */
below: Array<string>, };

export type PdpActivityDue = { staff_number: string, name: string, appraisal_id: number, learning_need: string, target_date: string, };

export type TrainingExpiring = { competence: string, expires_on: string, };

export type NextActions = { staff_number: string, name: string, appraisal_due: string | null, appraisal_overdue: boolean, 
/**
 * This cycle's annual appraisal, once started.
 */
appraisal_id: number | null, 
/**
 * PDP activities not completed, by target date.
 */
pdp_due: Array<PdpActivityDue>, 
/**
 * On the NCCQ pathway: the deadline and the next sitting open to them.
 */
nccq_by: string | null, next_sitting: string | null, nccq_state: NccqState | null, 
/**
 * Competences expiring in the next 3 months or expired, soonest
 * first: (competence, last day).
 */
training_expiring: Array<TrainingExpiring>, latest_audit: AuditBelow | null, 
/**
 * The outcome of the latest audit in words: exceeded, met, not met.
 */
latest_audit_outcome: string | null, };

export type Dashboard = { as_at: string, 
/**
 * The appraisal cycle of `as_at`, as 2026/27.
 */
cycle: string, 
/**
 * Whose figures these are: "Your reports", "The department", "Jane
 * Smith's team", or empty for a coder.
 */
scope: string, 
/**
 * The manager whose team the figures cover, when filtered.
 */
team: string | null, 
/**
 * Whether there are team figures at all (a manager or the
 * administrator).
 */
shows_team: boolean, 
/**
 * People in post on `as_at` among those covered.
 */
people_in_post: number, 
/**
 * Annual appraisals due later in this cycle, not yet signed.
 */
due: Array<DuePerson>, 
/**
 * Annual appraisals past their due date, not signed.
 */
overdue: Array<DuePerson>, 
/**
 * People in post with a signed annual appraisal in the last 12 months,
 * as a percentage of people in post (one decimal place); none when
 * nobody is in post.
 */
compliance_percent: number | null, 
/**
 * This month and each of the 12 before it, oldest first.
 */
compliance_by_month: Array<MonthCompliance>, 
/**
 * New starters whose objective-setting meeting is late.
 */
objective_setting_late: Array<DuePerson>, 
/**
 * Mid-year reviews not yet held, due within 8 weeks or already due.
 */
mid_year_due: Array<DuePerson>, 
/**
 * NCCQ trainees at risk or past their deadline, the least time first.
 */
nccq_at_risk: Array<NccqRisk>, 
/**
 * Pay-step reviews due in the next 8 weeks (or already due), with no
 * review recorded.
 */
pay_step_reviews_due: Array<PayStepDue>, 
/**
 * Mandatory training expired or missing, or an NCCQ refresher overdue.
 */
training_overdue: Array<TrainingDue>, 
/**
 * Each coder's latest audit in the last 12 months, when below the line.
 */
audits_below: Array<AuditBelow>, 
/**
 * PDP activities past their target date and not completed.
 */
pdp_overdue: Array<PdpActivityDue>, 
/**
 * Skills agreed below the level their role expects, in everyone's
 * current annual appraisal.
 */
skills_gaps: number, 
/**
 * The reader's own next actions; none when they are not on the staff
 * list.
 */
mine: NextActions | null, };

export type OverdueItem = { 
/**
 * What is overdue, as "Annual appraisal" or "Your PDP activity: SQL".
 */
what: string, staff_number: string, name: string, 
/**
 * The last day it was in time: overdue from the day after.
 */
due: string, };

export type NewlyOverdue = { 
/**
 * The day of the sign-in before this one; none at a first sign-in.
 */
since: string | null, items: Array<OverdueItem>, title: string, body: string, };

export type MeetingRights = { 
/**
 * The signed-in person is the appraisee.
 */
is_appraisee: boolean, 
/**
 * The appraiser's side of the meeting: outcomes, agreed levels,
 * objectives, the PDP, the wellbeing notes and the appraiser's
 * comments.
 */
edit_meeting: boolean, 
/**
 * Move the step the meeting has reached (the appraiser, forwards).
 * Anyone else browsing the steps leaves it where it was.
 */
move_step: boolean, 
/**
 * The appraisee's own words: self-assessed levels and their comments.
 * The appraisee alone.
 */
edit_appraisee_words: boolean, 
/**
 * The appraiser's comments: the appraiser alone.
 */
edit_appraiser_words: boolean, 
/**
 * Save the wellbeing form: its notes are the appraiser's side's, and
 * whether it is printed is the appraisee's ([`choose_wellbeing_print`]).
 *
 * [`choose_wellbeing_print`]: MeetingRights::choose_wellbeing_print
 */
edit_wellbeing: boolean, 
/**
 * Confirm the pay progression standards Appraise cannot work out.
 */
confirm_pay: boolean, 
/**
 * Each party may sign with their own passphrase.
 */
sign: boolean, 
/**
 * Re-open the signed appraisal as a new version.
 */
reopen: boolean, 
/**
 * Cancel the meeting: nobody has signed it and it is not a re-opened
 * version (see `cancel_as`).
 */
cancel: boolean, 
/**
 * Choose whether the wellbeing conversation is printed: the appraisee
 * alone; everyone else sees the choice.
 */
choose_wellbeing_print: boolean, };

export type StepState = "complete" | "incomplete" | "not_applicable";

export type StepReadiness = { step: Step, state: StepState, };

export type Blocker = { step: Step, message: string, };

export type Readiness = { steps: Array<StepReadiness>, blockers: Array<Blocker>, };

export type AppraisalView = { record: AppraisalRecord, rights: MeetingRights, 
/**
 * The meeting's own steps, where each stands, and what stops signing.
 */
readiness: Readiness, };

export type PrintSettings = { trust: string, department: string, marking: string, };

export type TrainingSettings = { required: Array<string>, };

export type PrintJob = { appraisal_id: number, file_name: string, };

export type ExportProgress = { done: number, total: number, 
/**
 * The file just written.
 */
file: string, };

export type ExportReport = { written: number, total: number, cancelled: boolean, folder: string, };

export type PdfCheck = { 
/**
 * Byte for byte what Appraise produced, and the record is unchanged.
 */
genuine: boolean, 
/**
 * The file is byte for byte what Appraise produced. False when it is
 * not, and also when it cannot be told (the record has changed since,
 * or this is not an Appraise PDF): the message says which.
 */
file_intact: boolean, 
/**
 * The record's content is still what was printed.
 */
record_unchanged: boolean, 
/**
 * `appraisal-record`, `pdp-summary`, `nccq-progress`; empty when the
 * file is not an Appraise PDF.
 */
kind: string, record_id: string, version: number, message: string, };

export type PersonExport = { folder: string, 
/**
 * File names inside the folder, `index.txt` last.
 */
files: Array<string>, appraisals: number, audit_rows: number, };

export type BackupReport = { file: string, checksum_file: string, bytes: number, sha256: string, audit_rows: number, };

export type BackupCheck = { file: string, bytes: number, sha256: string, audit_rows: number, };

export type RestoreReport = { 
/**
 * Where the database that was replaced now is (none if there was none).
 */
kept_aside: string | null, sha256: string, 
/**
 * Audit rows after the restore's own row.
 */
audit_rows: number, };

export type BackupSettings = { enabled: boolean, 
/**
 * The folder the backups go into (an absolute path).
 */
folder: string, 
/**
 * How many automatic backups to keep; older ones are deleted.
 */
keep: number, };

export type LastAutomatic = { at: string, ok: boolean, 
/**
 * The backup file (or the one it tried to make).
 */
file: string, 
/**
 * Why it failed, or what it made.
 */
message: string, };

export type DueRecord = { staff_number: string, name: string, 
/**
 * ISO dates, as in files and the CLI.
 */
leaver_date: string, period_ended: string, rule: string, marked_on: string | null, mark_reason: string, held_on: string | null, hold_reason: string, 
/**
 * The first day the records may be disposed of (after marking today,
 * if not marked yet).
 */
dispose_from: string, 
/**
 * Disposal would go through today.
 */
may_dispose: boolean, };

export type Disposal = { staff_number: string, rule: string, disposed_at: string, 
/**
 * Audit rows whose detail was erased.
 */
audit_rows_erased: number, };

export type RetentionRules = { 
/**
 * Years a leaver's records are kept from their leaving date.
 */
years_after_leaving: number, 
/**
 * Keep records until the person's 75th birthday too, if later (needs
 * dates of birth, which Appraise does not hold).
 */
until_75th_birthday: boolean, 
/**
 * Days between marking records for disposal and disposing of them.
 */
grace_days: number, };

/** Agenda for Change bands, in order. */
export const BANDS = ["2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"] as const;

/** SFIA 9 level names, level 1 first. */
export const LEVEL_NAMES = ["Follow", "Assist", "Apply", "Enable", "Ensure/advise", "Initiate/influence", "Set strategy/inspire/mobilise"] as const;

/** The steps of the appraisal meeting, in order, with their headings. */
export const APPRAISAL_STEPS = [{ step: "previous_objectives", label: "Last year's objectives" }, { step: "skills", label: "Skills" }, { step: "objectives", label: "New objectives" }, { step: "pdp", label: "Personal development plan" }, { step: "wellbeing", label: "Wellbeing" }, { step: "pay_progression", label: "Pay progression" }, { step: "comments", label: "Comments" }, { step: "sign_off", label: "Sign-off" }] as const;

/** The steps each kind of meeting goes through, in order. */
export const KIND_STEPS = { annual: ["previous_objectives", "skills", "objectives", "pdp", "wellbeing", "pay_progression", "comments", "sign_off"], mid_year: ["previous_objectives", "objectives", "pdp", "wellbeing", "comments", "sign_off"], objective_setting: ["skills", "objectives", "pdp", "wellbeing", "comments", "sign_off"] } as const;

/** PDP activity types with their words. */
export const ACTIVITY_TYPES = [{ activity: "course", label: "Course" }, { activity: "e_learning", label: "E-learning" }, { activity: "mentoring", label: "Mentoring" }, { activity: "shadowing", label: "Shadowing" }, { activity: "workshop", label: "Workshop" }, { activity: "standards_course", label: "Clinical Coding Standards course" }, { activity: "refresher_course", label: "Clinical Coding Standards refresher course" }, { activity: "nccq_revision", label: "NCCQ revision" }, { activity: "other", label: "Other" }] as const;

/** The shortest passphrase accepted, in characters. */
export const MIN_PASSPHRASE = 10;
