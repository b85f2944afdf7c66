// The skills framework, driven as a person would: browsing and filtering
// the built-in framework, its correction notes, the role profiles grid, and
// importing a framework file through the preview (a refused file, a file
// with warnings, a cancelled import, a name left blank, a second version).
//
// WebDriver cannot reach the system's file dialog, so the app answers it
// with $APPRAISE_PICK_FILE; the test rewrites that file between imports.
// Each database is seeded with its administrator through the CLI, who signs
// in: the framework is theirs to keep.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { ADMIN, seed, Session, signIn, startDriver } from "./webdriver.mjs";

const here = path.dirname(new URL(import.meta.url).pathname);
const builtinSource = readFileSync(path.join(here, "../../core/data/skills-framework.txt"), "utf8");

function freshDir() {
  return mkdtempSync(path.join(tmpdir(), "appraise-e2e-framework-"));
}

/** The visible competencies, as "CODE/Name". */
function shownCompetencies(app) {
  return app.exec(
    "return [...document.querySelectorAll('.app-competency')].map(c => c.dataset.skill + '/' + c.dataset.competency)",
  );
}

function optionCount(app, css) {
  return app.exec(`return document.querySelectorAll('${css} option').length`);
}

function selectedText(app, css) {
  return app.exec(`const s = document.querySelector('${css}'); return s.options[s.selectedIndex].textContent.trim()`);
}

/** Waits until the count line says what the filters leave. */
async function waitForCount(app, pattern) {
  await app.waitFor(async () => pattern.test(await app.text("#framework-count")), `#framework-count ~ ${pattern}`);
}

