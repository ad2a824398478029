import { describe, expect, it } from "vitest";
import { normalizeWindows, rangesToWindows, type MinuteRange, type TimeWindow } from "~/lib/time/windows";
import {
  BITMAP_BYTES,
  DAY_MINUTES,
  assertDayBitmap,
  bitmapFromBase64,
  bitmapToBase64,
  bitmapToRanges,
  bitmapToWindows,
  bitmapsEqual,
  clearRange,
  countSet,
  emptyDay,
  fullDay,
  intersect,
  isDayBitmap,
  isEmpty,
  isMinuteSet,
  isRangeSet,
  rangesToBitmap,
  setRange,
  subtract,
  union,
  windowsToBitmap,
} from "./bitmap";

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Per-minute reference model: a boolean array. */
function toBools(bm: Uint8Array): boolean[] {
  return Array.from({ length: DAY_MINUTES }, (_, i) => isMinuteSet(bm, i));
}

/** Compact string form of a per-minute model, for fast equality assertions. */
function bits(model: readonly boolean[]): string {
  return model.map((b) => (b ? "1" : "0")).join("");
}

function randomRanges(rnd: () => number): MinuteRange[] {
  const n = Math.floor(rnd() * 8);
  return Array.from({ length: n }, () => {
    const start = Math.floor(rnd() * DAY_MINUTES);
    const end = Math.min(DAY_MINUTES, start + 1 + Math.floor(rnd() * 400));
    return { start, end };
  });
}

function randomBitmap(rnd: () => number): Uint8Array {
  const bm = new Uint8Array(BITMAP_BYTES);
  for (let i = 0; i < BITMAP_BYTES; i++) {
    const r = rnd();
    bm[i] = r < 0.3 ? 0 : r < 0.6 ? 0xff : Math.floor(rnd() * 256);
  }
  return bm;
}

describe("constants and constructors", () => {
  it("sizes", () => {
    expect(DAY_MINUTES).toBe(1440);
    expect(BITMAP_BYTES).toBe(180);
    expect(emptyDay()).toHaveLength(180);
    expect(isEmpty(emptyDay())).toBe(true);
    expect(countSet(fullDay())).toBe(1440);
    expect(emptyDay()).not.toBe(emptyDay());
  });

  it("isDayBitmap / assertDayBitmap", () => {
    expect(isDayBitmap(emptyDay())).toBe(true);
    expect(isDayBitmap(new Uint8Array(179))).toBe(false);
    expect(isDayBitmap([0, 1])).toBe(false);
    expect(() => {
      assertDayBitmap(new Uint8Array(181));
    }).toThrow(RangeError);
  });
});

describe("bit layout", () => {
  it("bit i lives at byte i >> 3, mask 1 << (i & 7)", () => {
    const bm = setRange(emptyDay(), 9, 10);
    expect(bm[1]).toBe(0b10);
    expect(Array.from(bm).filter((b) => b !== 0)).toHaveLength(1);
    const last = setRange(emptyDay(), 1439, 1440);
    expect(last[179]).toBe(0x80);
    const w = windowsToBitmap([{ start: "00:00", end: "00:03" }]);
    expect(w[0]).toBe(0b111);
  });
});

describe("setRange / clearRange / isRangeSet", () => {
  it("match a per-minute model on random ranges", () => {
    const rnd = mulberry32(1);
    for (let iter = 0; iter < 500; iter++) {
      const bm = randomBitmap(rnd);
      const model = toBools(bm);
      const a = Math.floor(rnd() * 1441);
      const b = Math.floor(rnd() * 1441);
      const [start, end] = a <= b ? [a, b] : [b, a];
      const op = rnd();
      if (op < 0.4) {
        setRange(bm, start, end);
        for (let i = start; i < end; i++) model[i] = true;
      } else if (op < 0.8) {
        clearRange(bm, start, end);
        for (let i = start; i < end; i++) model[i] = false;
      }
      expect(bits(toBools(bm))).toBe(bits(model));
      const qa = Math.floor(rnd() * 1441);
      const qb = Math.min(1440, qa + Math.floor(rnd() * 40));
      expect(isRangeSet(bm, qa, qb)).toBe(model.slice(qa, qb).every(Boolean));
    }
  });

  it("byte-boundary cases", () => {
    for (const [s, e] of [
      [0, 8],
      [8, 16],
      [7, 9],
      [0, 1440],
      [3, 5],
      [1432, 1440],
      [15, 17],
    ] as const) {
      const bm = setRange(emptyDay(), s, e);
      expect(countSet(bm)).toBe(e - s);
      expect(isRangeSet(bm, s, e)).toBe(true);
      if (s > 0) expect(isRangeSet(bm, s - 1, e)).toBe(false);
      if (e < 1440) expect(isRangeSet(bm, s, e + 1)).toBe(false);
      clearRange(bm, s, e);
      expect(isEmpty(bm)).toBe(true);
    }
  });

  it("empty ranges are no-ops and vacuously set", () => {
    const bm = emptyDay();
    setRange(bm, 100, 100);
    setRange(bm, 200, 100);
    expect(isEmpty(bm)).toBe(true);
    expect(isRangeSet(bm, 50, 50)).toBe(true);
  });

  it("rejects out-of-range or fractional bounds", () => {
    expect(() => setRange(emptyDay(), -1, 10)).toThrow(RangeError);
    expect(() => setRange(emptyDay(), 0, 1441)).toThrow(RangeError);
    expect(() => clearRange(emptyDay(), 0.5, 10)).toThrow(RangeError);
    expect(() => isRangeSet(emptyDay(), 0, Number.NaN)).toThrow(RangeError);
  });
});

