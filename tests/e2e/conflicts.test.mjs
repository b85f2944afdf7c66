// Two people saving the same objective at once, end to end: two Appraise
// windows (two PCs) on one database file, in the demonstration department
// (seed 7) on 05/05/2026, where an annual appraisal is in progress at the
// objectives step. The appraiser (a manager) and the administrator open it;
// the manager saves the first objective twice (her own saves never conflict
// with each other); the administrator, still on the version he opened, types
// into it: his save is refused, the card says who changed it and when, and
// what he typed stays. "See their version" puts hers beside his; "Reload"
// takes hers and carries on, and his next save goes through. The manager's
// window, now behind, gets the same answer naming him.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { cli, freshDbPath, Session, signIn, startDriver } from "./webdriver.mjs";

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
  const name = (s) => `${s.forename} ${s.surname}`;
  people.manager = { name: name(manager), first: "manager first passphrase", passphrase: "my own manager passphrase" };
  people.admin = { name: name(head), passphrase: "the administrator's passphrase" };
  cli(db, "account", "create-admin", "--staff-number", head.staff_number, "--forename", head.forename, "--surname", head.surname,
    "--band", head.band, "--appointed", head.appointed, "--passphrase", people.admin.passphrase);
  cli(db, "account", "add", manager.staff_number, "--role", "manager", "--passphrase", people.manager.first);
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

async function openAppraisal(app) {
  await app.click("#nav-appraisals");
  await app.click(`#open-${appraisalId}`);
  await app.waitFor(
    async () => (await app.exec("return document.querySelector('#step-content')?.dataset.step ?? null")) === "objectives",
    "the objectives step",
  );
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
    await admin.screenshot("conflicts-02-objective-their-version");
  });

  it("'Reload' takes her version; his next save goes through", async () => {
    await admin.click(`#${card}-reload`);
    await admin.waitFor(async () => (await admin.find(`#${card}-conflict`)) === null, "the conflict to clear");
    assert.equal(await value(admin, `#${card}-text`), HERS_AGAIN, "the saved text replaces what he typed");
    assert.equal(await admin.exec("return document.activeElement?.id"), `${card}-text`, "focus back in the field");
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
  });
});
