// Live refresh on the department's server (a real, throwaway PostgreSQL
// 15): two windows, as on two PCs, each signed in as its person's own
// login. The administrator changes the coder's job title in his window;
// the coder's open staff page shows it within seconds without a click.
// Her own window's changes need no telling; and after the server has gone
// away and come back, a change made then reaches her page too.
//
// Set up as server.test.mjs does: the command line makes the database as
// its owner over the socket, the windows connect over localhost, each PC
// with its own config and data folders and no APPRAISE_DB.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { DATABASE, TestServer } from "./pgserver.mjs";
import { ADMIN, Session, seed, startDriver } from "./webdriver.mjs";

const here = path.dirname(new URL(import.meta.url).pathname);
const CODER = { staffNumber: "100001", first: "coder first passphrase", own: "the coder's own passphrase" };
const CODER_RECORD = {
  staff_number: CODER.staffNumber,
  forename: "Zoë",
  surname: "Ní Bhriain",
  band: "4",
  job_title: "Trainee Clinical Coder",
  appointed: "2025-09-01",
  manager: ADMIN.staffNumber,
  acc_date: "",
  leaver_date: "",
};

const server = new TestServer();

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

/** Signs in on the server's sign-in screen, changing a first passphrase when asked. */
async function signInOnServer(app, staffNumber, passphrase, own = passphrase) {
  await app.el("#sign-in-form", 15_000);
  await app.type("#sign-in-name", staffNumber);
  await app.type("#sign-in-passphrase", passphrase);
  await app.click("#sign-in");
  await app.waitFor(async () => (await app.find("#account-menu")) !== null || (await app.find("#change-passphrase-form")) !== null, `signing in as ${staffNumber}`, 20_000);
  if (await app.find("#change-passphrase-form")) {
    await app.type("#current-passphrase", passphrase);
    await app.type("#new-passphrase", own);
    await app.type("#new-passphrase-again", own);
    await app.click("#change-passphrase");
    await app.el("#account-menu", 15_000);
  }
}

/** The job title her staff page shows. */
async function shownTitle(app) {
  return app.exec(
    "return document.querySelector(`#staff-table tr[data-staff-number='${arguments[0]}'] td:nth-child(4)`)?.textContent.trim() ?? null",
    [CODER.staffNumber],
  );
}

/** The administrator gives her record a new job title, as his page would. */
async function retitle(admin, title) {
  const edited = await admin.invoke("staff_edit", { staffNumber: CODER.staffNumber, input: { ...CODER_RECORD, job_title: title } });
  assert.equal(edited.ok?.job_title, title, `the administrator's change is saved: ${JSON.stringify(edited.error)}`);
}

/** Waits, without a click, for her page to show `title`; how long it took. */
async function appears(app, title, what) {
  const started = Date.now();
  await app.waitFor(async () => (await shownTitle(app)) === title, what, 10_000);
  return Date.now() - started;
}

describe("a change on one PC appears on another's open page", () => {
  let coderPc;
  let adminPc;

  before(async () => {
    await server.start();
    execFileSync(path.resolve(here, "../../target/debug/appraise-cli"), ["--db", server.ownerUrl, "server", "init"], { stdio: ["ignore", "pipe", "inherit"] });
    seed(server.ownerUrl, {
      staff: [[
        "--staff-number", CODER.staffNumber, "--forename", CODER_RECORD.forename, "--surname", CODER_RECORD.surname, "--band", CODER_RECORD.band,
        "--job-title", CODER_RECORD.job_title, "--appointed", CODER_RECORD.appointed, "--manager", ADMIN.staffNumber,
      ]],
      accounts: [{ staffNumber: CODER.staffNumber, role: "coder", passphrase: CODER.first }],
    });
    coderPc = await serverPc();
    adminPc = await serverPc();
  });

  after(async () => {
    for (const pc of [coderPc, adminPc]) {
      await pc?.app?.quit();
      await pc?.driver?.stop();
    }
    server.stop();
  });

  it("the coder's staff page shows the administrator's new job title for her within seconds, without a click", async () => {
    const coder = coderPc.app;
    const admin = adminPc.app;
    await signInOnServer(coder, CODER.staffNumber, CODER.first, CODER.own);
    await signInOnServer(admin, ADMIN.staffNumber, ADMIN.passphrase);
    await coder.exec("location.hash = '#/staff'");
    await coder.el("#staff-table");
    assert.equal(await shownTitle(coder), "Trainee Clinical Coder", "her page shows the title as it was");
    // The listener connects as she signs in: give it a moment to be listening.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    await retitle(admin, "Clinical Coder");
    const took = await appears(coder, "Clinical Coder", "the new title on her page, with no click");
    // About 200 ms here (the listener gathers a burst for 200 ms); the
    // margin is for a busy machine.
    assert.ok(took < 3_000, `it appeared within a second or so (${took} ms)`);
    await coder.screenshot("live-refreshed");
  });

  it("while she is typing, her page waits, and refreshes once she leaves the field", async () => {
    const coder = coderPc.app;
    const admin = adminPc.app;
    // A field with focus, as on a page she is typing in (her staff page has
    // none, so the test puts one on it).
    const typed = await coder.exec(
      "const f = document.createElement('input'); f.id = 'typing-here'; document.querySelector('#page').append(f); f.focus(); return document.activeElement === f;",
    );
    assert.ok(typed, "a field has focus");
    await retitle(admin, "Senior Clinical Coder");
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal(await shownTitle(coder), "Clinical Coder", "nothing is re-read under her while a field has focus");
    await coder.exec("document.activeElement.blur(); document.querySelector('#typing-here').remove()");
    await appears(coder, "Senior Clinical Coder", "the change once she left the field");
  });

  it("after the server has gone away and come back, a change made then reaches her open page too", async () => {
    const coder = coderPc.app;
    const admin = adminPc.app;
    server.stopServer();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    server.restartServer();
    // His window finds its connection gone with its next command (offline)
    // and connects again with the one after; hers listens again by itself.
    const lost = await admin.invoke("staff_list");
    assert.ok(lost.ok || lost.error?.code === "offline", `his window carries on: ${JSON.stringify(lost.error)}`);
    await retitle(admin, "Clinical Coding Auditor");
    await appears(coder, "Clinical Coding Auditor", "the change made after the server came back");
  });
});
