import { describe, expect, it } from "vitest";
import { latestOccurrence, parseCron } from "./cron";

describe("cron", () => {
  it("finds the latest daily occurrence in a window (UTC)", () => {
    const at = latestOccurrence("30 3 * * *", new Date("2031-01-05T10:00:00Z"), new Date("2031-01-01T00:00:00Z"));
    expect(at?.toISOString()).toBe("2031-01-05T03:30:00.000Z");
    expect(
      latestOccurrence("30 3 * * *", new Date("2031-01-05T03:29:59Z"), new Date("2031-01-05T00:00:00Z")),
    ).toBeNull();
    // The window's start is exclusive, its end inclusive.
    expect(
      latestOccurrence("30 3 * * *", new Date("2031-01-05T03:30:00Z"), new Date("2031-01-05T03:30:00Z")),
    ).toBeNull();
    expect(
      latestOccurrence("30 3 * * *", new Date("2031-01-05T03:30:00Z"), new Date("2031-01-05T03:29:00Z"))?.toISOString(),
    ).toBe("2031-01-05T03:30:00.000Z");
  });

  it("supports lists, ranges, steps and weekdays", () => {
    expect(latestOccurrence("*/15 * * * *", new Date("2031-01-05T10:44:00Z"), new Date(0))?.toISOString()).toBe(
      "2031-01-05T10:30:00.000Z",
    );
    // 2031-01-05 is a Sunday: the latest Monday 09:00 is 2030-12-30.
    expect(latestOccurrence("0 9 * * 1", new Date("2031-01-05T12:00:00Z"), new Date(0))?.toISOString()).toBe(
      "2030-12-30T09:00:00.000Z",
    );
    expect([...parseCron("0 1-3,5 * * *").hour]).toEqual([1, 2, 3, 5]);
  });

  it("rejects malformed expressions", () => {
    expect(() => parseCron("0 3 * *")).toThrow();
    expect(() => parseCron("61 3 * * *")).toThrow();
    expect(() => parseCron("x 3 * * *")).toThrow();
  });
});
