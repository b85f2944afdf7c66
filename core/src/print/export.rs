//! A cycle's print run: which signed records to print, under which file
//! names, and writing them into a folder one file at a time, reporting
//! progress and stopping when asked. The window ("Export cycle…") and
//! `appraise-cli pdf cycle` both run [`export_cycle`]; the caller gives the
//! folder and renders each record, so the window can take the store for one
//! file at a time.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::store::db::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::file_name::{appraisal_file_name, surname_forename};
use crate::accounts::Actor;
use crate::appraisal::{self, AppraisalStatus};
use crate::{Error, Result};

/// One file of a cycle's print run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PrintJob {
    pub appraisal_id: i64,
    pub file_name: String,
}

/// One step of an export: sent after each file is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportProgress {
    pub done: usize,
    pub total: usize,
    /// The file just written.
    pub file: String,
}

/// How an export ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportReport {
    pub written: usize,
    pub total: usize,
    pub cancelled: bool,
    pub folder: String,
}

/// Signed appraisals of a cycle ("2025/26") the actor may see, with a file
/// name each (see [`appraisal_file_name`]), by surname.
pub fn cycle_jobs(conn: &Connection, actor: &Actor, cycle_label: &str) -> Result<Vec<PrintJob>> {
    let label = cycle_label.trim();
    if label.is_empty() {
        return Err(Error::invalid("cycle", "Give a cycle, as 2025/26."));
    }
    let all = appraisal::list_as(conn, actor)?;
    let mut jobs = Vec::new();
    for a in all
        .iter()
        .filter(|a| a.cycle == label && a.status == AppraisalStatus::Signed)
    {
        let (surname, forename) = surname_forename(conn, actor, &a.staff_number, &a.name);
        let file_name = appraisal_file_name(&a.cycle, &surname, &forename, &a.staff_number, a.kind, a.version);
        jobs.push((
            surname,
            PrintJob {
                appraisal_id: a.id,
                file_name,
            },
        ));
    }
    jobs.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.file_name.cmp(&b.1.file_name)));
    Ok(jobs.into_iter().map(|(_, j)| j).collect())
}

/// Writes each job's PDF into `folder` (created if missing), in order:
/// `render` makes a job's bytes, each file is written whole or not at all
/// ([`write_atomically`]), and `progress` hears of it. Before each file it
/// looks at `cancelled`, and stops there when it is set: the report says
/// how many were written. The first error stops the export; the files
/// written before it stay.
pub fn export_cycle<E: From<Error>>(
    jobs: &[PrintJob],
    folder: &Path,
    mut render: impl FnMut(&PrintJob) -> std::result::Result<Vec<u8>, E>,
    mut progress: impl FnMut(&ExportProgress),
    cancelled: &AtomicBool,
) -> std::result::Result<ExportReport, E> {
    std::fs::create_dir_all(folder)
        .map_err(|e| Error::Io(format!("Could not create the folder {}: {e}", folder.display())))?;
    let total = jobs.len();
    let mut written = 0;
    for job in jobs {
        if cancelled.load(Ordering::SeqCst) {
            break;
        }
        let bytes = render(job)?;
        write_atomically(&folder.join(&job.file_name), &bytes)?;
        written += 1;
        progress(&ExportProgress {
            done: written,
            total,
            file: job.file_name.clone(),
        });
    }
    Ok(ExportReport {
        written,
        total,
        cancelled: written < total,
        folder: folder.display().to_string(),
    })
}

