// Two people saving the same objective at once, end to end: two Appraise
// windows (two PCs) on one database file, in the demonstration department
// (seed 7) on 05/05/2026, where an annual appraisal is in progress at the
// objectives step. The appraiser (a manager) and the administrator open it;
// the manager saves the first objective twice (her own saves never conflict
// with each other); the administrator, still on the version he opened, types
// into it: his save is refused, the card says who changed it and when, and
// what he typed stays. "See their version" puts hers beside his; "Reload"
// takes hers and carries on, and his next save goes through. The manager's
// window, now behind, gets the same answer naming him. The same on one of
// last year's objectives; then on a skill, where the appraisee gives her own level in her window while her
// manager agrees one in hers: the row is one, so the later save is refused.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { cli, freshDbPath, Session, signIn, signOut, startDriver } from "./webdriver.mjs";

const TODAY = "2026-05-05";
const db = freshDbPath("appraise-e2e-conflicts-");

const HERS = "Peer-review 25 episodes a month coded by a junior colleague and feed back within five working days.";
const HERS_AGAIN = `${HERS} Agreed with the audit lead.`;
const HIS = "Peer-review 10 episodes a fortnight and discuss them at the coding clinic.";
const HIS_AFTER_RELOAD = `${HERS_AGAIN} Reviewed by the administrator.`;

const people = {};
let appraisalId;

function seedDepartment() {
  cli(db, "demo", "--seed", "7", "--today", TODAY);
  const staff = JSON.parse(cli(db, "staff", "list", "--json"));
  const open = JSON.parse(cli(db, "appraisal", "list", "--json")).find((a) => a.status === "in_progress" && a.step === "objectives");
  assert.ok(open, "the demonstration department has an appraisal in progress at the objectives step");
  appraisalId = open.id;
  const manager = staff.find((s) => s.staff_number === open.appraiser_staff_number);
  const head = staff.find((s) => !s.manager);
  const coder = staff.find((s) => s.staff_number === open.staff_number);
  const name = (s) => `${s.forename} ${s.surname}`;
  people.manager = { name: name(manager), first: "manager first passphrase", passphrase: "my own manager passphrase" };
  people.admin = { name: name(head), passphrase: "the administrator's passphrase" };
  people.coder = { name: name(coder), first: "coder first passphrase", passphrase: "my own coder passphrase" };
  cli(db, "account", "create-admin", "--staff-number", head.staff_number, "--forename", head.forename, "--surname", head.surname,
    "--band", head.band, "--appointed", head.appointed, "--passphrase", people.admin.passphrase);
  cli(db, "account", "add", manager.staff_number, "--role", "manager", "--passphrase", people.manager.first);
  cli(db, "account", "add", coder.staff_number, "--role", "coder", "--passphrase", people.coder.first);
}

/** Signs `who` in on `app`, changing a first passphrase when asked. */
async function signInAs(app, who) {
  const outcome = await signIn(app, who.name, who.first ?? who.passphrase);
  if (outcome.screen === "change") {
    await app.type("#current-passphrase", who.first);
    await app.type("#new-passphrase", who.passphrase);
    await app.type("#new-passphrase-again", who.passphrase);
    await app.click("#change-passphrase");
    await app.el("#account-menu");
  } else {
    assert.equal(outcome.screen, "app", outcome.message);
  }
}

async function step(app) {
  return app.exec("return document.querySelector('#step-content')?.dataset.step ?? null");
}

async function openAppraisal(app) {
  await app.click("#nav-appraisals");
  await app.click(`#open-${appraisalId}`);
  await app.waitFor(async () => (await step(app)) === "objectives", "the objectives step");
}

async function goTo(app, target) {
  await app.click(`#step-${target}`);
  await app.waitFor(async () => (await step(app)) === target, `step ${target}`);
}

/** The levels a skill's select offers, lowest first. */
async function levels(app, css) {
  return app.exec("return [...document.querySelectorAll(arguments[0] + ' option')].map(o => o.value).filter(Boolean)", [css]);
}

async function status(app) {
  return app.exec("return document.querySelector('#save-status')?.dataset.status");
}

/** Waits until everything typed in `app` is saved. */
async function saved(app) {
  await sleep(50);
  await app.waitFor(async () => (await status(app)) === "saved", "Saved", 10_000);
}

async function value(app, css) {
  return app.exec("return document.querySelector(arguments[0])?.value ?? null", [css]);
}

async function scrollToCard(app, card) {
  await app.exec("document.querySelector(arguments[0]).scrollIntoView({ block: 'start' }); window.scrollBy(0, -16)", [`#${card}`]);
}

