// A small W3C WebDriver client for the end-to-end tests: starts tauri-driver
// (which starts WebKitWebDriver, which starts the real Appraise binary) and
// speaks to it over HTTP. Its one dependency is axe-core (tests/package.json):
// every screen a test looks at is checked for accessibility (`Session.checkA11y`),
// and any violation fails the test.
//
// WebKitWebDriver drops a connection now and then: `command` retries the
// transport (a request that got no HTTP answer), never an answer it got.

import { execFileSync, spawn } from "node:child_process";
import net from "node:net";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const here = path.dirname(new URL(import.meta.url).pathname);
export const artifacts = path.join(here, "artifacts");

/** axe-core's browser build, injected into the page on first use. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The rules every screen must pass: WCAG 2.2 A and AA (with 2.0 and 2.1's) and axe's best practice. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** axe's violations as one readable message: the rule, its help, and each element with what to fix. */
export function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    at ${n.target.join(" ")}\n      ${n.html}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`)
        .join("\n");
      return `  ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join("\n");
}

/** The app binary under test: $APPRAISE_APP or the debug build. */
export const appBinary = path.resolve(process.env.APPRAISE_APP ?? path.join(here, "../../target/debug/appraise"));

/** The command line, for seeding a database before the app starts: $APPRAISE_CLI or the debug build. */
export const cliBinary = path.resolve(process.env.APPRAISE_CLI ?? path.join(here, "../../target/debug/appraise-cli"));

/** A path for a new database in a new temporary folder. */
export function freshDbPath(prefix = "appraise-e2e-") {
  return path.join(mkdtempSync(path.join(tmpdir(), prefix)), "appraise.db");
}

