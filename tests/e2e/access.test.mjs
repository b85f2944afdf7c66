// Accounts, access and the audit trail, end to end: the administrator makes
// a line manager and a coder through the window; the coder signs in (made to
// choose her own passphrase), sees only herself, cannot open another coder's
// pages and is refused "forbidden" when a script in the window invokes the
// backend directly; the manager sees their team; five wrong passphrases
// bring a growing wait; the administrator's audit log shows all of it and
// the trail checks out; a leaver's records stay, read-only; and after the
// idle lock the person carries on where they were.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { ADMIN, freshDbPath, seed, Session, signIn, signOut, startDriver } from "./webdriver.mjs";

const TODAY = "2026-11-21";
const CY = { number: "100001", name: "Cy Coder", first: "cy first passphrase" };
const BO = { number: "100002", name: "Bo Ray", first: "bo first passphrase", own: "bo own passphrase 2026" };
const SIAN = { number: "100003", name: "Siân Jones", first: "sian first passphrase", own: "siân own passphrase 2026" };

describe("who sees what, and the audit trail", () => {
  let driver;
  let app;
  const db = freshDbPath();

  before(async () => {
    // The administrator and one coder, Cy, come from the command line.
    seed(db, {
      staff: [["--forename", "Cy", "--surname", "Coder", "--band", "4", "--job-title", "Clinical Coder", "--appointed", "2025-09-01"]],
      accounts: [{ staffNumber: CY.number, role: "coder", passphrase: CY.first }],
    });
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY });
    app = await Session.start(driver);
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  /** Adds a staff member through the form; returns the notice. */
  async function addStaff({ forename, surname, band, jobTitle, appointed, manager }) {
    await app.click("#nav-staff");
    await app.click("#add-staff");
    await app.type("#forename", forename);
    await app.type("#surname", surname);
    await app.choose("#band", band);
    await app.type("#job_title", jobTitle);
    await app.type("#appointed", appointed);
    await app.choose("#manager", manager);
    await app.click("#save-staff");
    return app.text("#notice");
  }

  /** Gives a staff member an account on the accounts page; returns the notice. */
  async function giveAccount(staffNumber, role, passphrase) {
    await app.choose("#new-account-staff", staffNumber);
    await app.choose("#new-account-role", role);
    await app.type("#new-account-passphrase", passphrase);
    await app.type("#new-account-passphrase-again", passphrase);
    const before = await app.exec("return document.querySelector('#notice')?.textContent ?? ''");
    await app.click("#create-account");
    await app.waitFor(
      async () => (await app.exec("return document.querySelector('#notice')?.textContent ?? ''")) !== before,
      "the account notice",
    );
    return app.text("#notice");
  }

  /** The forced change of a first passphrase, right after signing in with it. */
  async function chooseOwnPassphrase(first, own) {
    await app.el("#change-passphrase-form");
    await app.type("#current-passphrase", first);
    await app.type("#new-passphrase", own);
    await app.type("#new-passphrase-again", own);
    await app.click("#change-passphrase");
    await app.el("#account-menu");
  }

  async function navIds() {
    return app.exec("return [...document.querySelectorAll('.nhsuk-header__navigation-link')].map(a => a.id)");
  }

  async function go(hash) {
    await app.exec("location.hash = arguments[0]", [hash]);
  }

  it("the administrator adds a line manager and a coder, and gives each an account", async () => {
    assert.equal((await signIn(app, ADMIN.name, ADMIN.passphrase)).screen, "app");
    assert.match(
      await addStaff({ forename: "Bo", surname: "Ray", band: "7", jobTitle: "Coding Team Leader", appointed: "01/04/2021", manager: ADMIN.staffNumber }),
      /Added Bo Ray \(staff number 100002\)/,
    );
    assert.match(
      await addStaff({ forename: "Siân", surname: "Jones", band: "4", jobTitle: "Clinical Coder", appointed: "01/09/2025", manager: BO.number }),
      /Added Siân Jones \(staff number 100003\)/,
    );

    await app.click("#nav-accounts");
    await app.el("#accounts-table");
    assert.match(await giveAccount(BO.number, "manager", BO.first), /Bo Ray can now sign in as a line manager/);
    assert.match(await giveAccount(SIAN.number, "coder", SIAN.first), /Siân Jones can now sign in as a coder/);
    const accounts = await app.exec(`return [...document.querySelectorAll('#accounts-table tbody tr[data-staff-number]')].map(r => ({
      number: r.dataset.staffNumber,
      role: r.querySelector('.account-role').value,
      notes: r.querySelector('.account-notes').textContent,
    }))`);
    assert.deepEqual(
      accounts.map((a) => [a.number, a.role]),
      [
        [CY.number, "coder"],
        [SIAN.number, "coder"],
        [BO.number, "manager"],
        [ADMIN.staffNumber, "administrator"],
      ],
      "every account by surname, with its role",
    );
    assert.match(accounts[1].notes, /Must choose a new passphrase at sign-in/);
    assert.match(await app.text("#everyone-has-an-account"), /Every staff member still in post has an account/);
    await app.exec("window.scrollTo(0, 0)");
    await app.screenshot("access-01-accounts");
    // The appraisal settings, on the Settings page: the NHS year by default,
    // and a bad value refused with its own message (nothing is stored).
    await app.click("#nav-settings");
    await app.el("#appraisal-settings-form");
    assert.equal(await app.attr("#appraisal-cycle-start", "value"), "4");
    assert.equal(await app.attr("#appraisal-kpi-primary", "value"), "90");
    await app.type("#appraisal-objective-weeks", "60");
    await app.click("#save-appraisal-settings");
    await app.el("#appraisal-settings-error");
    assert.match(await app.text("#appraisal-objective-weeks-error"), /between 1 and 52 weeks/);
    await app.exec("document.getElementById('appraisal-settings-heading').scrollIntoView()");
    await app.screenshot("access-01b-appraisal-settings");
    await signOut(app);
    const names = await app.exec("return [...document.querySelectorAll('#sign-in-name option')].map(o => o.textContent.trim())");
    assert.deepEqual(names, ["Choose your name", "Cy Coder", "Siân Jones", "Bo Ray", "Łukasz Wiśniewski"]);
    await app.screenshot("access-02-sign-in");
  });

  it("the coder signs in with her first passphrase and must choose her own", async () => {
    const outcome = await signIn(app, SIAN.name, SIAN.first);
    assert.equal(outcome.screen, "change", "the administrator chose that passphrase");
    assert.match(await app.text("#forced-reason"), /The administrator set the passphrase you signed in with/);
    assert.equal(await app.find("#nav-staff"), null, "nothing else until she has");
    const early = await app.invoke("staff_list");
    assert.equal(early.error?.code, "unauthenticated", "nor through a direct invoke");
    await app.screenshot("access-03-choose-passphrase");
    await chooseOwnPassphrase(SIAN.first, SIAN.own);
    assert.equal(await app.text("#signed-in-name"), "Siân Jones");
    assert.equal(await app.text("#signed-in-role"), "Coder");
  });

  it("the coder sees only herself, and none of the administrator's or a manager's pages", async () => {
    const nav = await navIds();
    for (const id of ["nav-staff", "nav-nccq", "nav-framework"]) assert.ok(nav.includes(id), `${id} in ${nav}`);
    for (const id of ["nav-team", "nav-roles", "nav-accounts", "nav-audit"]) assert.ok(!nav.includes(id), `no ${id} in ${nav}`);
    await app.click("#nav-staff");
    await app.el("#staff-table");
    const rows = await app.exec("return [...document.querySelectorAll('#staff-table tbody tr')].map(r => r.dataset.staffNumber)");
    assert.deepEqual(rows, [SIAN.number], "only her own record");
    assert.equal(await app.find("#add-staff"), null, "she cannot add staff");
    assert.equal(await app.find(".edit-staff"), null, "nor change her record");
    assert.match(await app.text("#own-record-note"), /You can see your own staff record/);
    await app.screenshot("access-04-coder-staff");

    await app.click("#nav-nccq");
    await app.el("#nccq-team tbody tr");
    const trainees = await app.exec("return [...document.querySelectorAll('#nccq-team tbody tr')].map(r => r.dataset.staffNumber)");
    assert.deepEqual(trainees, [SIAN.number], "only her own pathway, though Cy is a trainee too");
    await app.click(`#nccq-team tr[data-staff-number="${SIAN.number}"] .trainee-name`);
    assert.equal(await app.text("#trainee-name"), "Siân Jones");
    assert.match(await app.text("#read-only-note"), /Your line manager or the administrator records/);
    assert.equal(await app.find("#exam-form"), null, "she reads her pathway but does not record on it");
  });

  it("the coder cannot open another coder's pages, nor the administrator's", async () => {
    await go(`#/nccq/${CY.number}`);
    const refused = await app.text("#load-error");
    assert.match(refused, /This trainee cannot be shown/);
    assert.match(refused, /You can see only your own records\./);
    assert.doesNotMatch(await app.text("main"), /Cy Coder/, "not even the name");
    await app.screenshot("access-05-refused");
    await go(`#/nccq/${BO.number}`);
    assert.match(await app.text("#load-error"), /You can see only your own records\./, "nor her manager's");
    await go("#/nccq/999999");
    assert.match(await app.text("#load-error"), /You can see only your own records\./, "the same answer for nobody at all");
    for (const page of ["accounts", "audit", "roles", "team"]) {
      await go(`#/${page}`);
      assert.match(await app.text("#not-allowed"), /This page is not for your role/, `#/${page}`);
    }
    await go("#/staff");
  });

  it("a direct invoke from the window is refused as forbidden by the backend", async () => {
    const theirs = await app.invoke("staff_get", { staffNumber: CY.number });
    assert.equal(theirs.ok, undefined, "nothing about Cy comes back");
    assert.equal(theirs.error.code, "forbidden");
    assert.equal(theirs.error.message, "You can see only your own records.");
    const refusals = {
      staff_get_nobody: ["staff_get", { staffNumber: "999999" }],
      staff_edit: ["staff_edit", { staffNumber: CY.number, input: { forename: "Cy", surname: "Coder", band: "9", appointed: "2025-09-01" } }],
      staff_mark_leaver: ["staff_mark_leaver", { staffNumber: CY.number, leavingDate: "2026-11-21" }],
      nccq_record: ["nccq_record", { staffNumber: CY.number }],
      nccq_status: ["nccq_status", { staffNumber: BO.number }],
      nccq_add_exam: ["nccq_add_exam", { staffNumber: CY.number, input: { sitting: "2026-09-01", paper: "theory", score: "99" } }],
      own_nccq_add_exam: ["nccq_add_exam", { staffNumber: SIAN.number, input: { sitting: "2026-09-01", paper: "theory", score: "99" } }],
      account_list: ["account_list", {}],
      account_create: ["account_create", { staffNumber: CY.number, role: "administrator", passphrase: "my own admin now" }],
      account_set_role: ["account_set_role", { staffNumber: SIAN.number, role: "administrator" }],
      account_reset_passphrase: ["account_reset_passphrase", { staffNumber: CY.number, passphrase: "taken over now!" }],
      audit_list: ["audit_list", { filter: {} }],
      audit_verify: ["audit_verify", {}],
      team: ["team", {}],
      idle_lock_set: ["idle_lock_set", { minutes: 120 }],
      framework_set_expectation: ["framework_set_expectation", { roleId: 1, skillCode: "ANCC", competency: "Coding accuracy", level: 1 }],
      staff_import_preview: ["staff_import_preview", { path: "/etc/hostname" }],
    };
    for (const [what, [command, args]] of Object.entries(refusals)) {
      const answer = await app.invoke(command, args);
      assert.equal(answer.error?.code, "forbidden", `${what}: ${JSON.stringify(answer)}`);
    }
    const mine = await app.invoke("staff_list");
    assert.deepEqual(mine.ok.map((m) => m.staff_number), [SIAN.number], "a list is filtered, not refused");
    await signOut(app);
  });

  it("the line manager sees their team with band, appointment, ACC and NCCQ status", async () => {
    assert.equal((await signIn(app, BO.name, BO.first)).screen, "change");
    await chooseOwnPassphrase(BO.first, BO.own);
    assert.equal(await app.text("#signed-in-role"), "Line manager");
    const nav = await navIds();
    assert.ok(nav.includes("nav-team"), `a manager has a team: ${nav}`);
    assert.ok(!nav.includes("nav-accounts") && !nav.includes("nav-audit"), `but not the administrator's pages: ${nav}`);
    await app.click("#nav-team");
    await app.el("#team-table tbody tr");
    const team = await app.exec(`return [...document.querySelectorAll('#team-table tbody tr')].map(r => ({
      number: r.dataset.staffNumber,
      band: r.querySelector('.team-band').textContent.trim(),
      appointed: r.querySelector('.team-appointed').textContent.trim(),
      acc: r.querySelector('.team-acc').textContent.trim(),
      nccq: r.querySelector('.team-nccq').textContent.trim(),
      link: r.querySelector('.team-nccq-link').getAttribute('href'),
    }))`);
    assert.equal(team.length, 1, "only Siân reports to Bo; Cy is nobody's report");
    const [sian] = team;
    assert.deepEqual(
      { ...sian, nccq: undefined },
      { number: SIAN.number, band: "4", appointed: "01/09/2025", acc: "Not yet", nccq: undefined, link: `#/nccq/${SIAN.number}` },
    );
    assert.match(sian.nccq, /^(On track|At risk|Missed)$/, "her NCCQ status");
    await app.screenshot("access-06-team");
    await app.click(`#team-table tr[data-staff-number="${SIAN.number}"] .team-nccq-link`);
    assert.equal(await app.text("#trainee-name"), "Siân Jones");
    await app.el("#exam-form");
    const cy = await app.invoke("staff_get", { staffNumber: CY.number });
    assert.equal(cy.error?.code, "forbidden", "Cy is not in Bo's team");
    await signOut(app);
  });

  it("five wrong passphrases bring a growing wait", async () => {
    const waits = [];
    const messages = [];
    for (let i = 0; i < 5; i++) {
      const outcome = await signIn(app, CY.name, `not my passphrase ${i}`);
      assert.equal(outcome.screen, "refused");
      messages.push(outcome.message);
      const wait = Number(/Wait (\d+) seconds?/.exec(outcome.message)?.[1] ?? 0);
      waits.push(wait);
      await sleep(wait * 1000 + 300);
    }
    assert.deepEqual(waits, [0, 0, 1, 2, 4], `the wait doubles after two free tries: ${messages.join(" | ")}`);
    assert.equal(messages[0], "That passphrase is not right. Try again.");
    assert.equal(messages[4], "That passphrase is not right. Wait 4 seconds before trying again.");
    assert.match(await app.text("#sign-in-passphrase-error"), /Wait 4 seconds/, "next to the field too");

    // During the wait even the right passphrase is not tried.
    const sixth = await signIn(app, CY.name, `wrong once more`);
    assert.match(sixth.message, /That passphrase is not right\. Wait 8 seconds before trying again\./);
    const early = await signIn(app, CY.name, CY.first);
    assert.match(early.message, /^Too many wrong passphrases\. Wait [5-8] seconds before trying again\.$/, early.message);
    await app.screenshot("access-07-wait");
    const left = Number(/Wait (\d+)/.exec(early.message)[1]);
    await sleep(left * 1000 + 300);
    assert.equal((await signIn(app, CY.name, CY.first)).screen, "change", "after the wait the right one works");
    await app.click("#sign-out-instead");
    await app.el("#sign-in-form");
  });

  it("the administrator's audit log lists what happened, and the trail checks out", async () => {
    assert.equal((await signIn(app, ADMIN.name, ADMIN.passphrase)).screen, "app");
    await app.click("#nav-audit");
    await app.el("#audit-log tbody tr");
    const rows = await app.exec(`return [...document.querySelectorAll('#audit-log tbody tr')].map(r => ({
      action: r.dataset.action, actor: r.dataset.actor, record: r.dataset.record,
      text: r.textContent.replace(/\\s+/g, ' ').trim(),
    }))`);
    const has = (action, actor, record) => rows.filter((r) => r.action === action && r.actor === actor && r.record === record).length;
    assert.equal(has("staff.add", ADMIN.staffNumber, BO.number), 1, "Bo added by the administrator");
    assert.equal(has("staff.add", ADMIN.staffNumber, SIAN.number), 1);
    assert.equal(has("account.create", ADMIN.staffNumber, BO.number), 1, "Bo's account");
    assert.equal(has("account.create", ADMIN.staffNumber, SIAN.number), 1);
    assert.equal(has("account.passphrase_change", SIAN.number, SIAN.number), 1, "Siân chose her own");
    assert.equal(has("account.sign_in", SIAN.number, SIAN.number), 1);
    assert.equal(has("account.passphrase_refused", CY.number, CY.number), 6, "every wrong passphrase, not the refusals during a wait");
    const refused = rows.find((r) => r.action === "account.passphrase_refused");
    assert.match(refused.text, /Wrong passphrase/);
    assert.match(refused.text, /failed attempts: 6/);
    assert.match(refused.text, /wait seconds: 8/);
    const added = rows.find((r) => r.action === "staff.add" && r.record === SIAN.number);
    assert.match(added.text, /Łukasz Wiśniewski \(100000\)/, "who, by name");
    assert.match(added.text, /surname: Jones/, "what was added");
    assert.match(added.text, /^21\/11\/2026 \d\d:\d\d:\d\d/, "when, on the app's day");

    // Filter: one person's sign-in attempts.
    await app.choose("#audit-actor", CY.number);
    await app.choose("#audit-table", "account");
    await app.click("#apply-audit-filters");
    await app.waitFor(async () => /^7 entries/.test(await app.text("#audit-count")), "Cy's seven entries");
    const cyRows = await app.exec("return [...document.querySelectorAll('#audit-log tbody tr')].map(r => r.dataset.action)");
    assert.deepEqual(cyRows, ["account.sign_in", ...Array(6).fill("account.passphrase_refused")], "newest first");
    await app.type("#audit-text", '"wait_seconds":4');
    await app.click("#apply-audit-filters");
    await app.waitFor(async () => /^1 entry/.test(await app.text("#audit-count")), "the fifth wrong passphrase");
    await app.type("#audit-from", "31/02/2026");
    await app.click("#apply-audit-filters");
    assert.match(await app.text("#audit-from-error"), /31\/02\/2026 is not a date/);
    await app.click("#clear-audit-filters");
    await app.waitFor(async () => (await app.exec("return document.querySelectorAll('#audit-log tbody tr').length")) === rows.length, "every entry again");
    await app.exec("window.scrollTo(0, 0)");
    await app.screenshot("access-08-audit");

    await app.click("#verify-audit");
    const verdict = await app.text("#audit-verify-result");
    assert.match(verdict, /The audit trail is intact\./);
    assert.match(verdict, new RegExp(`All ${rows.length} entries are in order`));
    assert.equal(await app.exec("return document.querySelector('#audit-verify-result').dataset.ok"), "true");
    await app.screenshot("access-09-audit-verified");
  });

  it("a leaver's records are kept, read-only, and they can no longer sign in", async () => {
    await app.click("#nav-staff");
    await app.click(`tr[data-staff-number="${CY.number}"] .edit-staff`);
    await app.type("#leaver-date", "21/11/2026");
    await app.click("#mark-leaver");
    assert.match(await app.text("#notice"), /Cy Coder left on 21\/11\/2026\. Their records are kept, read-only from that day\./);
    assert.match(await app.text(`tr[data-staff-number="${CY.number}"]`), /Left 21\/11\/2026/);
    await app.click(`tr[data-staff-number="${CY.number}"] .view-staff`);
    assert.match(await app.text("#read-only-note"), /Cy Coder left on 21\/11\/2026: their records are kept, read-only\./);
    assert.equal(await app.exec("return document.querySelector('#forename').matches(':disabled')"), true, "nothing can be typed");
    assert.equal(await app.find("#save-staff"), null, "nor saved");
    assert.ok(await app.find("#reinstate"), "the administrator may undo a leaving date recorded in error");
    await app.exec("window.scrollTo(0, 0)");
    await app.screenshot("access-10-leaver");
    const edit = await app.invoke("staff_edit", {
      staffNumber: CY.number,
      input: { forename: "Cy", surname: "Coder", band: "5", appointed: "2025-09-01", leaver_date: "2026-11-21" },
    });
    assert.equal(edit.error?.code, "locked", "the backend refuses changes too");
    await app.click("#cancel");
    await signOut(app);
    const names = await app.exec("return [...document.querySelectorAll('#sign-in-name option')].map(o => o.textContent.trim())");
    assert.ok(!names.includes("Cy Coder"), `a leaver is not offered: ${names}`);
  });
});

