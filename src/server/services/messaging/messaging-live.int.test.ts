import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { newId } from "~/lib/ids";
import { env } from "~/server/config/env";
import { rowsOf } from "~/server/db/client";
import { conversationEvents, conversationUserState } from "~/server/db/schema";
import { appRouter, createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { callerFor, sessionFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import { subscribe, type Received } from "~/test/messaging-fixtures";
import type { UserRow } from "~/server/repositories/users";

let rt: TestRuntime;
const namespace = `test:${newId()}:`;
const cid = () => newId();

async function pair() {
  const student = await createTestUser(rt, { role: "student", firstName: "Sam", lastName: "Student" });
  const instructor = await createTestUser(rt, { role: "instructor", firstName: "Ivy", lastName: "Teacher" });
  const s = await callerFor(rt, student);
  const i = await callerFor(rt, instructor);
  const { conversation } = await s.conversations.start({ otherUserId: instructor.id });
  return { student, instructor, s, i, conversationId: conversation.id };
}

/** What the log holds for a user after a cursor: the ground truth a resumed stream must replay. */
async function logAfter(user: UserRow, cursor: string) {
  return rt.dbh.db
    .select({ id: conversationEvents.id, type: conversationEvents.type })
    .from(conversationEvents)
    .where(
      and(
        gt(conversationEvents.id, cursor),
        sql`${conversationEvents.conversationId} in (select ${conversationUserState.conversationId} from ${conversationUserState} where ${conversationUserState.userId} = ${user.id})`,
        or(isNull(conversationEvents.audienceUserId), eq(conversationEvents.audienceUserId, user.id)),
      ),
    )
    .orderBy(asc(conversationEvents.id));
}

const durable = (rs: Received[]) =>
  rs.filter((r) => !["ready", "resync", "typing", "unread", "notification"].includes(r.event.type));
const isMessage = (id: string) => (r: Received) => r.event.type === "message.created" && r.event.message.id === id;

beforeAll(async () => {
  rt = await createTestRuntime({ namespace });
});
afterAll(async () => rt?.close());

describe(`live events`, () => {
  it("delivers messages, edits, deletions, reactions, receipts, typing and unread counts to both participants", async () => {
    const { s, i, student, instructor, conversationId } = await pair();
    const si = await subscribe(rt, instructor);
    const ss = await subscribe(rt, student);
    expect((await si.until((r) => r.event.type === "ready")).event).toEqual({
      type: "ready",
      resumed: false,
      unreadTotal: 0,
    });
    await ss.until((r) => r.event.type === "ready");

    const m = await s.conversations.send({ conversationId, clientId: cid(), body: "Hi Ivy!" });
    const got = await si.until(isMessage(m.id));
    expect(got.event).toEqual({ type: "message.created", conversationId, message: m });
    const [logged] = await rt.dbh.db.select().from(conversationEvents).where(eq(conversationEvents.id, got.id));
    expect(logged).toMatchObject({ type: "message.created", conversationId });
    await ss.until(isMessage(m.id)); // the sender's other tabs
    expect((await si.until((r) => r.event.type === "unread")).event).toEqual({
      type: "unread",
      conversationId,
      unread: 1,
      total: 1,
    });

    // Reaching the recipient's stream marks it delivered: the sender sees the second tick.
    const delivered = await ss.until((r) => r.event.type === "delivered");
    expect(delivered.event).toMatchObject({ conversationId, recipientId: instructor.id, upToMessageId: m.id });
    expect((await s.conversations.history({ conversationId })).messages[0]!.status).toBe("delivered");

    expect(await s.conversations.typing({ conversationId })).toEqual({ sent: true });
    expect(await s.conversations.typing({ conversationId })).toEqual({ sent: false }); // throttled (2 s)
    const typing = await si.until((r) => r.event.type === "typing");
    expect(typing.event).toMatchObject({ conversationId, userId: student.id });
    // Ephemeral events carry the cursor, so resuming from their id is exact.
    expect(typing.id).toBe(si.received[si.received.indexOf(typing) - 1]!.id);

    await s.conversations.edit({ messageId: m.id, body: "Hi Ivy :)" });
    await i.conversations.react({ messageId: m.id, emoji: "❤️" });
    await i.conversations.markRead({ conversationId });
    const reply = await i.conversations.send({ conversationId, clientId: cid(), body: "Hello!" });
    await s.conversations.delete({ messageId: m.id });
    for (const sub of [si, ss]) {
      await sub.until((r) => r.event.type === "message.edited" && r.event.body === "Hi Ivy :)");
      await sub.until(
        (r) => r.event.type === "reaction.added" && r.event.emoji === "❤️" && r.event.userId === instructor.id,
      );
      await sub.until(
        (r) => r.event.type === "read" && r.event.readerId === instructor.id && r.event.upToMessageId === m.id,
      );
      await sub.until(isMessage(reply.id));
      await sub.until((r) => r.event.type === "message.deleted" && r.event.messageId === m.id);
    }
    expect((await i.conversations.history({ conversationId })).messages.find((x) => x.id === m.id)).toMatchObject({
      deleted: true,
    });

    // Folder changes reach only their owner.
    await s.conversations.setState({ conversationId, state: "archived" });
    await ss.until((r) => r.event.type === "state.changed" && r.event.state === "archived");
    await i.conversations.send({ conversationId, clientId: cid(), body: "ping" });
    await ss.until((r) => r.event.type === "state.changed" && r.event.state === "active");
    expect(si.ofType("state.changed")).toEqual([]);

    // Per stream: durable ids strictly increase, none repeats.
    for (const sub of [si, ss]) {
      const ids = durable(sub.received).map((r) => r.id);
      expect(ids).toEqual([...new Set(ids)].sort());
    }
    await Promise.all([si.close(), ss.close()]);
  });

  it("resumes from lastEventId with every missed event exactly once, then streams live", async () => {
    const { s, i, instructor, conversationId } = await pair();
    const first = await subscribe(rt, instructor);
    await first.until((r) => r.event.type === "ready");
    const m1 = await s.conversations.send({ conversationId, clientId: cid(), body: "one" });
    const m2 = await s.conversations.send({ conversationId, clientId: cid(), body: "two" });
    await first.until(isMessage(m2.id));
    const lastEventId = first.lastId()!;
    await first.close();

    // Missed while disconnected:
    const m3 = await s.conversations.send({ conversationId, clientId: cid(), body: "three" });
    const m4 = await s.conversations.send({ conversationId, clientId: cid(), body: "secret" });
    await s.conversations.edit({ messageId: m3.id, body: "three (edited)" });
    await s.conversations.react({ messageId: m1.id, emoji: "👍" });
    await s.conversations.delete({ messageId: m4.id });
    await s.conversations.setState({ conversationId, state: "trashed" }); // the student's own: not for the instructor
    await i.conversations.setState({ conversationId, state: "archived" }); // the instructor's own: replayed
    const expected = await logAfter(instructor, lastEventId);
    expect(expected.map((e) => e.type)).toEqual([
      "message.created",
      "message.created",
      "message.edited",
      "reaction.added",
      "message.deleted",
      "state.changed",
    ]);

    const second = await subscribe(rt, instructor, { lastEventId });
    const ready = await second.until((r) => r.event.type === "ready");
    expect(ready.event).toMatchObject({ resumed: true });
    const replayed = durable(second.received);
    expect(replayed.map((r) => r.id)).toEqual(expected.map((e) => e.id));
    // A deleted message is replayed without its text.
    const created4 = replayed.find(isMessage(m4.id))!;
    expect(created4.event).toMatchObject({ message: { deleted: true, body: null } });
    expect(JSON.stringify(second.received)).not.toContain("secret");

    const m5 = await s.conversations.send({ conversationId, clientId: cid(), body: "five" });
    await second.until(isMessage(m5.id));
    const all = durable(second.received).map((r) => r.id);
    expect(all).toEqual([...new Set(all)]);
    expect(second.received.filter(isMessage(m3.id))).toHaveLength(1);
    // Resuming from the very last id replays nothing.
    const lastId = second.lastId()!;
    await second.close();
    const third = await subscribe(rt, instructor, { lastEventId: lastId });
    await third.until((r) => r.event.type === "ready");
    expect(durable(third.received)).toEqual([]);
    await third.close();
  });

  it("loses nothing and repeats nothing when an event commits between subscribing and catching up", async () => {
    const { s, student, instructor, conversationId } = await pair();
    const m0 = await s.conversations.send({ conversationId, clientId: cid(), body: "before" });
    const [cursor] = await logAfter(instructor, "0");
    const services = rt.services;
    const actor = (await services.session.resolveActor(await sessionFor(rt, instructor)))!;
    let raced = "";
    const ac = new AbortController();
    const stream = services.messaging.stream(actor, { lastEventId: cursor!.id }, ac.signal, {
      afterSubscribe: async () => {
        // Committed (and published) after the bus subscription but before the catch-up query.
        const studentActor = (await services.session.resolveActor(await sessionFor(rt, student)))!;
        raced = (await services.messaging.send(studentActor, { conversationId, clientId: cid(), body: "raced" })).id;
      },
    });
    const seen: string[] = [];
    for await (const item of stream) {
      if (item.event.type === "message.created") seen.push(item.event.message.id);
      if (item.event.type === "ready") break;
    }
    expect(seen).toEqual([raced]);
    expect(seen).not.toContain(m0.id);
    ac.abort();
  });

  it("ends with an AbortError when the request is aborted, so an SSE client reconnects instead of completing", async () => {
    const { instructor } = await pair();
    const ac = new AbortController();
    const ctx = await createContextInner({ rt, session: await sessionFor(rt, instructor) });
    const it = (await createCaller(ctx, { signal: ac.signal }).conversations.events({}))[Symbol.asyncIterator]();
    expect(((await it.next()).value as unknown as [string, { type: string }])[1].type).toBe("ready");
    const pending = it.next();
    ac.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("streams over SSE with pings configured, tracked ids and Last-Event-ID resumption", async () => {
    const { s, instructor, conversationId } = await pair();
    const handle = (req: Request) =>
      fetchRequestHandler({
        endpoint: "/api/trpc",
        router: appRouter,
        req,
        createContext: async () => createContextInner({ rt, session: await sessionFor(rt, instructor) }),
      });
    /** Complete SSE events of a stream so far: their `event`, `id` and parsed `data` fields. */
    const parse = (text: string) =>
      text
        .split("\n\n")
        .slice(0, -1)
        .map(
          (block) =>
            Object.fromEntries(
              block
                .split("\n")
                .filter(Boolean)
                .map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)]),
            ) as Record<string, string>,
        );
    const hasReady = (text: string) => parse(text).some((e) => e.data?.includes('"ready"'));
    async function readSse(headers: Record<string, string>) {
      const ac = new AbortController();
      const res = await handle(
        new Request("http://localhost/api/trpc/conversations.events?input=%7B%7D", { headers, signal: ac.signal }),
      );
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      const reader = res.body!.getReader();
      let text = "";
      while (!hasReady(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      ac.abort();
      await reader.cancel().catch(() => undefined);
      return parse(text);
    }
    const first = await readSse({});
    expect(first[0]).toEqual({ event: "connected", data: '{"reconnectAfterInactivityMs":25000}' });
    const ready = first.find((e) => e.data?.includes('"ready"'))!;
    expect(ready.id).toMatch(/^[0-9A-Z]{26}$/);

    const m = await s.conversations.send({ conversationId, clientId: cid(), body: "over the wire" });
    // The browser's EventSource reconnects with Last-Event-ID: the missed message is replayed with its id.
    const second = await readSse({ "last-event-id": ready.id! });
    const created = second.find((e) => e.data?.includes('"message.created"'))!;
    expect(created.data).toContain(m.id);
    expect(created.id! > ready.id!).toBe(true);
    expect(second.at(-1)!.data).toContain('"resumed":true');
  });
});

describe.skipIf(!env.TEST_REDIS_URL || !env.TEST_DATABASE_URL)("two server processes sharing Redis", () => {
  async function databaseUrl() {
    const [row] = rowsOf<{ db: string }>(await rt.dbh.db.execute(sql`select current_database() as db`));
    const url = new URL(env.TEST_DATABASE_URL!);
    url.pathname = `/${row!.db}`;
    return url.toString();
  }

  /** Runs src/test/messaging-peer.ts as another process: a second server on the same database and Redis. */
  async function peer(user: UserRow, conversationIds: string[], count: number, gapMs = 0) {
    const senders = conversationIds.map((conversationId) => ({
      userId: user.id,
      sessionVersion: user.sessionVersion,
      conversationId,
    }));
    const args = { databaseUrl: await databaseUrl(), redisUrl: env.TEST_REDIS_URL!, namespace, senders, count, gapMs };
    return new Promise<{ ids: string[] }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", "src/test/messaging-peer.ts", JSON.stringify(args)], {
        cwd: process.cwd(),
        env: { ...process.env, LOG_LEVEL: "error" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      child.on("exit", (code) => {
        const line = out.trim().split("\n").pop() ?? "";
        if (code === 0 && line.startsWith("{")) resolve(JSON.parse(line) as { ids: string[] });
        else reject(new Error(`peer exited ${code}: ${err || out}`));
      });
    });
  }

  it("a message sent through process B reaches a subscriber on process A; a resumed subscriber gets every missed event once", async () => {
    expect(rt.kv).toBe("redis");
    const { student, instructor, conversationId } = await pair();
    const sub = await subscribe(rt, instructor);
    await sub.until((r) => r.event.type === "ready");
    const { ids } = await peer(student, [conversationId], 3);
    for (const id of ids) await sub.until(isMessage(id));
    const lastEventId = sub.lastId()!;
    await sub.close();

    const missed = await peer(student, [conversationId], 4);
    const resumed = await subscribe(rt, instructor, { lastEventId });
    await resumed.until((r) => r.event.type === "ready");
    const replayed = resumed.received
      .filter((r) => r.event.type === "message.created")
      .map((r) => (r.event.type === "message.created" ? r.event.message.id : ""));
    expect(replayed).toEqual(missed.ids);
    expect(durable(resumed.received).map((r) => r.id)).toEqual(
      (await logAfter(instructor, lastEventId)).map((e) => e.id),
    );
    await resumed.close();
  }, 60_000);

  it("two processes writing to one user's stream at once: every event once, in id order", async () => {
    const instructor = await createTestUser(rt, { role: "instructor" });
    const a = await createTestUser(rt, { role: "student" });
    const b = await createTestUser(rt, { role: "student" });
    const ca = (await (await callerFor(rt, a)).conversations.start({ otherUserId: instructor.id })).conversation.id;
    const cb = (await (await callerFor(rt, b)).conversations.start({ otherUserId: instructor.id })).conversation.id;
    const sub = await subscribe(rt, instructor);
    await sub.until((r) => r.event.type === "ready");
    const apiB = await callerFor(rt, b);
    const local: string[] = [];
    const [remote] = await Promise.all([
      peer(a, [ca], 20),
      (async () => {
        for (let n = 0; n < 20; n++)
          local.push((await apiB.conversations.send({ conversationId: cb, clientId: cid(), body: `b${n}` })).id);
      })(),
    ]);
    for (const id of [...remote.ids, ...local]) await sub.until(isMessage(id), 10_000);
    const ids = durable(sub.received).map((r) => r.id);
    expect(ids).toEqual([...new Set(ids)].sort());
    expect(sub.received.filter((r) => r.event.type === "message.created")).toHaveLength(40);
    await sub.close();
  }, 60_000);
});