/** Runs appraise-cli on the test database; throws (with its stderr) if it refuses. */
export function cli(db, ...args) {
  if (!existsSync(cliBinary)) throw new Error(`${cliBinary} is missing: build it with cargo build -p appraise-core`);
  return execFileSync(cliBinary, ["--db", db, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** The administrator every seeded database starts with. */
export const ADMIN = {
  staffNumber: "100000",
  forename: "Łukasz",
  surname: "Wiśniewski",
  name: "Łukasz Wiśniewski",
  band: "8a",
  jobTitle: "Coding Services Manager",
  appointed: "2019-04-01",
  accDate: "2012-03-01",
  passphrase: "sturdy kettle harbour lantern",
};

/**
 * Seeds a database through the CLI, as a department would before its first
 * sign-in: the administrator (an Accredited Clinical Coder, staff number
 * 100000, so assigned numbers start at 100001), then `staff` (each an array
 * of `appraise-cli staff add` arguments) and `accounts` ({ staffNumber,
 * role, passphrase }: their owners must change the passphrase at first
 * sign-in).
 */
export function seed(db, { admin = ADMIN, staff = [], accounts = [] } = {}) {
  cli(db, "staff", "add", "--staff-number", admin.staffNumber, "--forename", admin.forename, "--surname", admin.surname,
    "--band", admin.band, "--job-title", admin.jobTitle, "--appointed", admin.appointed, "--acc-date", admin.accDate);
  cli(db, "account", "create-admin", "--staff-number", admin.staffNumber, "--forename", admin.forename,
    "--surname", admin.surname, "--band", admin.band, "--appointed", admin.appointed, "--passphrase", admin.passphrase);
  for (const args of staff) cli(db, "staff", "add", ...args);
  for (const a of accounts) cli(db, "account", "add", a.staffNumber, "--role", a.role, "--passphrase", a.passphrase);
}

/**
 * Signs in on the sign-in screen: chooses `name`, types `passphrase`. Resolves
 * to "app" once signed in, "change" when the passphrase must be changed
 * first, or "refused" with the screen's message in `.message`.
 */
export async function signIn(app, name, passphrase) {
  await app.el("#sign-in-form");
  const value = await app.exec(
    "return [...document.querySelectorAll('#sign-in-name option')].find(o => o.textContent.trim() === arguments[0])?.value ?? null",
    [name],
  );
  if (!value) {
    const listed = await app.exec("return [...document.querySelectorAll('#sign-in-name option')].map(o => o.textContent.trim())");
    throw new Error(`${name} is not on the sign-in screen, which lists: ${JSON.stringify(listed)}`);
  }
  await app.checkA11y("the sign-in screen");
  await app.choose("#sign-in-name", value);
  await app.type("#sign-in-passphrase", passphrase);
  const before = await app.exec("return document.querySelector('#sign-in-form').dataset.answers");
  await app.click("#sign-in");
  let outcome;
  await app.waitFor(async () => {
    outcome = await app.exec(
      String.raw`if (document.querySelector('#account-menu')) return { screen: 'app' };
       if (document.querySelector('#change-passphrase-form')) return { screen: 'change' };
       const form = document.querySelector('#sign-in-form');
       const err = document.querySelector('#sign-in-error li');
       if (form && err && form.dataset.answers !== arguments[0]) {
         return { screen: 'refused', message: err.textContent.replace(/\s+/g, ' ').trim() };
       }
       return null;`,
      [before],
    );
    return outcome !== null;
  }, `signing in as ${name}`, 20_000);
  await app.checkA11y(`the screen after signing in as ${name}`);
  return outcome;
}

/** Signs out from the header and waits for the sign-in screen. */
export async function signOut(app) {
  await app.click("#sign-out");
  await app.el("#sign-in-form");
}

/** A port nothing listens on now: the system's pick, so parallel runs never collide. */
async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts tauri-driver with the given extra environment (e.g. APPRAISE_DB). */
export async function startDriver(env = {}) {
  const port = await freePort();
  const nativePort = await freePort();
  // A process group of its own: stopping it stops WebKitWebDriver and the app
  // with it, even when the app outlived its WebDriver session (an app left
  // holding the test's output open would keep the test runner waiting).
  const child = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("tauri-driver did not start within 20 s");
    await sleep(100);
  }
  return {
    url,
    async stop() {
      const signalGroup = (signal) => {
        try {
          process.kill(-child.pid, signal);
        } catch {
          /* the group has already gone */
        }
      };
      signalGroup("SIGTERM");
      await Promise.race([
        new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", r))),
        sleep(5_000),
      ]);
      signalGroup("SIGKILL");
    },
  };
}

async function command(base, method, route, body) {
  let lastError;
  for (let attempt = 0; attempt < 4; attempt++) {
    let res;
    try {
      res = await fetch(base + route, {
        method,
        headers: body ? { "content-type": "application/json" } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (e) {
      lastError = e; // transport failure: no answer came back
      await sleep(250 * (attempt + 1));
      continue;
    }
    const text = await res.text();
    const json = text ? JSON.parse(text) : {};
    if (!res.ok) {
      const v = json.value ?? {};
      const err = new Error(`${method} ${route}: ${v.error ?? res.status}: ${v.message ?? text}`);
      err.webdriverError = v.error;
      throw err;
    }
    return json.value;
  }
  throw new Error(`${method} ${route}: transport failed 4 times: ${lastError}`);
}

export class Session {
  constructor(driverUrl, id) {
    this.base = `${driverUrl}/session/${id}`;
    this.driverUrl = driverUrl;
    this.id = id;
  }

  /** Starts the app and waits until its page has rendered something. */
  static async start(driver) {
    const value = await command(driver.url, "POST", "/session", {
      capabilities: {
        alwaysMatch: { browserName: "wry", "tauri:options": { application: appBinary } },
      },
    });
    const session = new Session(driver.url, value.sessionId);
    await session.waitFor(async () => (await session.exec("return document.querySelector('main') !== null")) === true, "the app's main area", 30_000);
    return session;
  }

  cmd(method, route, body) {
    return command(this.base, method, route, body);
  }

  async quit() {
    await command(this.driverUrl, "DELETE", `/session/${this.id}`).catch(() => {});
  }

  exec(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /**
   * Runs an asynchronous script: it gets `args`, then a callback as its last
   * argument (`arguments[arguments.length - 1]`), and its result is what it
   * passes to the callback.
   */
  execAsync(script, args = []) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  /**
   * Calls a Tauri command straight from the page, as a script in the window
   * could, bypassing the UI: resolves to `{ ok: value }` or `{ error: payload }`.
   */
  invoke(command, args = {}) {
    return this.execAsync(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then(
         (value) => done({ ok: value === undefined ? null : value }),
         (error) => done({ error }),
       );`,
      [command, args],
    );
  }

  /** The first element matching `css`, or null. */
  async find(css) {
    const found = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return found.length ? found[0][ELEMENT] : null;
  }

  async findAll(css) {
    const found = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return found.map((f) => f[ELEMENT]);
  }

  /** Waits until `css` matches (the UI renders asynchronously), then returns it. */
  async el(css, timeout = 10_000) {
    let id = null;
    await this.waitFor(async () => (id = await this.find(css)) !== null, css, timeout);
    return id;
  }

  /**
   * Clicks `css` as a person would: a menu entry inside a closed menu
   * (a <details> in the header) is reached by opening the menu first.
   * A click on the menu (`#nav-…`) opens a page, which is checked by axe.
   */
  async click(css) {
    const id = await this.el(css);
    await this.exec(
      `const d = arguments[0].closest('details.app-nav-menu');
       if (d && !d.open && !arguments[0].matches('summary')) d.querySelector('summary').click();`,
      [{ [ELEMENT]: id }],
    );
    await this.cmd("POST", `/element/${id}/click`, {});
    if (css.startsWith("#nav-")) {
      await sleep(400); // let the page read its data and render
      await this.checkA11y(`the page opened by ${css}`);
    }
  }

  /** Opens a page by its address (e.g. "#/audit") and checks it with axe. */
  async visit(hash) {
    await this.exec("location.hash = arguments[0]", [hash]);
    await sleep(400);
    await this.checkA11y(`the page at ${hash}`);
  }

  /**
   * Runs axe-core on the window as it is now (WCAG 2.2 A/AA and best
   * practice) and throws, naming each rule, element and what to fix, on
   * any violation. Every screenshot, sign-in and menu click calls it, so a
   * test that visits a screen checks it.
   */
  async checkA11y(what = "this screen") {
    const loaded = await this.exec("return typeof window.axe === 'object'");
    if (!loaded) await this.exec(`${axeSource}\n;return true;`);
    const answer = await this.execAsync(
      `const done = arguments[arguments.length - 1];
       window.axe.run(document, { runOnly: { type: "tag", values: arguments[0] }, resultTypes: ["violations"] })
         .then((r) => done({ violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
           nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, failureSummary: n.failureSummary })) })) }),
               (e) => done({ error: String(e) }));`,
      [AXE_TAGS],
    );
    if (answer.error) throw new Error(`axe-core could not check ${what}: ${answer.error}`);
    if (answer.violations.length) {
      const hash = await this.exec("return location.hash");
      throw new Error(`accessibility violations on ${what} (${hash || "#/"}):\n${describeViolations(answer.violations)}`);
    }
  }

  /** Sets the window's outer size, e.g. 1200 × 820 for the screenshots the README shows. */
  async resize(width, height) {
    await this.cmd("POST", "/window/rect", { width, height });
  }

  async type(css, text) {
    const id = await this.el(css);
    await this.cmd("POST", `/element/${id}/clear`, {});
    await this.cmd("POST", `/element/${id}/value`, { text });
  }

  /** Chooses an <option> of a <select> by its value, as a person would pick it. */
  async choose(css, value) {
    await this.click(`${css} option[value="${value}"]`);
  }

  async text(css) {
    return this.cmd("GET", `/element/${await this.el(css)}/text`);
  }

  async attr(css, name) {
    return this.cmd("GET", `/element/${await this.el(css)}/property/${name}`);
  }

  async waitFor(predicate, what, timeout = 10_000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      if (await predicate()) return;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
      await sleep(100);
    }
  }

  /** Saves a PNG of the window under tests/e2e/artifacts/, after checking the screen with axe. */
  async screenshot(name) {
    await sleep(500); // let WebKit finish painting
    await this.checkA11y(`the screen "${name}"`);
    const b64 = await this.cmd("GET", "/screenshot");
    mkdirSync(artifacts, { recursive: true });
    const file = path.join(artifacts, `${name}.png`);
    writeFileSync(file, Buffer.from(b64, "base64"));
    return file;
  }
}
