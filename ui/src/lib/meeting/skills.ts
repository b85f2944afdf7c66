// The skills step's grid: which rows to show and what their counts say.
// Pure, so it is tested apart from the page.

import type { SkillAssessment } from "../bindings";

/** The rows to show: every competency, or only those below the expected level. */
export function visibleSkills<T extends Pick<SkillAssessment, "gap">>(skills: T[], gapsOnly: boolean): T[] {
  return gapsOnly ? skills.filter((s) => s.gap > 0) : skills;
}

/** How many competencies are below the expected level. */
export function gapCount(skills: Pick<SkillAssessment, "gap">[]): number {
  return skills.filter((s) => s.gap > 0).length;
}

/** "2 of 16 competencies below the expected level", or that none is. */
export function gapSummary(skills: Pick<SkillAssessment, "gap">[]): string {
  const gaps = gapCount(skills);
  const of = skills.length === 1 ? "1 competency" : `${skills.length} competencies`;
  if (gaps === 0) return `None of the ${of} is below the expected level.`;
  return `${gaps} of ${of} ${gaps === 1 ? "is" : "are"} below the expected level.`;
}

/** "Level 3 · Apply", or "Not given" / "Not agreed yet" for no level. */
export function levelLabel(skill: Pick<SkillAssessment, "levels">, level: number | null, none: string): string {
  if (level == null) return none;
  const named = skill.levels.find((l) => l.level === level);
  return named ? `Level ${named.level}: ${named.level_name}` : `Level ${level}`;
}
