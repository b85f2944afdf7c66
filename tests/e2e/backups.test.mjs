// Backups in the window, on a fixed day (29/11/2026): the administrator
// backs up through the Backups page (the save dialog answered by
// APPRAISE_SAVE_FILE) and reads the file, size and SHA-256; someone is
// added afterwards; a copy of the backup with one byte changed is refused
// (nothing changes, the administrator stays signed in); the good backup is
// restored after the confirmation, which signs everyone out, and the person
// added after the backup is gone. An automatic backup that failed at start
// shows on the home page, and the automatic backups' settings are saved.
// Screenshots at 1200 x 820.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { ADMIN, cli, freshDbPath, seed, Session, signIn, startDriver } from "./webdriver.mjs";

const TODAY = "2026-11-29";
const db = freshDbPath("appraise-e2e-backups-");
const dir = mkdtempSync(path.join(tmpdir(), "appraise-e2e-backups-files-"));
const saved = path.join(dir, "department-backup.db");
const chosen = path.join(dir, "chosen.db");
const autoFolder = path.join(dir, "automatic");
// A file where the automatic backups' folder should be: the backup at start fails.
const inTheWay = path.join(dir, "not-a-folder");

/** Runs SQL on the test database with Python's sqlite3. */
function sql(statement, params = []) {
  const script = `import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute(sys.argv[2], json.loads(sys.argv[3])).fetchall()
c.commit()
print(json.dumps(rows))`;
  return JSON.parse(execFileSync("python3", ["-c", script, db, statement, JSON.stringify(params)], { encoding: "utf8" }));
}

function staffNames() {
  return JSON.parse(cli(db, "staff", "list", "--json")).map((s) => `${s.forename} ${s.surname}`);
}

/** Puts `bytes` at the path the open dialog answers, with the backup's own checksum line. */
function offer(bytes) {
  writeFileSync(chosen, bytes);
  const sum = readFileSync(`${saved}.sha256`, "utf8").split(/\s+/)[0];
  writeFileSync(`${chosen}.sha256`, `${sum}  chosen.db\n`);
}

describe("backups in the window on 29/11/2026", () => {
  let driver;
  let app;

  before(async () => {
    seed(db, { staff: [["--forename", "Bo", "--surname", "Ray", "--band", "7", "--appointed", "2021-04-01", "--manager", ADMIN.staffNumber]] });
    writeFileSync(inTheWay, "in the way");
    sql("INSERT INTO setting (key, value) VALUES ('backup.enabled', 'true'), ('backup.folder', ?), ('backup.keep', '7')", [
      JSON.stringify(inTheWay),
    ]);
    driver = await startDriver({
      APPRAISE_DB: db,
      APPRAISE_TODAY: TODAY,
      APPRAISE_SAVE_FILE: saved,
      APPRAISE_PICK_FILE: chosen,
      APPRAISE_PICK_FOLDER: autoFolder,
    });
    app = await Session.start(driver);
    await app.cmd("POST", "/window/rect", { width: 1200, height: 820 });
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  it("shows the administrator that the automatic backup at start failed", async () => {
    assert.equal((await signIn(app, ADMIN.name, ADMIN.passphrase)).screen, "app");
    const warning = await app.text("#backup-failed");
    assert.match(warning, /automatic backup failed/i, "the warning's heading");
    assert.match(warning, /not-a-folder/, `it names where: ${warning}`);
    await app.screenshot("backups-home-warning");
  });

  it("backs up from the Backups page and shows the file, size and checksum", async () => {
    await app.visit("#/backups");
    await app.click("#backup-now");
    await app.el("#backup-done", 30_000);
    assert.equal(await app.text("#backup-file"), saved, "the file chosen in the dialog");
    const sum = readFileSync(`${saved}.sha256`, "utf8");
    assert.equal(sum, `${await app.text("#backup-sha256")}  department-backup.db\n`, "the checksum file beside it, as sha256sum writes");
    assert.match(await app.text("#backup-size"), /KB|MB/, "a size");
    assert.match(await app.text("#backup-audit-rows"), /^\d+, chain verified$/, "the audit rows");
    assert.ok(statSync(saved).size > 0, "the backup is on disk");
    const audit = sql("SELECT action, actor, record_id FROM audit ORDER BY id DESC LIMIT 1");
    assert.deepEqual(audit[0], ["database.backup", ADMIN.staffNumber, "department-backup.db"], "the backup is in the audit trail");
    await app.screenshot("backups-done");
  });

  it("refuses a backup with one byte changed, and nothing changes", async () => {
    cli(db, "staff", "add", "--forename", "Cy", "--surname", "Late", "--band", "5", "--appointed", "2026-11-01", "--manager", ADMIN.staffNumber);
    const bytes = readFileSync(saved);
    bytes[bytes.length - 100] ^= 0x01;
    offer(bytes);
    await app.click("#restore-choose");
    await app.el("#restore-error", 30_000);
    const error = await app.text("#restore-error");
    assert.match(error, /checksum/, `says why: ${error}`);
    assert.equal(await app.find("#restore-confirm"), null, "no confirmation offered");
    assert.ok(staffNames().includes("Cy Late"), "the database is as it was");
    assert.ok(await app.find("#account-menu"), "still signed in");
    const refused = await app.invoke("backup_restore");
    assert.equal(refused.error?.code, "invalid", "a restore without a checked backup is refused");
    await app.screenshot("backups-refused");
  });

  it("restores the good backup after the confirmation and signs everyone out", async () => {
    offer(readFileSync(saved));
    await app.click("#restore-choose");
    await app.el("#restore-confirm", 30_000);
    const confirm = await app.text("#restore-confirm");
    assert.match(confirm, /passed every check/, confirm);
    assert.match(confirm, /signed out/, "it says what will happen");
    await app.screenshot("backups-confirm");
    await app.click("#restore-confirm-button");
    await app.el("#sign-in-form", 30_000);
    assert.deepEqual(staffNames().sort(), [ADMIN.name, "Bo Ray"].sort(), "the person added after the backup is gone");
    const kept = readdirSync(path.dirname(db)).filter((f) => f.startsWith("appraise.db.before-restore-"));
    assert.equal(kept.length, 1, `the replaced database is kept aside: ${kept}`);
    const row = sql("SELECT action, actor FROM audit ORDER BY id DESC LIMIT 1");
    assert.deepEqual(row[0], ["database.restore", ADMIN.staffNumber], "the restore is audited in the administrator's name");
    assert.equal((await signIn(app, ADMIN.name, ADMIN.passphrase)).screen, "app", "signs in again");
    assert.equal((await app.invoke("audit_verify")).ok?.ok, true, "the audit chain verifies");
  });

  it("saves the automatic backups' settings with the folder chosen in the dialog", async () => {
    await app.visit("#/settings");
    await app.click("#backup-folder-choose");
    await app.waitFor(async () => (await app.exec("return document.querySelector('#backup-folder').value")) === autoFolder, "the folder chosen");
    await app.type("#backup-keep", "3");
    await app.click("#save-backup-settings");
    const notice = await app.text("#backup-settings-notice");
    assert.match(notice, /keeping the last 3/, notice);
    assert.deepEqual(
      sql("SELECT value FROM setting WHERE key IN ('backup.folder', 'backup.keep') ORDER BY key"),
      [[JSON.stringify(autoFolder)], ["3"]],
      "stored",
    );
    assert.ok(!existsSync(autoFolder), "nothing is made until the next start");
    await app.screenshot("backups-settings");
  });
});