/// Writes `bytes` to `path` through a temporary file beside it (the name
/// with `.part` added), renamed over `path` once whole, so a file is never
/// left half written.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let written = std::fs::write(&part, bytes).and_then(|()| std::fs::rename(&part, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&part);
        Error::Io(format!("Could not write {}: {e}", path.display()))
    })
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use crate::print::test_support::{at, demo};
    use crate::print::{appraisal_pdf, verify_pdf};

    use super::*;

    fn files_in(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_export_writes_every_file_whole_and_reports_each_one() {
        let store = demo();
        let (conn, actor) = (store.conn(), Actor::system());
        let jobs = cycle_jobs(conn, &actor, "2025/26").unwrap();
        assert!(jobs.len() > 1);
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("new folder");
        let when = at(2026, 1, 15, 10, 30);
        let mut heard = Vec::new();
        let report = export_cycle(
            &jobs,
            &folder,
            |job| appraisal_pdf(conn, &actor, job.appraisal_id, when),
            |p| heard.push(p.clone()),
            &AtomicBool::new(false),
        )
        .unwrap();
        assert_eq!(
            report,
            ExportReport {
                written: jobs.len(),
                total: jobs.len(),
                cancelled: false,
                folder: folder.display().to_string(),
            }
        );
        let mut expected: Vec<String> = jobs.iter().map(|j| j.file_name.clone()).collect();
        expected.sort();
        assert_eq!(files_in(&folder), expected, "one file per job and nothing half written");
        assert_eq!(heard.len(), jobs.len(), "progress after each file");
        assert_eq!(
            heard[0],
            ExportProgress {
                done: 1,
                total: jobs.len(),
                file: jobs[0].file_name.clone()
            }
        );
        let first = std::fs::read(folder.join(&jobs[0].file_name)).unwrap();
        assert!(verify_pdf(conn, &actor, &first).unwrap().genuine, "the file checks out");
    }

    #[test]
    fn an_export_stops_before_the_next_file_when_cancelled() {
        let store = demo();
        let (conn, actor) = (store.conn(), Actor::system());
        let jobs = cycle_jobs(conn, &actor, "2025/26").unwrap();
        assert!(jobs.len() > 2);
        let dir = tempfile::tempdir().unwrap();
        let cancel = AtomicBool::new(false);
        let rendered = Cell::new(0);
        let report = export_cycle(
            &jobs,
            dir.path(),
            |job| {
                rendered.set(rendered.get() + 1);
                appraisal_pdf(conn, &actor, job.appraisal_id, at(2026, 1, 15, 10, 30))
            },
            |p| {
                if p.done == 2 {
                    cancel.store(true, Ordering::SeqCst);
                }
            },
            &cancel,
        )
        .unwrap();
        assert_eq!((report.written, report.cancelled), (2, true), "{report:?}");
        assert_eq!(rendered.get(), 2, "nothing rendered after Cancel");
        assert_eq!(files_in(dir.path()).len(), 2);
    }

    #[test]
    fn a_failed_render_stops_the_export_with_its_error_and_leaves_no_part_file() {
        let dir = tempfile::tempdir().unwrap();
        let jobs = vec![
            PrintJob {
                appraisal_id: 1,
                file_name: "one.pdf".into(),
            },
            PrintJob {
                appraisal_id: 2,
                file_name: "two.pdf".into(),
            },
        ];
        let refused = export_cycle(
            &jobs,
            dir.path(),
            |job| match job.appraisal_id {
                1 => Ok(b"%PDF-1".to_vec()),
                _ => Err(Error::Conflict("no".into())),
            },
            |_| {},
            &AtomicBool::new(false),
        )
        .unwrap_err();
        assert!(matches!(refused, Error::Conflict(_)), "{refused:?}");
        assert_eq!(files_in(dir.path()), vec!["one.pdf".to_owned()]);
    }

    #[test]
    fn a_file_that_cannot_be_written_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("taken");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("inside"), b"x").unwrap();
        let refused = write_atomically(&target, b"%PDF-1").unwrap_err();
        assert_eq!(refused.code(), "io", "{refused:?}");
        assert!(refused.to_string().starts_with("Could not write "), "{refused}");
        assert_eq!(files_in(dir.path()), vec!["taken".to_owned()], "no .part file left");
    }
}
