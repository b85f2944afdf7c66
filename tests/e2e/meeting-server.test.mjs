// The meeting on the department's server (a real, throwaway PostgreSQL 15),
// in the demonstration department (seed 7), where an annual appraisal is in
// progress at the objectives step. Two windows, as on two PCs, each signed
// in as its person's own login: the appraiser (a manager) and the
// administrator both open the objectives step; she saves the first
// objective; he, still on the version he opened, types into it and is
// refused in people's words, naming her, with what he typed kept; Reload,
// and his next save goes through. Then the server is stopped mid-meeting:
// she types into an objective, the save cannot be made and the banner says
// so; the server comes back, and what she typed is saved without retyping.
//
// Set up as server.test.mjs does: the command line makes and seeds the
// database as its owner over the socket, the windows connect over
// localhost, each PC with its own config and data folders and no APPRAISE_DB.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { DATABASE, TestServer } from "./pgserver.mjs";
import { cli, Session, startDriver } from "./webdriver.mjs";


const HERS = "Peer-review 25 episodes a month coded by a junior colleague and feed back within five working days.";
const HIS = "Peer-review 10 episodes a fortnight and discuss them at the coding clinic.";
const HIS_AFTER_RELOAD = `${HERS} Reviewed by the administrator.`;
const TYPED_OFFLINE = "Lead the monthly coding clinic and keep its notes, typed while the server was away.";

const server = new TestServer();

const people = {};
let appraisalId;

/** The demonstration department on the server, with accounts for the appraiser and the administrator. */
function seedDepartment() {
  const db = server.ownerUrl;
  cli(db, "server", "init");
  cli(db, "demo", "--seed", "7");
  const staff = JSON.parse(cli(db, "staff", "list", "--json"));
  const open = JSON.parse(cli(db, "appraisal", "list", "--json")).find((a) => a.status === "in_progress" && a.step === "objectives");
  assert.ok(open, "the demonstration department has an appraisal in progress at the objectives step");
  appraisalId = open.id;
  const manager = staff.find((s) => s.staff_number === open.appraiser_staff_number);
  const head = staff.find((s) => !s.manager);
  const name = (s) => `${s.forename} ${s.surname}`;
  people.manager = { staffNumber: manager.staff_number, name: name(manager), first: "manager first passphrase", passphrase: "my own manager passphrase" };
  people.admin = { staffNumber: head.staff_number, name: name(head), passphrase: "the administrator's passphrase" };
  cli(db, "account", "create-admin", "--staff-number", head.staff_number, "--forename", head.forename, "--surname", head.surname,
    "--band", head.band, "--appointed", head.appointed, "--passphrase", people.admin.passphrase);
  cli(db, "account", "add", manager.staff_number, "--role", "manager", "--passphrase", people.manager.first);
}

/** A PC whose person's connection file names the server. */
async function serverPc() {
  const home = mkdtempSync(path.join(tmpdir(), "appraise-e2e-pc-"));
  mkdirSync(path.join(home, "config", "uk.nhs.appraise"), { recursive: true });
  writeFileSync(
    path.join(home, "config", "uk.nhs.appraise", "connection.json"),
    JSON.stringify({ location: "server", host: "localhost", port: server.port, database: DATABASE }),
  );
  const driver = await startDriver({
    APPRAISE_DB: "",
    APPRAISE_MACHINE_CONNECTION: path.join(home, "no-machine-file.json"),
    XDG_CONFIG_HOME: path.join(home, "config"),
    XDG_DATA_HOME: path.join(home, "data"),
  });
  return { driver, app: await Session.start(driver) };
}

/** Signs `who` in on the server's sign-in screen, changing a first passphrase when asked. */
async function signInAs(app, who) {
  await app.el("#sign-in-form", 15_000);
  await app.type("#sign-in-name", who.staffNumber);
  await app.type("#sign-in-passphrase", who.first ?? who.passphrase);
  await app.click("#sign-in");
  await app.waitFor(async () => (await app.find("#account-menu")) !== null || (await app.find("#change-passphrase-form")) !== null, `signing in as ${who.name}`, 20_000);
  if (await app.find("#change-passphrase-form")) {
    await app.type("#current-passphrase", who.first);
    await app.type("#new-passphrase", who.passphrase);
    await app.type("#new-passphrase-again", who.passphrase);
    await app.click("#change-passphrase");
    await app.el("#account-menu", 15_000);
  }
}

