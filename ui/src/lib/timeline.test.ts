import { describe, expect, it } from "vitest";
import type { NccqRecord, NccqStatus } from "./bindings";
import { buildTimeline, collectMarks, dayNumber, type Mark, WIDTH } from "./timeline";

// A trainee appointed 01/10/2025 who started the Standards course on
// 03/11/2025 and failed Theory at the September 2026 sitting, seen on
// 21/11/2026.
const TODAY = "2026-11-21";

function status(over: Partial<NccqStatus> = {}): NccqStatus {
  return {
    staff_number: "100003",
    name: "Cat Jones",
    state: "at_risk",
    reasons: ["Theory failed in September 2026 (61%; pass mark 70%); only 2 sittings left before 01/10/2027."],
    next_steps: [],
    appointed: "2025-10-01",
    standards_course_start_by: "2026-04-01",
    nccq_by: "2027-10-01",
    days_left: 314,
    sittings_left: ["2027-03-01", "2027-09-01"],
    standards_course_start: "2025-11-03",
    practical_passed: null,
    theory_passed: null,
    acc_date: null,
    ihrim_valid_until: "2027-12-31",
    next_refresher_due: "2028-11-03",
    on_pathway: true,
    pathway_reason: "On the NCCQ pathway: Band 3 Trainee clinical coder is a coding role and no ACC date is recorded.",
    earliest_first_sitting: "2026-10-01",
    earliest_sitting_reason: "First sitting no sooner than 01/10/2026: 12 months of coding experience are recommended before sitting the NCCQ.",
    ...over,
  };
}

function record(over: Partial<NccqRecord> = {}): NccqRecord {
  return {
    staff: {
      staff_number: "100003",
      forename: "Cat",
      surname: "Jones",
      band: "3",
      job_title: "",
      appointed: "2025-10-01",
      manager: null,
      manager_name: null,
      acc_date: null,
      leaver_date: null,
      nccq_pathway: null,
      last_appraisal_before: null,
      band_entered: null,
    },
    courses: [{ id: 1, kind: "standards", start: "2025-11-03", end: "2025-11-14" }],
    exams: [{ id: 1, sitting: "2026-09-01", paper: "theory", score: 61, pass_mark: 70, passed: false }],
    ihrim_valid_until: "2027-12-31",
    role: "Band 3 Trainee clinical coder",
    coding_role: true,
    on_pathway: true,
    ...over,
  };
}

function byKind(marks: Mark[], kind: Mark["kind"]): Mark[] {
  return marks.filter((m) => m.kind === kind);
}

function overlaps(a: Mark["box"], b: Mark["box"]): boolean {
  return (
    a.cx - a.width / 2 < b.cx + b.width / 2 &&
    b.cx - b.width / 2 < a.cx + a.width / 2 &&
    a.top < b.top + b.height &&
    b.top < a.top + a.height
  );
}

describe("collectMarks", () => {
  it("has a mark for every dated event, in date order", () => {
    const kinds = collectMarks(status(), record(), TODAY).map((d) => `${d.kind} ${d.date}`);
    expect(kinds).toEqual([
      "appointed 2025-10-01",
      "course 2025-11-03",
      "course_deadline 2026-04-01",
      "sitting_result 2026-09-01",
      "sitting 2027-03-01",
      "sitting 2027-09-01",
      "nccq_deadline 2027-10-01",
      "refresher_due 2028-11-03",
    ]);
  });

  it("puts both papers sat at one sitting on one mark", () => {
    const exams: NccqRecord["exams"] = [
      { id: 1, sitting: "2026-09-01", paper: "practical", score: 92, pass_mark: 90, passed: true },
      { id: 2, sitting: "2026-09-01", paper: "theory", score: 61, pass_mark: 70, passed: false },
    ];
    const sittings = collectMarks(status(), record({ exams }), TODAY).filter((d) => d.kind === "sitting_result");
    expect(sittings).toHaveLength(1);
    expect(sittings[0].results.map((r) => [r.paper, r.passed])).toEqual([
      ["practical", true],
      ["theory", false],
    ]);
  });

  it("calls a course that starts after today booked", () => {
    const s = status({ standards_course_start: "2027-01-10", next_refresher_due: null });
    const r = record({ courses: [{ id: 1, kind: "standards", start: "2027-01-10", end: null }], exams: [] });
    const course = collectMarks(s, r, TODAY).find((d) => d.date === "2027-01-10");
    expect(course?.kind).toBe("course_booked");
    expect(course?.title).toEqual(["Standards course", "booked"]);
  });
});

