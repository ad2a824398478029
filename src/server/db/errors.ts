/** SQLSTATE of a PostgreSQL error, whichever driver raised it (drizzle wraps driver errors in `cause`). */
export function pgErrorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Name of the constraint a PostgreSQL error names, whichever driver raised it (postgres.js: `constraint_name`; PGlite: `constraint`). */
export function pgConstraintName(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    const c = cur as { constraint_name?: unknown; constraint?: unknown };
    const name = c.constraint_name ?? c.constraint;
    if (typeof name === "string" && name) return name;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** unique_violation */
export const isUniqueViolation = (e: unknown) => pgErrorCode(e) === "23505";
/** exclusion_violation: the no-overlap constraints on bookings */
export const isExclusionViolation = (e: unknown) => pgErrorCode(e) === "23P01";

/** deadlock_detected / serialization_failure: the transaction can safely run again. */
export const isRetryableTxError = (e: unknown) => {
  const code = pgErrorCode(e);
  return code === "40P01" || code === "40001";
};
