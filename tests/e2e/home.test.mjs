// The home page (issue 14, item 1): a line manager signs in and lands on
// their home page, sees a report's overdue appraisal among their figures,
// and follows its link to start the appraisal; a coder's home page is their
// own next actions. At sign-in the shell reports (and shows as a desktop
// notification) what became overdue since the person last signed in.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { ADMIN, freshDbPath, seed, Session, signIn, signOut, startDriver } from "./webdriver.mjs";

const TODAY = "2026-11-28";
const BO = { number: "100001", name: "Bo Ray", first: "bo first passphrase", own: "bo own passphrase 2026" };
const CY = { number: "100002", name: "Cy Coder", first: "cy first passphrase", own: "cy own passphrase 2026" };

describe("the home page", () => {
  let driver;
  let app;
  const db = freshDbPath();

  before(async () => {
    seed(db, {
      staff: [
        ["--forename", "Bo", "--surname", "Ray", "--band", "7", "--job-title", "Coding Team Leader", "--appointed", "2021-04-01",
          "--manager", ADMIN.staffNumber, "--acc-date", "2015-06-01"],
        // Appointed 06/01/2020 and never appraised: overdue since 06/01/2021.
        ["--forename", "Cy", "--surname", "Coder", "--band", "4", "--job-title", "Clinical Coder", "--appointed", "2020-01-06",
          "--manager", BO.number, "--acc-date", "2022-01-01"],
      ],
      accounts: [
        { staffNumber: BO.number, role: "manager", passphrase: BO.first },
        { staffNumber: CY.number, role: "coder", passphrase: CY.first },
      ],
    });
    // Bo last signed in on 01/12/2020, before Cy's appraisal fell due (06/01/2021).
    execFileSync("python3", ["-c",
      "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\n" +
      "c.execute(\"UPDATE account SET last_signed_in_at = '2020-12-01T09:00:00' " +
      "WHERE staff_id = (SELECT id FROM staff WHERE staff_number = ?)\", (sys.argv[2],))\nc.commit()",
      db, BO.number]);
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

  it("a manager lands on their home page, sees an overdue appraisal and follows it to start the appraisal", async () => {
    await app.exec("location.hash = '#/staff'"); // a page left open before anyone signs in
    await signInFirstTime(BO);
    assert.equal(await app.exec("return location.hash"), "#/home", "their own home page");
    // What the notification at sign-in names (under Xvfb no notification
    // service shows it: the sign-in carries on regardless).
    const news = await app.invoke("dashboard_overdue_since_sign_in");
    assert.ok(news.ok, `answered: ${JSON.stringify(news.error)}`);
    assert.equal(news.ok.since, "2020-12-01", "counted from the sign-in before this one");
    assert.ok(
      news.ok.items.some((i) => i.what === "Annual appraisal" && i.staff_number === CY.number && i.due === "2021-01-06"),
      `Cy's appraisal became overdue since then: ${JSON.stringify(news.ok.items)}`,
    );
    assert.match(news.ok.title, /^\d+ items? became overdue since you last signed in$/, "one notification with a count");
    assert.match(news.ok.body, /Annual appraisal: Cy Coder, due 06\/01\/2021/, "the first few, dd/mm/yyyy");
    await app.el("#overdue-list");
    assert.equal(await app.text("h1"), "Home");
    const rows = await app.exec(
      "return [...new Set([...document.querySelectorAll('.nhsuk-header__navigation-list > li')].map(li => li.getBoundingClientRect().top))].length",
    );
    assert.equal(rows, 1, "a line manager's menu fits on one row at 1200 px too");
    assert.equal(
      await app.exec("return document.querySelector('.nhsuk-header__navigation-list a')?.textContent.trim()"),
      "Home",
      "Home is the first item of the menu",
    );
    assert.match(await app.text(`#overdue-${CY.number}`), /Cy Coder/);
    assert.match(await app.text("#overdue-list"), /due 06\/01\/2021/, "the due date, dd/mm/yyyy");
    assert.match(await app.text("#compliance-percent"), /^0\.0%$/, "nobody has a signed appraisal");
    assert.ok(await app.find("#skills-against-role-profiles #skills-heatmap"), "the team's skills heatmap on the home page");
    await app.screenshot("home-01-manager");
    await app.click(`#overdue-${CY.number}`);
    await app.el(`#start-${CY.number}`);
    await app.click(`#start-${CY.number}`);
    await app.waitFor(async () => /^#\/appraisals\/\d+$/.test(await app.exec("return location.hash")), "the meeting opens");
    await app.screenshot("home-02-appraisal-started");
    await app.click("#nav-home");
    await app.el("#overdue-list");
    assert.match(await app.text("#overdue-list"), /Cy Coder/, "still overdue until signed, now with the meeting linked");
    await signOut(app);
  });

  it("a coder's home page is their own next actions", async () => {
    await signInFirstTime(CY);
    assert.equal(await app.exec("return location.hash"), "#/home");
    await app.el("#my-actions");
    assert.match(await app.text("#my-appraisal"), /My appraisal is overdue/);
    assert.equal(await app.find("#team-figures"), null, "no team figures for a coder");
    await app.screenshot("home-03-coder");
    await signOut(app);
  });
});
