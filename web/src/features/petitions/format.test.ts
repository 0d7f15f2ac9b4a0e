import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { categoryLabel, clockText, clockTone, percent } from "./format.ts";

const t = ((key: string, options?: { count?: number }) =>
  options?.count === undefined ? key : `${key}:${options.count}`) as unknown as TFunction;

describe("petition deadlines as the inbox reads them", () => {
  const clock = (over: Partial<Parameters<typeof clockTone>[0]>) => ({
    dueDate: "2026-03-10",
    overdue: false,
    dueSoon: false,
    workingDaysLeft: 6,
    ...over,
  });

  it("tells running, close and past deadlines apart", () => {
    expect(clockTone(clock({}))).toBe("ok");
    expect(clockTone(clock({ dueSoon: true, workingDaysLeft: 2 }))).toBe("warning");
    expect(clockTone(clock({ overdue: true, workingDaysLeft: -3 }))).toBe("overdue");
    expect(clockTone(clock({ dueDate: null, workingDaysLeft: null }))).toBe("none");
  });

  it("says how many working days are left or late", () => {
    expect(clockText(t, clock({}))).toBe("petitions.clock.daysLeft:6");
    expect(clockText(t, clock({ workingDaysLeft: 0, dueSoon: true }))).toBe("petitions.clock.dueToday");
    expect(clockText(t, clock({ overdue: true, workingDaysLeft: -2 }))).toBe("petitions.clock.overdueBy:2");
    // Past the day over a weekend: late, though no working day has gone by yet.
    expect(clockText(t, clock({ overdue: true, workingDaysLeft: 0 }))).toBe("petitions.clock.overdue");
    expect(clockText(t, clock({ dueDate: null, workingDaysLeft: null }))).toBe("petitions.clock.none");
  });
});

describe("labels", () => {
  it("names categories in the UI language, unknown codes as they are", () => {
    expect(categoryLabel("dat-dai", "vi")).toBe("Đất đai");
    expect(categoryLabel("dat-dai", "en")).toBe("Land");
    expect(categoryLabel("la", "vi")).toBe("la");
    expect(categoryLabel(null, "vi")).toBeNull();
  });

  it("rounds shares and marks when nobody was asked", () => {
    expect(percent(0.666)).toBe("67%");
    expect(percent(null)).toBe("—");
  });
});

describe("inbox filters in the address", () => {
  it("keeps what is valid and drops the rest", async () => {
    const { validateInboxSearch, filtersOf, searchOf } = await import("./search.ts");
    const search = validateInboxSearch({
      q: "  ngap nuoc ",
      status: "answered",
      kind: "bogus",
      unitId: "not-a-uuid",
      communeId: "0b9f5f0e-6d3c-4d8e-9a55-3a0f4f2b9c11",
      overdue: "true",
      page: "3",
    });
    expect(search).toEqual({
      q: "ngap nuoc",
      status: "answered",
      kind: undefined,
      unitId: undefined,
      communeId: "0b9f5f0e-6d3c-4d8e-9a55-3a0f4f2b9c11",
      overdue: true,
      unassigned: undefined,
      page: 3,
    });
    expect(searchOf(filtersOf(search))).toEqual(search);
    expect(validateInboxSearch({ page: "-1" }).page).toBeUndefined();
  });
});

describe("the dashboard's totals", () => {
  it("adds units up and weights the average rating by the number of ratings", async () => {
    const { totalOf } = await import("./format.ts");
    const unit = (over: Record<string, unknown>) => ({
      unitId: null,
      unitName: "",
      received: 0,
      answered: 0,
      answeredOnTime: 0,
      overdue: 0,
      closedResolved: 0,
      closedUnresolved: 0,
      averageRating: null,
      ratings: 0,
      followUps: 0,
      resolvedOnFollowUpShare: null,
      ...over,
    });
    const total = totalOf([
      unit({
        received: 10,
        closedResolved: 4,
        closedUnresolved: 2,
        averageRating: 5,
        ratings: 1,
        followUps: 4,
        resolvedOnFollowUpShare: 0.75,
      }),
      unit({
        received: 5,
        overdue: 2,
        averageRating: 2,
        ratings: 3,
        followUps: 1,
        resolvedOnFollowUpShare: 0,
      }),
    ]);
    expect(total).toMatchObject({
      received: 15,
      overdue: 2,
      closedResolved: 4,
      closedUnresolved: 2,
      ratings: 4,
    });
    expect(total.averageRating).toBe(2.75);
    expect(total.resolvedOnFollowUpShare).toBe(0.6);
    expect(totalOf([]).averageRating).toBeNull();
    expect(totalOf([]).resolvedOnFollowUpShare).toBeNull();
  });
});

describe("the intake form's first check of a phone number", () => {
  it("takes the usual forms and refuses what cannot be one", async () => {
    const { plausiblePhone } = await import("./format.ts");
    for (const ok of ["0912 345 678", "+84 912 345 678", "0912.345.678", "(0297) 3862 123"])
      expect(plausiblePhone(ok), ok).toBe(true);
    for (const bad of ["12345", "0912-abc-678", "09123456789012", "tôi không có"])
      expect(plausiblePhone(bad), bad).toBe(false);
  });
});
