// A manager's first week (issue 16), end to end on the demonstration
// department (seed 7, no accounts) on a fixed day:
// - first run makes the head of department, already on the staff list, the
//   administrator without adding anyone, and names the trust and department;
// - the administrator browses a coder's meeting (in progress at step c):
//   its saved step and the audit trail are unchanged, and the appraisee's
//   comments are not the administrator's to write;
// - the appraiser sees each step's readiness in the step list, and at the
//   sign-off step what is missing, as links to its step, before anyone types
//   a passphrase; the meeting date can be set to the day it was held;
// - the Appraisals page filters by cycle, status and team with counts, and
//   an objective-setting meeting shows only its own steps;
// - the appraiser cancels the unsigned meeting, and the audit trail keeps it.
// Screenshots at the window's default 1200 × 820.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { cli, freshDbPath, Session, signIn, signOut, startDriver } from "./webdriver.mjs";

const TODAY = "2026-05-05";
const TRUST = "Ysbyty Gwynedd NHS Trust";
const DEPARTMENT = "Clinical Coding Services";
const STEPS = ["previous_objectives", "skills", "objectives", "pdp", "wellbeing", "pay_progression", "comments", "sign_off"];
const db = freshDbPath("appraise-e2e-firstweek-");

const staffList = () => JSON.parse(cli(db, "staff", "list", "--json"));
const appraisals = () => JSON.parse(cli(db, "appraisal", "list", "--json"));
const name = (s) => `${s.forename} ${s.surname}`;

/** The saved step of `id` and the number of audit rows. */
function stored(id) {
  const step = appraisals().find((a) => a.id === id).step;
  const rows = JSON.parse(cli(db, "audit", "verify", "--json")).rows_checked;
  return { step, rows };
}

