// Coding audits in the window, on a fixed day (15/11/2026): a line manager
// opens a coder's page, records an audit result and reads its outcome
// (not met, naming the code type below the line), sees it beside the
// coding-accuracy objective in the meeting, and saves the team's coding
// audit summary as a PDF that pdftotext reads back. The coder cannot
// record their own result, not even by calling the command. Screenshots at
// 1200 x 820.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { ADMIN, cli, freshDbPath, seed, Session, signIn, signOut, startDriver } from "./webdriver.mjs";

const TODAY = "2026-11-15";
const db = freshDbPath("appraise-e2e-audits-");
const savedDir = mkdtempSync(path.join(tmpdir(), "appraise-e2e-audits-saved-"));

const MANAGER = { number: "100001", name: "Bo Ray", first: "manager first passphrase", passphrase: "my own manager passphrase" };
const CODER = { number: "100002", name: "Siân Jones", first: "coder first passphrase", passphrase: "my own coder passphrase" };

function seedDepartment() {
  seed(db, {
    staff: [
      ["--forename", "Bo", "--surname", "Ray", "--band", "7", "--appointed", "2021-04-01", "--manager", ADMIN.staffNumber],
      ["--forename", "Siân", "--surname", "Jones", "--band", "5", "--appointed", "2020-01-06", "--manager", MANAGER.number],
    ],
    accounts: [
      { staffNumber: MANAGER.number, role: "manager", passphrase: MANAGER.first },
      { staffNumber: CODER.number, role: "coder", passphrase: CODER.first },
    ],
  });
  // Last year's result, for the trend; recorded as the system on the file.
  cli(db, "coding-audit", "add", CODER.number, "--date", "2025-10-01", "--episodes", "100", "--primary-diagnosis", "90",
    "--secondary-diagnosis", "80", "--primary-procedure", "90", "--secondary-procedure", "80", "--auditor", "Dee Auditor");
}

