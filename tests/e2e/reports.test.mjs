// The Reports page end to end, on a fixed day (05/05/2026) in the
// demonstration department (seed 7): a line manager opens Reports from the
// menu, sees the skills heatmap (an image with a label) and its table
// alternative, saves the overdue report as an Excel workbook and the team's
// dates as an .ics calendar through the save dialog (answered by the
// APPRAISE_SAVE_FILE test seam). axe-core checks every screen, charts
// included. Screenshots at 1200 × 820.

import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { cli, freshDbPath, Session, signIn, startDriver } from "./webdriver.mjs";

const TODAY = "2026-05-05";
const db = freshDbPath("appraise-e2e-reports-");
const savedDir = path.join(mkdtempSync(path.join(tmpdir(), "appraise-e2e-reports-files-")), "saved");
mkdirSync(savedDir);

const manager = {};

function seedDepartment() {
  cli(db, "demo", "--seed", "7", "--today", TODAY);
  const staff = JSON.parse(cli(db, "staff", "list", "--json"));
  const list = JSON.parse(cli(db, "appraisal", "list", "--json"));
  // A line manager who has signed annual appraisals with their reports: their heatmap has rows.
  const signed = list.find((a) => a.status === "signed" && a.kind === "annual");
  assert.ok(signed, "a signed annual appraisal");
  const m = staff.find((s) => s.staff_number === signed.appraiser_staff_number);
  Object.assign(manager, { staffNumber: m.staff_number, name: `${m.forename} ${m.surname}`, passphrase: "manager reports passphrase" });
  cli(db, "account", "add", m.staff_number, "--role", "manager", "--passphrase", "manager first passphrase");
}

describe("the Reports page", () => {
  let driver;
  let app;

  before(async () => {
    seedDepartment();
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY, APPRAISE_SAVE_FILE: savedDir });
    app = await Session.start(driver);
    await app.resize(1200, 820);
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  it("a manager opens Reports and sees the heatmap and its table alternative", async () => {
    const outcome = await signIn(app, manager.name, "manager first passphrase");
    if (outcome.screen === "change") {
      await app.type("#current-passphrase", "manager first passphrase");
      await app.type("#new-passphrase", manager.passphrase);
      await app.type("#new-passphrase-again", manager.passphrase);
      await app.click("#change-passphrase");
      await app.el("#account-menu");
    } else {
      assert.equal(outcome.screen, "app", outcome.message);
    }
    await app.click("#nav-reports");
    await app.el("#reports-heading");
    await app.el("#skills-heatmap-chart svg", 20_000);
    assert.equal(await app.exec("return document.querySelector('#skills-heatmap-chart').getAttribute('role')"), "img", "the chart is an image");
    const label = await app.exec("return document.querySelector('#skills-heatmap-chart').getAttribute('aria-label')");
    assert.match(label, /^Skills heatmap: agreed level against the role's expected level/, "the chart says what it shows");
    await app.screenshot("reports-01-heatmap");
    await app.click("#skills-heatmap-table-details summary");
    const rows = await app.exec("return document.querySelectorAll('#skills-heatmap-table tbody tr').length");
    assert.ok(rows > 0, "the table alternative has a row per person");
    await app.exec("document.querySelector('#skills-heatmap-table').scrollIntoView({ block: 'start' })");
    await app.screenshot("reports-02-heatmap-table");
  });

  it("the other charts have labels and tables too", async () => {
    for (const id of ["#compliance-chart"]) {
      await app.el(`${id} svg`);
      assert.equal(await app.exec("return document.querySelector(arguments[0]).getAttribute('role')", [id]), "img", `${id} is an image`);
    }
    await app.exec("document.querySelector('#compliance-heading').scrollIntoView({ block: 'start' })");
    await app.screenshot("reports-03-compliance");
    await app.exec("document.querySelector('#nccq-heading').scrollIntoView({ block: 'start' })");
    await app.screenshot("reports-04-nccq");
    await app.exec("document.querySelector('#needs-heading').scrollIntoView({ block: 'start' })");
    await app.screenshot("reports-05-training-needs");
  });

  it("saves the overdue report as Excel and the calendar as .ics", async () => {
    await app.exec("document.querySelector('#save-heading').scrollIntoView({ block: 'start' })");
    await app.click("#save-overdue-xlsx");
    await app.waitFor(async () => (await app.find("#saved, #save-error")) !== null, "the report to be saved", 20_000);
    assert.equal(await app.find("#save-error"), null, "saved without an error");
    const xlsx = (await app.text("#saved")).replace(/^Saved to /, "").trim();
    assert.equal(path.dirname(xlsx), savedDir, "saved where the dialog said");
    assert.match(path.basename(xlsx), /^Appraisals overdue 2026-05-05\.xlsx$/);
    assert.ok(readFileSync(xlsx).subarray(0, 2).equals(Buffer.from("PK")), "an Excel workbook (a zip)");
    await app.screenshot("reports-06-saved-excel");

    await app.click("#save-calendar");
    await app.waitFor(async () => /\.ics$/.test((await app.text("#saved")).trim()), "the calendar to be saved", 20_000);
    const ics = (await app.text("#saved")).replace(/^Saved to /, "").trim();
    assert.ok(existsSync(ics), `${ics} exists`);
    const text = readFileSync(ics, "utf8");
    assert.match(text, /^BEGIN:VCALENDAR/, "an iCalendar file");
    assert.match(text, /BEGIN:VEVENT[\s\S]*UID:[^\r\n]+@appraise\.nhs/, "events with stable UIDs");
  });
});
