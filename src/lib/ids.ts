import { monotonicFactory, isValid } from "ulid";

const next = monotonicFactory();

/** A new ULID: 26 chars, sortable by creation time, monotonic within one process. */
export function newId(): string {
  return next();
}

/** Whether a string is a well-formed ULID. */
export function isUlid(value: string): boolean {
  return value.length === 26 && isValid(value);
}
