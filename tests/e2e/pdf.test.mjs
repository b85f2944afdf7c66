// Printed records in the window, end to end, on a fixed day (05/05/2026) in
// the demonstration department (seed 7).
//
// The administrator sets the trust, department and marking printed on every
// record. A line manager whose name is not plain ASCII opens an appraisal
// she signed as appraiser and clicks "Print or save as PDF…": the file is found where
// the save dialog put it, and pdftotext finds its sections, skill codes,
// page numbers, both signatures, the content hash (the same one the CLI
// prints for that record) and her name spelt right. "Check a PDF…" says the
// file is genuine, and a copy with one byte changed is not. She saves a
// report's PDP summary and NCCQ report from their pages. The administrator
// saves an unsigned appraisal (blank signature lines), then exports a whole
// cycle into a folder: the progress bar counts, Cancel stops it part way,
// and a full run writes one file per signed record.
//
// Native dialogs cannot be driven over WebDriver, so the app's test seams
// answer them: APPRAISE_SAVE_FILE (a folder: the suggested file name is
// saved there), APPRAISE_PICK_FILE (the PDF to check; the test changes the
// file at that path between checks) and APPRAISE_PICK_FOLDER. The export
// waits APPRAISE_EXPORT_DELAY_MS after each file so the progress can be
// watched and cancelled.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { artifacts, cli, cliBinary, freshDbPath, Session, signIn, signOut, startDriver } from "./webdriver.mjs";

const TODAY = "2026-05-05";
const db = freshDbPath("appraise-e2e-pdf-");
const work = mkdtempSync(path.join(tmpdir(), "appraise-e2e-pdf-files-"));
const savedDir = path.join(work, "saved");
const exportDir = path.join(work, "export");
const checkFile = path.join(work, "check.pdf");
mkdirSync(savedDir);

const TRUST = "Northshire Hospitals NHS Foundation Trust";
const DEPARTMENT = "Clinical Coding – Adran Codio Clinigol";

const people = {};
let signedId;
let unsignedId;
let exportCycle;
let exportCount;
let trainee;

const nonAscii = (s) => /[^\x00-\x7f]/.test(s);
const name = (s) => `${s.forename} ${s.surname}`;

function seedDepartment() {
  cli(db, "demo", "--seed", "7", "--today", TODAY);
  const staff = JSON.parse(cli(db, "staff", "list", "--json"));
  const list = JSON.parse(cli(db, "appraisal", "list", "--json"));
  const head = staff.find((s) => !s.manager);
  // A signed appraisal of this cycle whose appraiser's name is not plain ASCII.
  const signed = list.find((a) => a.cycle === "2026/27" && a.status === "signed" && nonAscii(a.appraiser_name));
  assert.ok(signed, "the demonstration department has a signed appraisal by a manager with an accented name");
  signedId = signed.id;
  const manager = staff.find((s) => s.staff_number === signed.appraiser_staff_number);
  const unsigned = list.find((a) => a.status === "in_progress");
  assert.ok(unsigned, "an appraisal in progress");
  unsignedId = unsigned.id;
  // The cycle with the most signed records, to export.
  const counts = {};
  for (const a of list.filter((a) => a.status === "signed")) counts[a.cycle] = (counts[a.cycle] ?? 0) + 1;
  [exportCycle, exportCount] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  // One of the manager's reports on the NCCQ pathway (band 3).
  trainee = staff.find((s) => s.manager === manager.staff_number && s.band === "3");
  assert.ok(trainee, "the manager has a trainee");
  Object.assign(people, {
    admin: { staffNumber: head.staff_number, name: name(head), passphrase: "the administrator's passphrase" },
    manager: { staffNumber: manager.staff_number, name: name(manager), first: "manager first passphrase", passphrase: "my own manager passphrase" },
  });
  cli(db, "account", "create-admin", "--staff-number", head.staff_number, "--forename", head.forename, "--surname", head.surname,
    "--band", head.band, "--appointed", head.appointed, "--passphrase", people.admin.passphrase);
  cli(db, "account", "add", manager.staff_number, "--role", "manager", "--passphrase", people.manager.first);
}

function pdfText(file) {
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

/** The PDFs in a folder, half-written ones left out. */
function pdfsIn(dir) {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".pdf")) : [];
}

