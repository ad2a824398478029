import { describe, expect, it } from "vitest";
import { CAPTCHA_AFTER_FAILURES, LOGIN_LIMITS, lockoutSecondsFor } from "./policy";

describe("progressive lockout (PRODUCT.md §1: 5 → 1 min, 10 → 5 min, 15 → 30 min)", () => {
  it.each([
    [0, 0],
    [1, 0],
    [4, 0],
    [5, 60],
    [6, 60],
    [9, 60],
    [10, 300],
    [14, 300],
    [15, 1800],
    [16, 1800],
    [40, 1800],
    [1_000, 1800],
  ])("%i consecutive failures lock for %i s", (failures, seconds) => {
    expect(lockoutSecondsFor(failures)).toBe(seconds);
  });

  it("asks for a CAPTCHA before the first lockout", () => {
    expect(CAPTCHA_AFTER_FAILURES).toBe(3);
    expect(lockoutSecondsFor(CAPTCHA_AFTER_FAILURES)).toBe(0);
  });

  it("limits per minute and per hour, per IP and per account, with hour ≥ minute", () => {
    expect(LOGIN_LIMITS.ipPerMinute).toMatchObject({ durationSeconds: 60 });
    expect(LOGIN_LIMITS.ipPerHour).toMatchObject({ durationSeconds: 3600 });
    expect(LOGIN_LIMITS.accountPerMinute).toMatchObject({ durationSeconds: 60 });
    expect(LOGIN_LIMITS.accountPerHour).toMatchObject({ durationSeconds: 3600 });
    expect(LOGIN_LIMITS.ipPerHour.points).toBeGreaterThan(LOGIN_LIMITS.ipPerMinute.points);
    expect(LOGIN_LIMITS.accountPerHour.points).toBeGreaterThan(LOGIN_LIMITS.accountPerMinute.points);
    expect(LOGIN_LIMITS.twoFactorPerChallenge.points).toBe(5);
    // Rule names are limiter key prefixes: two rules sharing one would share counters.
    const names = Object.values(LOGIN_LIMITS).map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
