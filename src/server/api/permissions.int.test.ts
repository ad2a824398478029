import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import type { TRPCError } from "@trpc/server";
import { users } from "~/server/db/schema";
import { createContextInner } from "~/server/api/trpc";
import { createCaller } from "~/server/api/root";
import { authSecret } from "~/server/config/env";
import { encryptSecret } from "~/server/auth/crypto";
import { logger } from "~/server/logger";
import { TURNSTILE_DUMMY_TOKEN } from "~/server/integrations/turnstile";
import type { UserRow } from "~/server/repositories/users";
import { callerFor, sessionFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import type * as RuntimeModule from "~/server/runtime";

// The real route handler (Next passes it a NextRequest), with the test runtime injected where it would open the
// process's runtime.
const injected = vi.hoisted(() => ({ rt: null as TestRuntime | null }));
vi.mock("~/server/runtime", async (importOriginal) => ({
  ...(await importOriginal<typeof RuntimeModule>()),
  getRuntime: async () => injected.rt,
}));
const route = await import("~/app/api/trpc/[trpc]/route");

let rt: TestRuntime;
let student: UserRow, instructor: UserRow, adminNo2fa: UserRow, admin: UserRow;

beforeAll(async () => {
  rt = await createTestRuntime();
  injected.rt = rt;
  student = await createTestUser(rt, { role: "student" });
  await createTestUser(rt, { role: "student" });
  await createTestUser(rt, { role: "student" });
  instructor = await createTestUser(rt, { role: "instructor" });
  adminNo2fa = await createTestUser(rt, { role: "admin" });
  admin = await createTestUser(rt, { role: "admin" });
  await rt.dbh.db
    .update(users)
    .set({ totpSecretEnc: encryptSecret(rt.secret, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), totpEnabledAt: new Date() })
    .where(eq(users.id, admin.id));
});
afterAll(async () => rt?.close());

describe("permission checks on admin procedures", () => {
  it("an admin with 2FA gets data, and the counts match the users stored", async () => {
    const caller = await callerFor(rt, admin);
    // Exactly the users inserted above: 3 students, 1 instructor, 2 admins.
    expect(await caller.admin.overview()).toEqual({ usersByRole: { student: 3, instructor: 1, admin: 2 } });
    const log = await caller.admin.auditLog({ limit: 5 });
    expect(Array.isArray(log)).toBe(true);
  });

  it("refuses students and instructors with FORBIDDEN", async () => {
    for (const u of [student, instructor]) {
      const caller = await callerFor(rt, u);
      await expect(caller.admin.overview()).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: "You don't have permission to do that.",
      });
      await expect(caller.admin.auditLog({ limit: 5 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("refuses signed-out callers with UNAUTHORIZED", async () => {
    const anon = await callerFor(rt, null);
    await expect(anon.admin.overview()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.admin.auditLog({ limit: 5 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses an admin without 2FA, saying why", async () => {
    const caller = await callerFor(rt, adminNo2fa);
    for (const call of [() => caller.admin.overview(), () => caller.admin.auditLog({ limit: 5 })]) {
      const err = (await call().catch((e: unknown) => e)) as TRPCError;
      expect(err.code).toBe("FORBIDDEN");
      expect(err.message).toMatch(/two-factor authentication/i);
    }
    expect(await caller.account.me()).toMatchObject({
      role: "admin",
      twoFactorEnabled: false,
      twoFactorRequired: true,
    });
  });

  it("a suspended user's session resolves to no actor", async () => {
    const victim = await createTestUser(rt, { role: "admin" });
    await rt.dbh.db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, victim.id));
    expect(await (await callerFor(rt, victim)).admin.overview()).toHaveProperty("usersByRole");
    await rt.dbh.db.update(users).set({ status: "suspended" }).where(eq(users.id, victim.id));
    const ctx = await createContextInner({ rt, session: await sessionFor(rt, victim) });
    expect(ctx.actor).toBeNull();
    const caller = createCaller(ctx);
    expect(await caller.account.me()).toBeNull();
    await expect(caller.admin.overview()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // Deleted accounts and unknown ids resolve to nobody as well.
    await rt.dbh.db.update(users).set({ status: "deleted" }).where(eq(users.id, victim.id));
    expect((await createContextInner({ rt, session: await sessionFor(rt, victim) })).actor).toBeNull();
    expect(
      (
        await createContextInner({
          rt,
          session: { userId: "01JUNKNOWNUSER0000000000000", sessionVersion: 1, sid: "01JUNKNOWNSESSION000000000" },
        })
      ).actor,
    ).toBeNull();
  });
});

/* ───────── Over HTTP: the real route handler and error formatter ───────── */

type ErrorShape = {
  message: string;
  code: number;
  data: Record<string, unknown> & { code: string; httpStatus: number };
};
const trpcUrl = (path: string, input?: unknown) =>
  `http://localhost/api/trpc/${path}?batch=1${input === undefined ? "" : `&input=${encodeURIComponent(JSON.stringify({ 0: { json: input } }))}`}`;
const post = (path: string, input: unknown, headers: Record<string, string> = {}) =>
  route.POST(
    new NextRequest(`http://localhost/api/trpc/${path}?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ 0: { json: input } }),
    }),
  );
async function errorOf(res: Response): Promise<{ body: string; error: ErrorShape }> {
  const body = await res.text();
  const parsed = JSON.parse(body) as [{ error: { json: ErrorShape } }];
  return { body, error: parsed[0].error.json };
}
async function sessionCookie(u: UserRow): Promise<string> {
  const { sid } = await sessionFor(rt, u);
  const token = await encode({ token: { sub: u.id, sv: u.sessionVersion, role: u.role, sid }, secret: authSecret() });
  return `next-auth.session-token=${token}`;
}

describe("HTTP error responses", () => {
  it("never leaks internals: a raw error becomes INTERNAL_SERVER_ERROR with a reference only", async () => {
    const logged = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const raw = new Error("relation failed: SELECT secret FROM users WHERE id = $1");
    // Services are wired once per runtime: make the account service of this runtime fail.
    const spy = vi.spyOn(rt.services.account, "me").mockRejectedValue(raw);
    try {
      const res = await route.GET(
        new NextRequest(trpcUrl("account.me"), { headers: { cookie: await sessionCookie(student) } }),
      );
      expect(res.status).toBe(500);
      const { body, error } = await errorOf(res);
      expect(error.data.code).toBe("INTERNAL_SERVER_ERROR");
      expect(error.message).toMatch(/^Something went wrong on our side\. Reference: [0-9A-Z]{26}$/);
      expect(error.data.requestId).toBe(error.message.split("Reference: ")[1]);
      expect(body).not.toMatch(/SELECT/i);
      expect(body).not.toMatch(/secret/i);
      expect(body).not.toMatch(/stack/i);
      expect(body).not.toContain("at ");
      // …while the server log keeps the cause under the same reference.
      expect(logged).toHaveBeenCalledWith(
        "unhandled error",
        expect.objectContaining({ requestId: error.data.requestId, error: raw }),
      );
    } finally {
      spy.mockRestore();
      logged.mockRestore();
    }
  });

  it("with createCaller the same failure surfaces as a TRPCError wrapping the raw cause (formatting is HTTP-only)", async () => {
    const ctx = await createContextInner({ rt, session: await sessionFor(rt, student) });
    vi.spyOn(ctx.services.account, "me").mockRejectedValue(new Error("SELECT secret FROM users"));
    const err = (await createCaller(ctx)
      .account.me()
      .catch((e: unknown) => e)) as TRPCError;
    expect(err.code).toBe("INTERNAL_SERVER_ERROR");
    expect(err.cause?.message).toContain("SELECT");
  });

  it("BAD_REQUEST carries fieldErrors keyed by field name", async () => {
    const res = await post("auth.signUp", {
      email: "not-an-email",
      password: "short",
      firstName: "",
      lastName: "Okafor",
      role: "student",
      timeZone: "Mars/Olympus",
    });
    expect(res.status).toBe(400);
    const { body, error } = await errorOf(res);
    expect(error.data.code).toBe("BAD_REQUEST");
    const fieldErrors = error.data.fieldErrors as Record<string, string[]>;
    expect(fieldErrors.email).toEqual(["Enter a valid email address"]);
    expect(fieldErrors.password).toEqual(["Use at least 10 characters"]);
    expect(fieldErrors.firstName).toEqual(["Required"]);
    expect(fieldErrors.timeZone).toEqual(["Unknown time zone"]);
    expect(fieldErrors).not.toHaveProperty("lastName");
    expect(body).not.toMatch(/stack/i);
    expect(await rt.dbh.db.select().from(users).where(eq(users.lastName, "Okafor"))).toHaveLength(0);
  });

  it("domain validation errors carry their fieldErrors too", async () => {
    const res = await post(
      "account.changePassword",
      { currentPassword: "definitely wrong", newPassword: "a brand new password" },
      { cookie: await sessionCookie(instructor) },
    );
    expect(res.status).toBe(400);
    const { error } = await errorOf(res);
    expect(error.data.fieldErrors).toEqual({ currentPassword: ["Incorrect password"] });
  });

  it("a locked login answers HTTP 429 with a Retry-After header", async () => {
    const victim = await createTestUser(rt, { email: "locked@example.test" });
    const headers = { "x-forwarded-for": "192.0.2.44" };
    for (let i = 1; i <= 4; i++) {
      const res = await post(
        "auth.login",
        { email: victim.email, password: "wrong password", captchaToken: TURNSTILE_DUMMY_TOKEN },
        headers,
      );
      expect(res.status).toBe(401);
      expect(res.headers.get("retry-after")).toBeNull();
    }
    const fifth = await post(
      "auth.login",
      { email: victim.email, password: "wrong password", captchaToken: TURNSTILE_DUMMY_TOKEN },
      headers,
    );
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get("retry-after")).toBe("60");
    const { error } = await errorOf(fifth);
    expect(error.data).toMatchObject({ code: "TOO_MANY_REQUESTS", details: { reason: "locked", retryAfter: 60 } });

    // While locked, even the right password gets 429 and a whole-second Retry-After.
    const sixth = await post(
      "auth.login",
      { email: victim.email, password: "correct horse battery staple", captchaToken: TURNSTILE_DUMMY_TOKEN },
      headers,
    );
    expect(sixth.status).toBe(429);
    const retryAfter = sixth.headers.get("retry-after")!;
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  });

  it("resolves the session cookie: an admin without 2FA gets 403 with the 2FA message, a forged cookie is signed out", async () => {
    const res = await route.GET(
      new NextRequest(trpcUrl("admin.overview"), { headers: { cookie: await sessionCookie(adminNo2fa) } }),
    );
    expect(res.status).toBe(403);
    expect((await errorOf(res)).error.message).toMatch(/two-factor authentication/i);

    const ok = await route.GET(
      new NextRequest(trpcUrl("admin.overview"), { headers: { cookie: await sessionCookie(admin) } }),
    );
    expect(ok.status).toBe(200);

    const forged = await route.GET(
      new NextRequest(trpcUrl("admin.overview"), { headers: { cookie: "next-auth.session-token=forged" } }),
    );
    expect(forged.status).toBe(401);
  });
});
