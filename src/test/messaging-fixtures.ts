/**
 * Messaging test fixtures: bookings between a pair (for masking and booking context) and a live subscriber
 * driving `conversations.events` through `createCaller` exactly as the SSE handler would.
 */
import { eq } from "drizzle-orm";
import { newId } from "~/lib/ids";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { bookings, categories, instructorServices, subjects, type BookingStatus } from "~/server/db/schema";
import type { Runtime } from "~/server/runtime";
import { sessionFor } from "./sessions";
import type { UserRow } from "~/server/repositories/users";
import type { ConversationEvent } from "~/server/services/messaging/types";

let slot = 0;

/** A booking between the pair (one service per instructor, made on first use), each in its own future hour. */
export async function makeBooking(
  rt: Runtime,
  opts: { studentId: string; instructorId: string; status: BookingStatus; startAt?: Date },
): Promise<string> {
  const db = rt.dbh.db;
  let [svc] = await db
    .select()
    .from(instructorServices)
    .where(eq(instructorServices.instructorId, opts.instructorId))
    .limit(1);
  if (!svc) {
    const tag = newId().toLowerCase();
    const [cat] = await db
      .insert(categories)
      .values({ slug: `cat-${tag}`, name: "Music" })
      .returning();
    const [sub] = await db
      .insert(subjects)
      .values({ categoryId: cat!.id, slug: `sub-${tag}`, name: "Piano" })
      .returning();
    [svc] = await db
      .insert(instructorServices)
      .values({
        instructorId: opts.instructorId,
        subjectId: sub!.id,
        hourlyRateCents: 6000,
        durations: [60],
        locationTypes: ["online"],
        ageGroups: ["adults"],
        levels: ["beginner"],
      })
      .returning();
  }
  const startAt =
    opts.startAt ?? new Date(Date.now() + (3 + ++slot * 2) * 3_600_000 + Math.floor(Math.random() * 1000) * 86_400_000);
  const endAt = new Date(startAt.getTime() + 3_600_000);
  const [b] = await db
    .insert(bookings)
    .values({
      studentId: opts.studentId,
      instructorId: opts.instructorId,
      serviceId: svc!.id,
      startAt,
      endAt,
      blockedUntil: new Date(endAt.getTime() + 15 * 60_000),
      status: opts.status,
      locationType: "online",
      priceCents: 6000,
    })
    .returning();
  return b!.id;
}

export type Received = { id: string; event: ConversationEvent };

/** A live `conversations.events` subscriber: collects what it receives; `until` waits for a matching event. */
export async function subscribe(
  rt: Runtime,
  user: Pick<UserRow, "id" | "sessionVersion">,
  input: { lastEventId?: string } = {},
) {
  const ac = new AbortController();
  const ctx = await createContextInner({ rt, session: await sessionFor(rt, user) });
  const caller = createCaller(ctx, { signal: ac.signal });
  const iterable = await caller.conversations.events(input);
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  const pump = (async () => {
    try {
      for await (const item of iterable) {
        // Through createCaller a tracked item is tRPC's envelope: [id, data, symbol].
        const [id, event] = item as unknown as [string, ConversationEvent];
        received.push({ id, event });
        for (const w of [...waiters]) w();
      }
    } catch (e) {
      // Aborting ends the stream with an AbortError (so SSE clients reconnect rather than complete).
      if ((e as { name?: string }).name !== "AbortError") throw e;
    }
  })().finally(() => {
    ended = true;
    for (const w of [...waiters]) w();
  });

  async function until(pred: (r: Received) => boolean, timeoutMs = 5_000, from = 0): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = received.slice(from).find(pred);
      if (hit) return hit;
      if (ended) throw new Error("subscription ended");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; received: ${JSON.stringify(received.map((r) => r.event.type))}`);
      await new Promise<void>((resolve) => {
        const w = () => {
          waiters.delete(w);
          clearTimeout(t);
          resolve();
        };
        const t = setTimeout(w, left);
        waiters.add(w);
      });
    }
  }

  return {
    received,
    until,
    /** Events of one type, in arrival order. */
    ofType: <T extends ConversationEvent["type"]>(type: T) =>
      received.filter((r) => r.event.type === type) as { id: string; event: Extract<ConversationEvent, { type: T }> }[],
    /** The id a reconnecting client would send: the last tracked id it received. */
    lastId: () => received[received.length - 1]?.id,
    async close() {
      ac.abort();
      await pump;
    },
  };
}
export type Subscriber = Awaited<ReturnType<typeof subscribe>>;

/**
 * An epoch time (ms, sub-ms precision) as letters only, so a timestamp in a message body is never mistaken for a
 * phone number by the masking rule. Used to time delivery across processes.
 */
export function timeTag(epochMs = performance.timeOrigin + performance.now()): string {
  let n = Math.round(epochMs * 1000);
  let out = "";
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return out;
}

export function readTimeTag(tag: string): number {
  let n = 0;
  for (const ch of tag) n = n * 26 + (ch.charCodeAt(0) - 97);
  return n / 1000;
}
