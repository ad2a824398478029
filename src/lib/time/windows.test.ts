import { describe, expect, it } from "vitest";
import {
  formatTime,
  intersectRanges,
  isTimeString,
  normalizeRanges,
  normalizeWindows,
  parseTime,
  parseWindows,
  rangesCover,
  rangesToWindows,
  subtractRanges,
  totalMinutes,
  unionRanges,
  validateWindow,
  windowsToRanges,
  type MinuteRange,
} from "./windows";

describe("parseTime", () => {
  it("parses strict HH:MM including 24:00", () => {
    expect(parseTime("00:00")).toBe(0);
    expect(parseTime("09:05")).toBe(545);
    expect(parseTime("12:30")).toBe(750);
    expect(parseTime("23:59")).toBe(1439);
    expect(parseTime("24:00")).toBe(1440);
  });

  it.each([
    "24:01",
    "25:00",
    "9:00",
    "09:0",
    "09:60",
    "0900",
    "09:00:00",
    " 09:00",
    "09:00 ",
    "",
    "ab:cd",
    "-1:00",
    "09.00",
    "２３:００",
  ])("rejects %j", (v) => {
    expect(parseTime(v)).toBeNull();
    expect(isTimeString(v)).toBe(false);
  });

  it("rejects non-strings", () => {
    expect(parseTime(540 as unknown as string)).toBeNull();
    expect(isTimeString(null)).toBe(false);
  });
});

