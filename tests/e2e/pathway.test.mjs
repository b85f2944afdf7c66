// Who is on the NCCQ pathway, on a fixed day (28/11/2026): a trainee coder
// is, the head of department who never sat the NCCQ is not (not "missed"),
// until the staff form puts her on it by hand; the trainee's page says why
// and when her first sitting can be, in plain words; the role profiles page
// marks a role as a coding role; and the staff form keeps the last appraisal
// held before Appraise.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ADMIN, cli, freshDbPath, seed, Session, signIn, startDriver } from "./webdriver.mjs";

const TODAY = "2026-11-28";

describe("the NCCQ pathway follows coding roles", () => {
  let driver;
  let app;
  const db = freshDbPath();

  before(async () => {
    seed(db, {
      staff: [
        // 100001: a trainee appointed on 31/08/2026, three months ago.
        ["--forename", "Ada", "--surname", "Coder", "--band", "3", "--job-title", "Trainee clinical coder", "--appointed", "2026-08-31"],
        // 100002: the head of department, never accredited, not a coder.
        ["--forename", "Deepa", "--surname", "Williams", "--band", "8a", "--job-title", "Head of clinical coding", "--appointed", "2015-01-05"],
      ],
    });
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY });
    app = await Session.start(driver);
    await signIn(app, ADMIN.name, ADMIN.passphrase);
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  async function listed() {
    await app.click("#nav-nccq");
    await app.el("#nccq-team");
    await app.waitFor(async () => (await app.find("#nccq-team tbody tr")) !== null, "the NCCQ list");
    return app.exec("return [...document.querySelectorAll('#nccq-team tbody tr')].map(r => r.dataset.staffNumber)");
  }

  it("lists the trainee coder and not the head of department who does not code", async () => {
    assert.deepEqual(await listed(), ["100001"], "Deepa is not shown as missed");
    await app.screenshot("pathway-01-nccq-list");
  });

  it("the trainee's page says why she is on the pathway and when her first sitting can be", async () => {
    await app.click('#nccq-team tr[data-staff-number="100001"] .trainee-name');
    assert.equal(await app.text("#trainee-name"), "Ada Coder");
    assert.equal(
      await app.text("#trainee-pathway"),
      "On the NCCQ pathway: Band 3 Trainee clinical coder is a coding role and no ACC date is recorded. The staff record on the Staff page can say otherwise.",
    );
    assert.equal(
      await app.text("#trainee-first-sitting"),
      "First sitting no sooner than 31/08/2027: 12 months of coding experience are recommended before sitting the NCCQ.",
    );
    await app.screenshot("pathway-02-trainee");
  });

  it("the staff form puts the head of department on the pathway by hand and keeps her last appraisal before Appraise", async () => {
    await app.click("#nav-staff");
    await app.click('tr[data-staff-number="100002"] .edit-staff');
    assert.equal(await app.attr("#nccq_pathway", "value"), "", "the role decides until someone chooses");
    await app.choose("#nccq_pathway", "yes");
    await app.type("#last_appraisal_before", "01/01/2027");
    await app.click("#save-staff");
    assert.match(
      await app.text("#last_appraisal_before-error"),
      /The last appraisal before Appraise cannot be in the future/,
      "a date to come is refused next to its field",
    );
    await app.type("#last_appraisal_before", "10/03/2026");
    await app.exec("document.querySelector('#nccq_pathway').scrollIntoView({ block: 'center' })");
    await app.screenshot("pathway-03-staff-form");
    await app.click("#save-staff");
    await app.el("#notice");

    const due = JSON.parse(cli(db, "appraisal", "due", "--today", TODAY, "--json"));
    const deepa = due.find((d) => d.staff_number === "100002");
    assert.equal(deepa.last_appraisal_before, "2026-03-10", "kept");
    assert.equal(deepa.annual_due, "2027-03-10", "due 12 months after it");
    assert.equal(deepa.annual_overdue, false);

    assert.deepEqual((await listed()).sort(), ["100001", "100002"], "now on the list");
    await app.click('#nccq-team tr[data-staff-number="100002"] .trainee-name');
    assert.match(await app.text("#trainee-pathway"), /^On the NCCQ pathway: set by hand on their staff record\./);

    await app.click("#nav-staff");
    await app.click('tr[data-staff-number="100002"] .edit-staff');
    assert.equal(await app.attr("#nccq_pathway", "value"), "yes", "shown as set");
    assert.equal(await app.attr("#last_appraisal_before", "value"), "10/03/2026", "as dd/mm/yyyy");
    await app.click("#cancel");
  });

  it("the role profiles page marks a role as not coding, and its holders leave the list", async () => {
    await app.click("#nav-roles");
    const box = '#role-grid .role-coding[data-role-id]';
    await app.el(box);
    const bands = await app.exec(
      "return [...document.querySelectorAll('#role-grid th[data-band]')].map(th => [th.dataset.band, th.querySelector('.role-coding').checked])",
    );
    assert.deepEqual(bands, [["3", true], ["4", true], ["5", true], ["6", true], ["7", false], ["8a", false]]);
    await app.click('#role-grid th[data-band="3"] .role-coding');
    await app.waitFor(async () => /Saved: Band 3 Trainee clinical coder is not a coding role/.test(await app.text("#grid-status")), "the saved note");
    await app.screenshot("pathway-04-roles");
    assert.deepEqual(await listed(), ["100002"], "the trainee follows her role; Deepa is on it by hand");
    const refused = await app.invoke("framework_set_role_coding", { roleId: 999999, coding: true });
    assert.equal(refused.error?.code, "not_found");
  });
});