async function step(app) {
  return app.exec("return document.querySelector('#step-content')?.dataset.step ?? null");
}

async function openAppraisal(app) {
  await app.click("#nav-appraisals");
  await app.click(`#open-${appraisalId}`);
  await app.waitFor(async () => (await step(app)) === "objectives", "the objectives step", 15_000);
}

async function status(app) {
  return app.exec("return document.querySelector('#save-status')?.dataset.status");
}

/** Waits until everything typed in `app` is saved. */
async function saved(app, timeout = 10_000) {
  await sleep(50);
  await app.waitFor(async () => (await status(app)) === "saved", "Saved", timeout);
}

async function value(app, css) {
  return app.exec("return document.querySelector(arguments[0])?.value ?? null", [css]);
}

/**
 * Types into a field that live refresh may draw afresh at any moment (the
 * page is read again once nobody is typing): a field gone stale under the
 * driver is found again and typed into once more.
 */
async function typeSteadily(app, css, text) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await app.type(css, text);
    } catch (e) {
      if (attempt >= 3 || !/stale element/.test(String(e?.message))) throw e;
      await sleep(500);
    }
  }
}

async function scrollToCard(app, card) {
  await app.exec("document.querySelector(arguments[0]).scrollIntoView({ block: 'start' }); window.scrollBy(0, -16)", [`#${card}`]);
}

/** The objective as the server has it now, read through `app`'s own login. */
async function stored(app, id) {
  const got = await app.invoke("appraisal_get", { id: appraisalId });
  assert.ok(got.ok, JSON.stringify(got.error));
  return got.ok.record.objectives.find((o) => o.id === id);
}