describe("windows ↔ bitmap", () => {
  it("round-trips many random window sets exactly (normalized)", () => {
    const rnd = mulberry32(7);
    for (let iter = 0; iter < 1000; iter++) {
      const windows: TimeWindow[] = rangesToWindows(randomRanges(rnd));
      const bm = windowsToBitmap(windows);
      const back = bitmapToWindows(bm);
      const normalized = normalizeWindows(windows);
      expect(normalized.ok).toBe(true);
      if (normalized.ok) expect(back).toEqual(normalized.value);
      expect(bitmapsEqual(windowsToBitmap(back), bm)).toBe(true);
    }
  });

  it("round-trips random bitmaps exactly", () => {
    const rnd = mulberry32(99);
    for (let iter = 0; iter < 500; iter++) {
      const bm = randomBitmap(rnd);
      expect(bitmapsEqual(windowsToBitmap(bitmapToWindows(bm)), bm)).toBe(true);
      const ranges = bitmapToRanges(bm);
      expect(ranges.reduce((n, r) => n + r.end - r.start, 0)).toBe(countSet(bm));
      const maximal = ranges.every(
        (r, i) => r.start < r.end && (i === 0 || r.start > (ranges[i - 1] as MinuteRange).end),
      );
      expect(maximal).toBe(true);
    }
  });

  it("handles 24:00, full and empty days", () => {
    expect(bitmapToWindows(fullDay())).toEqual([{ start: "00:00", end: "24:00" }]);
    expect(bitmapToWindows(emptyDay())).toEqual([]);
    const bm = windowsToBitmap([{ start: "23:00", end: "24:00" }]);
    expect(countSet(bm)).toBe(60);
    expect(bitmapToWindows(bm)).toEqual([{ start: "23:00", end: "24:00" }]);
  });

  it("merges overlapping and adjacent windows", () => {
    const bm = windowsToBitmap([
      { start: "10:00", end: "11:00" },
      { start: "09:00", end: "10:00" },
      { start: "10:30", end: "12:15" },
      { start: "14:07", end: "14:09" },
    ]);
    expect(bitmapToWindows(bm)).toEqual([
      { start: "09:00", end: "12:15" },
      { start: "14:07", end: "14:09" },
    ]);
  });

  it("throws on invalid windows", () => {
    expect(() => windowsToBitmap([{ start: "10:00", end: "09:00" }])).toThrow(RangeError);
    expect(() => windowsToBitmap([{ start: "10:00", end: "25:00" }])).toThrow(RangeError);
  });

  it("rangesToBitmap clamps to the day", () => {
    expect(
      bitmapToRanges(
        rangesToBitmap([
          { start: -10, end: 5 },
          { start: 1430, end: 2000 },
        ]),
      ),
    ).toEqual([
      { start: 0, end: 5 },
      { start: 1430, end: 1440 },
    ]);
  });
});

describe("set algebra", () => {
  it("matches per-minute boolean logic and does not mutate inputs", () => {
    const rnd = mulberry32(3);
    for (let iter = 0; iter < 200; iter++) {
      const a = randomBitmap(rnd);
      const b = randomBitmap(rnd);
      const a0 = a.slice();
      const b0 = b.slice();
      const ma = toBools(a);
      const mb = toBools(b);
      expect(bits(toBools(union(a, b)))).toBe(bits(ma.map((x, i) => x || (mb[i] ?? false))));
      expect(bits(toBools(intersect(a, b)))).toBe(bits(ma.map((x, i) => x && (mb[i] ?? false))));
      expect(bits(toBools(subtract(a, b)))).toBe(bits(ma.map((x, i) => x && !(mb[i] ?? false))));
      expect(countSet(a)).toBe(ma.filter(Boolean).length);
      expect(bitmapsEqual(a, a0)).toBe(true);
      expect(bitmapsEqual(b, b0)).toBe(true);
    }
  });

  it("identities", () => {
    const a = windowsToBitmap([{ start: "09:00", end: "17:00" }]);
    expect(isEmpty(subtract(a, a))).toBe(true);
    expect(bitmapsEqual(union(a, emptyDay()), a)).toBe(true);
    expect(bitmapsEqual(intersect(a, fullDay()), a)).toBe(true);
    expect(bitmapsEqual(subtract(fullDay(), subtract(fullDay(), a)), a)).toBe(true);
    expect(bitmapsEqual(a, fullDay())).toBe(false);
  });
});

describe("base64", () => {
  it("round-trips random bitmaps and is 240 chars", () => {
    const rnd = mulberry32(5);
    for (let iter = 0; iter < 100; iter++) {
      const bm = randomBitmap(rnd);
      const s = bitmapToBase64(bm);
      expect(s).toHaveLength(240);
      expect(s).toMatch(/^[A-Za-z0-9+/]+$/);
      expect(bitmapsEqual(bitmapFromBase64(s), bm)).toBe(true);
    }
  });

  it("encodes a known value", () => {
    expect(bitmapToBase64(emptyDay())).toBe("A".repeat(240));
    expect(bitmapToBase64(fullDay())).toBe("/".repeat(240));
  });

  it("rejects malformed or wrong-length input", () => {
    expect(() => bitmapFromBase64("AAAA")).toThrow(RangeError);
    expect(() => bitmapFromBase64("!!!!")).toThrow(RangeError);
    expect(() => bitmapToBase64(new Uint8Array(10))).toThrow(RangeError);
  });
});
