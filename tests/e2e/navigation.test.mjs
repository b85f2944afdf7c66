// Finding one's way, end to end, at the default 1200 × 820 window: the
// harness's accessibility check fails a screen with a violation; the
// administrator's menu fits on one row with administration grouped under one
// item; a new page takes the focus on its heading and names itself in the
// window's title; the Settings page holds every trust setting (the NCCQ rules
// saved and refused in people's words); the audit log speaks plainly and
// links to its records; each person lands on their own home page, not the
// page the previous person left open; a manager's team shows each person's
// appraisal and NCCQ status, their PDPs on a page of their own; and a coder's
// NCCQ page speaks to them.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ADMIN, freshDbPath, seed, Session, signIn, signOut, startDriver } from "./webdriver.mjs";

const TODAY = "2026-11-21";
const BO = { number: "100001", name: "Bo Ray", first: "bo first passphrase", own: "bo own passphrase 2026" };
const ENTER = "\uE007"; // the Enter key, a new line in a text area

const CY = { number: "100002", name: "Cy Coder", first: "cy first passphrase", own: "cy own passphrase 2026" };

describe("navigation that fits, and says where it is", () => {
  let driver;
  let app;
  const db = freshDbPath();

  before(async () => {
    seed(db, {
      staff: [
        ["--forename", "Bo", "--surname", "Ray", "--band", "7", "--job-title", "Coding Team Leader", "--appointed", "2021-04-01",
          "--manager", ADMIN.staffNumber, "--acc-date", "2015-06-01"],
        ["--forename", "Cy", "--surname", "Coder", "--band", "4", "--job-title", "Clinical Coder", "--appointed", "2025-09-01",
          "--manager", BO.number],
      ],
      accounts: [
        { staffNumber: BO.number, role: "manager", passphrase: BO.first },
        { staffNumber: CY.number, role: "coder", passphrase: CY.first },
      ],
    });
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY });
    app = await Session.start(driver);
    await app.resize(1200, 820);
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  async function signInFirstTime(who) {
    assert.equal((await signIn(app, who.name, who.first)).screen, "change");
    await app.type("#current-passphrase", who.first);
    await app.type("#new-passphrase", who.own);
    await app.type("#new-passphrase-again", who.own);
    await app.click("#change-passphrase");
    await app.el("#account-menu");
  }

  const hash = () => app.exec("return location.hash");
  const title = () => app.exec("return document.title");
  const focused = () => app.exec("return document.activeElement?.tagName + ':' + document.activeElement?.textContent.trim()");

  it("the harness fails a screen that breaks an accessibility rule, naming the rule and the element", async () => {
    await app.el("#sign-in-form");
    await app.exec("const i = document.createElement('img'); i.id = 'no-alt'; i.src = 'data:,'; document.querySelector('main').append(i)");
    await assert.rejects(app.checkA11y("a screen with an image without a text alternative"), (e) => {
      assert.match(e.message, /image-alt/, "the rule");
      assert.match(e.message, /#no-alt/, "the element");
      assert.match(e.message, /Images must have alternative text/, "what to fix");
      return true;
    });
    await app.exec("document.getElementById('no-alt').remove()");
    await app.checkA11y("the sign-in screen again");
  });

  it("the administrator's menu is one row at 1200 px, administration under one item", async () => {
    await app.exec("location.hash = '#/audit'"); // a page left open before anyone signs in
    assert.equal((await signIn(app, ADMIN.name, ADMIN.passphrase)).screen, "app");
    assert.equal(await hash(), "#/home", "the administrator starts on their home page");
    const rows = await app.exec(
      "return [...new Set([...document.querySelectorAll('.nhsuk-header__navigation-list > li')].map(li => li.getBoundingClientRect().top))].length",
    );
    assert.equal(rows, 1, "every menu item on one row");
    assert.equal(await app.exec("return document.querySelector('.app-nav-menu').open"), false, "Settings waits in the closed menu");
    await app.screenshot("navigation-01-header");
    await app.click("#nav-admin-menu");
    await app.waitFor(async () => await app.exec("return document.querySelector('.app-nav-menu').open"), "the administration menu to open");
    const items = await app.exec("return [...document.querySelectorAll('.app-nav-menu__link')].map(a => a.textContent.trim())");
    assert.deepEqual(items, ["Skills framework", "Role profiles", "Accounts", "Settings", "Audit log", "Backups", "Retention"]);
    await app.screenshot("navigation-02-administration-menu");
    await app.cmd("POST", `/element/${await app.el("#nav-admin-menu")}/value`, { text: "\uE00C" }); // Escape
    await app.waitFor(async () => !(await app.exec("return document.querySelector('.app-nav-menu').open")), "Escape to close the menu");
    assert.equal(await app.exec("return document.activeElement.id"), "nav-admin-menu", "the focus back on the menu's button");
  });

  it("a new page takes the focus on its heading and names itself in the window's title", async () => {
    await app.click("#nav-settings");
    await app.waitFor(async () => (await focused()) === "H1:Settings", "the focus on the Settings heading");
    assert.equal(await title(), "Settings – Appraise");
    assert.equal(await app.exec("return document.querySelector('.app-nav-menu').open"), false, "the menu closes behind the choice");
    await app.click("#nav-team");
    await app.waitFor(async () => (await focused()) === "H1:Everyone in the department", "the focus on the Team heading");
    assert.equal(await title(), "Everyone in the department – Appraise");
  });

  it("the Settings page changes the NCCQ rules, and refuses a bad one in people's words", async () => {
    await app.click("#nav-settings");
    await app.el("#nccq-settings-form");
    for (const id of ["#print-settings-form", "#appraisal-settings-form", "#idle-lock-form"]) await app.el(id);
    assert.equal(await app.attr("#nccq-deadline-months", "value"), "24");
    // A read-only field (as in a signed record) reads at full contrast, not NHS.UK's half-opacity disabled look.
    const readOnly = await app.exec(`const i = document.getElementById('nccq-deadline-months'); i.disabled = true;
      const s = getComputedStyle(i); const out = { opacity: s.opacity, color: s.webkitTextFillColor }; i.disabled = false; return out;`);
    assert.deepEqual(readOnly, { opacity: "1", color: "rgb(33, 43, 50)" }, "#212b32 on the page's grey: 13:1");
    await app.type("#nccq-deadline-months", "30");
    await app.type("#nccq-sittings", `09/03/2027${ENTER}14/09/2027`);
    await app.type("#nccq-pass-marks", "2027: 80% practical, 75% theory");
    await app.click("#save-nccq-settings");
    await app.el("#nccq-settings-saved, #nccq-settings-error");
    assert.equal(await app.find("#nccq-settings-error"), null, await app.exec("return document.querySelector('#nccq-settings-error')?.textContent"));
    assert.equal(await app.attr("#nccq-sittings", "value"), "09/03/2027\n14/09/2027", "shown one a line, as dd/mm/yyyy");
    const stored = await app.invoke("nccq_settings");
    assert.equal(stored.ok.deadline_months, 30);
    assert.deepEqual(stored.ok.pass_marks, [{ year: 2027, practical: 80, theory: 75 }]);

    await app.type("#nccq-sittings", "next March");
    await app.click("#save-nccq-settings");
    await app.el("#nccq-settings-error");
    assert.match(await app.text("#nccq-sittings-error"), /next March is not a date/);
    await app.exec("document.getElementById('nccq-settings-heading').scrollIntoView()");
    await app.screenshot("navigation-03-settings-nccq");
    await app.exec("window.scrollTo(0, 0)");
    await app.screenshot("navigation-04-settings");

    // The pay steps: a band's years changed, and stored as numbers.
    assert.equal(await app.attr("#pay-steps-4", "value"), "3", "the national default for band 4");
    await app.type("#pay-steps-4", "2, 4");
    await app.click("#save-pay-steps");
    await app.el("#pay-steps-saved");
    assert.deepEqual((await app.invoke("pay_steps_get")).ok["4"], [2, 4]);
    await app.exec("document.getElementById('pay-steps-heading').scrollIntoView()");
    await app.screenshot("navigation-04b-settings-pay-steps");

    // Pay-step reviews and the training everyone keeps in date.
    assert.equal(await app.attr("#pay-review-weeks", "value"), "8", "eight weeks by default");
    await app.type("#pay-review-weeks", "6");
    await app.click("#save-pay-review");
    await app.el("#pay-review-notice");
    assert.equal((await app.invoke("pay_review_weeks_get")).ok, 6);
    const subjects = (await app.attr("#training-required", "value")).split("\n");
    assert.ok(subjects.includes("Fire Safety") && subjects.length === 11, `the CSTF subjects by default: ${subjects}`);
    // A new line is typed as the Enter key, as a person would.
    await app.type("#training-required", [...subjects, "Clinical Coding Standards refresher"].join("\uE007"));
    await app.click("#save-training-settings");
    await app.el("#training-settings-notice, #training-settings-error");
    assert.equal(await app.find("#training-settings-error"), null, await app.exec("return document.querySelector('#training-settings-error')?.textContent"));
    assert.equal((await app.invoke("training_settings_get")).ok.required.length, 12);
    await app.exec("document.getElementById('pay-review-heading').scrollIntoView()");
    await app.screenshot("navigation-04c-settings-reviews-training");
  });

  it("the audit log says what happened in people's words, each record a link", async () => {
    await app.click("#nav-audit");
    await app.el("#audit-log tbody tr");
    const rows = await app.exec(`return [...document.querySelectorAll('#audit-log tbody tr[data-action="setting.change"]')].map(r => ({
      what: r.querySelector('.audit-action').textContent.trim(), record: r.querySelector('.audit-record').textContent.trim(),
      link: r.querySelector('.audit-record a')?.getAttribute('href'), detail: r.querySelector('.audit-detail').textContent }))`);
    assert.deepEqual(rows.map(({ detail, ...r }) => r), [
      { what: "Setting changed", record: "Setting: statutory and mandatory training", link: "#/settings" },
      { what: "Setting changed", record: "Setting: pay-step reviews", link: "#/settings" },
      { what: "Setting changed", record: "Setting: pay steps", link: "#/settings" },
      { what: "Setting changed", record: "Setting: NCCQ rules", link: "#/settings" },
    ], "newest first");
    assert.match(rows[3].detail, /sittings: none → 09\/03\/2027; 14\/09\/2027/, "what changed, in words, not JSON");
    await app.screenshot("navigation-05-audit");
    await signOut(app);
  });

  it("a line manager lands on their home page; their team shows each person's appraisal and NCCQ status at a glance", async () => {
    await signInFirstTime(BO);
    assert.equal(await hash(), "#/home", "not the administrator's audit log");
    await app.click("#nav-team");
    await app.el("#team-table tbody tr");
    const cy = await app.exec(`const r = document.querySelector('#team-table tr[data-staff-number="${CY.number}"]');
      return { appraisal: r.querySelector('.team-appraisal').textContent.trim(), nccq: r.querySelector('.team-nccq').textContent.trim() }`);
    assert.match(cy.appraisal, /^(Due|Overdue since|Objectives due) \d\d\/\d\d\/\d{4}$/, cy.appraisal);
    assert.ok(cy.nccq.length > 0, "the NCCQ status");
    await app.screenshot("navigation-06-team");
    await app.click("#nav-pdps");
    await app.el("#pdp-team");
    assert.equal(await app.exec("return document.querySelector('#pdp-team').closest('main') !== null"), true);
    assert.equal(await app.find("#pdp-name"), null, "the team's plans, not the manager's own");
    await app.screenshot("navigation-07-team-pdps");
    await signOut(app);
  });

  it("a coder lands on their home page, and the NCCQ page speaks to them", async () => {
    await signInFirstTime(CY);
    assert.equal(await hash(), "#/home", "not the manager's team PDPs");
    await app.click("#nav-nccq");
    assert.equal(await app.text("h1"), "My NCCQ pathway");
    await app.screenshot("navigation-08-coder-nccq");
    await signOut(app);
  });
});
