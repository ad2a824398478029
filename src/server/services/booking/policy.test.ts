import { describe, expect, it } from "vitest";
import {
  autoCompleteAt,
  canReportNoShow,
  cancellationFeeCents,
  cancellationTerms,
  lessonPriceCents,
  rescheduleBlocker,
} from "./policy";

const start = new Date("2026-12-10T15:00:00Z");
const hoursBefore = (h: number) => new Date(start.getTime() - h * 3_600_000);
const MS = 1;

describe("price", () => {
  it("is rate × duration, rounded to the cent", () => {
    expect(lessonPriceCents(6000, 60)).toBe(6000);
    expect(lessonPriceCents(6000, 45)).toBe(4500);
    expect(lessonPriceCents(5500, 45)).toBe(4125);
    expect(lessonPriceCents(3333, 30)).toBe(1667);
  });
});

describe("cancellation fee windows", () => {
  it("is free at exactly 24 h and more", () => {
    expect(cancellationFeeCents(6000, start, hoursBefore(24), "student")).toBe(0);
    expect(cancellationFeeCents(6000, start, hoursBefore(48), "student")).toBe(0);
  });
  it("charges half just under 24 h and at exactly 12 h", () => {
    expect(cancellationFeeCents(6000, start, new Date(hoursBefore(24).getTime() + MS), "student")).toBe(3000);
    expect(cancellationFeeCents(6000, start, hoursBefore(12), "student")).toBe(3000);
  });
  it("charges the full price just under 12 h and after the start", () => {
    expect(cancellationFeeCents(6000, start, new Date(hoursBefore(12).getTime() + MS), "student")).toBe(6000);
    expect(cancellationFeeCents(6000, start, hoursBefore(-1), "student")).toBe(6000);
  });
  it("is always free for the student when the instructor cancels", () => {
    expect(cancellationFeeCents(6000, start, hoursBefore(1), "instructor")).toBe(0);
    expect(cancellationFeeCents(6000, start, hoursBefore(1), "admin")).toBe(0);
  });
  it("quotes the boundaries", () => {
    const t = cancellationTerms(4125, start);
    expect(t.freeUntil).toEqual(hoursBefore(24));
    expect(t.halfFeeUntil).toEqual(hoursBefore(12));
    expect(t.halfFeeCents).toBe(2063);
    expect(t.fullFeeCents).toBe(4125);
    expect(t.summary).toBe(
      "Free cancellation until 24 hours before the lesson. From 24 to 12 hours before, 50% is charged; within 12 hours, the full price. Rescheduling is free until 12 hours before, up to 2 times.",
    );
  });
});

describe("reschedule and completion windows", () => {
  it("allows rescheduling until exactly 12 h before and at most twice", () => {
    expect(rescheduleBlocker(start, hoursBefore(12), 0)).toBeNull();
    expect(rescheduleBlocker(start, new Date(hoursBefore(12).getTime() + MS), 0)).toMatch(/12 hours/);
    expect(rescheduleBlocker(start, hoursBefore(48), 1)).toBeNull();
    expect(rescheduleBlocker(start, hoursBefore(48), 2)).toMatch(/at most 2/);
  });
  it("opens no-show reports at the start and closes them 48 h after the end", () => {
    const end = new Date(start.getTime() + 3_600_000);
    expect(canReportNoShow(start, end, hoursBefore(0.01))).toBe(false);
    expect(canReportNoShow(start, end, start)).toBe(true);
    expect(canReportNoShow(start, end, new Date(end.getTime() + 48 * 3_600_000))).toBe(true);
    expect(canReportNoShow(start, end, new Date(end.getTime() + 48 * 3_600_000 + MS))).toBe(false);
    expect(autoCompleteAt(end)).toEqual(new Date(end.getTime() + 24 * 3_600_000));
  });
});
