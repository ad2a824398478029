import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { eq } from "drizzle-orm";
import { summariseZodError } from "~/server/api/zod";
import { users } from "~/server/db/schema";
import { callerFor, createTestRuntime, createTestUser, TEST_PASSWORD, type TestRuntime } from "~/test/harness";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => rt?.close());

describe("sign-up and sign-in", () => {
  it("creates an account and signs in with a ticket", async () => {
    const anon = await callerFor(rt, null);
    const { ticket } = await anon.auth.signUp({
      email: "New.Student@Example.test",
      password: "a long enough password",
      firstName: "Nia",
      lastName: "Okafor",
      role: "student",
      timeZone: "America/New_York",
    });
    const claims = await rt.services.auth.redeemTicket(ticket);
    expect(claims).toMatchObject({ role: "student" });
    // Tickets are single use.
    expect(await rt.services.auth.redeemTicket(ticket)).toBeNull();
    const login = await anon.auth.login({ email: "new.student@example.test", password: "a long enough password" });
    expect(login.status).toBe("ok");
  });

  it("rejects a duplicate email case-insensitively with CONFLICT", async () => {
    await createTestUser(rt, { email: "dup@example.test" });
    const anon = await callerFor(rt, null);
    await expect(
      anon.auth.signUp({
        email: "DUP@example.test",
        password: "a long enough password",
        firstName: "A",
        lastName: "B",
        role: "student",
        timeZone: "UTC",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("returns BAD_REQUEST with field errors for bad input", async () => {
    const anon = await callerFor(rt, null);
    const err = await anon.auth
      .signUp({
        email: "not-an-email",
        password: "short",
        firstName: "",
        lastName: "B",
        role: "student",
        timeZone: "Mars/Olympus",
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    // The client shows one message per field: every bad field is named, and the valid one is not.
    const cause = (err as TRPCError).cause;
    expect(cause).toBeInstanceOf(ZodError);
    const { fieldErrors } = summariseZodError(cause as ZodError);
    expect(Object.keys(fieldErrors).sort()).toEqual(["email", "firstName", "password", "timeZone"]);
    for (const messages of Object.values(fieldErrors)) expect(messages.length).toBeGreaterThan(0);
    expect(await rt.dbh.db.select().from(users).where(eq(users.email, "not-an-email"))).toEqual([]);
  });
});

describe("lockout and CAPTCHA", () => {
  it("a successful sign-in resets the consecutive-failure counter", async () => {
    const user = await createTestUser(rt, { email: "forgetful@example.test" });
    const anon = await callerFor(rt, null);
    const fail = () =>
      expect(anon.auth.login({ email: user.email, password: "wrong password" })).rejects.toMatchObject({
        code: "UNAUTHORIZED",
        cause: { data: { reason: "invalid_credentials" } },
      });
    await fail();
    await fail();
    expect(await anon.auth.loginRequirements({ email: user.email })).toEqual({ captchaRequired: false, retryAfter: 0 });
    expect((await anon.auth.login({ email: user.email, password: TEST_PASSWORD })).status).toBe("ok");
    // Two more failures after the success: 2, not 4, so no CAPTCHA yet (without the reset the second would need one).
    await fail();
    await fail();
    expect(await anon.auth.loginRequirements({ email: user.email })).toEqual({ captchaRequired: false, retryAfter: 0 });
    await expect(anon.auth.login({ email: user.email, password: "wrong password" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      cause: { data: { reason: "invalid_credentials", captchaRequired: true } },
    });
    expect(await anon.auth.loginRequirements({ email: user.email })).toEqual({ captchaRequired: true, retryAfter: 0 });
  });

  it("demands a CAPTCHA after 3 failures and locks after 5 with a retry-after", async () => {
    const user = await createTestUser(rt, { email: "victim@example.test" });
    const anon = await callerFor(rt, null);
    for (let i = 0; i < 3; i++) {
      await expect(anon.auth.login({ email: user.email, password: "wrong password" })).rejects.toMatchObject({
        code: "UNAUTHORIZED",
      });
    }
    expect(await anon.auth.loginRequirements({ email: user.email })).toEqual({ captchaRequired: true, retryAfter: 0 });
    await expect(anon.auth.login({ email: user.email, password: TEST_PASSWORD })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      cause: { data: { reason: "captcha_required" } },
    });
    await expect(
      anon.auth.login({ email: user.email, password: TEST_PASSWORD, captchaToken: "forged" }),
    ).rejects.toMatchObject({
      cause: { data: { reason: "captcha_invalid" } },
    });
    const token = "XXXX.DUMMY.TOKEN.XXXX";
    await expect(anon.auth.login({ email: user.email, password: "wrong", captchaToken: token })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const locked = await anon.auth
      .login({ email: user.email, password: "wrong", captchaToken: token })
      .catch((e: unknown) => e as TRPCError);
    expect(locked).toMatchObject({ code: "TOO_MANY_REQUESTS", cause: { retryAfter: 60, data: { reason: "locked" } } });
    // Even the right password is refused while locked.
    await expect(
      anon.auth.login({ email: user.email, password: TEST_PASSWORD, captchaToken: token }),
    ).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
  });
});
