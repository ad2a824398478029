import { describe, expect, it } from "vitest";
import { LABELLED_QUERIES, type LabelledQuery } from "./__fixtures__/queries";
import { seedLexicon } from "./__fixtures__/lexicon";
import { fastParse } from "./parser";
import { resolveTimeSpec, timeSpecKey, timeSpecLabel } from "./time";
import type { FastParse } from "./types";

const lex = seedLexicon();

/** What the fast path answered for each labelled field, in the corpus's terms. */
export function fastAnswers(p: FastParse): Omit<LabelledQuery, "q"> {
  return {
    subject: p.subject.value?.slug ?? null,
    location: p.location.value?.slug ?? (p.location.nearMe ? "near_me" : null),
    price: p.price.value
      ? [
          p.price.value.minCents === null ? null : p.price.value.minCents / 100,
          p.price.value.maxCents === null ? null : p.price.value.maxCents / 100,
        ]
      : null,
    audience: p.audience.value,
    time: p.time.value ? timeSpecKey(p.time.value) : null,
    level: p.level.value,
    lessonType: p.lessonType.value,
  };
}

const FIELDS = ["subject", "location", "price", "audience", "time", "level", "lessonType"] as const;

describe("labelled corpus (fast path only)", () => {
  it("has at least 150 labelled queries", () => {
    expect(LABELLED_QUERIES.length).toBeGreaterThanOrEqual(150);
  });

  it("reports per-field accuracy; subject and location ≥ 95 %", () => {
    const correct = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<(typeof FIELDS)[number], number>;
    const misses: string[] = [];
    const t0 = performance.now();
    for (const item of LABELLED_QUERIES) {
      const got = fastAnswers(fastParse(item.q, lex));
      for (const f of FIELDS) {
        if (JSON.stringify(got[f]) === JSON.stringify(item[f])) correct[f]++;
        else
          misses.push(
            `${f.padEnd(10)} ${JSON.stringify(item.q)}: expected ${JSON.stringify(item[f])}, got ${JSON.stringify(got[f])}`,
          );
      }
    }
    const msPerQuery = (performance.now() - t0) / LABELLED_QUERIES.length;
    const accuracy = Object.fromEntries(
      FIELDS.map((f) => [f, Math.round((correct[f] / LABELLED_QUERIES.length) * 1000) / 10]),
    );
    console.log(
      `corpus: ${LABELLED_QUERIES.length} queries, fast path ${msPerQuery.toFixed(3)} ms/query, accuracy %:`,
      accuracy,
    );
    if (misses.length) console.log(`misses:\n  ${misses.join("\n  ")}`);
    expect(accuracy.subject).toBeGreaterThanOrEqual(95);
    expect(accuracy.location).toBeGreaterThanOrEqual(95);
    // Not targets in the issue, but regressions below these would mean a broken rule.
    expect(accuracy.price).toBeGreaterThanOrEqual(90);
    expect(accuracy.audience).toBeGreaterThanOrEqual(90);
    expect(accuracy.time).toBeGreaterThanOrEqual(90);
  });
});

describe("fast parser details", () => {
  it("leaves an unknown place after a cue for the later tiers", () => {
    const p = fastParse("chess coach in park slop for kids", lex);
    expect(p.location.value).toBeNull();
    expect(p.locationTerm).toBe("park slop");
    expect(p.location.confidence).toBeLessThan(0.5);
  });

  it("reads 'sat' as SAT unless it is a day", () => {
    expect(fastParse("sat tutor", lex).subject.value?.slug).toBe("sat-math");
    expect(fastParse("sat tutor", lex).time.value).toBeNull();
    expect(timeSpecKey(fastParse("piano on sat", lex).time.value!)).toBe("weekday:6");
    expect(timeSpecKey(fastParse("sat morning piano", lex).time.value!)).toBe("weekday:6|morning");
  });

  it("is unsure about a wish with no catalog word", () => {
    const p = fastParse("someone patient to teach me meditation", lex);
    expect(p.subject.value).toBeNull();
    expect(p.subject.confidence).toBeLessThan(0.6);
    expect(p.unexplained).toContain("meditation");
  });

  it("never throws on odd input", () => {
    for (const s of [
      "",
      "   ",
      "$$$",
      "under $",
      "🎹🎸",
      "a".repeat(2000),
      "between 9 and",
      "at 25:99pm",
      "'; drop table users; --",
    ]) {
      expect(() => fastParse(s, lex)).not.toThrow();
    }
  });
});

describe("time phrases resolve in the searcher's zone", () => {
  // Wednesday 2026-03-04 15:00 UTC = 10:00 in New York (EST), 23:00 in Singapore.
  const now = new Date("2026-03-04T15:00:00Z");

  it("'saturday morning' is the coming Saturday 06:00–12:00 local", () => {
    const spec = fastParse("piano saturday morning", lex).time.value!;
    const [ny] = resolveTimeSpec(spec, now, "America/New_York");
    expect(ny!.from.toISOString()).toBe("2026-03-07T11:00:00.000Z");
    expect(ny!.to.toISOString()).toBe("2026-03-07T17:00:00.000Z");
    const [sg] = resolveTimeSpec(spec, now, "Asia/Singapore");
    expect(sg!.from.toISOString()).toBe("2026-03-06T22:00:00.000Z");
  });

  it("'tonight' depends on the zone's date; past parts of today are clipped to now", () => {
    const spec = fastParse("guitar tonight", lex).time.value!;
    expect(timeSpecLabel(spec)).toBe("Tonight");
    const [ny] = resolveTimeSpec(spec, now, "America/New_York");
    expect(ny!.from.toISOString()).toBe("2026-03-04T22:00:00.000Z");
    // In Singapore it is already 23:00: tonight's window is [now, 22:00) = empty.
    expect(resolveTimeSpec(spec, now, "Asia/Singapore")).toEqual([]);
    const [today] = resolveTimeSpec(fastParse("piano today", lex).time.value, now, "America/New_York");
    expect(today!.from.toISOString()).toBe(now.toISOString());
  });

  it("'this weekend' across the DST change keeps local hours", () => {
    // Saturday 2026-03-07 and Sunday 2026-03-08 (clocks go forward on Sunday in New York).
    const spec = fastParse("yoga this weekend mornings", lex).time.value!;
    const windows = resolveTimeSpec(spec, now, "America/New_York");
    expect(windows.map((w) => w.from.toISOString())).toEqual(["2026-03-07T11:00:00.000Z", "2026-03-08T10:00:00.000Z"]);
  });

  it("'weekday evenings' covers the next two weeks of Monday–Friday 17:00–22:00", () => {
    const windows = resolveTimeSpec(fastParse("spanish weekday evenings", lex).time.value, now, "America/New_York");
    expect(windows).toHaveLength(10);
    expect(windows[0]!.from.toISOString()).toBe("2026-03-04T22:00:00.000Z");
  });

  it("no time phrase means the next 30 days", () => {
    const [w] = resolveTimeSpec(null, now, "America/New_York");
    expect(w!.to.getTime() - w!.from.getTime()).toBe(30 * 86_400_000);
  });
});
