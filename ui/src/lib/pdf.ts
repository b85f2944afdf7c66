// Words for the printed-records controls: saving, exporting a cycle and
// checking a PDF.
import type { ExportReport } from "./ipc";

/** "12 of 40". */
export function progressLabel(done: number, total: number): string {
  return `${done} of ${total}`;
}

/** One sentence for the end of an export. */
export function exportSummary(r: ExportReport, cycle: string): string {
  if (r.total === 0) return `There are no signed records in ${cycle} to export.`;
  const files = (n: number) => `${n} ${n === 1 ? "record" : "records"}`;
  if (r.cancelled) return `Cancelled: ${files(r.written)} of ${r.total} saved to ${r.folder}.`;
  return `${files(r.written)} of ${cycle} saved to ${r.folder}.`;
}
