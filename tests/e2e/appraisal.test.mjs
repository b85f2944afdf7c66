// The guided appraisal meeting, end to end, on a fixed day (05/05/2026) in
// the demonstration department (seed 7): a Band 4 coder due her annual
// appraisal, whose last one was signed a year ago, and her line manager.
//
// The manager starts the appraisal; the coder signs in as herself and gives
// her own levels and comments beforehand (hers alone to write); then the two
// sit at the manager's screen and go through steps a to h, typing into every
// step, her own levels and comments read there as text. At step c a level the
// competency does not have is refused by the core with a clear message. Mid
// step d the app is killed (SIGKILL) and started again: it resumes at the
// same step with everything typed. Both sign with their own passphrases at
// the one screen; then the record is locked: the controls are disabled, a
// direct invoke of a save is refused as "locked", and a raw SQL UPDATE or
// DELETE is refused by the database's triggers. The administrator re-opens
// it with a reason, as a new version, and the coder's PDP page shows the plan.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { cli, freshDbPath, Session, signIn, signOut, startDriver } from "./webdriver.mjs";

const TODAY = "2026-05-05";
const TODAY_UK = "05/05/2026";
const db = freshDbPath("appraise-e2e-appraisal-");

/** The people the test acts as, found in the demonstration department. */
const people = {};

function seedDepartment() {
  cli(db, "demo", "--seed", "7", "--today", TODAY);
  const staff = JSON.parse(cli(db, "staff", "list", "--json"));
  const due = JSON.parse(cli(db, "appraisal", "due", "--today", TODAY, "--json"));
  // A Band 4 coder (the role expects level 3, so a lower level is a gap)
  // with no appraisal started this cycle and one signed last cycle: last
  // year's objectives to review.
  const next = due.find((d) => d.band === "4" && !d.annual_id && d.last_signed && d.last_signed < "2026-04-01");
  assert.ok(next, "the demonstration department has a coder due an appraisal");
  const coder = staff.find((s) => s.staff_number === next.staff_number);
  const manager = staff.find((s) => s.staff_number === coder.manager);
  const head = staff.find((s) => !s.manager);
  const name = (s) => `${s.forename} ${s.surname}`;
  Object.assign(people, {
    coder: { staffNumber: coder.staff_number, name: name(coder), first: "coder first passphrase", passphrase: "my own coder passphrase" },
    manager: {
      staffNumber: manager.staff_number,
      name: name(manager),
      first: "manager first passphrase",
      passphrase: "my own manager passphrase",
    },
    admin: { staffNumber: head.staff_number, name: name(head), passphrase: "the administrator's passphrase" },
  });
  cli(db, "account", "create-admin", "--staff-number", head.staff_number, "--forename", head.forename, "--surname", head.surname,
    "--band", head.band, "--appointed", head.appointed, "--passphrase", people.admin.passphrase);
  cli(db, "account", "add", manager.staff_number, "--role", "manager", "--passphrase", people.manager.first);
  cli(db, "account", "add", coder.staff_number, "--role", "coder", "--passphrase", people.coder.first);
}

/** Runs SQL on the database file outside Appraise; resolves to the error text, or "" if it went through. */
function rawSql(sql, params) {
  const script = "import sqlite3, sys, json\n" +
    "c = sqlite3.connect(sys.argv[1])\n" +
    "try:\n" +
    "    c.execute(sys.argv[2], json.loads(sys.argv[3])); c.commit(); print('')\n" +
    "except sqlite3.DatabaseError as e:\n" +
    "    print(e)\n";
  return execFileSync("python3", ["-c", script, db, sql, JSON.stringify(params)], { encoding: "utf8" }).trim();
}

/** The app's process: the one started with this test's database. */
function appPids() {
  const pids = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      const exe = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0")[0];
      if (environ.includes(`APPRAISE_DB=${db}`) && exe.endsWith("/appraise")) pids.push(Number(entry));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return pids;
}

