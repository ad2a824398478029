import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { and, desc, eq } from "drizzle-orm";
import { newId } from "~/lib/ids";
import { conversationUserState, jobRuns, outbox } from "~/server/db/schema";
import { createPlatformConfigRepository } from "~/server/repositories/platform-config";
import { UNREAD_EMAIL_DELAY_KEY } from "~/server/services/messaging/messaging-service";
import { callerFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import { setFunctionRuntime } from "../../services";
import { unreadMessageEmail } from "./unread-email";

let rt: TestRuntime;
const cid = () => newId();

async function pair() {
  const student = await createTestUser(rt, { role: "student", firstName: "Sam", lastName: "Student" });
  const instructor = await createTestUser(rt, { role: "instructor", firstName: "Ivy", lastName: "Teacher" });
  const s = await callerFor(rt, student);
  const i = await callerFor(rt, instructor);
  const { conversation } = await s.conversations.start({ otherUserId: instructor.id });
  return { student, instructor, s, i, conversationId: conversation.id };
}

const emailsTo = (to: string) =>
  rt.dbh.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.recipient, to), eq(outbox.channel, "email")))
    .orderBy(desc(outbox.id));

/** Runs the function once, as Inngest would after the 5 min sleep (a NEW engine per run: engines keep step state). */
async function run(data: { messageId: string; conversationId: string; senderId: string; recipientId: string }) {
  const t = new InngestTestEngine({ function: unreadMessageEmail.fn });
  const { result, ctx } = await t.execute({
    events: [{ name: "message/sent", data }],
    // The sleep must be mocked or execute() never resolves.
    steps: [{ id: "wait-for-read", handler: () => undefined }],
  });
  return { result: result as { sent: boolean; reason: string; count: number }, ctx };
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  rt = await createTestRuntime();
  setFunctionRuntime(rt);
});
afterAll(async () => {
  setFunctionRuntime(null);
  await rt?.close();
});

