import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, or, sql } from "drizzle-orm";
import { newId } from "~/lib/ids";
import { callerFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import { makeBooking } from "~/test/messaging-fixtures";
import { conversationEvents, conversationUserState, conversations, messages, users } from "~/server/db/schema";
import { pgErrorCode } from "~/server/db/errors";
import { EMAIL_PLACEHOLDER, PHONE_PLACEHOLDER } from "./masking";
import { SEND_LIMIT } from "./messaging-service";

let rt: TestRuntime;
const cid = () => newId();
const codeOf = (e: unknown) => (e as { code?: string }).code;
const fails = (p: Promise<unknown>) => p.then(() => "OK", codeOf);
/** The messages along an error's cause chain (drizzle wraps the driver's error, which names the constraint). */
const causeMessages = (e: unknown): string => {
  const out: string[] = [];
  for (let cur = e, i = 0; cur && i < 4; cur = (cur as { cause?: unknown }).cause, i++)
    out.push(
      String((cur as { message?: unknown }).message),
      String((cur as { constraint_name?: unknown }).constraint_name),
      String((cur as { constraint?: unknown }).constraint),
    );
  return out.join("\n");
};

async function pair() {
  const student = await createTestUser(rt, { role: "student", firstName: "Sam", lastName: "Student" });
  const instructor = await createTestUser(rt, { role: "instructor", firstName: "Ivy", lastName: "Teacher" });
  const s = await callerFor(rt, student);
  const i = await callerFor(rt, instructor);
  const { conversation } = await s.conversations.start({ otherUserId: instructor.id });
  return { student, instructor, s, i, conversationId: conversation.id };
}

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => rt?.close());

describe("start", () => {
  it("gets or creates the pair's conversation, only between a student and an instructor", async () => {
    const student = await createTestUser(rt, { role: "student" });
    const instructor = await createTestUser(rt, { role: "instructor", firstName: "Maria", lastName: "Garcia" });
    const other = await createTestUser(rt, { role: "student" });
    const s = await callerFor(rt, student);
    const first = await s.conversations.start({
      otherUserId: instructor.id,
      message: { clientId: cid(), body: "Hi! Do you teach beginners?" },
    });
    expect(first.created).toBe(true);
    expect(first.conversation).toMatchObject({
      state: "active",
      unread: 0,
      contactDetailsShared: false,
      upcomingBooking: null,
    });
    expect(first.conversation.other).toEqual({
      id: instructor.id,
      name: "Maria G.",
      role: "instructor",
      photoUrl: null,
    });
    expect(first.message).toMatchObject({ kind: "user", senderId: student.id, body: "Hi! Do you teach beginners?" });
    expect(first.conversation.lastMessage).toMatchObject({ id: first.message!.id, status: "sent" });
    const again = await s.conversations.start({ otherUserId: instructor.id });
    expect(again).toMatchObject({ created: false, message: null, conversation: { id: first.conversation.id } });

    expect(await fails(s.conversations.start({ otherUserId: other.id }))).toBe("BAD_REQUEST");
    expect(await fails(s.conversations.start({ otherUserId: student.id }))).toBe("BAD_REQUEST");
    expect(await fails(s.conversations.start({ otherUserId: newId() }))).toBe("NOT_FOUND");
    // Students' details reach an instructor only through bookings: no cold outreach.
    const i = await callerFor(rt, instructor);
    expect(await fails(i.conversations.start({ otherUserId: other.id }))).toBe("FORBIDDEN");
    // …but the instructor reaches the existing conversation, and any student who booked.
    expect((await i.conversations.start({ otherUserId: student.id })).conversation.id).toBe(first.conversation.id);
    await makeBooking(rt, { studentId: other.id, instructorId: instructor.id, status: "pending_payment" });
    expect((await i.conversations.start({ otherUserId: other.id })).created).toBe(true);
  });

  it("keeps one conversation per pair under 20 concurrent starts from both sides", async () => {
    const student = await createTestUser(rt, { role: "student" });
    const instructor = await createTestUser(rt, { role: "instructor" });
    await makeBooking(rt, { studentId: student.id, instructorId: instructor.id, status: "pending_payment" });
    const s = await callerFor(rt, student);
    const i = await callerFor(rt, instructor);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        n % 2
          ? i.conversations.start({ otherUserId: student.id })
          : s.conversations.start({ otherUserId: instructor.id }),
      ),
    );
    const ids = new Set(results.map((r) => r.conversation.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await rt.dbh.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.studentId, student.id), eq(conversations.instructorId, instructor.id)));
    expect(rows).toHaveLength(1);
    const states = await rt.dbh.db
      .select()
      .from(conversationUserState)
      .where(eq(conversationUserState.conversationId, rows[0]!.id));
    expect(states.map((r) => r.userId).sort()).toEqual([student.id, instructor.id].sort());
    // The database itself refuses the reversed pair (the unordered-pair unique index), and a self-pair (the check).
    const insertPair = (studentId: string, instructorId: string) =>
      rt.dbh.db
        .insert(conversations)
        .values({ studentId, instructorId })
        .then(
          () => null,
          (e: unknown) => e,
        );
    const reversed = await insertPair(instructor.id, student.id);
    expect(pgErrorCode(reversed)).toBe("23505");
    expect(causeMessages(reversed)).toContain("conversations_pair_uq");
    const self = await insertPair(instructor.id, instructor.id);
    expect(pgErrorCode(self)).toBe("23514");
    expect(causeMessages(self)).toContain("conversations_distinct_ck");
    const after = await rt.dbh.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(or(eq(conversations.studentId, instructor.id), eq(conversations.instructorId, instructor.id)));
    expect(after).toEqual([{ id: rows[0]!.id }]);
  });
});