describe("the idle lock", () => {
  let driver;
  let app;
  const db = freshDbPath();

  before(async () => {
    seed(db);
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_TODAY: TODAY });
    app = await Session.start(driver);
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  it("after a minute without use the same person types their passphrase and carries on where they were", async () => {
    await signIn(app, ADMIN.name, ADMIN.passphrase);
    await app.click("#nav-settings");
    await app.type("#idle-lock-minutes", "1");
    await app.click("#save-idle-lock");
    assert.match(await app.text("#notice"), /Appraise now locks after 1 minute without use\./);

    await app.click("#nav-staff");
    await app.click("#add-staff");
    await app.type("#forename", "Zoë");
    await app.type("#surname", "Ní Bhriain");
    await app.choose("#band", "4");
    await app.type("#appointed", "01/09/2025");
    await sleep(62_000);
    // The window notices on its own within a quarter of a minute; a save
    // before that is held until the person is back.
    let held = (await app.find("#unlock-form")) === null;
    if (held) held = await app.click("#save-staff").then(() => true, () => false); // locked in between
    await app.el("#unlock-form", 30_000);
    assert.match(await app.text("#unlock-who"), /Łukasz Wiśniewski \(Administrator\) is signed in\. Appraise locked itself after 1 minute without use/);
    assert.equal(await app.exec("return document.querySelector('#page').hidden"), true, "the page is hidden meanwhile");
    await app.screenshot("access-11-locked");
    await app.type("#unlock-passphrase", "not it");
    await app.click("#unlock");
    assert.match(await app.text("#unlock-passphrase-error"), /That passphrase is not right/);
    await app.type("#unlock-passphrase", ADMIN.passphrase);
    await app.click("#unlock");
    await app.el("#account-menu");
    if (!held) {
      assert.equal(await app.attr("#forename", "value"), "Zoë", "the form is as it was left");
      await app.click("#save-staff");
    }
    // A held save goes through by itself once the person is back.
    assert.match(await app.text("#notice"), /Added Zoë Ní Bhriain \(staff number 100001\)/);
  });
});
