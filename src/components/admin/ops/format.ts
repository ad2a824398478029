import type { RouterOutputs } from "~/trpc/react";

/** Display helpers of the admin operations pages (times in the admin's own zone, money in dollars). */
export const usd = (cents: number | null | undefined) =>
  cents === null || cents === undefined
    ? "—"
    : new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

export const dateTimeIn = (timeZone: string) => {
  const f = new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" });
  return (d: Date | null | undefined) => (d ? f.format(d) : "—");
};

/** The page number of `?page=` (1 when absent or invalid). */
export const pageOf = (raw: string | undefined) => {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};

/** A value of `?name=` only when it is one of `allowed`. */
export function oneOf<T extends string>(allowed: readonly T[], raw: string | undefined): T | undefined {
  return allowed.find((a) => a === raw);
}

export const label = (s: string) => s.replaceAll("_", " ");

type Ops = RouterOutputs["admin"];
export type PipelineBucket = keyof Ops["payments"]["counts"];
export const PIPELINE_BUCKETS: readonly PipelineBucket[] = [
  "scheduled",
  "authorized",
  "captured",
  "failed",
  "refunded",
  "disputed",
];
export type ReportStatus = Ops["moderation"]["queue"]["items"][number]["status"];
export const REPORT_STATUSES: readonly ReportStatus[] = ["open", "hidden", "dismissed", "warned", "suspended"];
export type JobStatus = Ops["jobs"]["list"]["items"][number]["status"];
export const JOB_STATUSES: readonly JobStatus[] = ["failed", "running", "queued", "sleeping", "completed", "cancelled"];
export type CheckStatus = Ops["instructors"]["list"]["items"][number]["backgroundCheck"];
export const CHECK_STATUSES: readonly CheckStatus[] = ["pending", "passed", "failed"];