describe("send", () => {
  it("is idempotent by client id: the same id twice (also concurrently) stores one message and returns it", async () => {
    const { s, student, conversationId } = await pair();
    const clientId = cid();
    const a = await s.conversations.send({ conversationId, clientId, body: "First!" });
    const b = await s.conversations.send({ conversationId, clientId, body: "First!" });
    expect(b).toEqual(a);
    const concurrentId = cid();
    const many = await Promise.all(
      Array.from({ length: 5 }, () => s.conversations.send({ conversationId, clientId: concurrentId, body: "Once" })),
    );
    expect(new Set(many.map((m) => m.id)).size).toBe(1);
    const stored = await rt.dbh.db.select().from(messages).where(eq(messages.senderId, student.id));
    expect(stored.filter((m) => m.clientId === clientId)).toHaveLength(1);
    expect(stored.filter((m) => m.clientId === concurrentId)).toHaveLength(1);
    // One message.created event per message, not per request.
    const created = await rt.dbh.db
      .select()
      .from(conversationEvents)
      .where(
        and(eq(conversationEvents.conversationId, conversationId), eq(conversationEvents.type, "message.created")),
      );
    expect(created).toHaveLength(2);
    // Reusing a client id in another conversation is a conflict, not a silent replay.
    const instructor2 = await createTestUser(rt, { role: "instructor" });
    const other = await s.conversations.start({ otherUserId: instructor2.id });
    expect(await fails(s.conversations.send({ conversationId: other.conversation.id, clientId, body: "First!" }))).toBe(
      "CONFLICT",
    );
  });

  it("validates length and the booking reference", async () => {
    const { s, conversationId, student } = await pair();
    expect(await fails(s.conversations.send({ conversationId, clientId: cid(), body: "x".repeat(4001) }))).toBe(
      "BAD_REQUEST",
    );
    expect(await fails(s.conversations.send({ conversationId, clientId: cid(), body: "   " }))).toBe("BAD_REQUEST");
    expect((await s.conversations.send({ conversationId, clientId: cid(), body: "y".repeat(4000) })).body).toHaveLength(
      4000,
    );
    const strangerInstructor = await createTestUser(rt, { role: "instructor" });
    const foreign = await makeBooking(rt, {
      studentId: student.id,
      instructorId: strangerInstructor.id,
      status: "confirmed",
    });
    expect(
      await fails(
        s.conversations.send({ conversationId, clientId: cid(), body: "about that lesson", bookingId: foreign }),
      ),
    ).toBe("BAD_REQUEST");
  });

  it("limits a user to 30 messages a minute", async () => {
    const { s, conversationId } = await pair();
    for (let n = 0; n < SEND_LIMIT.points; n++)
      await s.conversations.send({ conversationId, clientId: cid(), body: `m${n}` });
    const err = (await s.conversations
      .send({ conversationId, clientId: cid(), body: "one too many" })
      .catch((e: unknown) => e)) as { code: string; cause: { retryAfter: number } };
    expect(err.code).toBe("TOO_MANY_REQUESTS");
    expect(err.cause.retryAfter).toBeGreaterThan(0);
  });
});

