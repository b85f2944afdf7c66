// The NCCQ pathway, driven as a manager would on a fixed day (21/11/2026):
// the team list ordered by days left, one trainee's timeline, a refused
// value next to its field, and a failed Theory paper turning the trainee's
// status from on track to at risk with the reason why.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ADMIN, cli, freshDbPath, seed, Session, signIn, startDriver } from "./webdriver.mjs";

const TODAY = "2026-11-21";

/**
 * The administrator (accredited, so not a trainee), three trainees with
 * different deadlines, added in surname order opposite to days-left order,
 * and one ACC.
 */
function seedTrainees(db) {
  seed(db);
  const add = (forename, surname, appointed, ...extra) =>
    cli(db, "staff", "add", "--forename", forename, "--surname", surname, "--band", "3", "--appointed", appointed, ...extra);
  add("Ali", "Young", "2024-10-01"); // 100001: NCCQ deadline 01/10/2026, passed
  add("Bea", "Khan", "2025-03-03"); // 100002: deadline 03/03/2027, one sitting left
  add("Cat", "Adams", "2025-10-01"); // 100003: deadline 01/10/2027, two sittings left
  add("Eve", "Brown", "2022-01-10", "--acc-date", "2024-05-01"); // 100004: accredited, not a trainee
  cli(db, "nccq", "course", "add", "100002", "--type", "standards", "--start", "2025-04-07");
  cli(db, "nccq", "exam", "add", "100002", "--sitting", "2026-03-01", "--paper", "practical", "--score", "92", "--today", TODAY);
  cli(db, "nccq", "course", "add", "100003", "--type", "standards", "--start", "2025-11-03", "--end", "2025-11-14");
  cli(db, "nccq", "membership", "set", "100003", "--valid-until", "2027-12-31");
}

