// The window on a department server (a real, throwaway PostgreSQL 15): at
// first start a PC chooses where the data lives (a file, as before, or the
// department's server); on the server each person signs in with their
// staff number and passphrase as their own database login, sees only what
// the server lets them, and the server refuses the rest whatever the page
// asks; when the server goes away the window says so in a banner instead
// of freezing, and carries on once it is back.
//
// The server listens on a Unix socket (the command line sets it up as the
// database's owner) and on localhost (the window connects there, as a PC
// would over the network, with SCRAM passwords). Nothing reads
// APPRAISE_DB: each window has its own config and data folders
// (XDG_CONFIG_HOME, XDG_DATA_HOME) and no machine-wide file.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { DATABASE, TestServer } from "./pgserver.mjs";
import { ADMIN, Session, seed, signIn, startDriver } from "./webdriver.mjs";

const here = path.dirname(new URL(import.meta.url).pathname);

const CODER = { staffNumber: "100001", name: "Zoë Ní Bhriain", first: "coder first passphrase", own: "the coder's own passphrase" };
const OTHER = { staffNumber: "100002", name: "Ciarán Ó Súilleabháin" };
const MANAGER = { staffNumber: "100003", name: "Deepa Raman", first: "manager first passphrase" };

/** A window on a PC of its own: its own config and data folders, no machine-wide file, no APPRAISE_DB. */
async function freshPc(extra = {}, prepare = () => {}) {
  const home = mkdtempSync(path.join(tmpdir(), "appraise-e2e-pc-"));
  prepare(home);
  const env = {
    APPRAISE_DB: "",
    APPRAISE_MACHINE_CONNECTION: path.join(home, "no-machine-file.json"),
    XDG_CONFIG_HOME: path.join(home, "config"),
    XDG_DATA_HOME: path.join(home, "data"),
    ...extra,
  };
  const driver = await startDriver(env);
  const app = await Session.start(driver);
  return { home, driver, app, configFile: path.join(home, "config", "uk.nhs.appraise", "connection.json") };
}

/** Fills the chooser with the department's server and continues. */
async function chooseServer(app, server, { screenshot } = {}) {
  await app.el("#connection-form");
  await app.click("#connection-location-server");
  await app.type("#connection-host", "localhost");
  await app.type("#connection-port", String(server.port));
  await app.type("#connection-database", DATABASE);
  if (screenshot) await app.screenshot(screenshot);
  await app.click("#connection-save");
}

/** Signs in on the server's sign-in screen: resolves like webdriver.mjs's signIn. */
async function signInOnServer(app, staffNumber, passphrase) {
  await app.el("#sign-in-form");
  await app.type("#sign-in-name", staffNumber);
  await app.type("#sign-in-passphrase", passphrase);
  const before = await app.exec("return document.querySelector('#sign-in-form').dataset.answers");
  await app.click("#sign-in");
  let outcome;
  await app.waitFor(async () => {
    outcome = await app.exec(
      String.raw`if (document.querySelector('#account-menu')) return { screen: 'app' };
       if (document.querySelector('#change-passphrase-form')) return { screen: 'change' };
       const form = document.querySelector('#sign-in-form');
       const err = document.querySelector('#sign-in-error li');
       if (form && err && form.dataset.answers !== arguments[0]) {
         return { screen: 'refused', message: err.textContent.replace(/\s+/g, ' ').trim() };
       }
       return null;`,
      [before],
    );
    return outcome !== null;
  }, `signing in as ${staffNumber}`, 20_000);
  return outcome;
}

describe("choosing where the data lives", () => {
  let pc;

  after(async () => {
    await pc?.app?.quit();
    await pc?.driver?.stop();
  });

  it("a database file on this computer is the default, and then everything is as before: the first run makes the administrator", async () => {
    pc = await freshPc();
    const { app } = pc;
    await app.el("#connection-form");
    assert.equal(await app.attr("#connection-location-file", "checked"), true, "a file is chosen unless someone picks the server");
    await app.click("#connection-save");
    await app.el("#first-run-form", 15_000);
    const saved = JSON.parse(readFileSync(pc.configFile, "utf8"));
    assert.deepEqual(saved, { location: "file" }, "the choice is remembered in the app's config folder");
    assert.ok(existsSync(path.join(pc.home, "data", "uk.nhs.appraise", "appraise.db")), "the database file is where it always was");
  });
});