describe("edit and delete", () => {
  it("edits own messages within 15 minutes only", async () => {
    const { s, i, conversationId } = await pair();
    const m = await s.conversations.send({ conversationId, clientId: cid(), body: "See you Tuesday" });
    const edited = await s.conversations.edit({ messageId: m.id, body: "See you Wednesday" });
    expect(edited).toMatchObject({ id: m.id, body: "See you Wednesday" });
    expect(edited.editedAt).not.toBeNull();
    expect(await fails(i.conversations.edit({ messageId: m.id, body: "hijack" }))).toBe("FORBIDDEN");
    // 16 minutes later:
    await rt.dbh.db
      .update(messages)
      .set({ createdAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(messages.id, m.id));
    expect(await fails(s.conversations.edit({ messageId: m.id, body: "See you Thursday" }))).toBe("CONFLICT");
    const [row] = await rt.dbh.db.select().from(messages).where(eq(messages.id, m.id));
    expect(row!.body).toBe("See you Wednesday");
    // At 14 minutes it still works.
    const m2 = await s.conversations.send({ conversationId, clientId: cid(), body: "typo" });
    await rt.dbh.db
      .update(messages)
      .set({ createdAt: new Date(Date.now() - 14 * 60_000) })
      .where(eq(messages.id, m2.id));
    expect((await s.conversations.edit({ messageId: m2.id, body: "fixed" })).body).toBe("fixed");
  });

  it("deletes own messages: the thread shows 'message deleted' and never the text", async () => {
    const { s, i, conversationId } = await pair();
    const m = await s.conversations.send({ conversationId, clientId: cid(), body: "oops, wrong chat" });
    expect(await fails(i.conversations.delete({ messageId: m.id }))).toBe("FORBIDDEN");
    const d = await s.conversations.delete({ messageId: m.id });
    expect(d).toMatchObject({ id: m.id, deleted: true, body: null });
    expect(await s.conversations.delete({ messageId: m.id })).toEqual(d);
    const h = await i.conversations.history({ conversationId });
    expect(h.messages.find((x) => x.id === m.id)).toMatchObject({ deleted: true, body: null, reactions: [] });
    expect(h.conversation.lastMessage).toMatchObject({ id: m.id, deleted: true, body: null });
    expect(JSON.stringify(await i.conversations.list({}))).not.toContain("wrong chat");
    // A deleted unread message no longer counts as unread; it can't be edited or reacted to.
    expect((await i.conversations.unreadTotal()).total).toBe(0);
    expect(await fails(s.conversations.edit({ messageId: m.id, body: "x" }))).toBe("CONFLICT");
    expect(await fails(i.conversations.react({ messageId: m.id, emoji: "👍" }))).toBe("CONFLICT");
  });
});

describe("reactions", () => {
  it("adds and removes reactions from the allowed set, idempotently", async () => {
    const { s, i, student, instructor, conversationId } = await pair();
    const m = await s.conversations.send({ conversationId, clientId: cid(), body: "Booked it!" });
    await i.conversations.react({ messageId: m.id, emoji: "👍" });
    await i.conversations.react({ messageId: m.id, emoji: "👍" });
    await s.conversations.react({ messageId: m.id, emoji: "👍" });
    const r = await i.conversations.react({ messageId: m.id, emoji: "❤️" });
    expect(r.reactions).toEqual([
      { emoji: "👍", userIds: [instructor.id, student.id] },
      { emoji: "❤️", userIds: [instructor.id] },
    ]);
    const u = await i.conversations.unreact({ messageId: m.id, emoji: "👍" });
    expect(u.reactions).toEqual([
      { emoji: "👍", userIds: [student.id] },
      { emoji: "❤️", userIds: [instructor.id] },
    ]);
    expect((await s.conversations.history({ conversationId })).messages.at(-1)!.reactions).toEqual(u.reactions);
    expect(await fails(i.conversations.react({ messageId: m.id, emoji: "🤮" as "👍" }))).toBe("BAD_REQUEST");
  });
});

describe("masking", () => {
  it("masks phone numbers and emails before the pair's first confirmed booking, not after", async () => {
    const { s, i, student, instructor, conversationId } = await pair();
    const before = await s.conversations.send({
      conversationId,
      clientId: cid(),
      body: "Call me on +1 212 555 0142 or sam@example.com",
    });
    expect(before.body).toBe(`Call me on ${PHONE_PLACEHOLDER} or ${EMAIL_PLACEHOLDER}`);
    expect(before.masked).toBe(true);
    const [row] = await rt.dbh.db.select().from(messages).where(eq(messages.id, before.id));
    expect(row!.body).not.toContain("555");
    // Edits are masked too.
    expect((await s.conversations.edit({ messageId: before.id, body: "ok: 212-555-0142" })).body).toBe(
      `ok: ${PHONE_PLACEHOLDER}`,
    );
    // A pending (unpaid) booking does not unlock contact details; a cancelled one neither.
    await makeBooking(rt, { studentId: student.id, instructorId: instructor.id, status: "pending_payment" });
    await makeBooking(rt, { studentId: student.id, instructorId: instructor.id, status: "cancelled" });
    expect((await i.conversations.send({ conversationId, clientId: cid(), body: "ivy@studio.test" })).body).toBe(
      EMAIL_PLACEHOLDER,
    );
    expect((await s.conversations.history({ conversationId })).conversation.contactDetailsShared).toBe(false);

    await makeBooking(rt, { studentId: student.id, instructorId: instructor.id, status: "confirmed" });
    const after = await i.conversations.send({
      conversationId,
      clientId: cid(),
      body: "Text me at 212 555 0199, ivy@studio.test",
    });
    expect(after).toMatchObject({ body: "Text me at 212 555 0199, ivy@studio.test", masked: false });
    const h = await s.conversations.history({ conversationId });
    expect(h.conversation.contactDetailsShared).toBe(true);
    // Messages written before stay masked.
    expect(h.messages.find((m) => m.id === before.id)!.body).toBe(`ok: ${PHONE_PLACEHOLDER}`);
    // The pending booking is the upcoming-lesson context.
    expect(h.conversation.upcomingBooking).toMatchObject({
      status: expect.stringMatching(/pending_payment|confirmed/),
      subject: "Piano",
    });
  });
});

describe("folders and unread counts", () => {
  it("restores an archived or trashed conversation for the recipient when a new message arrives", async () => {
    const { s, i, conversationId } = await pair();
    await s.conversations.send({ conversationId, clientId: cid(), body: "hello" });
    await i.conversations.setState({ conversationId, state: "archived" });
    await s.conversations.setState({ conversationId, state: "trashed" });
    expect((await i.conversations.list({ state: "active" })).items).toHaveLength(0);
    expect((await i.conversations.list({ state: "archived" })).items.map((c) => c.id)).toEqual([conversationId]);
    await s.conversations.send({ conversationId, clientId: cid(), body: "are you there?" });
    expect((await i.conversations.list({ state: "active" })).items.map((c) => c.id)).toEqual([conversationId]);
    expect((await i.conversations.list({ state: "archived" })).items).toHaveLength(0);
    // The sender's own folder is theirs to keep.
    expect((await s.conversations.list({ state: "trashed" })).items.map((c) => c.id)).toEqual([conversationId]);
    // The instructor's reply restores it for the student.
    await i.conversations.send({ conversationId, clientId: cid(), body: "yes!" });
    expect((await s.conversations.list({ state: "active" })).items.map((c) => c.id)).toEqual([conversationId]);
  });

  it("counts unread per conversation and in total, whatever folder is viewed", async () => {
    const student = await createTestUser(rt, { role: "student" });
    const student2 = await createTestUser(rt, { role: "student" });
    const instructor = await createTestUser(rt, { role: "instructor" });
    const s = await callerFor(rt, student);
    const s2 = await callerFor(rt, student2);
    const i = await callerFor(rt, instructor);
    const c1 = (await s.conversations.start({ otherUserId: instructor.id })).conversation.id;
    const c2 = (await s2.conversations.start({ otherUserId: instructor.id })).conversation.id;
    const m1 = await s.conversations.send({ conversationId: c1, clientId: cid(), body: "one" });
    const m2 = await s.conversations.send({ conversationId: c1, clientId: cid(), body: "two" });
    await s.conversations.send({ conversationId: c1, clientId: cid(), body: "three" });
    await s2.conversations.send({ conversationId: c2, clientId: cid(), body: "hi from student 2" });
    expect(await i.conversations.unreadTotal()).toEqual({ total: 4, byState: { active: 4, archived: 0, trashed: 0 } });
    expect((await s.conversations.unreadTotal()).total).toBe(0); // own messages are never unread

    await i.conversations.setState({ conversationId: c2, state: "archived" });
    expect(await i.conversations.unreadTotal()).toEqual({ total: 4, byState: { active: 3, archived: 1, trashed: 0 } });
    const active = await i.conversations.list({ state: "active" });
    expect(active.items.map((c) => [c.id, c.unread])).toEqual([[c1, 3]]);
    expect((await i.conversations.list({ state: "archived" })).items.map((c) => [c.id, c.unread])).toEqual([[c2, 1]]);

    const r = await i.conversations.markRead({ conversationId: c1, upToMessageId: m2.id });
    expect(r).toEqual({ conversationId: c1, lastReadMessageId: m2.id, unread: 1, unreadTotal: 2 });
    // The mark never moves back.
    expect((await i.conversations.markRead({ conversationId: c1, upToMessageId: m1.id })).lastReadMessageId).toBe(
      m2.id,
    );
    expect((await i.conversations.markRead({ conversationId: c1 })).unread).toBe(0);
    expect((await i.conversations.unreadTotal()).total).toBe(1);
    // Read ticks for the sender.
    const h = await s.conversations.history({ conversationId: c1 });
    expect(h.messages.map((m) => m.status)).toEqual(["read", "read", "read"]);
    expect(await fails(i.conversations.markRead({ conversationId: c1, upToMessageId: newId() }))).toBe("BAD_REQUEST");
  });
});

describe("history and list", () => {
  it("pages history with a cursor, chronological within a page, no overlap, no gap", async () => {
    const { s, i, conversationId } = await pair();
    const sent: string[] = [];
    for (let n = 0; n < 25; n++)
      sent.push((await (n % 3 ? s : i).conversations.send({ conversationId, clientId: cid(), body: `#${n}` })).id);
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await s.conversations.history({ conversationId, cursor, limit: 10 });
      pages.push(page.messages.map((m) => m.id));
      expect(page.messages.map((m) => m.id)).toEqual([...page.messages.map((m) => m.id)].sort());
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.reverse().flat()).toEqual(sent);
  });

  it("lists conversations newest first with cursor pagination, last message, unread and lesson context", async () => {
    const instructor = await createTestUser(rt, { role: "instructor" });
    const i = await callerFor(rt, instructor);
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      const st = await createTestUser(rt, { role: "student", firstName: `S${n}`, lastName: "Zed" });
      const s = await callerFor(rt, st);
      const c = await s.conversations.start({
        otherUserId: instructor.id,
        message: { clientId: cid(), body: `hello ${n}` },
      });
      if (n === 2) await makeBooking(rt, { studentId: st.id, instructorId: instructor.id, status: "confirmed" });
      ids.push(c.conversation.id);
    }
    // An empty conversation (started, never written in) is not listed.
    const silent = await createTestUser(rt, { role: "student" });
    await (await callerFor(rt, silent)).conversations.start({ otherUserId: instructor.id });
    // Writing in the oldest moves it to the top.
    await i.conversations.send({ conversationId: ids[0]!, clientId: cid(), body: "bump" });
    const p1 = await i.conversations.list({ limit: 3 });
    const p2 = await i.conversations.list({ limit: 3, cursor: p1.nextCursor! });
    expect(p2.nextCursor).toBeNull();
    expect([...p1.items, ...p2.items].map((c) => c.id)).toEqual([ids[0], ids[4], ids[3], ids[2], ids[1]]);
    const top = p1.items[0]!;
    // Replying marked the student's message read; the others are unread.
    expect(top).toMatchObject({ unread: 0, lastMessage: { body: "bump", status: "sent", senderId: instructor.id } });
    expect(p1.items[1]).toMatchObject({ unread: 1, lastMessage: { body: "hello 4", status: null } });
    const booked = [...p1.items, ...p2.items].find((c) => c.id === ids[2])!;
    expect(booked).toMatchObject({
      other: { name: "S2 Z.", role: "student" },
      contactDetailsShared: true,
      upcomingBooking: { status: "confirmed", subject: "Piano" },
    });
  });
});

