// The staff list of a large department, driven as its manager would: a page
// of rows at a time with the count shown, "Show more" taking the keyboard to
// the rows it drew, and the filter box (name, staff number, band, team)
// narrowing the list as they type, kept while a record is open.
//
// The department is the demonstration's, 120 staff (`appraise-cli demo
// --staff 120`), its head the administrator.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { cli, freshDbPath, Session, signIn, startDriver } from "./webdriver.mjs";

const TODAY = "2026-11-28";
const PASSPHRASE = "large department head passphrase";

/** The staff numbers of the rows drawn, in order. */
function rows(app) {
  return app.exec("return [...document.querySelectorAll('#staff-table tbody tr')].map(r => r.dataset.staffNumber)");
}

async function waitForCount(app, pattern) {
  await app.waitFor(async () => pattern.test(await app.text("#staff-count")), `#staff-count ~ ${pattern}`);
}

describe("the staff list of a department of 120", () => {
  let driver;
  let app;
  const db = freshDbPath("appraise-e2e-staff-list-");
  let staff;
  let head;

  before(async () => {
    cli(db, "demo", "--staff", "120", "--years", "1", "--today", TODAY);
    staff = JSON.parse(cli(db, "staff", "list", "--json"));
    head = staff.find((p) => !p.manager);
    cli(db, "account", "create-admin", "--staff-number", head.staff_number, "--forename", head.forename, "--surname", head.surname,
      "--band", head.band, "--appointed", head.appointed, "--passphrase", PASSPHRASE);
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY });
    app = await Session.start(driver);
    await signIn(app, `${head.forename} ${head.surname}`, PASSPHRASE);
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  it("draws the first 50 people and says how many there are", async () => {
    await app.click("#nav-staff");
    await app.el("#staff-table");
    assert.equal(await app.text("#staff-count"), "Showing 1–50 of 120 people");
    const drawn = await rows(app);
    assert.equal(drawn.length, 50, "one page of rows");
    assert.deepEqual(drawn, staff.slice(0, 50).map((p) => p.staff_number), "the list's first 50, in its order");
    assert.match(await app.text("#show-more-staff"), /^Show 50 more people/);
    await app.screenshot("staff-list-01-first-page");
    await app.exec("document.querySelector('#show-more-staff').scrollIntoView({block: 'end'})");
    await app.screenshot("staff-list-01b-show-more");
  });

  it("Show more draws the next page and takes the keyboard to its first row", async () => {
    await app.click("#show-more-staff");
    await waitForCount(app, /^Showing 1–100 of 120 people$/);
    assert.equal((await rows(app)).length, 100);
    const focused = await app.exec("return document.activeElement.closest('tr')?.dataset.staffNumber ?? null");
    assert.equal(focused, staff[50].staff_number, "focus on the 51st person's row");
    assert.match(await app.text("#show-more-staff"), /^Show 20 more people/, "what is left");

    await app.click("#show-more-staff");
    await waitForCount(app, /^Showing all 120 people$/);
    assert.equal((await rows(app)).length, 120);
    assert.equal(await app.find("#show-more-staff"), null, "nothing more to show");
  });

  it("the filter finds people by name, staff number, band and team as they type", async () => {
    const someone = staff.find((p) => p.manager && p.manager !== head.staff_number);
    await app.type("#staff-filter", someone.staff_number);
    await waitForCount(app, /^Showing 1 person who matches \(120 in all\)$/);
    assert.deepEqual(await rows(app), [someone.staff_number], "by staff number");

    await app.type("#staff-filter", `${someone.forename} ${someone.surname}`.toLowerCase());
    await waitForCount(app, /who match(es)? \(120 in all\)$/);
    assert.ok((await rows(app)).includes(someone.staff_number), "by name, in any case");

    const team = staff.filter((p) => p.manager === someone.manager || p.staff_number === someone.manager);
    await app.type("#staff-filter", someone.manager_name);
    await waitForCount(app, /who match \(120 in all\)$/);
    const shown = await rows(app);
    for (const p of team) assert.ok(shown.includes(p.staff_number), `${p.forename} ${p.surname} in ${someone.manager_name}'s team`);

    const band5 = staff.filter((p) => p.band === "5").length;
    await app.type("#staff-filter", "band 5");
    await waitForCount(app, new RegExp(`${band5} (person|people) who match(es)? \\(120 in all\\)$`));
    const bands = await app.exec("return [...document.querySelectorAll('#staff-table tbody tr td:nth-child(3)')].map(c => c.textContent.trim())");
    assert.ok(bands.length > 0 && bands.every((b) => b === "5"), `band 5 only: ${bands}`);
    await app.screenshot("staff-list-02-filtered");

    await app.type("#staff-filter", "no such person anywhere");
    await app.el("#staff-no-match");
    assert.equal(await app.find("#staff-table"), null, "no empty table");
    assert.equal(await app.text("#staff-count"), "No one matches (120 people in all)");
    await app.click("#clear-staff-filter");
    await waitForCount(app, /^Showing 1–50 of 120 people$/);
    assert.equal(await app.exec("return document.activeElement.id"), "staff-filter", "back in the filter box");
  });

  it("keeps the filter while a record is open", async () => {
    const someone = staff.find((p) => p.manager);
    await app.type("#staff-filter", someone.staff_number);
    await waitForCount(app, /^Showing 1 person who matches/);
    await app.click(`tr[data-staff-number="${someone.staff_number}"] .edit-staff`);
    await app.click("#cancel");
    await app.el("#staff-table");
    assert.equal(await app.attr("#staff-filter", "value"), someone.staff_number, "the filter as it was");
    assert.deepEqual(await rows(app), [someone.staff_number]);
  });
});