describe("buildTimeline", () => {
  const t = buildTimeline(status(), record(), TODAY);

  it("labels each mark with its date as dd/mm/yyyy", () => {
    const failed = byKind(t.marks, "sitting_result")[0];
    expect(failed.lines).toEqual(["Sitting", "01/09/2026", "Theory failed (61%)"]);
    expect(byKind(t.marks, "nccq_deadline")[0].lines).toEqual(["NCCQ deadline", "01/10/2027"]);
    expect(t.today.lines).toEqual(["Today", "21/11/2026"]);
  });

  it("places marks left to right in date order, inside the picture", () => {
    const scaled = t.marks.filter((m) => !m.beyond);
    for (let i = 1; i < scaled.length; i++) expect(scaled[i].x).toBeGreaterThan(scaled[i - 1].x);
    for (const m of t.marks) {
      expect(m.x).toBeGreaterThanOrEqual(t.axisStart);
      expect(m.box.cx - m.box.width / 2).toBeGreaterThanOrEqual(0);
      expect(m.box.cx + m.box.width / 2).toBeLessThanOrEqual(WIDTH);
      expect(m.box.top).toBeGreaterThanOrEqual(0);
      expect(m.box.top + m.box.height).toBeLessThanOrEqual(t.height);
    }
  });

  it("marks today between the failed sitting and the next one, in proportion", () => {
    const failed = byKind(t.marks, "sitting_result")[0];
    const next = byKind(t.marks, "sitting")[0];
    expect(t.todayX).toBeGreaterThan(failed.x);
    expect(t.todayX).toBeLessThan(next.x);
    const ratio = (t.todayX - failed.x) / (next.x - failed.x);
    const expected = (dayNumber(TODAY) - dayNumber("2026-09-01")) / (dayNumber("2027-03-01") - dayNumber("2026-09-01"));
    expect(ratio).toBeCloseTo(expected, 5);
  });

  it("puts a refresher years ahead past a break instead of squashing the rest", () => {
    const refresher = byKind(t.marks, "refresher_due")[0];
    expect(refresher.beyond).toBe(true);
    expect(t.beyondX).not.toBeNull();
    expect(refresher.x).toBeGreaterThan(t.axisEnd);
    const deadline = byKind(t.marks, "nccq_deadline")[0];
    expect(deadline.x).toBeLessThan(t.axisEnd);
    expect(deadline.x).toBeGreaterThan(t.axisEnd - 40);
  });

  it("keeps the line to the deadline when nothing lies beyond it", () => {
    const plain = buildTimeline(status({ next_refresher_due: null }), record(), TODAY);
    expect(plain.beyondX).toBeNull();
    expect(plain.marks.every((m) => !m.beyond)).toBe(true);
  });

  it("alternates labels above and below the line", () => {
    const sides = t.marks.slice(0, 4).map((m) => m.side);
    expect(sides).toEqual(["above", "below", "above", "below"]);
  });

  it("never lets two labels overlap, even when marks crowd together", () => {
    const crowded = record({
      exams: [
        { id: 1, sitting: "2026-03-01", paper: "practical", score: 80, pass_mark: 90, passed: false },
        { id: 2, sitting: "2026-03-01", paper: "theory", score: 75, pass_mark: 70, passed: true },
        { id: 3, sitting: "2026-09-01", paper: "practical", score: 91, pass_mark: 90, passed: true },
      ],
      courses: [
        { id: 1, kind: "standards", start: "2025-10-06", end: null },
        { id: 2, kind: "refresher", start: "2025-10-20", end: null },
      ],
    });
    for (const tl of [t, buildTimeline(status(), crowded, TODAY)]) {
      for (let i = 0; i < tl.marks.length; i++) {
        expect(overlaps(tl.marks[i].box, tl.today.box)).toBe(false);
        for (let j = i + 1; j < tl.marks.length; j++) {
          expect(overlaps(tl.marks[i].box, tl.marks[j].box), `${tl.marks[i].lines[0]} / ${tl.marks[j].lines[0]}`).toBe(false);
        }
      }
    }
  });

  it("stretches the line to today when the deadline has passed", () => {
    const late = buildTimeline(status({ nccq_by: "2026-10-01", sittings_left: [], next_refresher_due: null }), record(), TODAY);
    const deadline = byKind(late.marks, "nccq_deadline")[0];
    expect(late.todayX).toBeGreaterThan(deadline.x);
    expect(late.todayX).toBeLessThanOrEqual(late.axisEnd);
  });

  it("says the whole timeline in words, today in its place", () => {
    expect(t.summary).toBe(
      "NCCQ timeline for Cat Jones: appointed 01/10/2025; Standards course started 03/11/2025; " +
        "Standards course to start by 01/04/2026; sitting 01/09/2026: Theory failed (61%); today 21/11/2026; " +
        "sitting 01/03/2027; sitting 01/09/2027; NCCQ deadline 01/10/2027; refresher course due 03/11/2028.",
    );
  });
});
