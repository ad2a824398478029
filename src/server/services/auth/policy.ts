import type { LimitRule } from "~/server/kv/rate-limit";

/** Login protection numbers (PRODUCT.md §1), kept in one place. */
export const LOGIN_LIMITS = {
  ipPerMinute: { name: "login-ip-min", points: 30, durationSeconds: 60 },
  ipPerHour: { name: "login-ip-hour", points: 300, durationSeconds: 3600 },
  accountPerMinute: { name: "login-acct-min", points: 10, durationSeconds: 60 },
  accountPerHour: { name: "login-acct-hour", points: 60, durationSeconds: 3600 },
  /** Consecutive failures per account, forgotten 24 h after the last one or on success. */
  failures: { name: "login-failures", points: 1_000_000, durationSeconds: 86_400 },
  signupPerIpHour: { name: "signup-ip-hour", points: 20, durationSeconds: 3600 },
  twoFactorPerChallenge: { name: "2fa-challenge", points: 5, durationSeconds: 300 },
} satisfies Record<string, LimitRule>;

/** After this many consecutive failures the account needs a CAPTCHA to try again. */
export const CAPTCHA_AFTER_FAILURES = 3;

/** Progressive lockout: 5 failures → 1 min, 10 → 5 min, 15 → 30 min (each further failure re-locks). */
export const LOCKOUT_STEPS: readonly { failures: number; seconds: number }[] = [
  { failures: 15, seconds: 30 * 60 },
  { failures: 10, seconds: 5 * 60 },
  { failures: 5, seconds: 60 },
];

export function lockoutSecondsFor(failures: number): number {
  return LOCKOUT_STEPS.find((s) => failures >= s.failures)?.seconds ?? 0;
}

/** A login ticket (password step done) is exchanged for a session within this time. */
export const LOGIN_TICKET_TTL_SECONDS = 120;
/** Time to enter the second factor after the password step. */
export const TWO_FACTOR_CHALLENGE_TTL_SECONDS = 300;
export const BACKUP_CODE_COUNT = 10;
