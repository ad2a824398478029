/**
 * Abuse: sessions. Tokens an attacker can hold — forged with a guessable secret, expired, signed out, of a
 * suspended user, of an older session version — must all be treated as signed out by the real tRPC route
 * handler, and nothing may be written on their behalf. Tokens go through next-auth's own JWT encode/decode and
 * the route's cookie → claims code path; legitimate tokens come from the real sign-in path (auth.login → ticket →
 * the credentials provider → next-auth's jwt callback).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { count, eq } from "drizzle-orm";
import { encode, decode, type JWT } from "next-auth/jwt";
import { NextRequest } from "next/server";
import type { User } from "next-auth";
import { auditLog, users } from "~/server/db/schema";
import { authSecret } from "~/server/config/env";
import { sessionFromRequest } from "~/server/api/http";
import type { UserRow } from "~/server/repositories/users";
import { TEST_PASSWORD, callerFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import type * as RuntimeModule from "~/server/runtime";

const injected = vi.hoisted(() => ({ rt: null as TestRuntime | null }));
vi.mock("~/server/runtime", async (importOriginal) => ({
  ...(await importOriginal<typeof RuntimeModule>()),
  getRuntime: async () => injected.rt,
}));
const route = await import("~/app/api/trpc/[trpc]/route");
const { authOptions } = await import("~/server/auth/next-auth");

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime();
  injected.rt = rt;
});
afterAll(async () => rt?.close());

const COOKIE = "next-auth.session-token";
const ORIGIN = "http://localhost";

/** Signs in through the real path and returns the session cookie value next-auth would set. */
async function signIn(u: UserRow): Promise<string> {
  const anon = await callerFor(rt, null, `198.51.100.${Math.floor(Math.random() * 200) + 1}`);
  const login = await anon.auth.login({ email: u.email, password: TEST_PASSWORD });
  if (login.status !== "ok") throw new Error("expected a ticket");
  const provider = authOptions.providers[0] as unknown as {
    options: { authorize: (c: unknown, req: unknown) => Promise<User | null> };
  };
  const user = await provider.options.authorize(
    { ticket: login.ticket },
    {
      headers: { "user-agent": "abuse-suite/1.0", "x-forwarded-for": "198.51.100.9" },
      body: {},
      query: {},
      method: "POST",
    },
  );
  expect(user).not.toBeNull();
  const jwtCallback = authOptions.callbacks!.jwt! as unknown as (p: { token: JWT; user?: User }) => Promise<JWT> | JWT;
  const token = await jwtCallback({ token: { sub: user!.id }, user: user! });
  return encode({ token, secret: authSecret() });
}

const trpcGet = (path: string, cookie?: string) =>
  route.GET(
    new NextRequest(
      `${ORIGIN}/api/trpc/${path}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: undefined } }))}`,
      { headers: cookie ? { cookie: `${COOKIE}=${cookie}` } : {} },
    ),
  );
const trpcPost = (path: string, input: unknown, cookie?: string) =>
  route.POST(
    new NextRequest(`${ORIGIN}/api/trpc/${path}?batch=1`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: ORIGIN,
        host: "localhost",
        ...(cookie ? { cookie: `${COOKIE}=${cookie}` } : {}),
      },
      body: JSON.stringify({ 0: { json: input } }),
    }),
  );
async function codeOf(res: Response): Promise<string | undefined> {
  const body = (await res.json()) as [{ error?: { json: { data: { code: string } } } }];
  return body[0].error?.json.data.code;
}

async function writesSnapshot(u: UserRow) {
  const [row] = await rt.dbh.db.select().from(users).where(eq(users.id, u.id));
  const [{ n }] = (await rt.dbh.db.select({ n: count() }).from(auditLog)) as [{ n: number }];
  return { firstName: row!.firstName, lastName: row!.lastName, updatedAt: row!.updatedAt.getTime(), audit: Number(n) };
}

/** The token is treated as signed out: no claims, UNAUTHORIZED on an authed query and a write, nothing written. */
async function expectSignedOut(token: string, u: UserRow) {
  const before = await writesSnapshot(u);
  const req = new NextRequest(`${ORIGIN}/api/trpc/account.me`, { headers: { cookie: `${COOKIE}=${token}` } });
  const claims = await sessionFromRequest(req);
  const me = await trpcGet("account.me", token);
  expect(me.status).toBe(200);
  const meBody = (await me.json()) as [{ result: { data: { json: unknown } } }];
  expect(meBody[0].result.data.json).toBeNull();
  const read = await trpcGet("auth.backupCodesLeft", token);
  expect(read.status).toBe(401);
  expect(await codeOf(read)).toBe("UNAUTHORIZED");
  const write = await trpcPost(
    "account.updateProfile",
    { firstName: "Mallory", lastName: "Forged", timeZone: "UTC" },
    token,
  );
  expect(write.status).toBe(401);
  expect(await codeOf(write)).toBe("UNAUTHORIZED");
  expect(await writesSnapshot(u)).toEqual(before);
  return claims;
}