describe("printed records in the window", () => {
  let driver;
  let app;
  let savedPath;

  before(async () => {
    seedDepartment();
    driver = await startDriver({
      APPRAISE_DB: db,
      APPRAISE_TODAY: TODAY,
      APPRAISE_SAVE_FILE: savedDir,
      APPRAISE_PICK_FILE: checkFile,
      APPRAISE_PICK_FOLDER: exportDir,
      APPRAISE_EXPORT_DELAY_MS: "150",
    });
    app = await Session.start(driver);
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  async function signInAs(who) {
    const outcome = await signIn(app, who.name, who.changed || !who.first ? who.passphrase : who.first);
    if (outcome.screen === "change") {
      await app.type("#current-passphrase", who.first);
      await app.type("#new-passphrase", who.passphrase);
      await app.type("#new-passphrase-again", who.passphrase);
      await app.click("#change-passphrase");
      await app.el("#account-menu");
      who.changed = true;
    } else {
      assert.equal(outcome.screen, "app", outcome.message);
    }
  }

  async function scrollTo(css) {
    await app.el(css);
    await app.exec("document.querySelector(arguments[0]).scrollIntoView({ block: 'start' }); window.scrollBy(0, -16)", [css]);
  }

  /** Clicks a save button and waits for "Saved to …"; returns the path shown. */
  async function saveVia(id) {
    await app.click(`#${id}`);
    await app.waitFor(async () => (await app.find(`#${id}-saved, #${id}-error`)) !== null, `${id} to finish`, 20_000);
    assert.equal(await app.find(`#${id}-error`), null, await app.exec("return document.querySelector(arguments[0])?.textContent", [`#${id}-error`]));
    const text = await app.text(`#${id}-saved`);
    const m = /^Saved to (.+?)\s*Open$/.exec(text.trim());
    assert.ok(m, `"Saved to …" with an Open button: ${text}`);
    assert.ok(await app.find(`#${id}-open`), "an Open button");
    return m[1];
  }

  it("the administrator sets the trust, department and marking printed on every record", async () => {
    await signInAs(people.admin);
    await app.click("#nav-settings");
    await app.el("#print-settings-form");
    assert.match(await app.exec("return document.querySelector('#print-marking').value"), /OFFICIAL-SENSITIVE/);
    await app.type("#print-trust", TRUST);
    await app.type("#print-department", DEPARTMENT);
    await app.click("#save-print-settings");
    await app.el("#print-settings-saved");
    await scrollTo("#print-settings-heading");
    await app.screenshot("pdf-01-print-settings");
    await signOut(app);
  });

  it("the manager saves a signed appraisal as PDF through the save dialog and the file is there", async () => {
    await signInAs(people.manager);
    await app.click("#nav-appraisals");
    await app.click(`#open-${signedId}`);
    // A signed record opens as one page, its parts in the order of the PDF.
    await app.el("#signed-record");
    const parts = await app.exec("return [...document.querySelectorAll('#signed-record h2')].map(h => h.textContent.trim())");
    assert.deepEqual(parts.map((p) => p.slice(0, 2)), ["a.", "b.", "c.", "d.", "e.", "f.", "g.", "h."], `every part, in order: ${parts}`);
    assert.equal(await app.find("#signed-record input:not([disabled]), #signed-record textarea:not([disabled])"), null, "nothing to type into");
    await app.screenshot("pdf-02a-signed-record-one-page");
    await app.click("#read-by-step");
    await app.el("#step-content");
    await app.el("#read-one-page");
    assert.equal(await app.text("#save-pdf"), "Print or save as PDF…");
    assert.match(await app.text("#save-pdf-hint"), /signed record, with both electronic signatures/);
    savedPath = await saveVia("save-pdf");
    assert.equal(path.dirname(savedPath), savedDir, "saved where the dialog said");
    assert.ok(existsSync(savedPath), `${savedPath} exists`);
    assert.match(path.basename(savedPath), /^2026-27 .+ v1\.pdf$/, "the suggested name names the cycle, the person and the version");
    assert.ok(readFileSync(savedPath).subarray(0, 5).equals(Buffer.from("%PDF-")));
    await app.screenshot("pdf-02-saved-appraisal");
  });

  it("the saved PDF has the record's sections, skill codes, page numbers, signatures, hash and names", async () => {
    const text = pdfText(savedPath);
    const record = JSON.parse(cli(db, "appraisal", "show", String(signedId), "--json"));
    for (const heading of ["Annual appraisal record", "Last year's objectives and outcomes", "Skills", "New objectives",
      "Personal development plan", "Wellbeing", "Pay progression", "Comments", "Signatures"]) {
      assert.match(text, new RegExp(`^\\s*${heading.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`, "m"), `section ${heading}`);
    }
    for (const code of new Set(record.skills.map((s) => s.skill_code))) assert.match(text, new RegExp(`\\b${code}\\b`), `skill code ${code}`);
    assert.match(text, /Page 1 of \d+ · Record \d+ version 1/);
    const pages = Number(/Page 1 of (\d+)/.exec(text)[1]);
    assert.match(text, new RegExp(`Page ${pages} of ${pages}`), "the last page is numbered too");
    assert.match(text, new RegExp(TRUST));
    assert.ok(text.includes(DEPARTMENT), "the department, with its en dash, as typed");
    assert.match(text, /OFFICIAL-SENSITIVE: PERSONAL/);
    // Both signatures, and the manager's accented name spelt right.
    assert.ok(nonAscii(people.manager.name));
    assert.ok(text.includes(`Electronically signed by ${record.appraisee_signature.name} (Appraisee`), "the appraisee's signature");
    assert.ok(text.replace(/\s+/g, " ").includes(`Electronically signed by ${people.manager.name} (Appraiser`), "the appraiser's signature, her name intact");
    // The content hash in the footer: the same on every page, and the same the CLI prints for the record.
    const hashes = [...text.matchAll(/SHA-256 ([0-9a-f]{64})/g)].map((m) => m[1]);
    assert.equal(hashes.length, pages, "a hash on every page");
    assert.equal(new Set(hashes).size, 1);
    const fromCli = path.join(work, "from-cli.pdf");
    execFileSync(cliBinary, ["--db", db, "pdf", "appraisal", String(signedId), "--out", fromCli]);
    assert.equal(/SHA-256 ([0-9a-f]{64})/.exec(pdfText(fromCli))[1], hashes[0], "the window and the CLI print the same hash");
    // The CLI's check agrees with the window's file.
    const verified = spawnSync(cliBinary, ["--db", db, "verify", savedPath], { encoding: "utf8" });
    assert.equal(verified.status, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /^GENUINE/);
    // The first page as a picture, to look at.
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", savedPath, path.join(artifacts, "pdf-03-appraisal-page1")]);
  });

  it("Check a PDF…: the saved file is genuine; a copy with one byte changed is not", async () => {
    await app.click("#nav-appraisals");
    await app.el("#printed-records");
    copyFileSync(savedPath, checkFile);
    await app.click("#check-pdf");
    await app.el("#check-result");
    assert.equal(await app.exec("return document.querySelector('#check-result').dataset.genuine"), "true");
    assert.match(await app.text("#check-result"), /^Genuine\s+This file is exactly what Appraise produced for record \d+ version 1/);
    assert.equal(await app.exec("return getComputedStyle(document.querySelector('#check-result')).borderLeftColor"), "rgb(0, 127, 59)", "green");
    await scrollTo("#printed-records");
    await app.screenshot("pdf-04-check-genuine");

    // One byte changed in the middle of the file.
    const bytes = readFileSync(savedPath);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    writeFileSync(checkFile, bytes);
    await app.click("#check-pdf");
    await app.waitFor(
      async () => (await app.exec("return document.querySelector('#check-result')?.dataset.genuine")) === "false",
      "the second answer",
    );
    assert.match(await app.text("#check-result"), /^Not genuine\s+This file has been altered since Appraise produced it/);
    assert.equal(await app.exec("return getComputedStyle(document.querySelector('#check-result')).borderLeftColor"), "rgb(213, 40, 27)", "red");
    await scrollTo("#printed-records");
    await app.screenshot("pdf-05-check-altered");
  });

  it("the PDP summary and the NCCQ report save from their pages", async () => {
    await app.exec("location.hash = arguments[0]", [`#/pdp/${trainee.staff_number}`]);
    await app.el("#pdp-name");
    const pdp = await saveVia("save-pdp-pdf");
    assert.ok(existsSync(pdp));
    assert.match(path.basename(pdp), new RegExp(`^PDP summary .*${trainee.staff_number}`));
    assert.ok(pdfText(pdp).includes(name(trainee)), "the PDP summary names its owner");
    await app.screenshot("pdf-06-pdp-saved");

    await app.exec("location.hash = arguments[0]", [`#/nccq/${trainee.staff_number}`]);
    await app.el("#trainee-name");
    const nccq = await saveVia("save-nccq-pdf");
    assert.ok(existsSync(nccq));
    assert.match(path.basename(nccq), new RegExp(`^NCCQ progress .*${trainee.staff_number}`));
    assert.ok(pdfText(nccq).includes(name(trainee)), "the NCCQ report names the trainee");
    await app.screenshot("pdf-07-nccq-saved");
    await signOut(app);
  });

  it("an appraisal still in progress prints with blank lines to sign in ink", async () => {
    await signInAs(people.admin);
    await app.click("#nav-appraisals");
    await app.click(`#open-${unsignedId}`);
    await app.el("#step-content");
    assert.match(await app.text("#save-pdf-hint"), /Not signed yet: .* blank lines to sign in ink/);
    await app.screenshot("pdf-08-unsigned-button");
    const file = await saveVia("save-pdf");
    const text = pdfText(file);
    assert.doesNotMatch(text, /Electronically signed by/);
    const signatures = text.slice(text.search(/^\s*Signatures\s*$/m));
    assert.match(signatures, /Appraisee[\s\S]*Signature[\s\S]*Name\s+Date[\s\S]*Appraiser[\s\S]*Signature/);
  });

  it("Export cycle…: a progress bar counts the files, Cancel stops part way, a full run writes every signed record", async () => {
    await app.click("#nav-appraisals");
    await app.el("#export-cycle");
    await app.choose("#export-cycle", exportCycle);
    assert.match(
      await app.exec("return document.querySelector('#export-cycle').selectedOptions[0].textContent"),
      new RegExp(`^${exportCycle.replace("/", "\\/")} \\(${exportCount} signed\\)$`),
    );
    await app.click("#export-cycle-start");
    await app.waitFor(async () => Number(await app.exec("return document.querySelector('#export-progress')?.dataset.done ?? 0")) >= 3, "a few files", 20_000);
    assert.match(await app.text("#export-progress-label"), new RegExp(`^\\d+ of ${exportCount}$`));
    assert.equal(await app.exec("return document.querySelector('#export-progress progress').max"), exportCount);
    await scrollTo("#printed-records");
    await app.screenshot("pdf-09-export-progress");
    await app.click("#export-cancel");
    await app.el("#export-done");
    assert.equal(await app.exec("return document.querySelector('#export-done').dataset.cancelled"), "true");
    const written = Number(await app.exec("return document.querySelector('#export-done').dataset.written"));
    assert.ok(written >= 3 && written < exportCount, `stopped part way: ${written} of ${exportCount}`);
    assert.match(await app.text("#export-done"), new RegExp(`^Cancelled: ${written} records of ${exportCount} saved to`));
    assert.equal(pdfsIn(exportDir).length, written, "the files written before Cancel, and no more");
    await app.screenshot("pdf-10-export-cancelled");

    await app.click("#export-cycle-start");
    await app.waitFor(
      async () => (await app.exec("return document.querySelector('#export-done')?.dataset.cancelled")) === "false",
      "the whole cycle",
      60_000,
    );
    assert.equal(await app.text("#export-progress-label"), `${exportCount} of ${exportCount}`);
    const files = pdfsIn(exportDir);
    assert.equal(files.length, exportCount, "one file for each signed record of the cycle");
    assert.deepEqual(readdirSync(exportDir).filter((f) => !f.endsWith(".pdf")), [], "no half-written files left");
    const prefix = exportCycle.replace("/", "-");
    for (const f of files) assert.ok(f.startsWith(`${prefix} `), `${f} names the cycle`);
    assert.ok(files.some(nonAscii), "accented names are kept in file names");
    for (const f of files.slice(0, 3)) {
      const r = spawnSync(cliBinary, ["--db", db, "verify", path.join(exportDir, f)], { encoding: "utf8" });
      assert.equal(r.status, 0, `${f}: ${r.stdout}`);
    }
    await scrollTo("#printed-records");
    await app.screenshot("pdf-11-export-done");
  });
  it("Export everything about this person…: the administrator writes a trainee's folder; every PDF in it verifies", async () => {
    // Whoever the previous test left signed in, the administrator does this.
    if ((await app.find("#account-menu")) !== null) await signOut(app);
    await signInAs(people.admin);
    await app.click("#nav-staff");
    await app.click(`tr[data-staff-number="${trainee.staff_number}"] .edit-staff`);
    await scrollTo("#person-export");
    await app.click("#person-export");
    await app.waitFor(async () => (await app.find("#person-export-done, .nhsuk-error-summary")) !== null, "the export", 30_000);
    const done = await app.text("#person-export-done");
    const m = /to (.+)\.$/.exec(done.trim());
    assert.ok(m, `says where: ${done}`);
    const folder = m[1];
    assert.ok(folder.startsWith(exportDir) && folder.includes(trainee.staff_number), `a folder of its own in the chosen one: ${folder}`);
    const index = readFileSync(path.join(folder, "index.txt"), "utf8");
    assert.ok(index.includes(name(trainee)), "the index names whom it is about");
    const pdfs = [...pdfsIn(folder), ...pdfsIn(path.join(folder, "appraisals")).map((f) => path.join("appraisals", f))];
    assert.ok(pdfs.length >= 3, `the PDP, NCCQ report and appraisals: ${pdfs}`);
    for (const f of pdfs) {
      const r = spawnSync(cliBinary, ["--db", db, "verify", path.join(folder, f)], { encoding: "utf8" });
      assert.equal(r.status, 0, `${f}: ${r.stdout}${r.stderr}`);
    }
    await app.screenshot("pdf-12-person-exported");
  });
});
