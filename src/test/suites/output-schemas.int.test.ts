/**
 * Privacy by schema (issue 9 item 13): every procedure that returns data to someone other than its owner declares
 * an `.output()` schema, so anything a view does not list is stripped before it leaves the server. The walk is
 * dynamic — a new router or procedure is covered the moment it is mounted in the app router.
 */
import { describe, expect, it } from "vitest";
import { listProcedures } from "~/test/router-walk";

/**
 * Procedures allowed without an output schema: only ones whose result is the caller's own data and nothing else,
 * or that return nothing at all. Keep this list short; every entry says why.
 */
const OWNER_ONLY: Record<string, string> = {
  // A subscription: tRPC 11 applies `.output()` to a resolver's return value, not to each value an async
  // generator yields, so it can't carry one; the router parses every event with ZConversationEvent instead.
  "conversations.events": "subscription: each yielded event is parsed with ZConversationEvent in the router",
};

describe("output schemas", () => {
  const procedures = listProcedures();

  it("finds the app's procedures", () => {
    expect(procedures.length).toBeGreaterThan(40);
    expect(procedures.map((p) => p.path)).toContain("booking.get");
  });

  it("every procedure declares an output schema unless it is on the owner-only allow-list", () => {
    const missing = procedures.filter((p) => !p.output && !(p.path in OWNER_ONLY)).map((p) => `${p.path} (${p.type})`);
    expect(
      missing,
      `procedures without .output(): add a view schema, or (owner-only data) an allow-list entry with a reason`,
    ).toEqual([]);
  });

  it("the allow-list names only procedures that exist and still lack a schema", () => {
    const byPath = new Map(procedures.map((p) => [p.path, p]));
    const stale = Object.keys(OWNER_ONLY).filter((path) => !byPath.has(path) || byPath.get(path)!.output);
    expect(stale).toEqual([]);
  });
});