describe("abuse: sessions", () => {
  it("control: a token from the real sign-in path works for reads and writes", async () => {
    const u = await createTestUser(rt);
    const token = await signIn(u);
    expect(
      await sessionFromRequest(new NextRequest(`${ORIGIN}/x`, { headers: { cookie: `${COOKIE}=${token}` } })),
    ).toMatchObject({ userId: u.id });
    expect((await trpcGet("auth.backupCodesLeft", token)).status).toBe(200);
    const write = await trpcPost(
      "account.updateProfile",
      { firstName: "Real", lastName: "Person", timeZone: "UTC" },
      token,
    );
    expect(write.status, await write.clone().text()).toBe(200);
    expect((await rt.dbh.db.select().from(users).where(eq(users.id, u.id)))[0]!.firstName).toBe("Real");
  });

  it("a token forged with a guessable or fixed secret (the admin's id included) is signed out", async () => {
    const admin = await createTestUser(rt, { role: "admin" });
    const guessable = [
      "instainstru-development-secret-do-not-use-in-production",
      "secret",
      "changeme",
      "development",
      "next-auth-secret",
      "x".repeat(32),
    ];
    for (const secret of guessable) {
      for (const sv of [admin.sessionVersion, admin.sessionVersion + 1]) {
        const token = await encode({
          token: { sub: admin.id, sv, role: "admin", sid: "01JFORGEDSESSION0000000000" },
          secret,
        });
        expect(await expectSignedOut(token, admin), secret).toBeNull();
      }
    }
    // Garbage and a plain unsigned JWT are no better.
    const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ sub: admin.id, sv: 1 })).toString("base64url")}.`;
    for (const token of ["forged", unsigned]) expect(await expectSignedOut(token, admin)).toBeNull();
  });

  it("a real session's claims re-encoded with a guessed sid are signed out", async () => {
    const u = await createTestUser(rt);
    const real = (await decode({ token: await signIn(u), secret: authSecret() }))!;
    const token = await encode({ token: { ...real, sid: "01JGUESSEDSESSIONID0000000" }, secret: authSecret() });
    // Signed correctly, so it decodes to claims — but no live session backs them.
    expect(await expectSignedOut(token, u)).toMatchObject({ userId: u.id, sid: "01JGUESSEDSESSIONID0000000" });
    const noSid = await encode({ token: { sub: u.id, sv: u.sessionVersion, role: u.role }, secret: authSecret() });
    expect(await expectSignedOut(noSid, u)).toBeNull();
  });

  it("an expired token is signed out", async () => {
    const u = await createTestUser(rt);
    const real = (await decode({ token: await signIn(u), secret: authSecret() }))!;
    const expired = await encode({ token: real, secret: authSecret(), maxAge: -3600 });
    expect(await expectSignedOut(expired, u)).toBeNull();
  });

  it("a signed-out token stops working at once", async () => {
    const u = await createTestUser(rt);
    const token = await signIn(u);
    const other = await signIn(u);
    expect((await trpcGet("auth.backupCodesLeft", token)).status).toBe(200);
    // What next-auth's sign-out route does with the cookie it is clearing.
    await authOptions.events!.signOut!({
      token: (await decode({ token, secret: authSecret() }))!,
      session: undefined as never,
    });
    await expectSignedOut(token, u);
    // Only that session ended: the same user's other sign-in still works.
    expect((await trpcGet("auth.backupCodesLeft", other)).status).toBe(200);
  });

  it("a suspended user's token is signed out", async () => {
    const u = await createTestUser(rt);
    const token = await signIn(u);
    expect((await trpcGet("auth.backupCodesLeft", token)).status).toBe(200);
    await rt.dbh.db.update(users).set({ status: "suspended" }).where(eq(users.id, u.id));
    await expectSignedOut(token, u);
  });

  it("a token with a stale sessionVersion (after a password change) is signed out", async () => {
    const u = await createTestUser(rt);
    const token = await signIn(u);
    const fresh = await createTestUser(rt);
    expect((await trpcGet("auth.backupCodesLeft", token)).status).toBe(200);
    const changed = await trpcPost(
      "account.changePassword",
      { currentPassword: TEST_PASSWORD, newPassword: "another long passphrase" },
      token,
    );
    expect(changed.status).toBe(200);
    await expectSignedOut(token, u);
    // The same token's claims with the old version are refused even when re-signed with the right secret.
    const real = (await decode({ token, secret: authSecret() }))!;
    expect(await expectSignedOut(await encode({ token: real, secret: authSecret() }), u)).toMatchObject({
      userId: u.id,
      sessionVersion: u.sessionVersion,
    });
    expect(fresh.id).not.toBe(u.id);
  });
});