describe("unread-message email (@inngest/test)", () => {
  it("sleeps, then sends ONE email batching every unread message of the conversation, never repeating one", async () => {
    const { s, i, student, instructor, conversationId } = await pair();
    const m1 = await s.conversations.send({ conversationId, clientId: cid(), body: "Hi Ivy, do you teach jazz?" });
    const m2 = await s.conversations.send({ conversationId, clientId: cid(), body: "Also: Saturdays?" });
    const base = { conversationId, senderId: student.id, recipientId: instructor.id };

    const before = Date.now();
    const first = await run({ ...base, messageId: m1.id });
    expect(first.result).toEqual({ sent: true, reason: "sent", count: 2 });
    // Sleeps until 5 min after the run started (an absolute time from a step, so replays agree).
    expect(first.ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-read", expect.any(String));
    const wakeAt = Date.parse(vi.mocked(first.ctx.step.sleepUntil).mock.calls[0]![1] as string);
    expect(wakeAt - before).toBeGreaterThanOrEqual(5 * 60_000);
    expect(wakeAt - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    const [email] = await emailsTo(instructor.email);
    expect(email!.subject).toBe("Sam S. sent you 2 messages");
    expect(email!.body).toContain("> Hi Ivy, do you teach jazz?");
    expect(email!.body).toContain("> Also: Saturdays?");
    expect(email!.body).toContain(`/instructor/inbox/${conversationId}`);
    // The run for the second message of the burst finds it already covered.
    expect((await run({ ...base, messageId: m2.id })).result).toMatchObject({ sent: false, reason: "already-emailed" });
    expect(await emailsTo(instructor.email)).toHaveLength(1);
    const [st] = await rt.dbh.db
      .select()
      .from(conversationUserState)
      .where(
        and(eq(conversationUserState.conversationId, conversationId), eq(conversationUserState.userId, instructor.id)),
      );
    expect(st!.lastEmailedMessageId).toBe(m2.id);

    // A later message gets its own email with only what is new.
    const m3 = await s.conversations.send({ conversationId, clientId: cid(), body: "Never mind, found a slot!" });
    expect((await run({ ...base, messageId: m3.id })).result).toEqual({ sent: true, reason: "sent", count: 1 });
    const [latest] = await emailsTo(instructor.email);
    expect(latest!.subject).toBe("Sam S. sent you a message");
    expect(latest!.body).not.toContain("jazz");

    // Read messages are not emailed.
    const m4 = await s.conversations.send({ conversationId, clientId: cid(), body: "thanks" });
    await i.conversations.markRead({ conversationId });
    expect((await run({ ...base, messageId: m4.id })).result).toMatchObject({ sent: false, reason: "read" });
    expect(await emailsTo(instructor.email)).toHaveLength(2);
  });

  it("respects the recipient's preference (no row = on)", async () => {
    const { s, student, instructor, conversationId } = await pair();
    await rt.services.notifications.setPreference(instructor.id, "messages", "email", false);
    const m = await s.conversations.send({ conversationId, clientId: cid(), body: "hello" });
    expect(
      (await run({ conversationId, senderId: student.id, recipientId: instructor.id, messageId: m.id })).result,
    ).toMatchObject({ sent: false, reason: "opted-out" });
    expect(await emailsTo(instructor.email)).toHaveLength(0);
    // Other categories and channels stay on.
    const n = rt.services.notifications;
    expect(await n.isEnabled(instructor.id, "messages", "in_app")).toBe(true);
    expect(await n.isEnabled(instructor.id, "lesson_updates", "email")).toBe(true);
  });

  it("is cancelled by a read of the conversation: the sleeping run is stored as cancelled; another pair's sleeps on", async () => {
    // A long delay so both runs are still asleep when the read arrives.
    await createPlatformConfigRepository(rt.dbh.db).set(UNREAD_EMAIL_DELAY_KEY, 120_000, null);
    const a = await pair();
    const b = await pair();
    const ma = await a.s.conversations.send({ conversationId: a.conversationId, clientId: cid(), body: "hello" });
    const mb = await b.s.conversations.send({ conversationId: b.conversationId, clientId: cid(), body: "hello" });
    const runOf = async (messageId: string) =>
      (
        await rt.dbh.db
          .select()
          .from(jobRuns)
          .where(and(eq(jobRuns.functionId, unreadMessageEmail.spec.id), eq(jobRuns.eventName, "message/sent")))
      ).filter((r) => r.eventData.messageId === messageId);
    const asleep = await until(
      async () => [...(await runOf(ma.id)), ...(await runOf(mb.id))].map((r) => r.status),
      (st) => st.length === 2 && st.every((x) => x === "sleeping"),
    );
    expect(asleep).toEqual(["sleeping", "sleeping"]);

    await a.i.conversations.markRead({ conversationId: a.conversationId });
    const [cancelled] = await until(
      () => runOf(ma.id),
      (r) => r[0]?.status === "cancelled",
    );
    expect(cancelled).toMatchObject({ status: "cancelled", lastError: "cancelled by message/read" });
    expect(cancelled!.finishedAt).toBeInstanceOf(Date);
    expect((await runOf(mb.id)).map((r) => r.status)).toEqual(["sleeping"]);
    expect(await emailsTo(a.instructor.email)).toHaveLength(0);
  });
});

// 1 s: long enough that a loaded CI machine sends two messages (or a message and a read) within it.
describe("unread-message email end to end (durable runner, 1 s delay from platform_config)", () => {
  const settle = () => new Promise((r) => setTimeout(r, 1_800));

  it("emails once after the delay, is cancelled by the recipient's read, and not by the sender's", async () => {
    await createPlatformConfigRepository(rt.dbh.db).set(UNREAD_EMAIL_DELAY_KEY, 1_000, null);
    const { s, i, student, instructor, conversationId } = await pair();
    await s.conversations.send({ conversationId, clientId: cid(), body: "one" });
    await s.conversations.send({ conversationId, clientId: cid(), body: "two" });
    const sent = await until(
      () => emailsTo(instructor.email),
      (e) => e.length > 0,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toContain("> one");
    expect(sent[0]!.body).toContain("> two");
    await settle();
    expect(await emailsTo(instructor.email)).toHaveLength(1);

    // Read within the delay: cancelled.
    await s.conversations.send({ conversationId, clientId: cid(), body: "three" });
    await i.conversations.markRead({ conversationId });
    await settle();
    expect(await emailsTo(instructor.email)).toHaveLength(1);

    // The sender reading (here: a system notice in between) does not cancel the recipient's email.
    await s.conversations.send({ conversationId, clientId: cid(), body: "four" });
    const bookingNotice = await rt.services.messaging.postSystemMessage({
      studentId: student.id,
      instructorId: instructor.id,
      bookingId: null,
      text: "Reminder: complete your profile",
      dedupeKey: `test:${cid()}`,
    });
    const r = await s.conversations.markRead({ conversationId });
    expect(r.lastReadMessageId).toBe(bookingNotice.id);
    const after = await until(
      () => emailsTo(instructor.email),
      (e) => e.length > 1,
    );
    expect(after).toHaveLength(2);
    expect(after[0]!.body).toContain("> four");
    expect(after[0]!.body).not.toContain("> three");
    await rt.events.idle();
  });
});
