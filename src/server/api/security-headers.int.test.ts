import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { authSecret } from "~/server/config/env";
import { createTestRuntime, createTestUser, sessionFor, type TestRuntime } from "~/test/harness";
import type * as RuntimeModule from "~/server/runtime";

// Hardening item 12: responses for a signed-in user must never be stored by a browser or shared cache.
const injected = vi.hoisted(() => ({ rt: null as TestRuntime | null }));
vi.mock("~/server/runtime", async (importOriginal) => ({
  ...(await importOriginal<typeof RuntimeModule>()),
  getRuntime: async () => injected.rt,
}));
const route = await import("~/app/api/trpc/[trpc]/route");

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime();
  injected.rt = rt;
});
afterAll(async () => rt?.close());

const get = (path: string, cookie?: string) =>
  route.GET(
    new NextRequest(`http://localhost/api/trpc/${path}?batch=1&input=${encodeURIComponent("{}")}`, {
      headers: cookie ? { cookie } : {},
    }),
  );

describe("Cache-Control on tRPC responses", () => {
  it("is private, no-store for a signed-in user and absent for public answers", async () => {
    const u = await createTestUser(rt);
    const { sid } = await sessionFor(rt, u);
    const token = await encode({ token: { sub: u.id, sv: u.sessionVersion, role: u.role, sid }, secret: authSecret() });
    const me = await get("account.me", `next-auth.session-token=${token}`);
    expect(me.status).toBe(200);
    expect(me.headers.get("cache-control")).toBe("private, no-store");
    const anon = await get("account.me");
    expect(anon.status).toBe(200);
    expect(anon.headers.get("cache-control") ?? "").not.toContain("private");
  });
});
