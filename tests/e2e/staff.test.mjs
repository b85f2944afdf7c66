// The foundation, driven as a person would: an empty database, adding a
// staff member through the form, restarting the app, a refused value, and a
// file that is not an Appraise database.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { Session, startDriver } from "./webdriver.mjs";

function freshDbPath() {
  return path.join(mkdtempSync(path.join(tmpdir(), "appraise-e2e-")), "appraise.db");
}

describe("staff members in a new department", () => {
  let driver;
  let app;
  const db = freshDbPath();

  before(async () => {
    driver = await startDriver({ APPRAISE_DB: db });
    app = await Session.start(driver);
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  it("an empty database tells a new user what to do first", async () => {
    const empty = await app.text("#empty-state");
    assert.match(empty, /No staff yet/, "empty state heading");
    assert.match(empty, /Start by adding the people in your clinical coding team/, "guidance");
    assert.equal(await app.exec("return document.title"), "Appraise", "window title");
    await app.screenshot("01-empty");
  });

  it("a staff member added through the form is listed with their name intact", async () => {
    await app.click("#add-staff");
    await app.type("#forename", "Zoë");
    await app.type("#surname", "Ní Bhriain");
    await app.choose("#band", "4");
    await app.type("#job_title", "Clinical Coder");
    await app.type("#appointed", "01/09/2025");
    await app.screenshot("02-form");
    await app.click("#save-staff");
    const row = await app.el("#staff-table tbody tr");
    assert.ok(row, "a row appears");
    const table = await app.text("#staff-table");
    assert.match(table, /Zoë Ní Bhriain/, "name with accents");
    assert.match(table, /01\/09\/2025/, "appointment date as dd/mm/yyyy");
    assert.match(table, /Clinical Coder/, "job title");
    assert.match(await app.text("#notice"), /Added Zoë Ní Bhriain \(staff number 100001\)/, "confirmation");
    await app.screenshot("03-listed");
  });

  it("a refused value shows its message next to the field, and nothing is added", async () => {
    await app.click("#add-staff");
    await app.type("#forename", "Siân");
    await app.type("#surname", "Evans");
    await app.choose("#band", "5");
    await app.type("#appointed", "31/02/2025");
    await app.click("#save-staff");
    const message = await app.text("#appointed-error");
    assert.match(message, /31\/02\/2025 is not a real date/, "message quotes the bad date");
    const group = await app.exec("return document.querySelector('#appointed').closest('.nhsuk-form-group').className");
    assert.match(group, /nhsuk-form-group--error/, "the field is marked in error");
    assert.match(await app.text("#error-summary"), /There is a problem/, "error summary at the top");
    assert.equal(await app.find("#forename-error"), null, "good fields carry no message");
    await app.screenshot("04-validation");

    await app.type("#appointed", "02/03/2025");
    await app.click("#save-staff");
    await app.el("#notice");
    const names = await app.exec("return [...document.querySelectorAll('#staff-table .staff-name')].map(e => e.textContent.trim())");
    assert.deepEqual(names, ["Siân Evans", "Zoë Ní Bhriain"], "both listed, by surname");
  });

  it("after a restart the staff are still there", async () => {
    await app.quit();
    app = await Session.start(driver);
    const table = await app.text("#staff-table");
    assert.match(table, /Zoë Ní Bhriain/, "first member survived the restart");
    assert.match(table, /Siân Evans/, "second member survived the restart");
  });

  it("editing a member sets their line manager", async () => {
    await app.click('tr[data-staff-number="100001"] .edit-staff');
    await app.choose("#manager", "100002");
    await app.click("#save-staff");
    await app.el("#notice");
    const row = await app.text('tr[data-staff-number="100001"]');
    assert.match(row, /Siân Evans/, "manager's name shown on the report's row");
  });
});

describe("a file that is not an Appraise database", () => {
  it("is refused in the window with a clear message and left unchanged", async () => {
    const db = freshDbPath();
    const original = "Shopping list\n- milk\n";
    writeFileSync(db, original);
    const driver = await startDriver({ APPRAISE_DB: db });
    let app;
    try {
      app = await Session.start(driver);
      const message = await app.text("#startup-error");
      assert.match(message, /Appraise cannot open its database/, "headline");
      assert.match(message, /is not an Appraise database/, "reason");
      await app.screenshot("05-not-appraise");
    } finally {
      await app?.quit();
      await driver.stop();
    }
    assert.equal(readFileSync(db, "utf8"), original, "the file is byte-identical");
  });
});
