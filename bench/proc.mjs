// Processes as /proc shows them, for the benchmarks that launch the app
// (startup.mjs, heavy-pages.mjs): the newest process running a binary, and
// the memory of a process and every process under it.

import { readFileSync, readdirSync, realpathSync } from "node:fs";

const TICKS = 100; // USER_HZ on Linux

/** Seconds since boot, as /proc counts process start times. */
export const uptime = () => Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]);

function stat(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { ppid: Number(fields[1]), start: Number(fields[19]) / TICKS };
}

/** The newest process running `binary`. */
export function findApp(binary) {
  const want = realpathSync(binary);
  let best = null;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (realpathSync(`/proc/${pid}/exe`) !== want) continue;
      const s = stat(pid);
      if (!best || s.start > best.start) best = { pid: Number(pid), start: s.start };
    } catch {
      /* gone, or not ours to read */
    }
  }
  return best;
}

/** The app and every process under it, with their names and summed PSS and RSS in KiB. */
export function memory(root) {
  const children = new Map();
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const { ppid } = stat(pid);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(pid));
    } catch {
      /* gone */
    }
  }
  const tree = [];
  const walk = (pid) => {
    tree.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  const out = { pss: 0, rss: 0, processes: [] };
  for (const pid of tree) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(rollup)?.[1] ?? 0);
      const name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
      out.pss += kb("Pss");
      out.rss += kb("Rss");
      out.processes.push({ name, pss: kb("Pss"), rss: kb("Rss") });
    } catch {
      /* gone */
    }
  }
  return out;
}
