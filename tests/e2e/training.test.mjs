// Pay steps and training on a person's page, driven as a person would: the
// administrator imports an ESR/OLM competence export with one expired
// subject, sees the person's compliance name it and the pay standard
// "statutory and mandatory training" not met, then records a competence by
// hand and sees it counted.

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { ADMIN, cli, freshDbPath, seed, Session, signIn, startDriver } from "./webdriver.mjs";

const SUBJECTS = [
  "Conflict Resolution",
  "Equality, Diversity and Human Rights",
  "Fire Safety",
  "Health, Safety and Welfare",
  "Infection Prevention and Control",
  "Information Governance and Data Security",
  "Moving and Handling",
  "Preventing Radicalisation",
  "Resuscitation",
  "Safeguarding Adults",
  "Safeguarding Children",
];

/** Dates relative to today, so the export's in-date subjects stay in date. */
function iso(yearsFromNow, monthsFromNow = 0) {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + yearsFromNow, d.getUTCMonth() + monthsFromNow, 1);
  return d.toISOString().slice(0, 10);
}

/** A data- attribute of the first element matching `css`, or null. */
function data(app, css, key) {
  return app.exec("return document.querySelector(arguments[0])?.dataset[arguments[1]] ?? null", [css, key]);
}

describe("pay steps and training on a person's page", () => {
  let driver;
  let app;
  const db = freshDbPath();
  const olm = path.join(path.dirname(db), "olm-competences.csv");

  before(async () => {
    seed(db, {
      staff: [
        ["--staff-number", "100001", "--forename", "Siân", "--surname", "Jones", "--band", "5", "--job-title",
          "Clinical Coder", "--appointed", "2020-01-06", "--manager", ADMIN.staffNumber, "--band-entered", iso(-1)],
      ],
    });
    let csv = "Assignment Number,Employee Name,Competence Name,Achievement Date,Expiry Date\n";
    for (const s of SUBJECTS) {
      const [done, expires] = s === "Fire Safety" ? [iso(-3), iso(-1)] : [iso(-1), iso(1)];
      csv += `100001-1,"Jones, Siân","NHS|CSTF|${s} - 2 Years|",${done},${expires}\n`;
    }
    writeFileSync(olm, csv);
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_PICK_FILE: olm });
    app = await Session.start(driver);
    assert.equal((await signIn(app, ADMIN.name, ADMIN.passphrase)).screen, "app");
    await app.click("#nav-staff");
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  it("an imported export with one expired subject shows it, and the pay standard is not met naming it", async () => {
    await app.click('tr[data-staff-number="100001"] .edit-staff');
    await app.el("#pay-panel");
    assert.match(await app.text("#training-summary"), /No training records/, "none before the import");
    await app.click("#training-import");
    await app.waitFor(async () => /Imported 11 competences/.test((await app.find("#training-notice")) ? await app.text("#training-notice") : ""), "the import's notice");
    const summary = await app.text("#training-summary");
    assert.match(summary, /Not compliant/, summary);
    assert.match(summary, /Expired: Fire Safety/, summary);
    assert.equal(await data(app, '#training-table tr[data-state="expired"]', "state"), "expired", "one row expired");

    // The pay panel was read before the import: read the page again.
    await app.click("#cancel");
    await app.click('tr[data-staff-number="100001"] .edit-staff');
    await app.el("#pay-standard-mandatory_training");
    assert.equal(await data(app, "#pay-standard-mandatory_training", "met"), "false", "not met");
    assert.match(await app.text("#pay-standard-mandatory_training"), /Fire Safety/, "names the expired subject");
    assert.match(await app.text("#pay-summary"), /Next pay step on/, "the next step is shown");
    await app.exec("document.querySelector('#pay-panel').scrollIntoView()");
    await app.screenshot("training-01-pay-standard-not-met");
    await app.exec("document.querySelector('#training-panel').scrollIntoView()");
    await app.screenshot("training-02-compliance");
  });

  it("a competence recorded by hand counts, and the audit trail holds both", async () => {
    await app.click("#training-add-open");
    await app.type("#training-competence", "Fire Safety");
    const today = new Date();
    const dd = String(today.getDate()).padStart(2, "0");
    const mm = String(today.getMonth() + 1).padStart(2, "0");
    await app.type("#training-completed", `${dd}/${mm}/${today.getFullYear()}`);
    await app.type("#training-expires", `${dd}/${mm}/${today.getFullYear() + 2}`);
    await app.click("#training-save");
    await app.waitFor(async () => (await data(app, "#training-summary", "compliant")) === "true", "compliant after the renewal");
    await app.exec("document.querySelector('#training-panel').scrollIntoView()");
    await app.screenshot("training-03-compliant");
    const log = cli(db, "audit", "list", "--json");
    assert.match(log, /training\.import/, "the import is audited");
    assert.match(log, /training\.add/, "the competence added by hand is audited");
  });
});
