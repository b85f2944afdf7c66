// Retention and disposal in the window, as the administrator. Two people
// left in 2018; on 15/11/2026 their 6 years are long over. Marking asks
// for a reason; disposal in the 30-day grace period is refused with the
// first day it may happen; a legal hold stops the other's. On 16/12/2026
// (the app started again with that date) the marked records are disposed
// of, after a confirmation: the person leaves the list and every record,
// and the audit chain still verifies; the hold is lifted, with a reason. Screenshots at 1200 x 820.

import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { ADMIN, cli, freshDbPath, seed, Session, signIn, startDriver } from "./webdriver.mjs";

const db = freshDbPath("appraise-e2e-retention-");
const QUINN = { number: "100001", name: "Quinn Faraday-Leaver" };
const HAL = { number: "100002", name: "Hal Heldworth" };

seed(db, {
  staff: [
    ["--forename", "Quinn", "--surname", "Faraday-Leaver", "--band", "4", "--appointed", "2015-04-01", "--manager", ADMIN.staffNumber],
    ["--forename", "Hal", "--surname", "Heldworth", "--band", "5", "--appointed", "2014-06-01", "--manager", ADMIN.staffNumber],
  ],
});
cli(db, "staff", "leaver", QUINN.number, "--date", "2018-01-31");
cli(db, "staff", "leaver", HAL.number, "--date", "2018-03-31");

async function open(today) {
  const driver = await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: today });
  const app = await Session.start(driver);
  await app.cmd("POST", "/window/rect", { width: 1200, height: 820 });
  assert.equal((await signIn(app, ADMIN.name, ADMIN.passphrase)).screen, "app");
  await app.click("#nav-retention");
  await app.el("#retention-due");
  return { driver, app };
}

function row(number) {
  return `#retention-due tr[data-staff="${number}"]`;
}

describe("retention and disposal in the window", () => {
  let running = null;

  after(async () => {
    await running?.app.quit();
    await running?.driver.stop();
  });

  it("lists both leavers, asks a reason to mark, refuses disposal in the grace period, and holds the other", async () => {
    running = await open("2026-11-15");
    const { app } = running;
    assert.match(await app.text(row(QUINN.number)), /Quinn Faraday-Leaver.*31\/01\/2018.*31\/01\/2024.*Not marked/s);
    assert.match(await app.text(row(HAL.number)), /Hal Heldworth/);

    await app.click(`${row(QUINN.number)} .retention-mark`);
    await app.click("#retention-confirm");
    assert.match(await app.text("#retention-error"), /Give a reason/, "a reason is needed");

    await app.type("#retention-reason", "Retention schedule review, November 2026");
    await app.click("#retention-confirm");
    assert.match(await app.text("#retention-done"), /can be disposed of from 15\/12\/2026/);
    assert.match(await app.text(`${row(QUINN.number)} .retention-status`), /Marked on 15\/11\/2026/);

    await app.click(`${row(QUINN.number)} .retention-dispose`);
    assert.match(await app.text("#retention-step"), /cannot be undone/, "disposal is confirmed first");
    await app.click("#retention-confirm");
    assert.match(
      await app.text("#retention-error"),
      /marked for disposal on 15\/11\/2026; they can be disposed of from 15\/12\/2026/,
      "refused in the grace period",
    );
    await app.click("#retention-cancel");

    await app.click(`${row(HAL.number)} .retention-hold`);
    await app.type("#retention-reason", "Employment tribunal claim");
    await app.click("#retention-confirm");
    assert.match(await app.text(`${row(HAL.number)} .retention-status`), /Legal hold since 15\/11\/2026: Employment tribunal claim/);
    assert.equal(await app.find(`${row(HAL.number)} .retention-dispose`), null, "no disposal under a hold");
    const held = await app.invoke("retention_dispose", { staffNumber: HAL.number });
    assert.equal(held.error?.code, "locked", "core refuses a held person's disposal, even called directly");
    await app.screenshot("retention-marked-and-held");

    await app.quit();
    await running.driver.stop();
    running = null;
  });

  it("disposes of the marked records once the grace period is over, and the audit chain verifies", async () => {
    running = await open("2026-12-16");
    const { app } = running;
    await app.click(`${row(QUINN.number)} .retention-dispose`);
    await app.click("#retention-confirm");
    assert.match(await app.text("#retention-done"), /Disposed of the records of staff number 100001/);
    await app.waitFor(async () => (await app.find(row(QUINN.number))) === null, "Quinn leaves the list");
    assert.ok(await app.find(row(HAL.number)), "the held person stays");
    await app.screenshot("retention-disposed");

    assert.match(cli(db, "audit", "verify"), /ok/, "the audit chain verifies after disposal");
    const staff = cli(db, "staff", "list", "--json");
    assert.doesNotMatch(staff, /Faraday-Leaver/, "their name is gone from the staff list");
  });

  it("lifts the legal hold with a reason, and the records can be marked again", async () => {
    const { app } = running;
    await app.click(`${row(HAL.number)} .retention-lift`);
    assert.match(await app.text("#retention-step"), /Lift the legal hold on the records of Hal Heldworth/);
    await app.click("#retention-confirm");
    assert.match(await app.text("#retention-error"), /reason/i, "a reason is asked for");
    await app.type("#retention-reason", "Tribunal decided on 10/12/2026");
    await app.click("#retention-confirm");
    assert.match(await app.text("#retention-done"), /Lifted the legal hold on the records of Hal Heldworth/);
    assert.equal(await app.text(`${row(HAL.number)} .retention-status`), "Not marked");
    assert.ok(await app.find(`${row(HAL.number)} .retention-mark`), "he can be marked for disposal again");
    assert.equal(await app.find(`${row(HAL.number)} .retention-lift`), null, "no hold left to lift");
    await app.screenshot("retention-hold-lifted");
  });
});