describe("ownership", () => {
  it("gives a third user FORBIDDEN on every procedure of someone else's conversation", async () => {
    const { s, conversationId } = await pair();
    const m = await s.conversations.send({ conversationId, clientId: cid(), body: "private" });
    const thirdStudent = await createTestUser(rt, { role: "student" });
    const thirdInstructor = await createTestUser(rt, { role: "instructor" });
    const admin = await createTestUser(rt, { role: "admin" });
    for (const third of [thirdStudent, thirdInstructor, admin]) {
      const x = await callerFor(rt, third);
      const results = {
        history: await fails(x.conversations.history({ conversationId })),
        send: await fails(x.conversations.send({ conversationId, clientId: cid(), body: "hi" })),
        edit: await fails(x.conversations.edit({ messageId: m.id, body: "x" })),
        delete: await fails(x.conversations.delete({ messageId: m.id })),
        react: await fails(x.conversations.react({ messageId: m.id, emoji: "👍" })),
        unreact: await fails(x.conversations.unreact({ messageId: m.id, emoji: "👍" })),
        markRead: await fails(x.conversations.markRead({ conversationId })),
        markReadUpTo: await fails(x.conversations.markRead({ conversationId, upToMessageId: m.id })),
        typing: await fails(x.conversations.typing({ conversationId })),
        setState: await fails(x.conversations.setState({ conversationId, state: "archived" })),
      };
      expect(
        Object.values(results).every((c) => c === "FORBIDDEN"),
        JSON.stringify(results),
      ).toBe(true);
      // The user-scoped procedures show them nothing of it.
      expect((await x.conversations.list({})).items).toEqual([]);
      expect((await x.conversations.unreadTotal()).total).toBe(0);
    }
    // Signed out: UNAUTHORIZED everywhere.
    const anon = await callerFor(rt, null);
    expect(await fails(anon.conversations.list({}))).toBe("UNAUTHORIZED");
    expect(await fails(anon.conversations.events({}))).toBe("UNAUTHORIZED");
    // Nothing changed.
    const [row] = await rt.dbh.db.select().from(messages).where(eq(messages.id, m.id));
    expect(row).toMatchObject({ body: "private", deletedAt: null });
  });
});

