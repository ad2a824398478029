import { describe, expect, it } from "vitest";
import {
  applicationFeeCents,
  applyCredits,
  authorizeAtFor,
  captureLines,
  feeTier,
  holdCovers,
  nextRetryAt,
  planPayment,
  refundLines,
  refundSplit,
  settle,
  splitFee,
} from "./money";

const H = 3_600_000;
const sum = (lines: { amountCents: number }[]) => lines.reduce((s, l) => s + l.amountCents, 0);

describe("fee tiers", () => {
  it("15 % below 10 completed lessons, 12 % from 10, 10 % from 25; founding 8 % for life", () => {
    expect(feeTier(0, false)).toEqual({
      percent: 15,
      founding: false,
      completedLast90Days: 0,
      nextTier: { percent: 12, lessonsNeeded: 10 },
    });
    expect(feeTier(9, false).percent).toBe(15);
    expect(feeTier(10, false)).toMatchObject({ percent: 12, nextTier: { percent: 10, lessonsNeeded: 15 } });
    expect(feeTier(24, false).percent).toBe(12);
    expect(feeTier(25, false)).toMatchObject({ percent: 10, nextTier: null });
    expect(feeTier(0, true)).toMatchObject({ percent: 8, founding: true, nextTier: null });
    expect(feeTier(100, true).percent).toBe(8);
  });
});

describe("splitFee", () => {
  it("rounds the platform fee half up and gives the instructor the exact remainder", () => {
    expect(splitFee(5500, 15)).toEqual({ platformFeeCents: 825, instructorShareCents: 4675 });
    expect(splitFee(4125, 15)).toEqual({ platformFeeCents: 619, instructorShareCents: 3506 }); // 618.75 → 619
    expect(splitFee(1010, 15)).toEqual({ platformFeeCents: 152, instructorShareCents: 858 }); // 151.5 → 152
    expect(splitFee(1003, 12)).toEqual({ platformFeeCents: 120, instructorShareCents: 883 }); // 120.36 → 120
    expect(splitFee(0, 10)).toEqual({ platformFeeCents: 0, instructorShareCents: 0 });
    for (let p = 0; p <= 100_00; p += 37)
      for (const pct of [8, 10, 12, 15]) {
        const s = splitFee(p, pct);
        expect(s.platformFeeCents + s.instructorShareCents).toBe(p);
      }
  });
  it("refuses fractional or negative amounts", () => {
    expect(() => splitFee(10.5, 15)).toThrow(RangeError);
    expect(() => splitFee(-1, 15)).toThrow(RangeError);
  });
});

describe("credits and settlement", () => {
  it("applies credits first, up to the price", () => {
    expect(applyCredits(5500, 2000)).toEqual({ creditAppliedCents: 2000, cardAmountCents: 3500 });
    expect(applyCredits(5500, 9000)).toEqual({ creditAppliedCents: 5500, cardAmountCents: 0 });
    expect(applyCredits(5500, 0)).toEqual({ creditAppliedCents: 0, cardAmountCents: 5500 });
  });

  it("settles a full capture: card + credit = platform fee + instructor share", () => {
    const plan = planPayment(5500, 1000, 15);
    const s = settle(plan, 5500);
    expect(s).toEqual({
      chargeCents: 5500,
      creditUsedCents: 1000,
      cardCaptureCents: 4500,
      platformFeeCents: 825,
      instructorShareCents: 4675,
      applicationFeeCents: 0,
    });
    expect(sum(captureLines(s, "s", "i"))).toBe(0);
    const noCredit = settle(planPayment(5500, 0, 12), 5500);
    expect(noCredit.applicationFeeCents).toBe(660);
  });

  it("settles a 50 % cancellation fee with the fee split in proportion, credits first", () => {
    const plan = planPayment(5500, 1000, 15);
    const s = settle(plan, 2750);
    expect(s).toMatchObject({
      creditUsedCents: 1000,
      cardCaptureCents: 1750,
      platformFeeCents: 413,
      instructorShareCents: 2337,
    });
    expect(sum(captureLines(s, "s", "i"))).toBe(0);
    expect(() => settle(plan, 5501)).toThrow(RangeError);
  });

  it("never sets an application fee above the captured amount or below zero", () => {
    expect(applicationFeeCents(825, 1000, 4500)).toBe(0);
    expect(applicationFeeCents(825, 0, 500)).toBe(500);
    expect(applicationFeeCents(825, 25, 4500)).toBe(800);
  });

  it("mirrors refunds in proportion and balances", () => {
    const r = refundSplit({ cardCapturedCents: 4500, creditUsedCents: 1000, platformFeeCents: 825 }, 5500);
    expect(r).toEqual({
      cardRefundCents: 4500,
      creditRestoreCents: 1000,
      platformFeeReversedCents: 825,
      instructorShareReversedCents: 4675,
    });
    expect(sum(refundLines(r, "s", "i"))).toBe(0);
    const half = refundSplit({ cardCapturedCents: 5500, creditUsedCents: 0, platformFeeCents: 825 }, 2750);
    expect(half).toEqual({
      cardRefundCents: 2750,
      creditRestoreCents: 0,
      platformFeeReversedCents: 413,
      instructorShareReversedCents: 2337,
    });
  });
});

describe("timing", () => {
  const start = new Date("2026-12-10T15:00:00Z");
  it("authorizes 24 h before, or at once when sooner", () => {
    expect(authorizeAtFor(start, new Date(start.getTime() - 72 * H))).toEqual(new Date(start.getTime() - 24 * H));
    const soon = new Date(start.getTime() - 5 * H);
    expect(authorizeAtFor(start, soon)).toEqual(soon);
  });
  it("retries on a backoff, never past the T−12 h deadline", () => {
    const now = new Date(start.getTime() - 24 * H);
    expect(nextRetryAt(1, now, start)).toEqual(new Date(now.getTime() + H));
    expect(nextRetryAt(2, now, start)).toEqual(new Date(now.getTime() + 3 * H));
    expect(nextRetryAt(3, now, start)).toEqual(new Date(now.getTime() + 6 * H));
    expect(nextRetryAt(9, new Date(start.getTime() - 14 * H), start)).toEqual(new Date(start.getTime() - 12 * H));
  });
  it("keeps a hold only while it outlives the capture time with a margin", () => {
    const auth = new Date("2026-12-01T00:00:00Z");
    expect(holdCovers(auth, new Date(auth.getTime() + 2 * 24 * H))).toBe(true);
    expect(holdCovers(auth, new Date(auth.getTime() + 156 * H))).toBe(true);
    expect(holdCovers(auth, new Date(auth.getTime() + 157 * H))).toBe(false);
  });
});