describe("browsing the built-in framework and its role profiles", () => {
  let driver;
  let app;
  const db = path.join(freshDir(), "appraise.db");

  before(async () => {
    seed(db);
    driver = await startDriver({ APPRAISE_DB: db });
    app = await Session.start(driver);
    await signIn(app, ADMIN.name, ADMIN.passphrase);
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  it("shows the built-in framework, newest version, with its five skills", async () => {
    await app.click("#nav-framework");
    await app.el("section.app-skill");
    assert.equal(await optionCount(app, "#framework-select"), 1, "only the built-in version");
    assert.equal(await selectedText(app, "#framework-select"), "Clinical coding skills (SFIA 9), version 1 (built in)");
    const skills = await app.exec("return [...document.querySelectorAll('section.app-skill')].map(s => s.dataset.skill)");
    assert.deepEqual(skills, ["ANCC", "ASMG", "RMGT", "VUAS", "SCAD"], "skills in the file's order");
    const skillOptions = await app.exec("return [...document.querySelectorAll('#skill-filter option')].map(o => o.value)");
    assert.deepEqual(skillOptions, ["", "ANCC", "ASMG", "RMGT", "VUAS", "SCAD"]);
    const levelOptions = await app.exec("return [...document.querySelectorAll('#level-filter option')].map(o => o.textContent.trim())");
    assert.deepEqual(levelOptions, [
      "All levels",
      "1 – Follow",
      "2 – Assist",
      "3 – Apply",
      "4 – Enable",
      "5 – Ensure/advise",
      "6 – Initiate/influence",
      "7 – Set strategy/inspire/mobilise",
    ]);
    assert.match(await app.text("#framework-count"), /Showing all 36 competencies/);
    assert.match(await app.text("#framework-summary"), /5 skills, 36 competencies, 100 statements/);
    // The skills are listed closed: their level descriptors are drawn when a skill is opened.
    const expanded = await app.exec("return [...document.querySelectorAll('section.app-skill h2 button')].map(b => b.getAttribute('aria-expanded'))");
    assert.deepEqual(expanded, ["false", "false", "false", "false", "false"], "every skill closed at first");
    assert.equal(await app.exec("return document.querySelectorAll('.app-competency').length"), 0, "no descriptors drawn");
    assert.match(await app.text("#skill-toggle-ANCC"), /^ANCC\s[\s\S]*\d+ competencies, \d+ statements$/, "code, name and size");
    await app.screenshot("framework-01a-skills-closed");
    await app.click("#skill-toggle-ANCC");
    await app.el('[data-skill="ANCC"] .app-competency');
    assert.equal(await app.exec("return document.querySelector('#skill-toggle-ANCC').getAttribute('aria-expanded')"), "true", "ANCC open");
    assert.deepEqual(
      await app.exec("return [...new Set([...document.querySelectorAll('.app-competency')].map(c => c.dataset.skill))]"),
      ["ANCC"],
      "only the opened skill's descriptors are drawn",
    );
    // A competency's levels side by side, each with its SFIA name.
    const levels = await app.exec(
      "return [...document.querySelectorAll('[data-skill=\"ANCC\"][data-competency=\"Coding accuracy\"] .app-level__title')].map(h => h.textContent.replace(/\\s+/g, ' ').trim())",
    );
    assert.deepEqual(levels, ["Level 2 Assist", "Level 3 Apply", "Level 4 Enable"]);
    await app.screenshot("framework-01-browser");
  });

  it("filters to one skill and one level", async () => {
    await app.choose("#skill-filter", "ANCC");
    await app.choose("#level-filter", "4");
    await waitForCount(app, /Showing 11 competencies with 13 statements of 36 competencies/);
    const shown = await shownCompetencies(app);
    assert.ok(shown.every((c) => c.startsWith("ANCC/")), `ANCC only: ${shown}`);
    assert.ok(shown.includes("ANCC/Coding accuracy"), "Coding accuracy is defined at level 4");
    assert.ok(!shown.includes("ANCC/Strategy"), "Strategy is not defined at level 4");
    const levels = await app.exec("return [...new Set([...document.querySelectorAll('.app-level')].map(l => l.dataset.level))]");
    assert.deepEqual(levels, ["4"], "only level 4 is shown");
    const accuracy = await app.text('[data-skill="ANCC"][data-competency="Coding accuracy"]');
    assert.match(accuracy, /Level 4\s+Enable/);
    assert.match(accuracy, /Refers to ICD10\/OPCS4 standards on a regular basis in order to process accurately coded data\./);
    assert.match(accuracy, /Refers to ICD10\/OPCS4 classifications in order to process accurately coded data\./, "both level 4 statements");
    await app.screenshot("framework-02-ancc-level-4");
  });

  it("a text search narrows the list and marks what it found", async () => {
    await app.type("#framework-search", "audit");
    await waitForCount(app, /Showing 1 competency with 2 statements/);
    assert.deepEqual(await shownCompetencies(app), ["ANCC/Clinical coding audit"]);
    const marks = await app.exec("return [...document.querySelectorAll('mark.app-match')].map(m => m.textContent)");
    assert.ok(marks.length >= 2 && marks.every((m) => m.toLowerCase() === "audit"), `marked: ${marks}`);

    // Statement text, across skills and levels, every word needed.
    await app.click("#clear-filters");
    await waitForCount(app, /Showing all 36 competencies/);
    await app.type("#framework-search", "ICD10 accurately");
    await waitForCount(app, /Showing 2 competencies/);
    assert.deepEqual(await shownCompetencies(app), ["ANCC/Coding accuracy", "ANCC/Clinical information"]);

    await app.type("#framework-search", "no such words anywhere");
    await app.el("#framework-no-match");
    assert.deepEqual(await shownCompetencies(app), []);
    await app.click("#clear-filters");
    await waitForCount(app, /Showing all 36 competencies/);
    assert.equal(await app.attr("#framework-search", "value"), "", "search cleared");
  });

  it("shows each corrected statement with its note", async () => {
    await app.click("#toggle-all-skills");
    await app.waitFor(async () => /Close every skill/.test(await app.text("#toggle-all-skills")), "every skill open");
    const notes = await app.exec("return [...document.querySelectorAll('.app-correction')].map(n => n.textContent.trim())");
    assert.equal(notes.length, 3, `three corrected statements: ${notes}`);
    assert.ok(notes.every((n) => n.includes("Corrected from")), "each note says what it was corrected from");
    assert.match(await app.text("#framework-summary"), /3 statements differ from the file/);

    const strategy = await app.text('[data-skill="ANCC"][data-competency="Strategy"] [data-level="6"]');
    assert.match(strategy, /Develops and implements the organisation’s clinical coding strategy\./);
    assert.match(strategy, /Corrected from text with no heading \(line 1 of the source\)/);

    await app.type("#framework-search", "clinical information");
    await app.el('[data-competency="Clinical information"]');
    const info = await app.text('[data-skill="ANCC"][data-competency="Clinical information"]');
    assert.match(info, /Corrected from “Clinical infomation” \(line 51 of the source\), a misspelling of “Clinical information”/);
    await app.exec("document.querySelector('[data-competency=\"Clinical information\"] .app-correction').scrollIntoView({block: 'center'})");
    await app.screenshot("framework-03-correction");
    await app.click("#clear-filters");
  });

  it("the role grid expects the Band 5 specialist at level 4 in coding", async () => {
    await app.click("#nav-roles");
    await app.el("#role-grid select");
    assert.match(await app.text("#level-key"), /4 Enable/, "the key names the levels");
    const header = await app.text('#role-grid th[data-band="5"]');
    assert.match(header, /Band 5\s+Clinical Coding Specialist/);
    const band5 = await app.exec(
      "return Object.fromEntries([...document.querySelectorAll('#role-grid select[data-band=\"5\"][data-skill=\"ANCC\"]')].map(s => [s.dataset.competency, s.value]))",
    );
    assert.deepEqual(band5, {
      Strategy: "",
      "Quality assurance": "4",
      Escalation: "4",
      Collaboration: "",
      "Coding standards": "4",
      "Coding deadlines": "4",
      "Clinical coding audit": "4",
      "Coding accuracy": "4",
      "Information interpretation": "4",
      "Data standards": "4",
      "Coding quality": "4",
      "Clinical information": "4",
      "Advice and guidance": "4",
    });
    const cell = '#role-grid select[data-band="5"][data-competency="Coding accuracy"]';
    const choices = await app.exec(`return [...document.querySelectorAll('${cell} option')].map(o => o.textContent.trim())`);
    assert.deepEqual(choices, ["—", "2", "3", "4"], "not expected, then the levels it is defined at");
    const skillRows = await app.exec("return [...document.querySelectorAll('#role-grid tbody')].map(b => b.dataset.skill)");
    assert.deepEqual(skillRows, ["ANCC", "ASMG", "RMGT", "VUAS", "SCAD"], "rows grouped by skill");
    await app.screenshot("framework-04-role-grid");
  });

  it("a changed cell is saved at once and kept", async () => {
    const cell = '#role-grid select[data-band="5"][data-competency="Coding accuracy"]';
    await app.choose(cell, "3");
    await app.waitFor(async () => /Saved/.test(await app.text("#grid-status")), "the saved status");
    assert.match(await app.text("#grid-status"), /Saved: Band 5 Clinical Coding Specialist, Coding accuracy \(ANCC\): level 3 \(Apply\)\./);
    const mark = await app.exec(`return document.querySelector('${cell}').closest('td').textContent`);
    assert.match(mark, /Saved/, "the cell says it was saved");

    const strategy = '#role-grid select[data-band="5"][data-competency="Strategy"]';
    await app.choose(strategy, "5");
    await app.waitFor(async () => /Strategy \(ANCC\): level 5/.test(await app.text("#grid-status")), "the second save");
    await app.exec(`document.querySelector('${cell}').scrollIntoView({block: 'center'})`);
    await app.screenshot("framework-05-role-saved");

    await app.click("#nav-framework");
    await app.el("section.app-skill");
    await app.click("#nav-roles");
    await app.el("#role-grid select");
    assert.equal(await app.attr(cell, "value"), "3", "kept after leaving the page");
    assert.equal(await app.attr(strategy, "value"), "5");

    await app.quit();
    app = await Session.start(driver);
    await signIn(app, ADMIN.name, ADMIN.passphrase);
    await app.click("#nav-roles");
    await app.el("#role-grid select");
    assert.equal(await app.attr(cell, "value"), "3", "kept after a restart");
    assert.equal(await app.attr('#role-grid select[data-band="4"][data-competency="Coding accuracy"]', "value"), "3", "other cells untouched");
  });
});

describe("importing a framework file", () => {
  let driver;
  let app;
  const dir = freshDir();
  const db = path.join(dir, "appraise.db");
  const picked = path.join(dir, "department-framework.txt");

  before(async () => {
    writeFileSync(picked, "");
    seed(db);
    driver = await startDriver({ APPRAISE_DB: db, APPRAISE_PICK_FILE: picked });
    app = await Session.start(driver);
    await signIn(app, ADMIN.name, ADMIN.passphrase);
    await app.click("#nav-framework");
    await app.el("section.app-skill");
  });

  after(async () => {
    await app?.quit();
    await driver?.stop();
  });

  it("a refused file lists every problem by line, and nothing is imported", async () => {
    writeFileSync(
      picked,
      [
        "Quality assurance (Level Six) (ANCC)",
        "Designs audits.",
        "Escalation (Level 9) (ANCC)",
        "Text.",
        "Coding accuracy (Level Four) (ANCC)",
        "",
      ].join("\n"),
    );
    await app.click("#import-framework");
    const summary = await app.text("#import-error");
    assert.match(summary, /department-framework\.txt cannot be imported/);
    assert.match(summary, /Nothing has been imported/);
    assert.match(summary, /Line 3: level 9 is outside 1–7/);
    assert.match(summary, /Line 5: the heading “Coding accuracy \(Level Four\) \(ANCC\)” has no descriptor: the file ends after it\./);
    const items = await app.exec("return document.querySelectorAll('#import-error li').length");
    assert.equal(items, 2, "one message per problem");
    assert.equal(await app.find("#import-preview"), null, "no preview for a refused file");
    assert.equal(await optionCount(app, "#framework-select"), 1, "the framework list is unchanged");
    assert.equal(await app.exec("return document.activeElement && document.activeElement.id"), "import-error", "focus on the summary");
    await app.screenshot("framework-06-refused");
  });

  it("a file with warnings is previewed before anything is written; Cancel writes nothing", async () => {
    // The department's file as Windows saves it: byte-order mark, CRLF.
    writeFileSync(picked, "\ufeff" + builtinSource.replace(/\n/g, "\r\n"));
    await app.click("#import-framework");
    await app.el("#import-preview");
    assert.equal(await app.find("#import-error"), null, "the earlier refusal is gone");
    assert.equal(await app.text("#import-file-name"), "department-framework.txt");
    assert.equal(await app.text("#import-skills"), "5");
    assert.equal(await app.text("#import-competencies"), "37", "the misspelt competency is its own in a plain import");
    assert.equal(await app.text("#import-statements"), "99");
    const warnings = await app.exec(
      "return [...document.querySelectorAll('#import-warnings tbody tr')].map(r => [Number(r.dataset.line), r.dataset.kind])",
    );
    const lines = warnings.map(([line]) => line);
    for (const line of [1, 2, 49, 53, 73, 104]) assert.ok(lines.includes(line), `a warning at line ${line}: ${lines}`);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b), "in line order");
    const header = await app.exec("return [...document.querySelectorAll('#import-warnings thead th')].map(h => h.textContent.trim())");
    assert.deepEqual(header, ["Line", "Kind", "Message"]);
    const similar = await app.text('#import-warnings tr[data-line="73"]');
    assert.match(similar, /Similar name/);
    assert.match(similar, /“Clinical information” looks like “Clinical infomation” \(line 51\)/);
    assert.equal(await app.attr("#import-name", "value"), "department-framework", "name suggested from the file");
    await app.screenshot("framework-07-preview");
    await app.exec("document.querySelector('#confirm-import').scrollIntoView({block: 'end'})");
    await app.screenshot("framework-07b-preview-confirm");

    await app.click("#cancel-import");
    await app.el("#framework-select");
    assert.equal(await optionCount(app, "#framework-select"), 1, "cancelled: nothing written");
    assert.equal(await app.find("#import-done"), null);
  });

  it("a blank name is refused next to the field; the import then adds a browsable version", async () => {
    await app.click("#import-framework");
    await app.el("#import-preview");
    await app.type("#import-name", " ");
    await app.click("#confirm-import");
    assert.match(await app.text("#import-name-error"), /Enter a name for the framework\./);
    assert.match(await app.text("#import-error"), /The framework was not imported/);
    await app.exec("document.querySelector('#import-name').scrollIntoView({block: 'center'})");
    await app.screenshot("framework-07c-name-refused");
    await app.click('#import-error a[href="#import-name"]');
    assert.equal(await app.exec("return document.activeElement.id"), "import-name", "the summary's link goes to the field");
    assert.ok(await app.find("#import-preview"), "and stays on the preview");

    await app.type("#import-name", "Department framework");
    await app.click("#confirm-import");
    const done = await app.text("#import-done");
    assert.match(done, /“Department framework”, version 1, is imported/);
    assert.match(done, /From department-framework\.txt: 5 skills, 37 competencies and 99 statements\./);
    assert.match(done, /warnings about the file/);
    assert.equal(await optionCount(app, "#framework-select"), 2, "the new version is listed");
    assert.match(await selectedText(app, "#framework-select"), /^Department framework, version 1 \(imported \d\d\/\d\d\/\d{4} \d\d:\d\d\)$/, "and shown");
    await app.click("#toggle-all-skills");
    await app.el('[data-competency="Clinical infomation"]');
    assert.match(await app.text("#framework-count"), /Showing all 37 competencies/);
    assert.equal(await app.exec("return document.querySelectorAll('.app-correction').length"), 0, "an import is shown as the file has it");
    await app.screenshot("framework-08-imported");

    // Browsable like the built-in: filter the new version.
    await app.choose("#skill-filter", "ANCC");
    await app.choose("#level-filter", "4");
    await app.type("#framework-search", "infomation");
    await waitForCount(app, /Showing 1 competency with 1 statement/);
    assert.deepEqual(await shownCompetencies(app), ["ANCC/Clinical infomation"]);

    // The built-in version is still there, unchanged.
    const builtinId = await app.exec(
      "return [...document.querySelectorAll('#framework-select option')].find(o => o.textContent.includes('built in')).value",
    );
    await app.choose("#framework-select", builtinId);
    await app.click("#clear-filters");
    await waitForCount(app, /Showing all 36 competencies/);
    assert.equal(await app.exec("return document.querySelectorAll('.app-correction').length"), 3);
  });

  it("importing under the same name again adds version 2 and keeps version 1", async () => {
    await app.click("#import-framework");
    await app.el("#import-preview");
    await app.type("#import-name", "Department framework");
    await app.click("#confirm-import");
    assert.match(await app.text("#import-done"), /“Department framework”, version 2, is imported/);
    assert.equal(await optionCount(app, "#framework-select"), 3);
    const labels = await app.exec("return [...document.querySelectorAll('#framework-select option')].map(o => o.textContent)");
    assert.match(labels[0], /^Department framework, version 2/, "newest first");
    assert.match(labels[1], /^Department framework, version 1/);
    assert.match(labels[2], /^Clinical coding skills \(SFIA 9\), version 1 \(built in\)$/);

    // The role grid follows the chosen version; expectations carry over by name.
    await app.click("#nav-roles");
    await app.el("#role-grid select");
    assert.match(await selectedText(app, "#framework-select"), /^Department framework, version 2/, "the version chosen last");
    const misspelt = await app.exec(
      "return document.querySelectorAll('#role-grid tr[data-competency=\"Clinical infomation\"]').length",
    );
    assert.equal(misspelt, 1, "the imported version's own competency has a row");
    assert.equal(await app.attr('#role-grid select[data-band="5"][data-competency="Coding accuracy"]', "value"), "4");
  });
});