describe("coding audits on 15/11/2026", () => {
  let driver;
  let app;

  before(async () => {
    seedDepartment();
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY, APPRAISE_SAVE_FILE: savedDir });
    app = await Session.start(driver);
    await app.cmd("POST", "/window/rect", { width: 1200, height: 820 });
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  async function signInAs(who) {
    const outcome = await signIn(app, who.name, who.changed ? who.passphrase : who.first);
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

  async function scrollTo(css) {
    await app.el(css);
    await app.exec("document.querySelector(arguments[0]).scrollIntoView({ block: 'start' }); window.scrollBy(0, -16)", [css]);
  }

  it("a line manager records a result on the coder's page and reads its outcome", async () => {
    await signInAs(MANAGER);
    await app.click("#nav-staff");
    await app.click(`tr[data-staff-number="${CODER.number}"] .edit-staff`);
    await app.el("#coding-audit-results");
    assert.match(await app.text("#coding-audit-results"), /01\/10\/2025.*Dee Auditor/s, "last year's result is listed");
    await app.click("#coding-audit-open");
    for (const [field, value] of [
      ["date", "15/05/2026"],
      ["auditor", "Dee Auditor"],
      ["episodes", "200"],
      ["primary_diagnosis", "92"],
      ["secondary_diagnosis", "85"],
      ["primary_procedure", "91"],
      ["secondary_procedure", "78"],
      ["errors_coder", "12"],
      ["errors_documentation", "5"],
    ]) {
      await app.type(`#audit-${field}`, value);
    }
    await app.click("#coding-audit-add");
    await app.waitFor(async () => (await app.find("#coding-audit-notice")) !== null, "the outcome");
    assert.equal(
      await app.text("#coding-audit-notice"),
      "Recorded the audit of 15/05/2026: Not met: secondary procedure below the line.",
    );
    assert.match(await app.text("#coding-audit-results"), /15\/05\/2026.*78%.*Not met: secondary procedure below the line/s);
    await scrollTo("#coding-audits");
    await app.screenshot("audits-person-page");
  });

  it("a bad value is named beside its field and nothing is recorded", async () => {
    await app.click("#coding-audit-open");
    await app.type("#audit-date", "15/06/2026");
    await app.type("#audit-episodes", "0");
    for (const f of ["primary_diagnosis", "secondary_diagnosis", "primary_procedure"]) await app.type(`#audit-${f}`, "95");
    await app.type("#audit-secondary_procedure", "101");
    await app.click("#coding-audit-add");
    await app.el("#coding-audit-summary");
    assert.match(await app.text("#audit-episodes-error"), /Episodes audited/);
    assert.match(await app.text("#audit-secondary_procedure-error"), /101 is not a percentage/);
    const rows = await app.exec("return document.querySelectorAll('#coding-audit-results tbody tr').length");
    assert.equal(rows, 2, "still two results");
    await app.screenshot("audits-refused");
  });

  it("the team page shows the period summary and saves it as a PDF that reads back", async () => {
    await app.click("#nav-team");
    await app.el("#audit-summary-code-types");
    assert.equal(await app.attr("#audit-period", "value"), "2026/27", "the current NHS year");
    assert.equal(await app.text("#audit-summary-coders"), "1");
    assert.match(await app.text("#audit-summary-code-types"), /Secondary procedure\s*78%\s*78%\s*Down 2 points/);
    await scrollTo("#coding-audit-summary");
    await app.screenshot("audits-summary");
    await app.click("#audit-summary-pdf");
    await app.waitFor(async () => (await app.find("#audit-summary-pdf-saved")) !== null, "the saved file");
    const files = readdirSync(savedDir).filter((f) => f.endsWith(".pdf"));
    assert.deepEqual(files, ["Coding audit summary 2026-27 2026-11-15.pdf"]);
    const text = execFileSync("pdftotext", [path.join(savedDir, files[0]), "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    for (const words of ["Coding audit summary", "DSPT clinical coding audit · 2026/27", "Accuracy by code type", "Siân Jones", "Not met: secondary procedure below the line"]) {
      assert.ok(text.includes(words), `${words} in the PDF: ${text}`);
    }
  });

  it("the coder reads their own results but cannot record one, not even through the command", async () => {
    await signOut(app);
    await signInAs(CODER);
    const refused = await app.invoke("coding_audit_add", {
      staffNumber: CODER.number,
      input: { date: "2026-06-01", auditor: "", episodes: "10", primary_diagnosis: "100", secondary_diagnosis: "100",
        primary_procedure: "100", secondary_procedure: "100", errors_coder: "", errors_documentation: "", errors_other: "" },
    });
    assert.equal(refused.error?.code, "forbidden", JSON.stringify(refused));
    const mine = await app.invoke("coding_audit_view", { staffNumber: CODER.number });
    assert.equal(mine.ok?.results.length, 2, "their own two results");
    assert.equal(mine.ok?.may_record, false);
  });

  it("the coding-accuracy objective in the meeting shows the results of its cycle", async () => {
    await signOut(app);
    await signInAs(MANAGER);
    await app.click("#nav-appraisals");
    await app.click(`#start-${CODER.number}`);
    await app.waitFor(
      async () => (await app.exec("return document.querySelector('#step-content')?.dataset.step ?? null")) === "previous_objectives",
      "the meeting",
    );
    await app.click("#step-objectives");
    await app.waitFor(async () => (await app.exec("return document.querySelector('#step-content')?.dataset.step ?? null")) === "objectives", "the objectives");
    await app.click("#kpi-on");
    await app.el("#kpi-audit-results");
    const shown = await app.text("#kpi-audits");
    assert.match(shown, /Coding audit results in 2026\/27/);
    assert.match(shown, /15\/05\/2026/, "this cycle's result");
    assert.doesNotMatch(shown, /01\/10\/2025/, "not last cycle's");
    await scrollTo("#kpi");
    await app.screenshot("audits-meeting-objective");
  });
});