/** The objective as the database has it now, read through `app`'s own session. */
async function stored(app, id) {
  const got = await app.invoke("appraisal_get", { id: appraisalId });
  assert.ok(got.ok, JSON.stringify(got.error));
  return got.ok.record.objectives.find((o) => o.id === id);
}

describe("two people saving one objective at once", () => {
  let drivers = [];
  let manager;
  let admin;
  let objective;
  let card;

  before(async () => {
    seedDepartment();
    // Two windows, as on two PCs: each its own app process on the same file.
    drivers = [
      await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY }),
      await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY }),
    ];
    manager = await Session.start(drivers[0]);
    admin = await Session.start(drivers[1]);
  });

  after(async () => {
    await manager?.quit();
    await admin?.quit();
    for (const d of drivers) await d.stop();
  });

  it("both open the same objective", async () => {
    await signInAs(manager, people.manager);
    await signInAs(admin, people.admin);
    await openAppraisal(manager);
    await openAppraisal(admin);
    const got = await manager.invoke("appraisal_get", { id: appraisalId });
    objective = got.ok.record.objectives[0];
    card = `obj-${objective.id}`;
    assert.equal(await value(manager, `#${card}-text`), objective.text);
    assert.equal(await value(admin, `#${card}-text`), objective.text, "both windows read the same version");
  });

  it("the manager saves twice, and her second save does not conflict with her first", async () => {
    await manager.type(`#${card}-text`, HERS);
    await saved(manager);
    await manager.type(`#${card}-text`, HERS_AGAIN);
    await saved(manager);
    assert.equal(await manager.find(`#${card}-conflict`), null, "no conflict with herself");
    const now = await stored(manager, objective.id);
    assert.equal(now.text, HERS_AGAIN);
    assert.ok(now.row_version >= objective.row_version + 2, "each save moved the row to its next version");
  });

  it("the administrator, on the version he opened, is refused: who and when, and what he typed stays", async () => {
    await admin.type(`#${card}-text`, HIS);
    await admin.el(`#${card}-conflict-error`, 10_000);
    const message = (await admin.text(`#${card}-conflict-error`)).replace(/\s+/g, " ").trim();
    assert.match(
      message,
      new RegExp(`^${people.manager.name} changed this at \\d{2}:\\d{2} on 05/05/2026, after you opened it\\. What you typed has not been saved`),
      "the message names the manager and when",
    );
    assert.equal(await value(admin, `#${card}-text`), HIS, "what he typed is kept, not overwritten");
    assert.equal(await status(admin), "error");
    const describedBy = await admin.exec("return document.querySelector(arguments[0]).getAttribute('aria-describedby')", [`#${card}-text`]);
    assert.ok(describedBy.split(" ").includes(`${card}-conflict-error`), "the field names the message");
    assert.equal((await stored(admin, objective.id)).text, HERS_AGAIN, "nothing of his was written");
    await scrollToCard(admin, card);
    await admin.screenshot("conflicts-01-objective-refused");
    // Moving on would lose what he typed: the step stays until he settles it.
    await admin.click("#step-continue");
    await admin.el("#move-error");
    assert.match(await admin.text("#move-error"), /before you move on/);
    assert.equal(await step(admin), "objectives", "the step stays");
    assert.equal(await value(admin, `#${card}-text`), HIS, "what he typed is still there");
    await admin.exec("window.scrollTo(0, 0)");
    await admin.screenshot("conflicts-02-objective-held-on-step");
  });

  it("'See their version' puts hers beside his", async () => {
    await admin.click(`#${card}-see-theirs`);
    await admin.el(`#${card}-compare [data-theirs="Objective"]`);
    assert.equal(await admin.text(`#${card}-compare [data-theirs="Objective"]`), HERS_AGAIN, "her saved text");
    assert.equal(await admin.text(`#${card}-compare [data-yours="Objective"]`), HIS, "his typed text");
    assert.equal(
      await admin.text(`#${card}-compare-note`),
      "The same in both: competency, target level, measure of success and due date.",
      "only what differs is set side by side",
    );
    assert.equal(await admin.attr(`#${card}-see-theirs`, "textContent"), "Hide their version");
    await scrollToCard(admin, card);
    await admin.screenshot("conflicts-03-objective-their-version");
  });

  it("'Reload' takes her version; his next save goes through", async () => {
    await admin.click(`#${card}-reload`);
    await admin.waitFor(async () => (await admin.find(`#${card}-conflict`)) === null, "the conflict to clear");
    assert.equal(await value(admin, `#${card}-text`), HERS_AGAIN, "the saved text replaces what he typed");
    assert.equal(await admin.exec("return document.activeElement?.id"), `${card}-text`, "focus back in the field");
    assert.equal(await admin.find("#move-error"), null, "the message holding him on the step goes with the conflict");
    await admin.type(`#${card}-text`, HIS_AFTER_RELOAD);
    await saved(admin);
    assert.equal(await admin.find(`#${card}-conflict`), null);
    assert.equal((await stored(admin, objective.id)).text, HIS_AFTER_RELOAD, "his save from the current version is stored");
  });

  it("the manager's window, now behind, is told the administrator changed it", async () => {
    await manager.type(`#${card}-text`, `${HERS_AGAIN} Late edit.`);
    await manager.el(`#${card}-conflict-error`, 10_000);
    assert.match(await manager.text(`#${card}-conflict-error`), new RegExp(`${people.admin.name} changed this at \\d{2}:\\d{2} on 05/05/2026`));
    assert.equal((await stored(manager, objective.id)).text, HIS_AFTER_RELOAD, "her late edit was not written");
    await manager.click(`#${card}-reload`);
    await manager.waitFor(async () => (await manager.find(`#${card}-conflict`)) === null, "the conflict to clear");
    assert.equal(await value(manager, `#${card}-text`), HIS_AFTER_RELOAD, "she carries on from his version");
  });

  it("the same for one of last year's objectives: comments saved in one window refuse the other's, until Reload", async () => {
    await goTo(manager, "previous_objectives");
    await goTo(admin, "previous_objectives");
    const previous = (await manager.invoke("appraisal_get", { id: appraisalId })).ok.record.previous_objectives[0];
    const field = `#prev-comments-${previous.id}`;
    const key = `prev-${previous.id}`;
    await manager.type(field, "Mostly done; the audit part moves to this year.");
    await saved(manager);
    await admin.type(field, "Done.");
    await admin.el(`#${key}-conflict-error`, 10_000);
    assert.match(await admin.text(`#${key}-conflict-error`), new RegExp(`^${people.manager.name} changed this`));
    assert.equal(await value(admin, field), "Done.", "what he typed stays");
    await admin.click(`#${key}-reload`);
    await admin.waitFor(async () => (await admin.find(`#${key}-conflict`)) === null, "the conflict to clear");
    assert.equal(await value(admin, field), "Mostly done; the audit part moves to this year.");
    await admin.type(field, "Mostly done; the audit part moves to this year. Agreed.");
    await saved(admin);
  });

  it("on a skill: the appraisee's own level, saved after her manager agreed one, is refused naming him; Reload, then it saves", async () => {
    await signOut(admin);
    await signInAs(admin, people.coder);
    const coder = admin; // the second window is now the appraisee's
    await openAppraisal(coder);
    await goTo(coder, "skills");
    await goTo(manager, "skills");
    const skill = (await manager.invoke("appraisal_get", { id: appraisalId })).ok.record.skills[0];
    const offered = await levels(manager, `#agreed-${skill.id}`);
    const agreed = offered.find((l) => Number(l) !== skill.agreed_level);
    const own = offered.find((l) => Number(l) !== skill.self_level);
    // Her manager agrees a level; her window still has the version before it.
    await manager.choose(`#agreed-${skill.id}`, agreed);
    await saved(manager);
    await coder.choose(`#self-${skill.id}`, own);
    await coder.el(`#self-${skill.id}-conflict-error`, 10_000);
    assert.match(await coder.text(`#self-${skill.id}-conflict-error`), new RegExp(`^${people.manager.name} changed this at \\d{2}:\\d{2} on 05/05/2026`));
    assert.equal(await value(coder, `#self-${skill.id}`), own, "the level she chose stays chosen");
    await coder.click(`#self-${skill.id}-see-theirs`);
    await coder.el(`#self-${skill.id}-compare [data-theirs="Agreed level"]`);
    assert.match(await coder.text(`#self-${skill.id}-compare [data-theirs="Agreed level"]`), new RegExp(`^Level ${agreed}`), "the level her manager agreed");
    await coder.exec("document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })", [`#self-${skill.id}-conflict`]);
    await coder.screenshot("conflicts-04-skill-their-version");
    await coder.click(`#self-${skill.id}-reload`);
    await coder.waitFor(async () => (await coder.find(`#self-${skill.id}-conflict`)) === null, "the conflict to clear");
    assert.equal(await value(coder, `#self-${skill.id}`), skill.self_level == null ? "" : String(skill.self_level), "her saved level is back");
    await coder.choose(`#self-${skill.id}`, own);
    await saved(coder);
    const now = (await coder.invoke("appraisal_get", { id: appraisalId })).ok.record.skills.find((x) => x.id === skill.id);
    assert.deepEqual([now.self_level, now.agreed_level], [Number(own), Number(agreed)], "her level and his, both kept");
  });
});
