import { describe, expect, it } from "vitest";
import type { StaffView } from "./bindings";
import { filterStaff, PAGE_SIZE, pageOf } from "./staffList";

function person(staff_number: string, forename: string, surname: string, band: string, manager_name: string | null = null): StaffView {
  return {
    rights: { edit: true, mark_leaver: true, reinstate: false, record_nccq: true, read_only: false, export_person: true },
    staff_number,
    forename,
    surname,
    band,
    job_title: "Clinical coder",
    appointed: "2020-04-01",
    manager: null,
    manager_name,
    acc_date: null,
    leaver_date: null,
    nccq_pathway: null,
    last_appraisal_before: null,
  };
}

const STAFF = [
  person("100001", "Siân", "Evans", "8a"),
  person("100002", "Ciarán", "Byrne", "6", "Siân Evans"),
  person("100003", "Cat", "Jones", "3", "Ciarán Byrne"),
  person("100004", "Dev", "Patel", "5", "Ciarán Byrne"),
];

const numbers = (xs: StaffView[]) => xs.map((m) => m.staff_number);

describe("filterStaff", () => {
  it("lets everyone through when nothing is typed", () => {
    expect(filterStaff(STAFF, "  "), "blank filter").toBe(STAFF);
  });

  it("finds a person by name without their accents, in any case", () => {
    expect(numbers(filterStaff(STAFF, "sian")), "Siân by 'sian', and those in her team").toEqual(["100001", "100002"]);
    expect(numbers(filterStaff(STAFF, "JONES")), "by surname").toEqual(["100003"]);
  });

  it("finds a person by staff number, or part of it", () => {
    expect(numbers(filterStaff(STAFF, "100004")), "whole number").toEqual(["100004"]);
    expect(numbers(filterStaff(STAFF, "0000")), "every number has it").toEqual(numbers(STAFF));
  });

  it("finds people by band, typed with or without the word", () => {
    expect(numbers(filterStaff(STAFF, "band 5")), "band 5").toEqual(["100004"]);
    expect(numbers(filterStaff(STAFF, "Band 8a")), "band 8a").toEqual(["100001"]);
    expect(numbers(filterStaff(STAFF, "band 8")), "band 8: 8a to 8d").toEqual(["100001"]);
    expect(numbers(filterStaff(STAFF, "8a")), "the band alone").toEqual(["100001"]);
    expect(numbers(filterStaff([...STAFF, person("100005", "Eve", "Khan", "6", "Dev Patel")], "band 5")), "not the number or team that has a 5").toEqual(["100004"]);
  });

  it("finds a team by its line manager's name", () => {
    expect(numbers(filterStaff(STAFF, "ciaran byrne")), "Ciarán and the two who report to him").toEqual(["100002", "100003", "100004"]);
  });

  it("needs every word typed", () => {
    expect(numbers(filterStaff(STAFF, "byrne band 3")), "Ciarán's team at band 3").toEqual(["100003"]);
    expect(filterStaff(STAFF, "byrne nobody"), "one word matches no one").toEqual([]);
  });

  it("keeps the list's order", () => {
    expect(numbers(filterStaff(STAFF, "e")), "order kept").toEqual(["100001", "100002", "100003", "100004"]);
  });
});

describe("pageOf", () => {
  const many = Array.from({ length: 500 }, (_, i) => i);

  it("draws the first page of a large department and says how many there are", () => {
    const page = pageOf(many, PAGE_SIZE, 500, false);
    expect(page.rows.length, "one page drawn").toBe(PAGE_SIZE);
    expect(page.more, "the rest waiting").toBe(500 - PAGE_SIZE);
    expect(page.count).toBe(`Showing 1–${PAGE_SIZE} of 500 people`);
  });

  it("draws a small department whole", () => {
    expect(PAGE_SIZE, "the demonstration department's 12 staff and more fit on one page").toBeGreaterThanOrEqual(50);
    const page = pageOf(many.slice(0, 12), PAGE_SIZE, 12, false);
    expect(page.rows.length, "everyone drawn").toBe(12);
    expect(page.more, "nothing waiting").toBe(0);
    expect(page.count).toBe("Showing all 12 people");
    expect(pageOf([7], PAGE_SIZE, 1, false).count, "one person").toBe("Showing 1 person");
  });

  it("grows by the limit and never past the list", () => {
    expect(pageOf(many, 2 * PAGE_SIZE, 500, false).count).toBe(`Showing 1–${2 * PAGE_SIZE} of 500 people`);
    const last = pageOf(many, 10 * PAGE_SIZE, 500, false);
    expect(last.rows.length, "all 500").toBe(500);
    expect(last.count).toBe("Showing all 500 people");
  });

  it("counts what a filter leaves against the whole department", () => {
    expect(pageOf(many.slice(0, 3), PAGE_SIZE, 500, true).count).toBe("Showing 3 people who match (500 in all)");
    expect(pageOf([1], PAGE_SIZE, 500, true).count).toBe("Showing 1 person who matches (500 in all)");
    expect(pageOf(many.slice(0, 240), PAGE_SIZE, 500, true).count).toBe(`Showing 1–${PAGE_SIZE} of 240 people who match (500 in all)`);
    expect(pageOf([], PAGE_SIZE, 500, true).count).toBe("No one matches (500 people in all)");
  });
});
