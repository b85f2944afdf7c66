// Where each person in a manager's team stands with their appraisal, in a
// word or two for the Team page: from the appraisal schedule core gives for
// the whole team at once (access-checked there), never asked person by person.

import type { AppraisalDue } from "./bindings";
import { ukDate } from "./format";
import { href } from "./route";
import { STATUS_LABEL } from "./appraisal";

export type Standing = { text: string; tag: string; link: string | null };

export function appraisalStanding(d: AppraisalDue | undefined): Standing | null {
  if (!d) return null;
  const link = d.annual_id ? href({ page: "appraisals", id: d.annual_id }) : null;
  if (d.annual_status === "signed") return { text: `Signed for ${d.cycle}`, tag: "nhsuk-tag nhsuk-tag--green", link };
  if (d.annual_status) return { text: `${STATUS_LABEL[d.annual_status]} (${d.cycle})`, tag: "nhsuk-tag nhsuk-tag--blue", link };
  if (d.objective_setting_due && !d.objective_setting_held) {
    return {
      text: `Objectives due ${ukDate(d.objective_setting_due)}`,
      tag: d.objective_setting_late ? "nhsuk-tag nhsuk-tag--red" : "nhsuk-tag nhsuk-tag--grey",
      link: null,
    };
  }
  if (d.annual_overdue) return { text: `Overdue since ${ukDate(d.annual_due)}`, tag: "nhsuk-tag nhsuk-tag--red", link: null };
  return { text: `Due ${ukDate(d.annual_due)}`, tag: "nhsuk-tag nhsuk-tag--grey", link: null };
}