describe("the guided appraisal meeting", () => {
  let driver;
  let app;
  let appraisalId;

  before(async () => {
    seedDepartment();
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY });
    app = await Session.start(driver);
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  /** Signs in, choosing an own passphrase when the administrator's must be changed. */
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

  async function openAppraisal() {
    await app.click("#nav-appraisals");
    await app.click(`#open-${appraisalId}`);
    // A signed record opens as one page; these tests go through its steps.
    await app.el("#step-content, #signed-record");
    if (await app.find("#signed-record")) await app.click("#read-by-step");
    await app.el("#step-content");
  }

  async function step() {
    return app.exec("return document.querySelector('#step-content')?.dataset.step ?? null");
  }

  async function goTo(target) {
    await app.click(`#step-${target}`);
    await app.waitFor(async () => (await step()) === target, `step ${target}`);
  }

  async function continueTo(target) {
    await app.click("#step-continue");
    await app.waitFor(async () => (await step()) === target, `step ${target}`);
    await app.waitFor(
      async () => (await app.exec("return document.activeElement?.id")) === "step-heading",
      "the step's heading to take focus",
    );
  }

  /** Waits until everything typed is saved. */
  async function saved() {
    await sleep(50);
    await app.waitFor(
      async () => (await app.exec("return document.querySelector('#save-status')?.dataset.status")) === "saved",
      "Saved",
      10_000,
    );
  }

  /** Scrolls `css` to the top of the window, for a screenshot of it. */
  async function scrollTo(css) {
    await app.el(css);
    await app.exec("document.querySelector(arguments[0]).scrollIntoView({ block: 'start' }); window.scrollBy(0, -16)", [css]);
  }

  async function value(css) {
    return app.exec("return document.querySelector(arguments[0])?.value ?? null", [css]);
  }

  async function ids(css) {
    return app.exec("return [...document.querySelectorAll(arguments[0])].map(e => e.id)", [css]);
  }

  it("the manager starts the appraisal of a coder who is due", async () => {
    await signInAs(people.manager);
    await app.click("#nav-appraisals");
    await app.el("#appraisals-due");
    await app.screenshot("appraisal-01-list");
    await app.click(`#start-${people.coder.staffNumber}`);
    await app.waitFor(async () => (await step()) === "previous_objectives", "the meeting's first step");
    appraisalId = Number((await app.exec("return location.hash")).split("/").pop());
    assert.ok(appraisalId > 0);
    assert.equal(await app.text("#appraisee-name"), people.coder.name);
    await signOut(app);
  });

  it("the coder gives her own levels beforehand, signed in as herself, and can do nothing else", async () => {
    await signInAs(people.coder);
    await openAppraisal();
    assert.equal(await step(), "previous_objectives");
    assert.deepEqual(await ids("#step-content input:not([disabled]), #step-content textarea:not([disabled])"), [], "outcomes are the manager's");
    await goTo("skills");
    const selves = await ids("#step-content select[id^='self-']");
    assert.ok(selves.length >= 2, "her role profile expects some competencies");
    for (const id of selves) {
      assert.equal(await app.attr(`#${id}`, "disabled"), false, "her own level is hers");
      assert.equal(await app.attr(`#${id.replace("self-", "agreed-")}`, "disabled"), true, "the agreed level is not");
    }
    // The level statements of the levels around the expected one are on screen.
    const first = selves[0].replace("self-", "");
    assert.match(await app.text(`#skill-${first} .app-levels`), /Level \d/);
    const options = await app.exec("return [...document.querySelectorAll(arguments[0] + ' option')].map(o => o.value).filter(Boolean)", [`#${selves[0]}`]);
    // One level as expected, the others the lowest the competency has: a gap to highlight.
    for (const [n, id] of selves.entries()) {
      const levels = await app.exec("return [...document.querySelectorAll(arguments[0] + ' option')].map(o => o.value).filter(Boolean)", [`#${id}`]);
      await app.choose(`#${id}`, n === 0 ? levels.at(-1) : levels[0]);
      await saved();
    }
    assert.ok(options.length > 0);
    await app.screenshot("appraisal-02-self-assessment");
    // Her comments are hers to write too; the appraiser's are not.
    await goTo("comments");
    assert.equal(await app.find("textarea#comments-appraiser"), null, "the appraiser's comments are read, not offered");
    await app.type("#comments-appraisee", "I would like more practice with obstetrics coding.");
    await saved();
    // Whether the wellbeing conversation is printed is hers alone to choose.
    await goTo("wellbeing");
    assert.equal(await app.attr("#wellbeing-notes", "disabled"), true, "the notes are her manager's to record");
    assert.equal(await app.attr("#wellbeing-print", "disabled"), false, "the print choice is hers");
    assert.equal(await app.find("#wellbeing-print-owner"), null, "no line telling her it is someone else's");
    await app.click("#wellbeing-print");
    await saved();
    await signOut(app);
  });

  it("a. last year's objectives: an outcome and comments for each; one carried forward", async () => {
    await signInAs(people.manager);
    await openAppraisal();
    assert.equal(await step(), "previous_objectives", "the meeting resumes where it is: the coder's looking did not move it");
    const cards = await ids("#step-content [data-previous]");
    assert.ok(cards.length >= 1, "the objectives of the signed objective-setting meeting are there to review");
    for (const [n, card] of cards.entries()) {
      const id = card.replace("previous-", "");
      await app.click(`#outcome-${id}-${n === 0 ? "carried_forward" : "met"}`);
      await app.type(`#prev-comments-${id}`, n === 0 ? "Half done: carry it on this year." : "Done well and on time.");
      await saved();
    }
    await app.el(`#carried-${cards[0].replace("previous-", "")}`);
    await scrollTo("#step-heading");
    await app.screenshot("appraisal-03-step-a");
    await continueTo("skills");
  });

  it("b. skills: the coder's own levels, the agreed ones, and the gap highlighted", async () => {
    assert.deepEqual(await ids("#step-content select[id^='self-']"), [], "her own levels are hers: read, not offered");
    const selves = await ids("#step-content [id^='self-'][id$='-text']");
    assert.ok(selves.length >= 2, "her own levels are shown");
    for (const id of selves) assert.match(await app.text(`#${id}`), /^Level \d/, "her own level, given beforehand, is there");
    for (const id of await ids("#step-content select[id^='agreed-']")) {
      const levels = await app.exec("return [...document.querySelectorAll(arguments[0] + ' option')].map(o => o.value).filter(Boolean)", [`#${id}`]);
      await app.choose(`#${id}`, levels[0]);
      await saved();
    }
    const gaps = await app.exec("return [...document.querySelectorAll('.app-skill--gap')].map(e => e.querySelector('.app-gap')?.textContent.trim())");
    assert.ok(gaps.length >= 1, "a level below the expected one is highlighted");
    assert.match(gaps[0], /below the expected level \d \(agreed level \d\)/);
    await scrollTo(".app-skill--gap");
    await app.screenshot("appraisal-04-step-b-skills");
    await continueTo("objectives");
  });

  it("c. new objectives: the carried one is here; a level the competency lacks is refused with a clear message", async () => {
    const carried = await ids("#step-content [data-objective]");
    assert.equal(carried.length, 1, "the carried-forward objective was copied in");
    const c = carried[0];
    assert.match(await app.text(`#${c}`), /Carried forward from last year/);
    await app.type(`#${c}-measure`, "Monthly audit of 20 of her episodes");
    await app.type(`#${c}-due`, "31/12/2026");
    await saved();

    await app.click("#add-objective");
    const added = (await ids("#step-content [data-objective]"))[1];
    await app.type(`#${added}-text`, "Code 95% of day-case episodes within five working days of discharge by March.");
    await saved();
    const competencies = await app.exec("return [...document.querySelectorAll(arguments[0] + ' option')].map(o => [o.value, o.textContent.trim()])", [`#${added}-competency`]);
    const accuracy = competencies.find(([, label]) => label === "ANCC · Coding accuracy");
    assert.ok(accuracy, "the framework's competencies are offered");
    await app.choose(`#${added}-competency`, accuracy[0]);
    await saved();
    const levels = await app.exec("return [...document.querySelectorAll(arguments[0] + ' option')].map(o => o.value).filter(Boolean)", [`#${added}-level`]);
    assert.ok(levels.length > 0 && levels.length < 7, "only the levels Coding accuracy has are offered");
    await app.choose(`#${added}-level`, levels[0]);
    await app.type(`#${added}-measure`, "Monthly audit of 20 episodes");
    // A due date outside the cycle: the core's message shows next to the field.
    await app.type(`#${added}-due`, "01/01/2030");
    await app.waitFor(async () => (await app.find(`#${added}-due-error`)) !== null, "the due date's message");
    assert.match(await app.text(`#${added}-due-error`), /inside the 2026\/27 cycle/);
    await app.screenshot("appraisal-05-step-c-due-refused");
    await app.type(`#${added}-due`, "31/03/2027");
    await saved();
    assert.equal(await app.find(`#${added}-due-error`), null);

    // The window offers only levels the competency has; a direct call with
    // another is refused by the core, naming the levels it has.
    const missing = [1, 2, 3, 4, 5, 6, 7].find((l) => !levels.includes(String(l)));
    const record = (await app.invoke("appraisal_get", { id: appraisalId })).ok.record;
    const saved_ = record.objectives.find((o) => o.text.startsWith("Code 95%"));
    assert.ok(saved_, "the new objective was saved as it was typed");
    assert.equal(saved_.target_level, Number(levels[0]));
    const refused = await app.invoke("appraisal_update_objective", {
      objectiveId: saved_.id,
      input: { text: saved_.text, measure: "x", due: "31/03/2027", framework_id: null, skill_code: "ANCC", competency: "Coding accuracy", target_level: missing },
    });
    assert.equal(refused.error?.code, "invalid");
    assert.equal(refused.error.fields[0].field, "target_level");
    assert.match(refused.error.fields[0].message, new RegExp(`^Coding accuracy has no level ${missing} statement; choose [\\d, or]+\\.$`));

    // The coding-accuracy KPI starts from the DSPT thresholds.
    await app.click("#kpi-on");
    await app.waitFor(async () => (await value("#kpi-primary_diagnosis")) === "90", "the DSPT defaults");
    assert.equal(await value("#kpi-secondary_diagnosis"), "80");
    await app.type("#kpi-due", "31/03/2027");
    await saved();
    await scrollTo("#step-content [data-objective]");
    await app.screenshot("appraisal-06-step-c-objectives");
    await continueTo("pdp");
  });

  it("d. the PDP offers learning needs from the skill gaps; killing the app mid-step loses nothing", async () => {
    await app.waitFor(async () => (await app.find("#suggestions, #no-suggestions")) !== null, "the suggestions");
    const suggestions = await app.exec("return [...document.querySelectorAll('#suggestions li')].map(li => li.textContent.replace(/\\s+/g, ' ').trim())");
    assert.ok(suggestions.some((s) => /from level \d to level \d/.test(s)), `a need from a skill gap: ${suggestions}`);
    const activities = await app.exec("return [...document.querySelectorAll('#add-pdp-item')].length");
    assert.equal(activities, 1);
    await app.click("#adopt-0");
    await app.waitFor(async () => (await ids("#step-content [data-pdp]")).length === 1, "the need in the plan");
    await saved();
    const item = (await ids("#step-content [data-pdp]"))[0];
    const kinds = await app.exec("return [...document.querySelectorAll(arguments[0] + ' option')].map(o => o.textContent.trim())", [`#${item}-activity`]);
    for (const k of ["Course", "E-learning", "Mentoring", "Shadowing", "Workshop", "Clinical Coding Standards course", "Clinical Coding Standards refresher course", "NCCQ revision"]) {
      assert.ok(kinds.includes(k), `${k} is an activity`);
    }
    await app.type(`#${item}-support`, "Two hours a week of study time, and Ann as a mentor");
    await saved();
    await app.screenshot("appraisal-07-step-d-before-kill");

    // Kill the app outright, as a crash or a power cut would.
    const pids = appPids();
    assert.ok(pids.length >= 1, "the app's process is found by its database");
    for (const pid of pids) process.kill(pid, "SIGKILL");
    await app.quit();
    app = await Session.start(driver);
    await signInAs(people.manager);
    await openAppraisal();
    assert.equal(await step(), "pdp", "it resumes at the same step");
    const again = (await ids("#step-content [data-pdp]"))[0];
    assert.equal(await value(`#${again}-support`), "Two hours a week of study time, and Ann as a mentor");
    assert.match(await value(`#${again}-need`), /\S/);
    await app.screenshot("appraisal-08-step-d-after-restart");
    await app.type(`#${again}-target`, "31/01/2027");
    await saved();
    await continueTo("wellbeing");
  });

  it("e. wellbeing: notes, flexible working, support; the print choice is the appraisee's, shown to the manager", async () => {
    await app.type("#wellbeing-notes", "Busy with the winter backlog; sleeping badly some weeks.");
    await app.type("#wellbeing-flexible_working", "Compressed hours on Fridays during the exam term.");
    await app.type("#wellbeing-support_agreed", "Protected study time on Wednesday afternoons.");
    await saved();
    assert.equal(await app.attr("#wellbeing-print", "checked"), true, "the coder's choice, made beforehand");
    assert.equal(await app.attr("#wellbeing-print", "disabled"), true, "the manager sees it but cannot change it");
    assert.match(await app.text("#wellbeing-print-owner"), new RegExp(`${people.coder.name}'s choice to make.*At present the conversation is printed`));
    const direct = await app.invoke("appraisal_set_wellbeing", {
      id: appraisalId,
      wellbeing: {
        notes: "Busy with the winter backlog; sleeping badly some weeks.",
        flexible_working: "Compressed hours on Fridays during the exam term.",
        support_agreed: "Protected study time on Wednesday afternoons.",
        include_in_print: false,
      },
    });
    assert.equal(direct.error?.code, "forbidden", JSON.stringify(direct));
    await app.screenshot("appraisal-09-step-e-wellbeing");
    await continueTo("pay_progression");
  });

  it("f. pay progression: worked out where Appraise knows, confirmed by the manager where it does not", async () => {
    assert.match(await app.text("#pay-summary"), /not yet known/);
    assert.match(await app.text("#criterion-appraisal_within12_months"), new RegExp(`This annual appraisal, held on ${TODAY_UK}`));
    for (const c of ["mandatory_training", "no_capability_process", "no_disciplinary_sanction"]) {
      await app.click(`#pay-${c}-yes`);
      await saved();
    }
    await app.type("#pay-mandatory_training-note", "Checked on ESR today");
    await saved();
    await app.waitFor(async () => /: yes/.test(await app.text("#pay-summary")), "the outcome");
    assert.equal(await app.text("#pay-summary"), "Meets the standard for pay-step progression: yes");
    assert.match(await app.text("#pay-reasons"), /Statutory and mandatory training is complete, as confirmed by/);
    await scrollTo("#step-heading");
    await app.screenshot("appraisal-10-step-f-pay");
    await continueTo("comments");
  });

  it("g. comments from the appraisee (hers, read here) and the appraiser", async () => {
    assert.equal(await app.find("#comments-appraisee"), null, "the appraisee's comments are not the manager's to write");
    assert.equal(await app.text("#comments-appraisee-text"), "I would like more practice with obstetrics coding.");
    await app.type("#comments-appraiser", "A steady year; accuracy is the focus for the next one.");
    await saved();
    await app.screenshot("appraisal-11-step-g-comments");
    await continueTo("sign_off");
  });

  it("h. each party signs with their own passphrase at the one screen; then the record is locked", async () => {
    await app.type("#sign-appraisee-passphrase", "not her passphrase");
    await app.click("#sign-appraisee");
    await app.el("#sign-appraisee-passphrase-error");
    assert.match(await app.text("#sign-appraisee-passphrase-error"), /passphrase is not right/);
    assert.ok(await app.find("#account-menu"), "the manager stays signed in");
    await app.screenshot("appraisal-12-step-h-wrong-passphrase");

    await app.type("#sign-appraisee-passphrase", people.coder.passphrase);
    await app.click("#sign-appraisee");
    await app.el("#signed-appraisee");
    await app.type("#sign-appraiser-passphrase", people.manager.passphrase);
    await app.click("#sign-appraiser");
    await app.el("#locked-banner");
    await app.el("#signed-appraiser");
    assert.equal(await app.text("#appraisal-status"), "Signed");
    await app.screenshot("appraisal-13-signed-locked");
  });

  it("after signing, nothing changes it: controls disabled, a direct invoke refused, raw SQL refused", async () => {
    for (const target of ["previous_objectives", "skills", "objectives", "pdp", "wellbeing", "pay_progression", "comments"]) {
      await goTo(target);
      const enabled = await ids("#step-content input:not([disabled]), #step-content select:not([disabled]), #step-content textarea:not([disabled])");
      assert.deepEqual(enabled, [], `every control of step ${target} is disabled`);
      assert.equal(await app.find("#step-content .nhsuk-button--small"), null, "no add or remove buttons");
    }
    await goTo("objectives");
    await scrollTo("#step-content [data-objective]");
    await app.screenshot("appraisal-14-locked-objectives");

    const direct = await app.invoke("appraisal_set_comments", { id: appraisalId, party: "appraiser", comments: "Changed later." });
    assert.equal(direct.error?.code, "locked", JSON.stringify(direct));
    assert.match(direct.error.message, /signed by both parties .* and is locked/);
    const objective = await app.invoke("appraisal_add_objective", { id: appraisalId, input: { text: "One more" } });
    assert.equal(objective.error?.code, "locked");

    assert.match(rawSql("UPDATE appraisal SET appraiser_comments = 'forged' WHERE id = ?", [appraisalId]), /signed and locked/);
    assert.match(rawSql("DELETE FROM appraisal WHERE id = ?", [appraisalId]), /signed and locked/);
    assert.match(rawSql("DELETE FROM appraisal_objective WHERE appraisal_id = ?", [appraisalId]), /signed and locked/);
    assert.match(rawSql("UPDATE appraisal_objective SET text = 'forged' WHERE appraisal_id = ?", [appraisalId]), /signed and locked/);
    const record = (await app.invoke("appraisal_get", { id: appraisalId })).ok.record;
    assert.equal(record.appraiser_comments, "A steady year; accuracy is the focus for the next one.");
    assert.equal(record.status, "signed");
    assert.equal(record.objectives.length, 2);
  });

  it("the coder's PDP page shows the signed plan; her manager sees her progress", async () => {
    await app.click("#nav-pdps");
    await app.el("#pdp-team");
    await app.click(`#pdp-of-${people.coder.staffNumber}`);
    await app.el("#pdp-completed");
    assert.match(await app.text("#pdp-completed"), /^0 of 1 completed$/);
    assert.equal(
      await app.exec("return document.querySelectorAll('[data-item] select, [data-item] textarea, [data-item] input').length"),
      0,
      "the manager reads; only the coder records progress",
    );
    await signOut(app);

    await signInAs(people.coder);
    await app.click("#nav-pdp");
    await app.el("#pdp-completed");
    const item = (await ids("[data-item]"))[0].replace("pdp-item-", "");
    await app.type(`#progress-${item}-evidence`, "Certificate of attendance");
    await app.choose(`#progress-${item}-status`, "completed");
    await saved();
    await app.waitFor(async () => /^1 of 1 completed$/.test(await app.text("#pdp-completed")), "the count");
    assert.equal(await value(`#progress-${item}-completed`), TODAY_UK, "completing without a date means today");
    await app.screenshot("appraisal-15-pdp-coder");
    await signOut(app);
  });

  it("the administrator re-opens it only with a reason, as a new version; the signed one is kept", async () => {
    await signInAs(people.admin);
    await openAppraisal();
    await app.click("#reopen");
    await app.el("#reopen-reason-error");
    assert.match(await app.text("#reopen-reason-error"), /Give the reason/);
    await app.type("#reopen-reason", "The due date of objective 2 was typed wrongly.");
    await app.click("#reopen");
    await app.waitFor(async () => (await app.exec("return location.hash")) !== `#/appraisals/${appraisalId}`, "the new version");
    await app.el("#reopened-note");
    assert.match(await app.text("#reopened-note"), /Reason: The due date of objective 2 was typed wrongly\. The signed version is kept/);
    assert.equal(await app.text("#appraisal-status"), "In progress");
    await app.screenshot("appraisal-16-reopened");
    const old = (await app.invoke("appraisal_get", { id: appraisalId })).ok.record;
    assert.equal(old.status, "reopened", "the signed version is kept");
    assert.ok(old.appraisee_signature && old.appraiser_signature);
  });
});