describe("system messages", () => {
  it("posts booking notices into the pair's conversation (creating it), once per key, restoring folders", async () => {
    const student = await createTestUser(rt, { role: "student" });
    const instructor = await createTestUser(rt, { role: "instructor" });
    const bookingId = await makeBooking(rt, {
      studentId: student.id,
      instructorId: instructor.id,
      status: "confirmed",
    });
    const services = rt.services;
    const input = {
      studentId: student.id,
      instructorId: instructor.id,
      bookingId,
      text: "Lesson booked: Piano, Tue 10:00",
      dedupeKey: `booking/confirmed:${bookingId}`,
    };
    const a = await services.messaging.postSystemMessage(input);
    const b = await services.messaging.postSystemMessage(input);
    expect(b.id).toBe(a.id);
    expect(a).toMatchObject({ kind: "system", senderId: null, bookingId, clientId: null, body: input.text });
    const s = await callerFor(rt, student);
    const list = await s.conversations.list({});
    expect(list.items[0]).toMatchObject({
      id: a.conversationId,
      unread: 1,
      lastMessage: { kind: "system", status: null },
    });
    await s.conversations.setState({ conversationId: a.conversationId, state: "archived" });
    await services.messaging.postSystemMessage({
      ...input,
      text: "Lesson cancelled",
      dedupeKey: `booking/cancelled:${bookingId}`,
    });
    expect((await s.conversations.list({})).items.map((c) => c.id)).toEqual([a.conversationId]);
    const rows = await rt.dbh.db
      .select({ n: sql<number>`count(*)::int` })
      .from(messages)
      .where(eq(messages.conversationId, a.conversationId));
    expect(rows[0]!.n).toBe(2);
  });
});

describe("inactive people", () => {
  it("refuses to send to a suspended participant", async () => {
    const { s, instructor, conversationId } = await pair();
    await rt.dbh.db.update(users).set({ status: "suspended" }).where(eq(users.id, instructor.id));
    expect(await fails(s.conversations.send({ conversationId, clientId: cid(), body: "hello?" }))).toBe("CONFLICT");
  });
});