describe("the window on the department's server", () => {
  const server = new TestServer();
  let pc;

  before(async () => {
    await server.start();
    execFileSync(path.resolve(here, "../../target/debug/appraise-cli"), ["--db", server.ownerUrl, "server", "init"], { stdio: ["ignore", "pipe", "inherit"] });
    seed(server.ownerUrl, {
      staff: [
        ["--staff-number", MANAGER.staffNumber, "--forename", "Deepa", "--surname", "Raman", "--band", "6", "--job-title", "Coding Team Leader", "--appointed", "2020-06-01", "--manager", ADMIN.staffNumber],
        ["--staff-number", CODER.staffNumber, "--forename", "Zoë", "--surname", "Ní Bhriain", "--band", "4", "--job-title", "Trainee Clinical Coder", "--appointed", "2025-09-01", "--manager", MANAGER.staffNumber],
        ["--staff-number", OTHER.staffNumber, "--forename", "Ciarán", "--surname", "Ó Súilleabháin", "--band", "5", "--job-title", "Clinical Coder", "--appointed", "2023-02-01", "--manager", MANAGER.staffNumber],
      ],
      accounts: [
        { staffNumber: CODER.staffNumber, role: "coder", passphrase: CODER.first },
        { staffNumber: MANAGER.staffNumber, role: "manager", passphrase: MANAGER.first },
      ],
    });
    pc = await freshPc();
  });

  after(async () => {
    await pc?.app?.quit();
    await pc?.driver?.stop();
    server.stop();
  });

  it("the chooser saves the server, and the sign-in then asks for a staff number, listing nobody", async () => {
    const { app } = pc;
    await chooseServer(app, server, { screenshot: "server-chooser" });
    await app.el("#sign-in-server", 15_000);
    const saved = JSON.parse(readFileSync(pc.configFile, "utf8"));
    assert.deepEqual(saved, { location: "server", host: "localhost", port: server.port, database: DATABASE, sslmode: null }, "remembered for this PC's user");
    assert.equal(await app.find("#sign-in-name option"), null, "no list of names before anyone signs in");
    assert.equal(await app.find("#first-run-form"), null, "no first-run form on a server: its owner made the administrator");
    assert.match(await app.text("#sign-in-server"), /localhost.*coding/, "the screen says which server");
    await app.screenshot("server-sign-in");
  });

  it("a wrong passphrase and a staff number with no account get the same answer as a wrong passphrase on a file", async () => {
    const { app } = pc;
    const wrong = await signInOnServer(app, CODER.staffNumber, "not her passphrase");
    assert.deepEqual(wrong, { screen: "refused", message: "That passphrase is not right. Try again." }, "a wrong passphrase");
    const nobody = await signInOnServer(app, "999999", CODER.first);
    assert.deepEqual(nobody, wrong, "a staff number nobody has reads exactly the same");
  });

  it("a coder signs in as her own login, changes the first passphrase, and sees only her own record", async () => {
    const { app } = pc;
    const outcome = await signInOnServer(app, CODER.staffNumber, CODER.first);
    assert.equal(outcome.screen, "change", "the administrator's first passphrase must be changed");
    await app.type("#current-passphrase", CODER.first);
    await app.type("#new-passphrase", CODER.own);
    await app.type("#new-passphrase-again", CODER.own);
    await app.click("#change-passphrase");
    await app.el("#account-menu", 15_000);
    assert.equal(await app.text("#signed-in-name"), CODER.name, "signed in as herself");
    await app.exec("location.hash = '#/staff'");
    await app.el("#staff-table");
    const rows = await app.exec("return [...document.querySelectorAll('#staff-table tr[data-staff-number]')].map(r => r.dataset.staffNumber)");
    assert.deepEqual(rows, [CODER.staffNumber], "the staff list holds her own record only");
    const listed = await app.invoke("staff_list");
    assert.deepEqual(listed.ok.map((v) => v.staff_number), [CODER.staffNumber], "and so does the backend's answer");

    // Her new passphrase is her login's password now: signing in again uses it.
    await app.click("#sign-out");
    const again = await signInOnServer(app, CODER.staffNumber, CODER.own);
    assert.equal(again.screen, "app", "her own passphrase signs her in");
  });

  it("the coder's window refuses what the server refuses, whatever the page asks", async () => {
    const { app } = pc;
    const other = await app.invoke("staff_get", { staffNumber: OTHER.staffNumber });
    const missing = await app.invoke("staff_get", { staffNumber: "999999" });
    assert.equal(other.error?.code, "forbidden", "a colleague's record is refused");
    assert.deepEqual(missing.error, other.error, "a staff number nobody has is refused in the same words");
    const shape = { staff_number: "", forename: "Eve", surname: "Intruder", band: "5", job_title: "Clinical Coder", appointed: "2026-01-01", manager: CODER.staffNumber, acc_date: "", leaver_date: "" };
    const added = await app.invoke("staff_add", { input: shape });
    assert.equal(added.error?.code, "forbidden", "a coder adds nobody");
    const accounts = await app.invoke("account_list");
    assert.equal(accounts.error?.code, "forbidden", "the accounts are the administrator's");
    const started = await app.invoke("appraisal_start", { staffNumber: OTHER.staffNumber, kind: "annual" });
    assert.equal(started.error?.code, "forbidden", "she starts nobody's appraisal");
    const audit = await app.invoke("audit_list", { filter: {} });
    assert.equal(audit.error?.code, "forbidden", "the audit log is the administrator's");
    const moved = await app.invoke("connection_choose", { choice: { location: "file" } });
    assert.equal(moved.error?.code, "forbidden", "where the data lives is the administrator's to change");
    assert.equal(JSON.parse(readFileSync(pc.configFile, "utf8")).location, "server", "and stays as it was");
  });

  it("when the server goes away a command answers at once with the banner, and the window carries on once it is back", async () => {
    const { app } = pc;
    server.stopServer();
    const started = Date.now();
    const answer = await app.invoke("staff_list");
    assert.equal(answer.error?.code, "offline", "a lost connection is its own error");
    assert.ok(Date.now() - started < 15_000, "and comes within the command's time limit, the window never frozen");
    // The page asks too, as a person moving on would.
    await app.exec("location.hash = '#/nccq'");
    await app.el("#offline-banner", 15_000);
    assert.equal(
      (await app.text("#offline-message")).trim(),
      "Not connected to the department's server — your changes are kept and will be saved when it is back.",
      "the banner says what happened and that nothing typed is lost",
    );
    assert.equal(await app.exec("return document.title !== undefined"), true, "the window still answers scripts: not frozen");
    await app.screenshot("server-offline-banner");

    server.restartServer();
    const back = await app.invoke("staff_list");
    assert.deepEqual(back.ok?.map((v) => v.staff_number), [CODER.staffNumber], "the next command connects again, as her");
    await app.exec("location.hash = '#/staff'");
    await app.waitFor(async () => (await app.find("#offline-banner")) === null, "the banner to go once a command succeeds", 15_000);
  });

  it("the administrator changes where the data lives under Accounts, from a file to the server", async () => {
    const file = await freshPc({}, (home) => {
      // A PC that has worked on a file until now, with its administrator.
      mkdirSync(path.join(home, "config", "uk.nhs.appraise"), { recursive: true });
      writeFileSync(path.join(home, "config", "uk.nhs.appraise", "connection.json"), '{"location": "file"}');
      const data = path.join(home, "data", "uk.nhs.appraise");
      mkdirSync(data, { recursive: true });
      seed(path.join(data, "appraise.db"));
    });
    try {
      const { app } = file;
      assert.equal((await signIn(app, ADMIN.name, ADMIN.passphrase)).screen, "app", "the administrator signs in on the file");
      await app.exec("location.hash = '#/accounts'");
      await app.el("#connection-form");
      assert.equal(await app.attr("#connection-location-file", "checked"), true, "the settings show the file in use");
      await app.exec("document.querySelector('#connection-settings').scrollIntoView()");
      await app.screenshot("server-settings-entry");
      await chooseServer(app, server);
      await app.el("#sign-in-server", 15_000);
      assert.equal(JSON.parse(readFileSync(file.configFile, "utf8")).location, "server", "saved for this PC's user");
      const admin = await signInOnServer(app, ADMIN.staffNumber, ADMIN.passphrase);
      assert.equal(admin.screen, "app", "the administrator signs in on the server as their own login");
      const staff = await app.invoke("staff_list");
      assert.equal(staff.ok?.length, 4, "and sees the whole department there");
    } finally {
      await file.app.quit();
      await file.driver.stop();
    }
  });

  it("a machine-wide file presets the server for every user of a PC: no chooser, and the window cannot change it", async () => {
    const preset = await freshPc({}, (home) => {
      writeFileSync(
        path.join(home, "no-machine-file.json"),
        JSON.stringify({ location: "server", host: "localhost", port: server.port, database: DATABASE }),
      );
    });
    try {
      const { app } = preset;
      await app.el("#sign-in-server", 15_000);
      assert.equal(await app.find("#connection-form"), null, "no chooser: IT has chosen");
      assert.equal((await signInOnServer(app, ADMIN.staffNumber, ADMIN.passphrase)).screen, "app", "the administrator signs in");
      await app.exec("location.hash = '#/accounts'");
      assert.match(await app.text("#connection-fixed"), /no-machine-file\.json/, "the settings say which file set it");
      const moved = await app.invoke("connection_choose", { choice: { location: "file" } });
      assert.equal(moved.error?.code, "invalid", "not even the administrator changes it in the window");
      assert.ok(!existsSync(preset.configFile), "and nothing is saved for the user");
    } finally {
      await preset.app.quit();
      await preset.driver.stop();
    }
  });
});
