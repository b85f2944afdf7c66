// The heavy pages' driver (bench/run-heavy-pages.sh runs it): launches two
// builds of Appraise in turn over WebDriver (the e2e harness,
// tests/e2e/webdriver.mjs) on the same department, and writes one JSON array
// with every launch.
//
// For each launch, signed in as the administrator:
// - each heavy page (staff, framework, pdp), reached from a light page
//   (settings): ms from setting the address until, inside the page, its
//   heading and its rows are there and the next frame has been drawn, and
//   how many elements the document then holds;
// - memory (the app and every process under it, summed PSS and RSS from
//   /proc/PID/smaps_rollup) after the three heavy pages, and again after
//   visiting every page in bench/startup.mjs's order, each page timed from
//   the one before as that benchmark does (but inside the page).
//
//   node bench/heavy-pages.mjs RUNS OUT.json
//   (env: BEFORE_BIN, AFTER_BIN, APPRAISE_DB_FILE, APPRAISE_TODAY, ADMIN_NAME, ADMIN_PASSPHRASE)

import { readFileSync, writeFileSync } from "node:fs";
import { findApp, memory } from "./proc.mjs";
import { setTimeout as sleep } from "node:timers/promises";
import { Session, startDriver } from "../tests/e2e/webdriver.mjs";

const runs = Number(process.argv[2] ?? 5);
const BUILDS = { before: process.env.BEFORE_BIN, after: process.env.AFTER_BIN };
/** What "drawn" means for each heavy page: its heading and its first rows (the same selectors in both builds). */
const READY = {
  staff: "#staff-table tbody tr",
  framework: "#page [data-skill]",
  pdp: "#page .app-card, #page #no-plan",
};
const HEADINGS = { staff: "Staff", framework: "Skills framework", pdp: null };
const EVERY = ["home", "staff", "team", "appraisals", "pdp", "pdps", "nccq", "reports", "framework", "roles", "accounts", "settings", "audit"];

/**
 * Inside the page: sets the address, then polls (every frame) until a new
 * heading is there (not the last page's; saying `heading` when given),
 * nothing says it is still loading and `ready` matches; waits one more
 * frame, and answers the time taken and how many elements the document has.
 */
const VISIT_SCRIPT = `
  const done = arguments[arguments.length - 1];
  const [hash, heading, ready] = arguments;
  const old = document.querySelector('#page h1');
  if (old) old.dataset.benchOld = '1';
  const t0 = performance.now();
  location.hash = hash;
  const drawn = () => {
    const h = document.querySelector('#page h1');
    if (!h || h.dataset.benchOld || (heading && h.textContent.trim() !== heading)) return false;
    if (document.querySelector('#page [aria-busy="true"], #page .app-loading')) return false;
    return !!document.querySelector(ready);
  };
  const poll = () => {
    if (performance.now() - t0 > 60000) return done({ error: 'not drawn within 60 s' });
    if (!drawn()) return requestAnimationFrame(poll);
    requestAnimationFrame(() => done({ ms: performance.now() - t0, nodes: document.getElementsByTagName('*').length }));
  };
  requestAnimationFrame(poll);`;

async function signIn(app) {
  await app.el("#sign-in-form", 30_000);
  const value = await app.exec(
    "return [...document.querySelectorAll('#sign-in-name option')].find(o => o.textContent.trim() === arguments[0])?.value ?? null",
    [process.env.ADMIN_NAME],
  );
  if (!value) throw new Error(`${process.env.ADMIN_NAME} is not on the sign-in screen`);
  await app.choose("#sign-in-name", value);
  await app.type("#sign-in-passphrase", process.env.ADMIN_PASSPHRASE);
  await app.click("#sign-in");
  await app.el("#account-menu", 30_000);
}

/** Opens a page and waits until it has a heading and nothing says it is still loading. */
async function visitLight(app, page) {
  await app.exec("location.hash = arguments[0]", [`#/${page}`]);
  await app.waitFor(
    async () =>
      app.exec(
        `const h = document.querySelector('#page h1');
         return !!h && !document.querySelector('#page [aria-busy="true"], #page .app-loading');`,
      ),
    `the ${page} page`,
    60_000,
  );
  await sleep(300);
}

async function launch(name) {
  const binary = BUILDS[name];
  const driver = await startDriver({ APPRAISE_DB: process.env.APPRAISE_DB_FILE, APPRAISE_TODAY: process.env.APPRAISE_TODAY ?? "" });
  try {
    const res = await fetch(`${driver.url}/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application: binary } } } }),
    });
    const created = await res.json();
    if (!res.ok) throw new Error(`${name}: no session: ${JSON.stringify(created)}`);
    const app = new Session(driver.url, created.value.sessionId);
    await signIn(app);
    const proc = findApp(binary);
    if (!proc) throw new Error(`${name}: its process was not found`);
    await visitLight(app, "settings");
    await sleep(1000);
    const afterSignIn = memory(proc.pid);
    const pages = {};
    for (const page of Object.keys(READY)) {
      const r = await app.execAsync(VISIT_SCRIPT, [`#/${page}`, HEADINGS[page], READY[page]]);
      if (r.error) throw new Error(`${name}: the ${page} page: ${r.error}`);
      pages[page] = { ms: Math.round(r.ms), nodes: r.nodes };
      await sleep(300);
      await visitLight(app, "settings");
    }
    await sleep(1000);
    const afterHeavy = memory(proc.pid);
    // Every page in bench/startup.mjs's order, each timed from the one before
    // (which may still be loading: its commands wait ahead on the store's thread).
    const inOrder = {};
    const webPss = {};
    for (const page of EVERY) {
      const r = await app.execAsync(VISIT_SCRIPT, [`#/${page}`, HEADINGS[page] ?? null, READY[page] ?? "#page h1"]);
      if (r.error) throw new Error(`${name}: the ${page} page: ${r.error}`);
      inOrder[page] = Math.round(r.ms);
      await sleep(300);
      // The web process alone after each page: where the memory grows.
      webPss[page] = memory(proc.pid).processes.filter((p) => p.name.startsWith("WebKitWebProces")).reduce((n, p) => n + p.pss, 0);
    }
    await sleep(1000);
    const afterEvery = memory(proc.pid);
    await app.quit();
    return { build: name, pages, inOrder, webPss, afterSignIn, afterHeavy, afterEvery };
  } finally {
    await driver.stop();
  }
}

const results = [];
for (let i = 0; i < runs; i++) {
  // Alternate which goes first, so neither always meets a warmer cache.
  const order = i % 2 === 0 ? ["before", "after"] : ["after", "before"];
  for (const name of order) {
    const r = await launch(name);
    r.run = i + 1;
    r.load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
    results.push(r);
    const p = r.pages;
    process.stderr.write(
      `run ${i + 1} ${name}: staff ${p.staff.ms} ms (${p.staff.nodes} nodes), framework ${p.framework.ms} ms (${p.framework.nodes}), ` +
        `pdp ${p.pdp.ms} ms (${p.pdp.nodes}); PSS ${Math.round(r.afterHeavy.pss / 1024)} MiB after them, ` +
        `${Math.round(r.afterEvery.pss / 1024)} MiB after every page; load ${r.load}\n`,
    );
    writeFileSync(process.argv[3], JSON.stringify(results, null, 1));
    await sleep(1000);
  }
}