describe("formatTime", () => {
  it("formats zero-padded and 1440 as 24:00", () => {
    expect(formatTime(0)).toBe("00:00");
    expect(formatTime(545)).toBe("09:05");
    expect(formatTime(1439)).toBe("23:59");
    expect(formatTime(1440)).toBe("24:00");
  });

  it("round-trips every minute of the day", () => {
    for (let m = 0; m <= 1440; m++) expect(parseTime(formatTime(m))).toBe(m);
  });

  it.each([-1, 1441, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("throws on %s", (m) => {
    expect(() => formatTime(m)).toThrow(RangeError);
  });
});

describe("validateWindow / parseWindows", () => {
  it("accepts a valid window", () => {
    expect(validateWindow({ start: "09:00", end: "24:00" })).toEqual([]);
  });

  it("reports field-level errors with the index", () => {
    expect(validateWindow({ start: "9:00", end: "10:00" }, 3)).toEqual([
      expect.objectContaining({ index: 3, field: "start", code: "invalid_start" }),
    ]);
    expect(validateWindow({ start: "09:00", end: "24:30" })).toEqual([
      expect.objectContaining({ field: "end", code: "invalid_end" }),
    ]);
    expect(validateWindow({ start: "x", end: "y" }).map((e) => e.code)).toEqual(["invalid_start", "invalid_end"]);
    expect(validateWindow({ start: "24:00", end: "24:00" })).toEqual([
      expect.objectContaining({ field: "start", code: "invalid_start" }),
    ]);
  });

  it("rejects start >= end", () => {
    expect(validateWindow({ start: "10:00", end: "10:00" })).toEqual([
      expect.objectContaining({ code: "start_not_before_end", field: "window" }),
    ]);
    expect(validateWindow({ start: "11:00", end: "10:00" })[0]?.code).toBe("start_not_before_end");
  });

  it("rejects non-objects", () => {
    for (const v of [null, undefined, 3, "09:00-10:00", [], ["09:00", "10:00"]]) {
      expect(validateWindow(v)[0]?.code).toBe("not_a_window");
    }
    expect(validateWindow({})).toHaveLength(2);
  });

  it("collects every error across the list", () => {
    const r = parseWindows([
      { start: "09:00", end: "10:00" },
      { start: "12:00", end: "11:00" },
      { start: "bad", end: "13:00" },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => [e.index, e.code])).toEqual([
        [1, "start_not_before_end"],
        [2, "invalid_start"],
      ]);
  });

  it("rejects a non-array", () => {
    const r = parseWindows({ start: "09:00", end: "10:00" });
    expect(r.ok).toBe(false);
  });

  it("keeps input order when valid", () => {
    expect(
      parseWindows([
        { start: "12:00", end: "13:00" },
        { start: "09:00", end: "10:00" },
      ]),
    ).toEqual({
      ok: true,
      value: [
        { start: 720, end: 780 },
        { start: 540, end: 600 },
      ],
    });
  });

  it("windowsToRanges throws on invalid input", () => {
    expect(() => windowsToRanges([{ start: "10:00", end: "09:00" }])).toThrow(RangeError);
    expect(windowsToRanges([{ start: "23:00", end: "24:00" }])).toEqual([{ start: 1380, end: 1440 }]);
  });
});

describe("normalizeWindows", () => {
  it("sorts, merges overlapping and adjacent windows", () => {
    const r = normalizeWindows([
      { start: "13:00", end: "15:00" },
      { start: "09:00", end: "10:00" },
      { start: "10:00", end: "11:00" },
      { start: "14:30", end: "16:00" },
      { start: "09:30", end: "09:45" },
      { start: "23:00", end: "24:00" },
      { start: "22:00", end: "23:00" },
    ]);
    expect(r).toEqual({
      ok: true,
      value: [
        { start: "09:00", end: "11:00" },
        { start: "13:00", end: "16:00" },
        { start: "22:00", end: "24:00" },
      ],
    });
  });

  it("returns [] for no windows and a full day for 00:00–24:00", () => {
    expect(normalizeWindows([])).toEqual({ ok: true, value: [] });
    expect(normalizeWindows([{ start: "00:00", end: "24:00" }])).toEqual({
      ok: true,
      value: [{ start: "00:00", end: "24:00" }],
    });
  });

  it("rejects invalid windows instead of dropping them", () => {
    const r = normalizeWindows([{ start: "09:00", end: "09:00" }]);
    expect(r.ok).toBe(false);
  });

  it("does not merge windows separated by a gap", () => {
    const r = normalizeWindows([
      { start: "09:00", end: "10:00" },
      { start: "10:01", end: "11:00" },
    ]);
    expect(r.ok && r.value).toHaveLength(2);
  });
});

describe("range arithmetic", () => {
  const R = (s: number, e: number): MinuteRange => ({ start: s, end: e });

  it("normalizeRanges clamps, drops empty, sorts and merges", () => {
    expect(normalizeRanges([R(-30, 30), R(1400, 2000), R(50, 40), R(30, 60), R(Number.NaN, 5), R(100, 100)])).toEqual([
      R(0, 60),
      R(1400, 1440),
    ]);
    expect(normalizeRanges([R(10, 20)], 15, 100)).toEqual([R(15, 20)]);
  });

  it("normalizeRanges does not mutate its input", () => {
    const input = [R(0, 10), R(5, 20)];
    normalizeRanges(input);
    expect(input).toEqual([R(0, 10), R(5, 20)]);
  });

  it("union, intersect, subtract", () => {
    const a = [R(540, 720), R(780, 1020)];
    const b = [R(600, 840), R(1000, 1440)];
    expect(unionRanges(a, b)).toEqual([R(540, 1440)]);
    expect(intersectRanges(a, b)).toEqual([R(600, 720), R(780, 840), R(1000, 1020)]);
    expect(subtractRanges(a, b)).toEqual([R(540, 600), R(840, 1000)]);
    expect(subtractRanges(b, a)).toEqual([R(720, 780), R(1020, 1440)]);
    expect(subtractRanges(a, [])).toEqual(a);
    expect(subtractRanges(a, [R(0, 1440)])).toEqual([]);
    expect(subtractRanges([R(0, 100)], [R(10, 20), R(30, 40), R(90, 200)])).toEqual([R(0, 10), R(20, 30), R(40, 90)]);
    expect(intersectRanges(a, [])).toEqual([]);
  });

  it("agrees with a per-minute reference on random inputs", () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const randomRanges = () =>
      Array.from({ length: rnd(6) }, () => {
        const s = rnd(1440);
        return R(s, s + 1 + rnd(300));
      });
    const toSet = (rs: MinuteRange[]) => {
      const s = new Set<number>();
      for (const r of rs) for (let m = Math.max(0, r.start); m < Math.min(1440, r.end); m++) s.add(m);
      return s;
    };
    for (let iter = 0; iter < 200; iter++) {
      const a = randomRanges();
      const b = randomRanges();
      const sa = toSet(a);
      const sb = toSet(b);
      expect(toSet(unionRanges(a, b))).toEqual(new Set([...sa, ...sb]));
      expect(toSet(intersectRanges(a, b))).toEqual(new Set([...sa].filter((m) => sb.has(m))));
      expect(toSet(subtractRanges(a, b))).toEqual(new Set([...sa].filter((m) => !sb.has(m))));
      expect(totalMinutes(a)).toBe(sa.size);
      // Results are normalized: sorted, non-overlapping, non-adjacent.
      for (const out of [unionRanges(a, b), intersectRanges(a, b), subtractRanges(a, b)]) {
        expect(normalizeRanges(out)).toEqual(out);
      }
    }
  });

  it("rangesCover", () => {
    const a = [R(540, 600), R(600, 660)];
    expect(rangesCover(a, 540, 660)).toBe(true);
    expect(rangesCover(a, 539, 600)).toBe(false);
    expect(rangesCover(a, 600, 661)).toBe(false);
    expect(rangesCover([], 5, 5)).toBe(true);
  });

  it("rangesToWindows formats 1440 as 24:00", () => {
    expect(rangesToWindows([R(0, 90), R(1380, 1440)])).toEqual([
      { start: "00:00", end: "01:30" },
      { start: "23:00", end: "24:00" },
    ]);
  });
});
