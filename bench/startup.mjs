// The start-up benchmark's driver (bench/run-startup.sh runs it): launches
// Appraise and the bare window in turn over WebDriver (the e2e harness,
// tests/e2e/webdriver.mjs), and prints one JSON object with every run.
//
// For each launch:
// - launch to interactive: from the WebDriver session request (which starts
//   the process) until a script in the page has seen the first screen drawn
//   (the next animation frame after its element exists) and a command has
//   answered; also from the process's own start (/proc/PID/stat) to then;
// - memory: the app and every process under it (WebKit's web and network
//   processes), summed PSS and RSS from /proc, 5 s after the process started,
//   and again after visiting every page (Appraise: signed in as the
//   administrator; the bare window has one page, so it is measured again
//   when it has been up as long).
//
//   node bench/startup.mjs RUNS OUT.json  (env: APPRAISE_BIN, BARE_BIN, APPRAISE_DB_FILE, APPRAISE_TODAY, ADMIN_NAME, ADMIN_PASSPHRASE)

import { readFileSync, writeFileSync } from "node:fs";
import { findApp, memory, uptime } from "./proc.mjs";
import { setTimeout as sleep } from "node:timers/promises";
import { Session, startDriver } from "../tests/e2e/webdriver.mjs";

const runs = Number(process.argv[2] ?? 10);
const APPS = {
  bare: { binary: process.env.BARE_BIN, selector: "body[data-ready]", command: "ready", env: {} },
  appraise: {
    binary: process.env.APPRAISE_BIN,
    selector: "#sign-in-form",
    command: "startup_status",
    env: { APPRAISE_DB: process.env.APPRAISE_DB_FILE, APPRAISE_TODAY: process.env.APPRAISE_TODAY ?? "" },
  },
};
const PAGES = ["home", "staff", "team", "appraisals", "pdp", "pdps", "nccq", "reports", "framework", "roles", "accounts", "settings", "audit"];
/** Waits, inside the page, for `selector` and the next frame, then calls `command`: the page's own timings. */
const READY_SCRIPT = `
  const done = arguments[arguments.length - 1];
  const [selector, command] = arguments;
  const poll = () => {
    if (!document.querySelector(selector)) return setTimeout(poll, 5);
    requestAnimationFrame(() => {
      const drawn = performance.now();
      window.__TAURI_INTERNALS__.invoke(command).then(
        () => {
          const nav = performance.getEntriesByType("navigation")[0];
          done({
            drawn,
            answered: performance.now(),
            domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
            load: nav?.loadEventEnd ?? null,
          });
        },
        (e) => done({ error: String(e) }),
      );
    });
  };
  poll();`;

async function signInAndVisitEveryPage(app) {
  await app.el("#sign-in-form");
  const value = await app.exec(
    "return [...document.querySelectorAll('#sign-in-name option')].find(o => o.textContent.trim() === arguments[0])?.value ?? null",
    [process.env.ADMIN_NAME],
  );
  if (!value) throw new Error(`${process.env.ADMIN_NAME} is not on the sign-in screen`);
  await app.choose("#sign-in-name", value);
  await app.type("#sign-in-passphrase", process.env.ADMIN_PASSPHRASE);
  await app.click("#sign-in");
  await app.el("#account-menu", 30_000);
  const times = {};
  for (const page of PAGES) {
    const t = performance.now();
    await app.exec("location.hash = arguments[0]", [`#/${page}`]);
    // The page has drawn when its heading is there and nothing says it is still loading.
    await app.waitFor(
      async () =>
        app.exec(
          `const h = document.querySelector('#page h1');
           return !!h && !document.querySelector('#page [aria-busy="true"], #page .app-loading');`,
        ),
      `the ${page} page`,
      60_000,
    );
    times[page] = Math.round(performance.now() - t);
    await sleep(300);
  }
  return times;
}

async function launch(name) {
  const spec = APPS[name];
  const driver = await startDriver(spec.env);
  try {
    const requested = uptime();
    const t0 = performance.now();
    const res = await fetch(`${driver.url}/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application: spec.binary } } } }),
    });
    const created = await res.json();
    if (!res.ok) throw new Error(`${name}: no session: ${JSON.stringify(created)}`);
    const app = new Session(driver.url, created.value.sessionId);
    const page = await app.execAsync(READY_SCRIPT, [spec.selector, spec.command]);
    const interactive = performance.now() - t0;
    const readyAt = uptime();
    if (page.error) throw new Error(`${name}: ${page.error}`);
    const proc = findApp(spec.binary);
    if (!proc) throw new Error(`${name}: its process was not found`);
    const result = {
      app: name,
      sessionToInteractiveMs: Math.round(interactive),
      processToInteractiveMs: Math.round((readyAt - proc.start) * 1000),
      processStartAfterRequestMs: Math.round((proc.start - requested) * 1000),
      page,
    };
    const wait5 = proc.start + 5 - uptime();
    if (wait5 > 0) await sleep(wait5 * 1000);
    result.memoryAt5s = memory(proc.pid);
    if (name === "appraise") result.pageMs = await signInAndVisitEveryPage(app);
    else await sleep(1000 * (globalThis.lastVisitSeconds ?? 10));
    if (name === "appraise") globalThis.lastVisitSeconds = uptime() - proc.start - 5;
    result.memoryAfterPages = memory(proc.pid);
    await app.quit();
    return result;
  } finally {
    await driver.stop();
  }
}

const results = [];
for (let i = 0; i < runs; i++) {
  // Alternate which goes first, so neither always meets a warmer cache.
  const order = i % 2 === 0 ? ["bare", "appraise"] : ["appraise", "bare"];
  for (const name of order) {
    const r = await launch(name);
    r.run = i + 1;
    r.load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
    results.push(r);
    process.stderr.write(
      `run ${i + 1} ${name}: ${r.sessionToInteractiveMs} ms (process ${r.processToInteractiveMs} ms), ` +
        `PSS ${Math.round(r.memoryAt5s.pss / 1024)} MiB at 5 s, ${Math.round(r.memoryAfterPages.pss / 1024)} MiB after pages; load ${r.load}\n`,
    );
    await sleep(1000);
  }
}
// To a file: tauri-driver writes its own complaints to standard output.
writeFileSync(process.argv[3], JSON.stringify(results, null, 1));
