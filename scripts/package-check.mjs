// scripts/package.sh --check's window part: starts the installed app
// ($APPRAISE_APP, with the fresh HOME and XDG folders the script set) over
// WebDriver, chooses "this computer" at the first start's chooser, and waits
// for the first-run screen. Exits non-zero if it does not get there.

import assert from "node:assert/strict";
import { Session, startDriver } from "../tests/e2e/webdriver.mjs";

const driver = await startDriver();
let app;
try {
  app = await Session.start(driver);
  await app.el("#connection-form", 30_000);
  await app.click("#connection-location-file");
  await app.click("#connection-save");
  await app.el("#first-run-form", 30_000);
  assert.match(await app.text("#session-screen"), /Set up Appraise/, "the first-run screen");
  console.log("package-check: the installed app reached the first-run screen");
} finally {
  await app?.quit();
  await driver.stop();
}
