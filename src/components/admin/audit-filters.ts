import type { TableParams } from "./data-table";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURSOR = /^[A-Za-z0-9_-]{1,64}$/;
export const AUDIT_TARGET_TYPES = [
  ["user", "User"],
  ["instructor", "Instructor"],
  ["booking", "Booking"],
  ["payment", "Payment"],
  ["message", "Message"],
  ["review", "Review"],
  ["job", "Job"],
  ["config", "Config"],
] as const;

/** The audit page's URL params as the `admin.audit.list` / `export` input (malformed values dropped). */
export function auditQuery(p: TableParams) {
  const date = (v?: string) => (v && DATE.test(v) ? v : undefined);
  return {
    actor: p.actor?.slice(0, 200),
    action: p.action?.slice(0, 100),
    targetType: p.targetType?.slice(0, 50),
    targetId: p.targetId?.slice(0, 64),
    from: date(p.from),
    to: date(p.to),
    cursor: p.cursor && CURSOR.test(p.cursor) ? p.cursor : undefined,
  };
}
