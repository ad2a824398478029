import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { outbox, users } from "~/server/db/schema";
import type { UserRow } from "~/server/repositories/users";
import type { SmsSender } from "~/server/integrations/sms";
import type { EmailSender } from "~/server/integrations/email";
import { callerFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";

let rt: TestRuntime;
let alice: UserRow, bob: UserRow, admin: UserRow, adminNo2fa: UserRow;

beforeAll(async () => {
  rt = await createTestRuntime();
  alice = await createTestUser(rt, { email: "Alice.Outbox@Example.test" });
  bob = await createTestUser(rt, { email: "bob.outbox@example.test" });
  admin = await createTestUser(rt, { role: "admin" });
  adminNo2fa = await createTestUser(rt, { role: "admin" });
  await rt.dbh.db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, admin.id));
  // Mail for each, an SMS for Bob's verified phone, and Alice's phone code through the real flow below.
  await rt.dbh.db.update(users).set({ phone: "+12125550111", phoneVerifiedAt: new Date() }).where(eq(users.id, bob.id));
  await rt.email.send({ to: "alice.outbox@example.test", subject: "For Alice", text: "alice secret link" });
  await rt.email.send({ to: bob.email, subject: "For Bob", text: "bob secret link" });
  await rt.sms.send("+12125550111", "Bob's code is 111111");
  await rt.sms.send("+12125550999", "Nobody's code is 999999");
});
afterAll(async () => rt?.close());

describe("dev outbox (hardening item 2)", () => {
  it("a signed-in user sees only what was sent to their email and phones", async () => {
    const a = await callerFor(rt, alice);
    await a.account.requestPhoneCode({ phone: "+12125550122" });
    const mine = await a.devOutbox.list();
    expect(mine.map((r) => r.recipient).sort()).toEqual(["+12125550122", "alice.outbox@example.test"]);
    expect(mine.find((r) => r.channel === "sms")?.body).toMatch(/\b\d{6}\b/);
    expect(JSON.stringify(mine)).not.toMatch(/bob|Nobody/);

    const b = await (await callerFor(rt, bob)).devOutbox.list();
    expect(b.map((r) => r.recipient).sort()).toEqual(["+12125550111", bob.email]);
    expect(JSON.stringify(b)).not.toMatch(/alice|Nobody|\+12125550122/);
  });

  it("admins (with 2FA, as for every admin permission) see everything", async () => {
    const all = await (await callerFor(rt, admin)).devOutbox.list();
    const stored = await rt.dbh.db.select().from(outbox);
    expect(all).toHaveLength(stored.length);
    expect(all.map((r) => r.recipient)).toContain("+12125550999");
    const limited = await (await callerFor(rt, adminNo2fa)).devOutbox.list();
    expect(limited.map((r) => r.recipient)).not.toContain("+12125550999");
  });

  it("signed-out visitors are refused with UNAUTHORIZED", async () => {
    await expect((await callerFor(rt, null)).devOutbox.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("does not exist (NOT_FOUND) when real email and SMS providers are configured", async () => {
    const sms: SmsSender = { kind: "twilio", send: async () => ({ id: "SM1" }) };
    const email: EmailSender = { kind: "resend", send: async () => ({ id: "re_1" }) };
    const real = await createTestRuntime({ sms, email });
    try {
      const u = await createTestUser(real);
      await expect((await callerFor(real, u)).devOutbox.list()).rejects.toMatchObject({ code: "NOT_FOUND" });
    } finally {
      await real.close();
    }
  });
});
