// The foundation, driven as a person would: the first run making the
// administrator, an empty department, adding a staff member through the
// form, restarting the app and signing in again, a refused value, importing
// staff from an ESR export, and a file that is not an Appraise database.

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { freshDbPath, Session, signIn, startDriver } from "./webdriver.mjs";

const ADMIN_PASSPHRASE = "copper meadow violin tide";

describe("staff members in a new department", () => {
  let driver;
  let app;
  const db = freshDbPath();
  const esr = path.join(path.dirname(db), "esr-export.csv");

  before(async () => {
    writeFileSync(esr, "");
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_PICK_FILE: esr });
    app = await Session.start(driver);
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  it("the first run makes the person setting up Appraise its administrator", async () => {
    const intro = await app.text("#session-screen");
    assert.match(intro, /Set up Appraise/);
    assert.match(intro, /Appraise has no accounts yet/);
    assert.match(await app.text("#passphrase-hint"), /At least 10 characters/, "the passphrase rule is shown");
    assert.equal(await app.find("#nav-staff"), null, "no navigation before anyone signs in");
    await app.type("#forename", "Łukasz");
    await app.type("#surname", "Wiśniewski");
    await app.type("#staff_number", "100000");
    await app.choose("#band", "8a");
    await app.type("#job_title", "Coding Services Manager");
    await app.type("#appointed", "01/04/2019");
    await app.type("#acc_date", "01/03/2012");
    assert.equal(await app.find("#existing"), null, "nobody to choose from in a new database");
    await app.type("#trust", "Ysbyty Gwynedd NHS Trust");
    await app.type("#department", "Clinical Coding");
    await app.type("#passphrase", "too short");
    await app.type("#passphrase-again", "too short");
    await app.exec("window.scrollTo(0, 0)");
    await app.screenshot("00-first-run");
    await app.click("#create-administrator");
    assert.match(await app.text("#passphrase-error"), /at least 10 characters/, "the rule, next to the field");
    assert.match(await app.text("#error-summary"), /There is a problem/);

    await app.type("#passphrase", ADMIN_PASSPHRASE);
    await app.type("#passphrase-again", ADMIN_PASSPHRASE + "!");
    await app.click("#create-administrator");
    assert.match(await app.text("#passphrase-again-error"), /Type the same passphrase twice/);

    await app.type("#passphrase-again", ADMIN_PASSPHRASE);
    await app.click("#create-administrator");
    await app.el("#account-menu");
    assert.equal(await app.text("#signed-in-name"), "Łukasz Wiśniewski", "the header says who is signed in");
    assert.equal(await app.text("#signed-in-role"), "Administrator");
    const nav = await app.exec("return [...document.querySelectorAll('.nhsuk-header__navigation-link')].map(a => a.id)");
    for (const id of ["nav-staff", "nav-team", "nav-roles", "nav-accounts", "nav-audit"]) {
      assert.ok(nav.includes(id), `the administrator has ${id}: ${nav}`);
    }
  });

  it("an empty department tells the administrator what to do first", async () => {
    await app.click("#nav-staff");
    const empty = await app.text("#empty-state");
    assert.match(empty, /No staff yet/, "empty state heading");
    assert.match(empty, /Start by adding the people in your clinical coding team/, "guidance");
    assert.equal(await app.exec("return document.title"), "Staff – Appraise", "window title names the page");
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
    assert.deepEqual(names, ["Siân Evans", "Zoë Ní Bhriain", "Łukasz Wiśniewski"], "all listed, by surname");
  });

  it("after a restart the administrator signs in and the staff are still there", async () => {
    await app.quit();
    app = await Session.start(driver);
    await app.el("#sign-in-form");
    const names = await app.exec("return [...document.querySelectorAll('#sign-in-name option')].map(o => o.textContent.trim())");
    assert.deepEqual(names, ["Choose your name", "Łukasz Wiśniewski"], "only people with an account are offered");
    await app.screenshot("04b-sign-in");
    const wrong = await signIn(app, "Łukasz Wiśniewski", "not my passphrase");
    assert.deepEqual(wrong, { screen: "refused", message: "That passphrase is not right. Try again." });
    assert.match(await app.text("#sign-in-passphrase-error"), /That passphrase is not right/, "next to the field");
    const right = await signIn(app, "Łukasz Wiśniewski", ADMIN_PASSPHRASE);
    assert.equal(right.screen, "app");
    await app.click("#nav-staff");
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

  it("an ESR export with wrong lines imports nobody and names every wrong line", async () => {
    writeFileSync(
      esr,
      [
        "staff_number,surname,forename,band,job_title,start_date,manager_staff_number",
        "2001,Byrne,Ciarán,5,Clinical Coding Specialist,01/06/2022,100002",
        "2002,Lee,Ann,12,Clinical Coder,01/09/2025,2001",
        "2003,Ray,Bo,4,Clinical Coder,31/02/2025,2001",
        "2004,Khan,Bea,3,Trainee Clinical Coder,03/03/2025,2001",
        "",
      ].join("\r\n"),
    );
    await app.click("#import-staff");
    await app.click("#choose-esr-file");
    await app.el("#esr-counts");
    assert.equal(await app.text("#esr-lines"), "4");
    assert.equal(await app.text("#esr-ready"), "2");
    assert.equal(await app.text("#esr-bad"), "2");
    const problems = await app.exec("return [...document.querySelectorAll('#esr-problems li')].map(l => l.textContent.replace(/\\s+/g, ' ').trim())");
    assert.equal(problems.length, 2, problems.join("\n"));
    assert.match(problems[0], /^Line 3 \(staff number 2002\): Band 12 is not an Agenda for Change band/);
    assert.match(problems[1], /^Line 4 \(staff number 2003\): Appointment date: 31\/02\/2025 is not a real date/);
    assert.match(await app.text("#esr-problems"), /2 lines are wrong: nothing will be imported/);
    assert.equal(await app.find("#confirm-esr-import"), null, "nothing to confirm");
    await app.screenshot("06-esr-refused");
  });

  it("the corrected export is previewed, then imported on confirmation", async () => {
    writeFileSync(
      esr,
      "\ufeffstaff_number,surname,forename,band,job_title,start_date,manager_staff_number\r\n" +
        "2001,Byrne,Ciarán,5,Clinical Coding Specialist,01/06/2022,100002\r\n" +
        "2002,Lee,Ann,4,Clinical Coder,01/09/2025,2001\r\n",
    );
    await app.click("#choose-esr-file");
    await app.waitFor(async () => (await app.find("#confirm-esr-import")) !== null, "the confirm button");
    assert.equal(await app.find("#esr-problems"), null, "the earlier problems are gone");
    assert.equal(await app.text("#esr-ready"), "2");
    const people = await app.exec("return [...document.querySelectorAll('#esr-people tbody tr')].map(r => r.dataset.staffNumber)");
    assert.deepEqual(people, ["2001", "2002"]);
    assert.match(await app.text("#esr-people"), /Ciarán Byrne/);
    assert.match(await app.text('#esr-people tr[data-staff-number="2002"]'), /Ciarán Byrne \(2001\)/, "a line manager in the file, by name");
    assert.match(await app.text('#esr-people tr[data-staff-number="2001"]'), /Siân Evans \(100002\)/, "a line manager in Appraise, by name");
    assert.equal(await app.text("#confirm-esr-import"), "Import 2 staff members");
    await app.screenshot("07-esr-preview");
    await app.click("#confirm-esr-import");
    assert.match(await app.text("#notice"), /Imported 2 staff members from esr-export\.csv\./);
    assert.match(await app.text('tr[data-staff-number="2002"]'), /Ciarán Byrne/, "the line manager from the file");
  });

  it("the administrator changes their own passphrase from the header, and signs in with the new one", async () => {
    const fresh = "quiet river copper lamp";
    await app.click("#change-passphrase-link");
    await app.type("#current-passphrase", "not the current one");
    await app.type("#new-passphrase", fresh);
    await app.type("#new-passphrase-again", fresh);
    await app.click("#change-passphrase");
    assert.match(await app.text("#current-passphrase-error"), /That passphrase is not right/);
    await app.type("#current-passphrase", ADMIN_PASSPHRASE);
    await app.type("#new-passphrase", fresh);
    await app.type("#new-passphrase-again", fresh);
    await app.click("#change-passphrase");
    assert.match(await app.text("#passphrase-changed"), /Your passphrase is changed/);
    await app.click("#sign-out");
    assert.equal((await signIn(app, "Łukasz Wiśniewski", ADMIN_PASSPHRASE)).screen, "refused", "the old one no longer works");
    assert.equal((await signIn(app, "Łukasz Wiśniewski", fresh)).screen, "app");
    assert.equal(await app.exec("return location.hash"), "#/passphrase", "back on the page they were on");
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
