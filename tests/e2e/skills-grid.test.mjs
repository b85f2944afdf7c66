// The meeting's skills step as one grid, in the demonstration department
// (seed 7) on a fixed day: the appraiser opens the meeting in progress and
// sees every competency of the role profile in one table (expected,
// self-assessed, agreed, gap), the gaps highlighted and counted; a level
// agreed below the expected one becomes a gap at once; "Show only gaps"
// leaves just those rows; a competency's level statements open on demand.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { cli, freshDbPath, Session, signIn, startDriver } from "./webdriver.mjs";

const TODAY = "2026-05-05";
const db = freshDbPath("appraise-e2e-skills-");

const manager = { first: "manager first passphrase", passphrase: "my own manager passphrase" };
let meeting;
let skills;

function seedDepartment() {
  cli(db, "demo", "--seed", "7", "--today", TODAY);
  const staff = JSON.parse(cli(db, "staff", "list", "--json"));
  meeting = JSON.parse(cli(db, "appraisal", "list", "--json")).find((a) => a.status === "in_progress");
  assert.ok(meeting, "the demonstration department has a meeting in progress");
  const shown = JSON.parse(cli(db, "appraisal", "show", String(meeting.id), "--json"));
  skills = (shown.record ?? shown).skills;
  const appraiser = staff.find((s) => s.staff_number === meeting.appraiser_staff_number);
  manager.name = `${appraiser.forename} ${appraiser.surname}`;
  const head = staff.find((s) => !s.manager);
  cli(db, "account", "create-admin", "--staff-number", head.staff_number, "--forename", head.forename, "--surname", head.surname,
    "--band", head.band, "--appointed", head.appointed, "--passphrase", "the administrator's passphrase");
  cli(db, "account", "add", appraiser.staff_number, "--role", "manager", "--passphrase", manager.first);
}

describe("the skills step as one grid", () => {
  let driver;
  let app;

  before(async () => {
    seedDepartment();
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY });
    app = await Session.start(driver);
    const outcome = await signIn(app, manager.name, manager.first);
    assert.equal(outcome.screen, "change");
    await app.type("#current-passphrase", manager.first);
    await app.type("#new-passphrase", manager.passphrase);
    await app.type("#new-passphrase-again", manager.passphrase);
    await app.click("#change-passphrase");
    await app.el("#account-menu");
    await app.click("#nav-appraisals");
    await app.click(`#open-${meeting.id}`);
    await app.el("#step-content");
    await app.click("#step-skills");
    await app.waitFor(async () => (await app.exec("return document.querySelector('#step-content')?.dataset.step")) === "skills", "the skills step");
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  const rows = () =>
    app.exec("return [...document.querySelectorAll('#skills-grid tr.app-skill-row')].map(r => ({ id: Number(r.id.replace('skill-', '')), gap: Number(r.dataset.gap), highlighted: r.classList.contains('app-skill--gap') }))");

  async function saved() {
    await sleep(50);
    await app.waitFor(async () => (await app.exec("return document.querySelector('#save-status')?.dataset.status")) === "saved", "Saved", 10_000);
  }

  it("shows every competency in one table with the gaps highlighted and counted", async () => {
    const shown = await rows();
    assert.deepEqual(shown.map((r) => r.id), skills.map((s) => s.id), "one row per competency, in order");
    for (const r of shown) assert.equal(r.highlighted, r.gap > 0, `row ${r.id}: highlighted exactly when it has a gap`);
    const gaps = skills.filter((s) => s.gap > 0).length;
    assert.ok(gaps >= 1, "the demonstration meeting has a gap");
    assert.equal(await app.text("#skills-gap-summary"), `${gaps} of ${skills.length} competencies are below the expected level.`);
    const height = await app.exec("return document.documentElement.scrollHeight");
    assert.ok(height < 4000, `the step is one table, not a card per competency: ${height} px tall`);
    assert.equal(await app.find(".app-level-statements"), null, "the statements are not shown until asked for");
    await app.exec("document.querySelector('#step-heading').scrollIntoView({ block: 'start' })");
    await app.screenshot("skills-grid-01-all");
  });

  it("a level agreed below the expected one is highlighted as a gap at once", async () => {
    const even = skills.find((s) => s.gap === 0 && s.levels.some((l) => l.level < s.expected_level));
    assert.ok(even, "a competency without a gap that has a lower level");
    const lower = even.levels.find((l) => l.level < even.expected_level).level;
    await app.choose(`#agreed-${even.id}`, String(lower));
    await saved();
    const row = (await rows()).find((r) => r.id === even.id);
    assert.ok(row.highlighted && row.gap > 0, "now a gap");
    assert.match(await app.text(`#gap-${even.id}`), /below the expected level \d \(agreed level \d\)/);
    const gaps = skills.filter((s) => s.gap > 0).length + 1;
    assert.equal(await app.text("#skills-gap-summary"), `${gaps} of ${skills.length} competencies are below the expected level.`);
    assert.equal(await app.text("#skills-gaps-only"), `Show only gaps (${gaps})`);
  });

  it("the filter shows only the gaps, and a competency's statements open on demand", async () => {
    await app.click("#skills-gaps-only");
    assert.equal(await app.attr("#skills-gaps-only", "ariaPressed"), "true");
    assert.equal(await app.text("#skills-gaps-only"), "Show every competency");
    const shown = await rows();
    assert.ok(shown.length >= 2, "the gaps");
    assert.ok(shown.every((r) => r.gap > 0), "and nothing else");
    const first = shown[0].id;
    assert.equal(await app.attr(`#skill-${first}-statements-toggle`, "ariaExpanded"), "false");
    await app.click(`#skill-${first}-statements-toggle`);
    await app.el(`#skill-${first}-statements .app-level-statements`);
    assert.equal(await app.attr(`#skill-${first}-statements-toggle`, "ariaExpanded"), "true");
    assert.match(await app.text(`#skill-${first}-statements`), /Level \d/, "the statements of the levels around the expected one");
    await app.exec("document.querySelector('#step-heading').scrollIntoView({ block: 'start' })");
    await app.screenshot("skills-grid-02-gaps-with-statements");
    await app.click(`#skill-${first}-statements-toggle`);
    await app.waitFor(async () => (await app.find(`#skill-${first}-statements`)) === null, "the statements to close");
    await app.click("#skills-gaps-only");
    assert.equal((await rows()).length, skills.length, "every competency again");
  });
});