describe("the NCCQ pathway on 21/11/2026", () => {
  let driver;
  let app;
  const db = freshDbPath();

  before(async () => {
    seedTrainees(db);
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY });
    app = await Session.start(driver);
    await signIn(app, ADMIN.name, ADMIN.passphrase);
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  async function teamRows() {
    await app.el("#nccq-team tbody tr");
    return app.exec(`return [...document.querySelectorAll('#nccq-team tbody tr')].map(r => ({
      name: r.querySelector('.trainee-name').textContent.trim(),
      status: r.querySelector('.trainee-status').textContent.trim(),
      days: Number(r.querySelector('.trainee-days').dataset.days),
      text: r.textContent.replace(/\\s+/g, ' ').trim(),
    }))`);
  }

  async function scrollTo(css) {
    await app.el(css);
    await app.exec("document.querySelector(arguments[0]).scrollIntoView({ block: 'start' }); window.scrollBy(0, -16)", [css]);
  }

  it("the team list shows the trainees, the least time left first, each with a status", async () => {
    await app.click("#nav-nccq");
    const rows = await teamRows();
    assert.deepEqual(
      rows.map((r) => r.name),
      ["Ali Young", "Bea Khan", "Cat Adams"],
      "ordered by days left, not by surname; the accredited coder is not listed",
    );
    assert.deepEqual(
      rows.map((r) => r.days),
      [-51, 102, 314],
      "days left to each NCCQ deadline, counted from the fixed today",
    );
    assert.deepEqual(
      rows.map((r) => r.status),
      ["Missed", "At risk", "On track"],
      "status tags",
    );
    assert.match(rows[0].text, /passed 51 days ago/, "a passed deadline in words");
    assert.match(rows[0].text, /01\/10\/2026/, "NCCQ deadline as dd/mm/yyyy");
    assert.match(rows[0].text, /The NCCQ deadline of 01\/10\/2026 has passed with Practical and Theory still to pass\./, "the first reason");
    assert.match(rows[2].text, /314 days left/);
    const tags = await app.exec(
      "return [...document.querySelectorAll('#nccq-team .trainee-status')].map(t => [...t.classList].find(c => c.startsWith('nhsuk-tag--')))",
    );
    assert.deepEqual(tags, ["nhsuk-tag--red", "nhsuk-tag--orange", "nhsuk-tag--green"], "tag colours");
    await app.screenshot("nccq-01-team");
  });

  it("a trainee's page shows the status, the reasons and the timeline drawn as a picture", async () => {
    await app.click('#nccq-team tr[data-staff-number="100003"] .trainee-name');
    assert.equal(await app.text("#trainee-name"), "Cat Adams");
    assert.equal(await app.text("#trainee-status"), "On track");
    assert.match(await app.text("#trainee-deadline"), /314 days left to pass the NCCQ by 01\/10\/2027/);
    assert.match(await app.text("#trainee-reasons"), /Standards course started 03\/11\/2025\./);
    assert.match(await app.text("#trainee-next-steps"), /Enter Practical and Theory for a sitting; the next is 01\/03\/2027\./);

    assert.equal(await app.attr("#nccq-timeline", "tagName"), "svg", "the timeline is drawn, not a table");
    const label = await app.exec("return document.querySelector('#nccq-timeline').getAttribute('aria-label')");
    assert.match(label, /appointed 01\/10\/2025; Standards course started 03\/11\/2025; Standards course to start by 01\/04\/2026; today 21\/11\/2026; sitting 01\/03\/2027; sitting 01\/09\/2027; NCCQ deadline 01\/10\/2027/);
    assert.equal(await app.exec("return document.querySelector('#nccq-timeline').getAttribute('role')"), "img");
    const drawn = await app.exec(
      "return [...document.querySelectorAll('#nccq-timeline .timeline-label')].map(g => g.dataset.kind + ' ' + [...g.querySelectorAll('tspan')].map(t => t.textContent).join(' / '))",
    );
    assert.ok(drawn.includes("appointed Appointed / 01/10/2025"), drawn.join("\n"));
    assert.ok(drawn.includes("nccq_deadline NCCQ deadline / 01/10/2027"), drawn.join("\n"));
    assert.match(await app.text("#nccq-timeline .timeline-today"), /Today\s*21\/11\/2026/, "today marked");
    assert.match(await app.text("#ihrim-membership"), /Valid until 31\/12\/2027/);
    await app.screenshot("nccq-02-trainee");
    await scrollTo("#timeline-heading");
    await app.screenshot("nccq-03-timeline-on-track");
  });

  it("a refused value shows its message next to its field, and nothing is recorded", async () => {
    await app.type("#exam-sitting", "31/02/2026");
    await app.choose("#exam-paper", "theory");
    await app.type("#exam-score", "140");
    await app.click("#save-exam");
    assert.match(await app.text("#exam-sitting-error"), /31\/02\/2026 is not a real date/, "the bad date is named");
    assert.match(await app.text("#exam-score-error"), /Score 140 is not a percentage from 0 to 100\./, "the bad score is named");
    const group = await app.exec("return document.querySelector('#exam-score').closest('.nhsuk-form-group').className");
    assert.match(group, /nhsuk-form-group--error/, "the field is marked in error");
    const summary = await app.text("#error-summary");
    assert.match(summary, /There is a problem/);
    assert.match(summary, /Score 140 is not a percentage/);
    assert.equal(await app.find("#exam-paper-error"), null, "a good field carries no message");
    assert.match(await app.text("#nccq-exams"), /No exam result recorded yet/, "nothing recorded");
    assert.equal(await app.text("#trainee-status"), "On track");
    await app.screenshot("nccq-04-refused");
  });

  it("a failed Theory result turns the status to at risk, with the reason, and is drawn on the timeline", async () => {
    await app.type("#exam-sitting", "01/09/2026");
    await app.choose("#exam-paper", "theory");
    await app.type("#exam-score", "61");
    await app.click("#save-exam");
    await app.waitFor(async () => (await app.text("#trainee-status")) === "At risk", "the status to turn at risk");
    const reasons = await app.exec("return [...document.querySelectorAll('#trainee-reasons li')].map(l => l.textContent.trim())");
    assert.equal(
      reasons[0],
      "Theory failed in September 2026 (61%; pass mark 70%); only 2 sittings left before 01/10/2027.",
      "the reason that set the status comes first",
    );
    assert.match(await app.text("#notice"), /Recorded Theory at the 01\/09\/2026 sitting: 61%, failed \(pass mark 70%\)\./);
    assert.equal(await app.find("#error-summary"), null, "the earlier problem is gone");
    assert.equal(await app.find("#exam-score-error"), null);
    const cells = await app.exec(
      "return [...document.querySelectorAll('#nccq-exams tr[data-paper=\"theory\"] td')].map(c => c.textContent.trim())",
    );
    assert.deepEqual(cells, ["01/09/2026", "Theory", "61%", "70%", "Failed"], "the result in the record");
    assert.equal(await app.attr("#exam-score", "value"), "", "the form is ready for the next result");

    const failed = await app.exec("return document.querySelectorAll('#nccq-timeline .timeline-sitting_result .timeline-failed').length");
    assert.equal(failed, 1, "the failed paper is marked on the timeline");
    const label = await app.exec("return document.querySelector('#nccq-timeline').getAttribute('aria-label')");
    assert.match(label, /sitting 01\/09\/2026: Theory failed \(61%\); today 21\/11\/2026/);
    await app.exec("window.scrollTo(0, 0)");
    await app.screenshot("nccq-05-at-risk");
    await scrollTo("#timeline-heading");
    await app.screenshot("nccq-06-timeline-at-risk");
    await scrollTo("#add-to-record");
    await app.screenshot("nccq-07-record");
  });

  it("back on the team list the trainee is at risk, and the order is still by days left", async () => {
    await app.click("#back-to-team");
    const rows = await teamRows();
    assert.deepEqual(
      rows.map((r) => [r.name, r.status]),
      [
        ["Ali Young", "Missed"],
        ["Bea Khan", "At risk"],
        ["Cat Adams", "At risk"],
      ],
    );
    assert.match(rows[2].text, /Theory failed in September 2026 \(61%; pass mark 70%\); only 2 sittings left before 01\/10\/2027\./);
  });

  it("the staff list links a trainee to their NCCQ page", async () => {
    await app.click("#nav-staff");
    await app.click('tr[data-staff-number="100002"] .nccq-link');
    assert.equal(await app.text("#trainee-name"), "Bea Khan");
    assert.equal(await app.find('tr[data-staff-number="100004"] .nccq-link'), null);
    await app.el("#nccq-timeline .timeline-passed");
    await scrollTo("#timeline-heading");
    await app.screenshot("nccq-08-timeline-passed");
  });
});

describe("the NCCQ pathway with nobody training", () => {
  it("explains who counts as a trainee and where to add them", async () => {
    const db = freshDbPath();
    seed(db);
    const driver = await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY });
    let app;
    try {
      app = await Session.start(driver);
      await signIn(app, ADMIN.name, ADMIN.passphrase);
      await app.click("#nav-nccq");
      const empty = await app.text("#empty-state");
      assert.match(empty, /staff members without an Accredited Clinical Coder \(ACC\) date/);
      assert.equal(await app.exec("return document.querySelector('#go-to-staff').getAttribute('href')"), "#/staff");
      await app.screenshot("nccq-09-empty");
    } finally {
      await app?.quit();
      await driver.stop();
    }
  });
});
