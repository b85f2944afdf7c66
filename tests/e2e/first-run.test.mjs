// First run on a database that already has staff (the demonstration
// department, seed 7, with no accounts): the person setting Appraise up
// chooses themselves from the people already there, with their staff
// number, and becomes the administrator without anyone being added; the
// trust's and department's names typed at first run are the print settings
// from then on, so no record prints the placeholder.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { cli, freshDbPath, Session, startDriver } from "./webdriver.mjs";

const TODAY = "2026-05-05";
const PASSPHRASE = "the head of department's passphrase";
const TRUST = "Ysbyty Gwynedd NHS Trust";
const DEPARTMENT = "Clinical Coding Services";
const db = freshDbPath("appraise-e2e-first-run-");

const staffList = () => JSON.parse(cli(db, "staff", "list", "--json"));

describe("first run on a department that already has staff", () => {
  let driver;
  let app;
  let head;
  let staffBefore;

  before(async () => {
    cli(db, "demo", "--seed", "7", "--today", TODAY);
    staffBefore = staffList();
    head = staffBefore.find((s) => !s.manager);
    assert.ok(head, "the demonstration department has a head of department");
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY });
    app = await Session.start(driver);
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  it("offers the people already there, and refuses adding the head of department a second time", async () => {
    assert.match(await app.text("#session-screen"), /Set up Appraise/);
    const offered = await app.exec("return [...document.querySelectorAll('#existing option')].map(o => o.textContent.trim())");
    const name = `${head.forename} ${head.surname}`;
    assert.ok(
      offered.includes(`${name} (staff number ${head.staff_number})`),
      `the head of department is offered with their staff number: ${offered}`,
    );
    assert.equal(await app.find("#forename"), null, "the form to add oneself waits until asked for");
    await app.exec("window.scrollTo(0, 0)");
    await app.screenshot("first-run-01-choose");

    // Not on the list, blank staff number: the same person would be added again.
    await app.choose("#existing", "new");
    await app.type("#forename", head.forename);
    await app.type("#surname", head.surname);
    await app.choose("#band", head.band);
    const [y, m, d] = head.appointed.split("-");
    await app.type("#appointed", `${d}/${m}/${y}`);
    await app.type("#trust", TRUST);
    await app.type("#department", DEPARTMENT);
    await app.type("#passphrase", PASSPHRASE);
    await app.type("#passphrase-again", PASSPHRASE);
    await app.click("#create-administrator");
    assert.match(
      await app.text("#staff_number-error"),
      new RegExp(`${name} \\(staff number ${head.staff_number}\\) is already in Appraise. Choose them from the list`),
      "the refusal points to choosing them",
    );
    assert.equal(staffList().length, staffBefore.length, "nobody added");
  });

  it("makes the chosen person the administrator without adding anyone, and keeps the names typed", async () => {
    await app.choose("#existing", head.staff_number);
    assert.equal(await app.find("#forename"), null, "no staff form for someone already there");
    await app.click("#create-administrator");
    await app.el("#account-menu");
    assert.equal(await app.text("#signed-in-name"), `${head.forename} ${head.surname}`);
    assert.equal(await app.text("#signed-in-role"), "Administrator");
    assert.equal(staffList().length, staffBefore.length, "the staff count is unchanged");

    const header = await app.invoke("print_settings_get");
    assert.equal(header.ok?.trust, TRUST, JSON.stringify(header));
    assert.equal(header.ok?.department, DEPARTMENT, JSON.stringify(header));
    assert.equal(header.ok?.marking, "OFFICIAL-SENSITIVE: PERSONAL", "the marking keeps its default");
  });
});
