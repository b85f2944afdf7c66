//! The app and the CLI on one file at once: the app holds its store open
//! while another store of its own (the automatic backup's) opens and closes
//! the same file, and another process (the CLI) writes to it. A file's own
//! guarantee: on the server this test returns.

use super::common::*;

use appraise_core::Store;

#[test]
fn a_second_store_closed_in_one_process_leaves_the_first_seeing_what_another_process_writes() {
    if on_server() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let app = Store::open(&db).unwrap();
    let staff = |store: &Store| -> i64 {
        store
            .conn()
            .query_row("SELECT count(*) FROM staff", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(staff(&app), 0);
    drop(Store::open(&db).expect("a second store in the same process opens"));
    ok(&cli(
        &db,
        &[
            "staff",
            "add",
            "--forename",
            "Zoë",
            "--surname",
            "Ní Bhriain",
            "--band",
            "4",
            "--appointed",
            "2025-09-01",
        ],
    ));
    assert!(
        dir.path().join("a.db-wal").exists(),
        "the app's write-ahead log is still there"
    );
    assert_eq!(
        staff(&app),
        1,
        "the app sees the person the CLI added, not an old copy of the file"
    );
}