describe("a manager's first week", () => {
  let driver;
  let app;
  let staffBefore;
  let meeting;
  const people = {};

  before(async () => {
    cli(db, "demo", "--seed", "7", "--today", TODAY);
    staffBefore = staffList();
    meeting = appraisals().find((a) => a.status === "in_progress");
    assert.ok(meeting, "the demonstration department has a meeting in progress");
    assert.equal(meeting.step, "objectives", "at step c");
    const head = staffBefore.find((s) => !s.manager);
    const coder = staffBefore.find((s) => s.staff_number === meeting.staff_number);
    const manager = staffBefore.find((s) => s.staff_number === meeting.appraiser_staff_number);
    Object.assign(people, {
      admin: { staffNumber: head.staff_number, name: name(head), passphrase: "the head of department's passphrase" },
      coder: { staffNumber: coder.staff_number, name: name(coder), first: "coder first passphrase", passphrase: "my own coder passphrase" },
      manager: { staffNumber: manager.staff_number, name: name(manager), first: "manager first passphrase", passphrase: "my own manager passphrase" },
    });
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY });
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

  async function step() {
    return app.exec("return document.querySelector('#step-content')?.dataset.step ?? null");
  }

  async function goTo(target) {
    await app.click(`#step-${target}`);
    await app.waitFor(async () => (await step()) === target, `step ${target}`);
  }

  async function openMeeting(id) {
    await app.click("#nav-appraisals");
    await app.el("#appraisals-list");
    await app.choose("#filter-cycle", "");
    await app.click(`#open-${id}`);
    // A signed record opens as one page; these tests go through its steps.
    await app.el("#step-content, #signed-record");
    if (await app.find("#signed-record")) await app.click("#read-by-step");
    await app.el("#step-content");
  }

  async function top() {
    await app.exec("window.scrollTo(0, 0)");
  }

  it("first run makes the head of department, already on the staff list, the administrator without adding anyone", async () => {
    assert.match(await app.text("#session-screen"), /Set up Appraise/);
    await app.choose("#existing", people.admin.staffNumber);
    assert.equal(await app.find("#forename"), null, "no staff form for someone already there");
    await app.type("#trust", TRUST);
    await app.type("#department", DEPARTMENT);
    await app.type("#passphrase", people.admin.passphrase);
    await app.type("#passphrase-again", people.admin.passphrase);
    await top();
    await app.screenshot("firstweek-01-first-run");
    await app.click("#create-administrator");
    await app.el("#account-menu");
    assert.equal(await app.text("#signed-in-name"), people.admin.name);
    assert.equal(await app.text("#signed-in-role"), "Administrator");
    assert.equal(staffList().length, staffBefore.length, "nobody was added");
    assert.equal(staffList().filter((s) => name(s) === people.admin.name).length, 1, `one ${people.admin.name}`);
    const header = await app.invoke("print_settings_get");
    assert.equal(header.ok?.trust, TRUST, JSON.stringify(header));
    assert.equal(header.ok?.department, DEPARTMENT, JSON.stringify(header));
    cli(db, "account", "add", people.coder.staffNumber, "--role", "coder", "--passphrase", people.coder.first);
    cli(db, "account", "add", people.manager.staffNumber, "--role", "manager", "--passphrase", people.manager.first);
  });

  it("the Appraisals page filters by cycle, status and team, with counts per status and one word, Open", async () => {
    await app.click("#nav-appraisals");
    await app.el("#appraisals-list");
    assert.equal(await app.exec("return document.querySelector('#filter-cycle').value"), "2026/27", "this cycle first");
    const thisCycle = appraisals().filter((a) => a.cycle === "2026/27");
    const counts = await app.text("#appraisal-counts");
    const inProgress = thisCycle.filter((a) => a.status === "in_progress").length;
    const signed = thisCycle.filter((a) => a.status === "signed").length;
    assert.match(counts, new RegExp(`In progress: ${inProgress}`), counts);
    assert.match(counts, new RegExp(`Signed: ${signed}`), counts);
    const rows = () => app.exec("return document.querySelectorAll('#appraisals-list tbody tr[data-appraisal]').length");
    assert.equal(await rows(), thisCycle.length, "only this cycle's");
    await app.choose("#filter-status", "in_progress");
    assert.equal(await rows(), inProgress, "only those in progress");
    await app.choose("#filter-status", "");
    await app.choose("#filter-team", people.manager.staffNumber);
    assert.equal(
      await rows(),
      thisCycle.filter((a) => a.appraiser_staff_number === people.manager.staffNumber).length,
      "only the team's",
    );
    await app.choose("#filter-team", "");
    const words = await app.exec(
      "return [...document.querySelectorAll('#appraisals-list a, #appraisals-due a')].map(a => a.firstChild.textContent.trim())",
    );
    assert.deepEqual([...new Set(words)], ["Open"], `one word for one action: ${words}`);
    const due = await app.exec("return [...document.querySelectorAll('#appraisals-due [id^=due-]')].map(e => e.textContent.trim())");
    assert.ok(due.length && due.every((d) => d.startsWith("2026/27: ")), `each due date says which appraisal: ${due}`);
    await app.exec("document.querySelector('#all-appraisals-heading').scrollIntoView({ block: 'start' }); window.scrollBy(0, -16)");
    await app.screenshot("firstweek-02-appraisals-filtered");
  });

  it("an objective-setting meeting shows only its own steps", async () => {
    const setting = appraisals().find((a) => a.kind === "objective_setting");
    assert.ok(setting, "the demonstration department has an objective-setting meeting");
    await openMeeting(setting.id);
    const shown = await app.exec("return [...document.querySelectorAll('.app-steps__list .app-step')].map(b => b.id.slice(5))");
    assert.ok(!shown.includes("previous_objectives"), `no last year's objectives: ${shown}`);
    assert.ok(!shown.includes("pay_progression"), `no pay progression: ${shown}`);
    assert.equal(shown.at(-1), "sign_off");
    await app.exec("document.querySelector('.app-meeting').scrollIntoView({ block: 'start' }); window.scrollBy(0, -16)");
    await app.screenshot("firstweek-03-objective-setting-steps");
  });

  it("the administrator browses the coder's meeting: its step and the audit trail are unchanged, her comments not writable", async () => {
    const before = stored(meeting.id);
    await openMeeting(meeting.id);
    assert.equal(await step(), "objectives", "it opens where the meeting got to");
    for (const target of STEPS) await goTo(target);
    for (const target of [...STEPS].reverse()) await goTo(target);
    assert.deepEqual(stored(meeting.id), before, "the saved step and the number of audit rows are as they were");

    await goTo("comments");
    assert.equal(await app.find("textarea#comments-appraisee"), null, "the appraisee's comments are not offered as a field");
    assert.ok(await app.find("#comments-appraisee-read"), "they are shown as text");
    assert.equal(await app.find("textarea#comments-appraiser"), null, "nor the appraiser's: his own words");
    const direct = await app.invoke("appraisal_set_comments", { id: meeting.id, party: "appraisee", comments: "Typed for her." });
    assert.equal(direct.error?.code, "forbidden", JSON.stringify(direct));
    assert.deepEqual(stored(meeting.id), before, "the refusal leaves no audit row");
    await top();
    await app.screenshot("firstweek-04-admin-reads-comments");
    await signOut(app);
  });

  it("the appraiser sees each step's readiness and, before any passphrase, what is missing as links to its step", async () => {
    await signInAs(people.manager);
    await openMeeting(meeting.id);
    const states = await app.exec(
      "return Object.fromEntries([...document.querySelectorAll('.app-steps__list .app-step')].map(b => [b.id.slice(5), b.dataset.state]))",
    );
    const view = (await app.invoke("appraisal_get", { id: meeting.id })).ok;
    for (const r of view.readiness.steps) assert.equal(states[r.step], r.state, `step ${r.step} shows ${r.state}`);
    assert.ok(view.readiness.blockers.length > 0, "the meeting at step c is not ready to sign");
    assert.match(await app.text("#step-sign_off-state"), /incomplete/);

    await goTo("sign_off");
    const links = await app.exec(
      "return [...document.querySelectorAll('#sign-off-blockers a.app-blocker')].map(a => ({ step: a.dataset.step, text: a.textContent.trim() }))",
    );
    assert.deepEqual(
      links.map((l) => l.step),
      view.readiness.blockers.map((b) => b.step),
      "each blocker is listed, as a link to its step",
    );
    assert.equal(await app.exec("return document.querySelector('#sign-appraiser-passphrase').value"), "", "nobody has typed a passphrase");
    await top();
    await app.screenshot("firstweek-05-sign-off-blockers");
    const first = links[0].step;
    await app.click(`#sign-off-blockers a.app-blocker[data-step="${first}"]`);
    await app.waitFor(async () => (await step()) === first, `the link goes to step ${first}`);
    await top();
    await app.screenshot("firstweek-06-step-states");
  });

  it("the appraiser sets the meeting date to the day it was held", async () => {
    const before = stored(meeting.id).rows;
    await app.click("#change-meeting-date");
    await app.type("#meeting-date-input", "04/05/2026");
    await top();
    await app.screenshot("firstweek-07-meeting-date");
    await app.click("#save-meeting-date");
    await app.waitFor(async () => /04\/05\/2026/.test(await app.text("#meeting-date")), "the new date");
    assert.equal(appraisals().find((a) => a.id === meeting.id).meeting_date, "2026-05-04");
    assert.equal(stored(meeting.id).rows, before + 1, "one audit row");

    await app.click("#change-meeting-date");
    await app.type("#meeting-date-input", "06/05/2026");
    await app.click("#save-meeting-date");
    await app.waitFor(async () => /future/.test(await app.text("#meeting-date-form")), "a date in the future is refused");
    assert.equal(appraisals().find((a) => a.id === meeting.id).meeting_date, "2026-05-04", "unchanged");
  });

  it("the appraiser cancels the unsigned meeting; the audit trail keeps that he did", async () => {
    const before = stored(meeting.id).rows;
    await app.click("#cancel-meeting");
    await app.el("#cancel-meeting-confirm");
    await app.exec("document.querySelector('#cancel-meeting-confirm').scrollIntoView({ block: 'center' })");
    await app.screenshot("firstweek-08-cancel-confirm");
    await app.click("#cancel-meeting-yes");
    await app.el("#appraisals-list");
    assert.equal(appraisals().find((a) => a.id === meeting.id), undefined, "it is gone");
    const rows = JSON.parse(cli(db, "audit", "verify", "--json")).rows_checked;
    assert.equal(rows, before + 1, "one audit row");
    const audit = cli(db, "audit", "list", "--json");
    assert.match(audit, /appraisal\.cancel/, "the row says it was cancelled");
    assert.ok(await app.find(`#start-${people.coder.staffNumber}`), "her appraisal can be started again");
  });
});