describe("the meeting on the department's server", () => {
  let managerPc;
  let adminPc;
  let manager;
  let admin;
  let objectives;

  before(async () => {
    await server.start();
    seedDepartment();
    managerPc = await serverPc();
    adminPc = await serverPc();
    manager = managerPc.app;
    admin = adminPc.app;
  });

  after(async () => {
    for (const pc of [managerPc, adminPc]) {
      await pc?.app?.quit();
      await pc?.driver?.stop();
    }
    server.stop();
  });

  it("the appraiser and the administrator, each on their own PC, open the same objectives step", async () => {
    await signInAs(manager, people.manager);
    await signInAs(admin, people.admin);
    await openAppraisal(manager);
    await openAppraisal(admin);
    objectives = (await manager.invoke("appraisal_get", { id: appraisalId })).ok.record.objectives;
    assert.ok(objectives.length >= 2, "the appraisal has objectives to edit");
    const card = `obj-${objectives[0].id}`;
    assert.equal(await value(manager, `#${card}-text`), objectives[0].text);
    assert.equal(await value(admin, `#${card}-text`), objectives[0].text, "both windows read the same version");
  });

  it("she saves the first objective; he, on the version he opened, is refused naming her, and what he typed stays; Reload, then his save goes through", async () => {
    const objective = objectives[0];
    const card = `obj-${objective.id}`;
    // He is in the field as she saves (a person about to type): live
    // refresh waits while a field has focus, so his window stays on the
    // version he opened, as a slower PC or a quicker typist would.
    await admin.exec("document.querySelector(arguments[0]).focus()", [`#${card}-text`]);
    await manager.type(`#${card}-text`, HERS);
    await saved(manager);
    assert.equal((await stored(manager, objective.id)).text, HERS, "her save is on the server");
    // She moves on, so that her page may take in his saves as they come.
    await manager.exec("document.activeElement?.blur()");

    await admin.type(`#${card}-text`, HIS);
    await admin.el(`#${card}-conflict-error`, 10_000);
    const message = (await admin.text(`#${card}-conflict-error`)).replace(/\s+/g, " ").trim();
    assert.match(
      message,
      new RegExp(`^${people.manager.name} changed this at \\d{2}:\\d{2} on \\d{2}/\\d{2}/\\d{4}, after you opened it\\. What you typed has not been saved`),
      `the message names the appraiser and when: ${message}`,
    );
    assert.equal(await value(admin, `#${card}-text`), HIS, "what he typed is kept, not overwritten");
    assert.equal(await status(admin), "error");
    assert.equal((await stored(admin, objective.id)).text, HERS, "nothing of his was written");
    await scrollToCard(admin, card);
    await admin.screenshot("meeting-server-01-conflict");

    await admin.click(`#${card}-see-theirs`);
    await admin.el(`#${card}-compare [data-theirs="Objective"]`);
    assert.equal(await admin.text(`#${card}-compare [data-theirs="Objective"]`), HERS, "her saved text, read from the server");
    assert.equal(await admin.text(`#${card}-compare [data-yours="Objective"]`), HIS, "his typed text");

    await admin.click(`#${card}-reload`);
    await admin.waitFor(async () => (await admin.find(`#${card}-conflict`)) === null, "the conflict to clear");
    // The saved version comes from the server a moment after the message goes.
    await admin.waitFor(async () => (await value(admin, `#${card}-text`)) === HERS, "the saved text to replace what he typed", 10_000);
    // His page may now take in her save (live refresh), drawing the step
    // afresh: he types once it has.
    await sleep(1500);
    await typeSteadily(admin, `#${card}-text`, HIS_AFTER_RELOAD);
    await saved(admin);
    assert.equal(await admin.find(`#${card}-conflict`), null);
    assert.equal((await stored(admin, objective.id)).text, HIS_AFTER_RELOAD, "his save from the current version is on the server");
    await admin.exec("document.activeElement?.blur()");
  });

  it("the server is stopped mid-meeting: what she types is kept under the banner, and saved once the server is back, without retyping", async () => {
    const objective = objectives[1];
    const card = `obj-${objective.id}`;
    // Her window has caught up with his save (live refresh), so her next
    // save is not a conflict.
    await manager.waitFor(async () => (await value(manager, `#obj-${objectives[0].id}-text`)) === HIS_AFTER_RELOAD, "his save on her page", 10_000);
    const before = await stored(manager, objective.id);

    server.stopServer();
    await typeSteadily(manager, `#${card}-text`, TYPED_OFFLINE);
    await manager.el("#offline-banner", 15_000);
    assert.equal(
      (await manager.text("#offline-message")).trim(),
      "Not connected to the department's server — your changes are kept and will be saved when it is back.",
      "the banner says what happened and that nothing typed is lost",
    );
    assert.equal(await value(manager, `#${card}-text`), TYPED_OFFLINE, "what she typed stays in the field");
    assert.notEqual(await status(manager), "saved", "and is not shown as saved");
    await manager.exec("window.scrollTo(0, 0)");
    await manager.screenshot("meeting-server-02-offline-banner");
    await scrollToCard(manager, card);
    await manager.screenshot("meeting-server-03-offline-field-kept");

    server.restartServer();
    const started = Date.now();
    // The window checks the connection every 15 s; once a command succeeds
    // the kept save is made again.
    await manager.waitFor(async () => (await manager.find("#offline-banner")) === null, "the banner to go once the server is back", 40_000);
    await saved(manager, 20_000);
    const took = Date.now() - started;
    // His window finds its own connection gone with its next command
    // (offline) and connects again with the one after, as live.test.mjs shows.
    let answer;
    await admin.waitFor(async () => (answer = await admin.invoke("appraisal_get", { id: appraisalId })).error?.code !== "offline", "his window to reach the server again", 15_000);
    assert.ok(answer.ok, JSON.stringify(answer.error));
    const now = answer.ok.record.objectives.find((o) => o.id === objective.id);
    assert.equal(now.text, TYPED_OFFLINE, "what she typed while the server was away is on the server, read from his window");
    assert.ok(now.row_version > before.row_version, "saved once more than before");
    assert.equal(await value(manager, `#${card}-text`), TYPED_OFFLINE, "and still in her field");
    assert.equal(await manager.find(`#${card}-conflict`), null, "no conflict with her own kept save");
    console.log(`kept save made ${took} ms after the server came back`);
  });
});
