// Reading never writes, end to end, in the demonstration department (seed 7)
// on a fixed day: a coder's annual appraisal is in progress at step c. The
// coder writes her own comments (signed in as herself), looking at step g on
// the way; then the administrator opens her meeting and clicks through every
// step, forwards and back. Afterwards the saved step is still c and the audit
// trail has not grown; the administrator was shown the coder's comments as
// text, never as a field, and a direct invoke to write them is refused as
// forbidden.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { cli, freshDbPath, Session, signIn, signOut, startDriver } from "./webdriver.mjs";

const TODAY = "2026-05-05";
const STEPS = ["previous_objectives", "skills", "objectives", "pdp", "wellbeing", "pay_progression", "comments", "sign_off"];
const db = freshDbPath("appraise-e2e-reading-");

const people = {};
let meeting;

function seedDepartment() {
  cli(db, "demo", "--seed", "7", "--today", TODAY);
  const staff = JSON.parse(cli(db, "staff", "list", "--json"));
  meeting = JSON.parse(cli(db, "appraisal", "list", "--json")).find((a) => a.status === "in_progress");
  assert.ok(meeting, "the demonstration department has a meeting in progress");
  assert.equal(meeting.step, "objectives", "it is at step c");
  const coder = staff.find((s) => s.staff_number === meeting.staff_number);
  const head = staff.find((s) => !s.manager);
  const name = (s) => `${s.forename} ${s.surname}`;
  Object.assign(people, {
    coder: { staffNumber: coder.staff_number, name: name(coder), first: "coder first passphrase", passphrase: "my own coder passphrase" },
    admin: { staffNumber: head.staff_number, name: name(head), passphrase: "the administrator's passphrase" },
  });
  cli(db, "account", "create-admin", "--staff-number", head.staff_number, "--forename", head.forename, "--surname", head.surname,
    "--band", head.band, "--appointed", head.appointed, "--passphrase", people.admin.passphrase);
  cli(db, "account", "add", coder.staff_number, "--role", "coder", "--passphrase", people.coder.first);
}

/** The saved step, as the appraisals list has it, and the number of audit rows. */
function stored() {
  const step = JSON.parse(cli(db, "appraisal", "list", "--json")).find((a) => a.id === meeting.id).step;
  const rows = JSON.parse(cli(db, "audit", "verify", "--json")).rows_checked;
  return { step, rows };
}

describe("reading a meeting never writes", () => {
  let driver;
  let app;

  before(async () => {
    seedDepartment();
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY });
    app = await Session.start(driver);
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  async function signInAs(who) {
    const outcome = await signIn(app, who.name, who.changed ? who.passphrase : (who.first ?? who.passphrase));
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

  async function step() {
    return app.exec("return document.querySelector('#step-content')?.dataset.step ?? null");
  }

  async function goTo(target) {
    await app.click(`#step-${target}`);
    await app.waitFor(async () => (await step()) === target, `step ${target}`);
  }

  async function openMeeting() {
    await app.click("#nav-appraisals");
    await app.click(`#open-${meeting.id}`);
    await app.el("#step-content");
  }

  it("the coder writes her own comments; looking at step g leaves the meeting at step c", async () => {
    await signInAs(people.coder);
    await openMeeting();
    assert.equal(await step(), "objectives", "it opens where the meeting got to");
    await goTo("comments");
    assert.equal(await app.find("textarea#comments-appraiser"), null, "the appraiser's comments are not hers to write");
    await app.type("#comments-appraisee", "I would like more time with the audit team this year.");
    await sleep(50);
    await app.waitFor(
      async () => (await app.exec("return document.querySelector('#save-status')?.dataset.status")) === "saved",
      "Saved",
      10_000,
    );
    await goTo("skills");
    assert.equal(stored().step, "objectives", "the coder's browsing did not move it");
    await signOut(app);
  });

  it("the administrator clicks through every step: the step and the audit trail are unchanged", async () => {
    await signInAs(people.admin); // signing in is audited; opening and browsing are not
    const before = stored();
    await openMeeting();
    assert.equal(await step(), "objectives");
    for (const target of STEPS) await goTo(target);
    for (const target of [...STEPS].reverse()) await goTo(target);
    // And with the step buttons at the foot of each step.
    while (await app.find("#step-continue")) {
      const at = STEPS.indexOf(await step());
      await app.click("#step-continue");
      await app.waitFor(async () => (await step()) === STEPS[at + 1], `step ${STEPS[at + 1]}`);
    }
    assert.deepEqual(stored(), before, "the saved step and the number of audit rows are as they were");
    const record = (await app.invoke("appraisal_get", { id: meeting.id })).ok.record;
    assert.equal(record.step, "objectives", "the window reads step c too");
  });

  it("the administrator reads the coder's comments as text and cannot write them", async () => {
    const before = stored();
    await goTo("comments");
    assert.equal(await app.find("#comments-appraisee"), null, "the appraisee's comments are not offered as a field");
    assert.equal(await app.text("#comments-appraisee-text"), "I would like more time with the audit team this year.");
    assert.equal(await app.find("textarea#comments-appraiser"), null, "nor the appraiser's: they are the appraiser's own words");
    await app.exec("document.querySelector('#step-heading').scrollIntoView({ block: 'start' }); window.scrollBy(0, -16)");
    await app.screenshot("reading-01-admin-reads-appraisee-comments");

    const direct = await app.invoke("appraisal_set_comments", { id: meeting.id, party: "appraisee", comments: "Typed by someone else." });
    assert.equal(direct.error?.code, "forbidden", JSON.stringify(direct));
    const skill = (await app.invoke("appraisal_get", { id: meeting.id })).ok.record.skills[0];
    const level = await app.invoke("appraisal_set_self_level", { skillId: skill.id, level: skill.levels[0].level });
    assert.equal(level.error?.code, "forbidden", JSON.stringify(level));
    const record = (await app.invoke("appraisal_get", { id: meeting.id })).ok.record;
    assert.equal(record.appraisee_comments, "I would like more time with the audit team this year.", "her words stand");
    assert.deepEqual(stored(), before, "refusals leave no audit row");
  });
});
