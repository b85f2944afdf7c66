// Writes bench/STARTUP-REPORT.md's measured part from bench/startup.mjs's
// results (bench/run-startup.sh passes everything through the environment).

import { execSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import os from "node:os";

const env = process.env;
const results = JSON.parse(readFileSync(env.RESULTS, "utf8"));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const of = (app, f) => results.filter((r) => r.app === app).map(f);
const mib = (kib) => (kib / 1024).toFixed(0);
const mb = (bytes) => (bytes / 1e6).toFixed(2);
const mibBytes = (bytes) => (bytes / 1048576).toFixed(2);
const ratio = (a, b) => (a / b).toFixed(2);
const met = (r, goal) => (r <= goal ? "yes" : "**no**");
const sh = (cmd) => {
  try {
    return execSync(cmd, { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
};

const row = (label, f, goal, unit = "ms", show = (x) => Math.round(x)) => {
  const a = median(of("appraise", f));
  const b = median(of("bare", f));
  const r = a / b;
  return `| ${label} | ${show(b)} ${unit} | ${show(a)} ${unit} | ${ratio(a, b)}× | ${goal ? `≤ ${goal}×` : ""} | ${goal ? met(r, goal) : ""} |`;
};
const size = (f) => statSync(f).size;
const pss = (key) => (r) => r[key].pss;
const rss = (key) => (r) => r[key].rss;
const procs = (app, key) => {
  const last = results.filter((r) => r.app === app).at(-1)[key].processes;
  return last.map((p) => `${p.name} ${mib(p.pss)} MiB`).join(", ");
};
const pageMs = Object.keys(results.find((r) => r.app === "appraise").pageMs);

const lines = [
  "# Start-up benchmark: Appraise against a bare Tauri window",
  "",
  `Written by \`bench/run-startup.sh\` on ${new Date().toLocaleDateString("en-GB", { timeZone: "UTC" })} (UTC). ` +
    "Both are release builds with the workspace's release profile (LTO, one codegen unit, stripped; " +
    "`opt-level = \"s\"` but for printing, the store and sign-in): Appraise from `scripts/package.sh`, " +
    "the bare window (`bench/bare-window`: the same Tauri, one page that calls one command when it has loaded) " +
    "built beside it. Appraise opens a department of 500 staff with 10 years of history " +
    `(\`appraise-cli demo --staff 500 --years 10\`, made in ${Number(env.MADE_S).toFixed(0)} s), its head of department ` +
    "the administrator, so its first screen is the sign-in screen.",
  "",
  `Each of the ${env.RUNS} runs launches both, one after the other, the order alternating; every figure is the median over the runs.`,
  "",
  "- **Launch to interactive**: from the WebDriver session request (tauri-driver and WebKitWebDriver start the process) until a " +
    "script in the page has seen the first screen's element (the sign-in form; the bare page's answer), waited for the next " +
    "frame, and a command has answered (`startup_status`; `ready`). The second line counts from the process's own start " +
    "(`/proc/PID/stat`, 10 ms ticks).",
  "- **Memory**: the app's process and every process under it (WebKit's web and network processes), summed PSS from " +
    "`/proc/PID/smaps_rollup` (RSS counts the shared libraries once per process, so it is shown too), 5 s after the " +
    "process started, and after visiting every page (Appraise: signed in, then " +
    `${pageMs.join(", ")}; the bare window has one page, so it is measured when it has been up as long).`,
  "",
  "## Machine",
  "",
  `- CPU: ${os.cpus()[0]?.model ?? "unknown"}, ${os.cpus().length} cores (shared with other engineers' builds and tests)`,
  `- memory: ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
  `- OS: ${sh(". /etc/os-release && echo $PRETTY_NAME")}, kernel ${os.release()}`,
  `- ${sh("rustc --version")}; WebKitGTK ${sh("dpkg-query -W -f='${Version}' libwebkit2gtk-4.1-0")}; Xvfb 1400×1000`,
  `- load average (1, 5, 15 min) before: ${env.LOAD_BEFORE}; after: ${env.LOAD_AFTER}; per run: ${results.map((r) => r.load.split(" ")[0]).join(", ")}`,
  "",
  "## Results",
  "",
  "| | bare window | Appraise | ratio | goal | met |",
  "| --- | ---: | ---: | ---: | ---: | :---: |",
  row("launch to interactive (session request)", (r) => r.sessionToInteractiveMs, 1.3),
  row("launch to interactive (process start)", (r) => r.processToInteractiveMs, 1.3),
  row("memory 5 s after start, PSS", pss("memoryAt5s"), 1.2, "MiB", (x) => mib(x)),
  row("memory after every page, PSS", pss("memoryAfterPages"), 1.2, "MiB", (x) => mib(x)),
  row("memory 5 s after start, RSS", rss("memoryAt5s"), null, "MiB", (x) => mib(x)),
  row("memory after every page, RSS", rss("memoryAfterPages"), null, "MiB", (x) => mib(x)),
  `| release binary (stripped) | ${mb(size(env.BARE_BIN))} MB | ${mb(size(env.APP_BIN))} MB | ${ratio(size(env.APP_BIN), size(env.BARE_BIN))}× | ≤ 15 MB | ${met(size(env.APP_BIN) / 15e6, 1)} |`,
  `| .deb | ${mibBytes(size(env.BARE_DEB))} MiB | ${mibBytes(size(env.APP_DEB))} MiB | ${ratio(size(env.APP_DEB), size(env.BARE_DEB))}× | ≤ 8 MiB | ${met(size(env.APP_DEB) / 8 / 1048576, 1)} |`,
  "",
  "Every run:",
  "",
  "| run | app | session → interactive | process → interactive | PSS at 5 s | PSS after pages | load |",
  "| ---: | --- | ---: | ---: | ---: | ---: | --- |",
  ...results.map(
    (r) =>
      `| ${r.run} | ${r.app} | ${r.sessionToInteractiveMs} ms | ${r.processToInteractiveMs} ms | ${mib(r.memoryAt5s.pss)} MiB | ${mib(r.memoryAfterPages.pss)} MiB | ${r.load} |`,
  ),
  "",
  `Processes (last run, after every page): Appraise ${procs("appraise", "memoryAfterPages")}; bare window ${procs("bare", "memoryAfterPages")}.`,
  "",
  "## Where Appraise's start-up goes",
  "",
  `- Opening the store on the 500-staff file (\`Store::open\`: SQLite, checking the migrations) and one query (the staff list), through the CLI (a debug build, SQLite unoptimised: an upper bound): median ${env.OPEN_MS} ms for the whole CLI process; a new file migrated from nothing: ${env.FRESH_MS} ms.`,
  `- The page (medians, ms from the page's navigation start): DOMContentLoaded ${Math.round(median(of("appraise", (r) => r.page.domContentLoaded ?? 0)))} (bare ${Math.round(median(of("bare", (r) => r.page.domContentLoaded ?? 0)))}), first screen drawn ${Math.round(median(of("appraise", (r) => r.page.drawn)))} (bare ${Math.round(median(of("bare", (r) => r.page.drawn)))}), command answered ${Math.round(median(of("appraise", (r) => r.page.answered)))} (bare ${Math.round(median(of("bare", (r) => r.page.answered)))}).`,
  `- The UI bundle: the first screen loads ${env.FIRST_KB} KiB of scripts and styles (what \`ui/dist/index.html\` names and preloads) of ${env.ALL_KB} KiB in all; every other page's code loads when the page first opens.`,
  `- Each page after signing in (median ms from setting the address to its heading drawn): ${pageMs.map((p) => `${p} ${Math.round(median(of("appraise", (r) => r.pageMs[p])))}`).join(", ")}.`,
];
process.stdout.write(lines.join("\n") + "\n");
