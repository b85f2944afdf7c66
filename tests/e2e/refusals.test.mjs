// A refusal never tells whether a record exists. In the demonstration
// department (seed 7) a coder, signed in to the window, asks the backend
// directly (as a script in the window could) to read, print and change an
// appraisal that is someone else's, and one whose id does not exist: each
// answer is the same `forbidden` with the same message, so nobody can probe
// which appraisal ids there are.

import assert from "node:assert/strict";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { cli, freshDbPath, Session, signIn, startDriver } from "./webdriver.mjs";

const TODAY = "2026-05-05";
const db = freshDbPath("appraise-e2e-refusals-");
// Should a print ever get as far as saving, it lands here (and the test says so).
const saved = mkdtempSync(path.join(tmpdir(), "appraise-e2e-refusals-saved-"));

const coder = { first: "coder first passphrase", passphrase: "the coder's own passphrase" };
let theirs; // an appraisal of someone else's
let missing; // an appraisal id nobody has

function seedDepartment() {
  cli(db, "demo", "--seed", "7", "--today", TODAY);
  const staff = JSON.parse(cli(db, "staff", "list", "--json"));
  const list = JSON.parse(cli(db, "appraisal", "list", "--json"));
  const head = staff.find((s) => !s.manager);
  const managers = new Set(staff.map((s) => s.manager).filter(Boolean));
  // A coder: someone with a manager and nobody to manage.
  const member = staff.find((s) => s.manager && !managers.has(s.staff_number) && !s.leaver_date);
  assert.ok(member, "the demonstration department has a coder");
  Object.assign(coder, { staffNumber: member.staff_number, name: `${member.forename} ${member.surname}` });
  theirs = list.find((a) => a.staff_number !== member.staff_number && a.appraiser_staff_number !== member.staff_number);
  assert.ok(theirs, "an appraisal that is neither the coder's nor one she holds");
  missing = Math.max(...list.map((a) => a.id)) + 1000;
  cli(db, "account", "create-admin", "--staff-number", head.staff_number, "--forename", head.forename, "--surname", head.surname,
    "--band", head.band, "--appointed", head.appointed, "--passphrase", "the administrator's passphrase");
  cli(db, "account", "add", coder.staffNumber, "--role", "coder", "--passphrase", coder.first);
}

describe("a refusal does not tell whether an appraisal exists", () => {
  let driver;
  let app;

  before(async () => {
    seedDepartment();
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY, APPRAISE_SAVE_FILE: saved });
    app = await Session.start(driver);
    const outcome = await signIn(app, coder.name, coder.first);
    assert.equal(outcome.screen, "change", "the administrator set her first passphrase");
    await app.type("#current-passphrase", coder.first);
    await app.type("#new-passphrase", coder.passphrase);
    await app.type("#new-passphrase-again", coder.passphrase);
    await app.click("#change-passphrase");
    await app.el("#account-menu");
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  /** Invokes `command` with `args(id)` for someone else's appraisal and for a missing one. */
  async function bothAnswers(command, args) {
    const other = await app.invoke(command, args(theirs.id));
    const nobody = await app.invoke(command, args(missing));
    return { other, nobody };
  }

  /** Both refused, as `forbidden`, with one and the same {code, message}. */
  function assertSameRefusal({ other, nobody }, what) {
    assert.equal(other.ok, undefined, `${what}: nothing of someone else's appraisal comes back`);
    assert.equal(nobody.ok, undefined, `${what}: nothing comes back for a missing id`);
    const shape = (e) => ({ code: e.code, message: e.message });
    assert.deepEqual(shape(nobody.error), shape(other.error), `${what}: a missing id is answered as someone else's`);
    assert.equal(other.error.code, "forbidden", `${what}: refused as forbidden`);
  }

  it("reading an appraisal", async () => {
    for (const [command, args] of [
      ["appraisal_get", (id) => ({ id })],
      ["appraisal_pay", (id) => ({ id })],
      ["appraisal_suggest_learning_needs", (id) => ({ id })],
    ]) {
      assertSameRefusal(await bothAnswers(command, args), command);
    }
  });

  it("changing an appraisal", async () => {
    for (const [command, args] of [
      ["appraisal_set_step", (id) => ({ id, step: "objectives" })],
      ["appraisal_set_comments", (id) => ({ id, party: "appraisee", comments: "Not mine to write." })],
      ["appraisal_set_wellbeing", (id) => ({ id, wellbeing: { notes: "", flexible_working: "", support_agreed: "", include_in_print: false } })],
      ["appraisal_add_objective", (id) => ({ id, input: { text: "Not mine to set.", measure: "" } })],
      ["appraisal_reopen", (id) => ({ id, reason: "Not mine to re-open." })],
    ]) {
      assertSameRefusal(await bothAnswers(command, args), command);
    }
  });

  it("printing an appraisal", async () => {
    assertSameRefusal(await bothAnswers("pdf_save_appraisal", (id) => ({ id })), "pdf_save_appraisal");
    assert.deepEqual(readdirSync(saved), [], "no file was saved");
  });
});
