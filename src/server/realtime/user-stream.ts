import type { EventBus } from "./bus";
import { ZERO_EVENT_ID } from "./event-ids";

/**
 * Per-user live streams over the bus (one channel per user: "user:<id>").
 *
 * Durable events carry their log id and `prev`, the id of the event before it in the same user's stream. Ids of
 * one user's stream are assigned under a row lock and commit in id order (see the conversations repository), so a
 * subscriber that receives an event whose `prev` is not the last id it yielded knows exactly that something is
 * missing (Redis pub/sub delivers at most once, and publishes from two processes can overtake each other) and
 * fills the gap from the database. Ephemeral events (typing, counters) are not stored.
 */
export type StreamEnvelope<D, E> =
  | { kind: "durable"; id: string; prev: string; event: D }
  | { kind: "ephemeral"; event: E }
  /** Ends every open stream of the user (sessions revoked, e.g. suspension): clients reconnect and are refused. */
  | { kind: "close" };

export const userChannel = (userId: string) => `user:${userId}`;

/** Publishes after commit. Each envelope goes to one user's channel. */
export async function publishToUsers<D, E>(
  bus: EventBus,
  items: { userId: string; envelope: StreamEnvelope<D, E> }[],
): Promise<void> {
  await Promise.all(items.map((i) => bus.publish(userChannel(i.userId), JSON.stringify(i.envelope))));
}

/** Ends the user's open live streams in every process (after their sessions were revoked). */
export async function closeUserStreams(bus: EventBus, userId: string): Promise<void> {
  await bus.publish(userChannel(userId), JSON.stringify({ kind: "close" } satisfies StreamEnvelope<never, never>));
}

/** Unbounded-until-limit FIFO whose `next` can be abandoned with an AbortSignal. */
export class AsyncQueue<T> {
  private items: T[] = [];
  private waiter: ((v: T | undefined) => void) | null = null;
  private closed = false;
  /** Set when items were dropped because the consumer fell too far behind. */
  overflowed = false;

  constructor(private readonly limit = 10_000) {}

  push(item: T): void {
    if (this.closed) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(item);
      return;
    }
    if (this.items.length >= this.limit) {
      this.items = [];
      this.overflowed = true;
    }
    this.items.push(item);
  }

  /** The next item, or undefined once closed or aborted. */
  next(signal?: AbortSignal): Promise<T | undefined> {
    if (this.items.length) return Promise.resolve(this.items.shift());
    if (this.closed || signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const onAbort = () => {
        this.waiter = null;
        resolve(undefined);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiter = (v) => {
        signal?.removeEventListener("abort", onAbort);
        resolve(v);
      };
    });
  }

  close(): void {
    this.closed = true;
    this.items = [];
    const w = this.waiter;
    this.waiter = null;
    w?.(undefined);
  }
}

export type StreamOutput<D, E> =
  | { kind: "durable"; id: string; event: D }
  /** Carries the cursor (the last durable id) so resuming from it is exact. */
  | { kind: "ephemeral"; id: string; event: E }
  | { kind: "ready"; id: string; resumed: boolean }
  | { kind: "resync"; id: string };

export type UserStreamOptions<D> = {
  bus: EventBus;
  userId: string;
  lastEventId?: string;
  signal?: AbortSignal;
  /** The newest durable id of the user's stream (null: never had one). */
  head(): Promise<string | null>;
  /** Durable events of the user with id > cursor, ascending, at most `limit`. */
  since(cursor: string, limit: number): Promise<{ id: string; event: D }[]>;
  pageSize?: number;
  /** Past this many missed events, send `resync` instead of replaying them. */
  maxReplay?: number;
  /**
   * The oldest cursor the log can still resume from (retention purges older events): an older `lastEventId`
   * starts fresh (`resumed: false`, the client refetches) instead of silently skipping the purged events.
   */
  oldestResumable?: string;
  /** Test hook: runs after subscribing and before catching up (lets a test commit an event in that window). */
  afterSubscribe?: () => Promise<void>;
};

/**
 * Subscribes FIRST (into a queue), THEN catches up from the database after `lastEventId`, THEN streams the queue,
 * skipping ids already yielded and filling gaps from the database: no gap, no duplicate.
 */
export async function* userStream<D, E>(opts: UserStreamOptions<D>): AsyncGenerator<StreamOutput<D, E>> {
  const pageSize = opts.pageSize ?? 200;
  const maxReplay = opts.maxReplay ?? 2_000;
  const queue = new AsyncQueue<StreamEnvelope<D, E>>();
  const unsubscribe = await opts.bus.subscribe(userChannel(opts.userId), (raw) => {
    try {
      queue.push(JSON.parse(raw) as StreamEnvelope<D, E>);
    } catch {
      /* not ours: ignore */
    }
  });
  try {
    await opts.afterSubscribe?.();
    const head = (await opts.head()) ?? ZERO_EVENT_ID;
    // An id the server never issued (or newer than the head) cannot be resumed from: start fresh at the head.
    const resumable =
      opts.lastEventId !== undefined &&
      opts.lastEventId <= head &&
      // (The empty stream's cursor, ZERO_EVENT_ID, is what the server hands a user with no events yet.)
      (opts.oldestResumable === undefined ||
        opts.lastEventId >= opts.oldestResumable ||
        opts.lastEventId === ZERO_EVENT_ID);
    let cursor = resumable ? opts.lastEventId! : head;

    /** Replays durable events after the cursor from the database; false when too many were missed. */
    async function* replay(): AsyncGenerator<StreamOutput<D, E>, boolean> {
      let replayed = 0;
      for (;;) {
        const rows = await opts.since(cursor, pageSize);
        for (const row of rows) {
          yield { kind: "durable", id: row.id, event: row.event };
          cursor = row.id;
        }
        replayed += rows.length;
        if (rows.length < pageSize) return true;
        if (replayed >= maxReplay) return false;
      }
    }

    async function* resync(): AsyncGenerator<StreamOutput<D, E>> {
      cursor = (await opts.head()) ?? cursor;
      yield { kind: "resync", id: cursor };
    }

    if (resumable) {
      if (!(yield* replay())) yield* resync();
    }
    yield { kind: "ready", id: cursor, resumed: resumable };

    while (!opts.signal?.aborted) {
      const envelope = await queue.next(opts.signal);
      if (!envelope || envelope.kind === "close") break;
      if (queue.overflowed) {
        // The consumer fell behind and the queue dropped events: the database has every durable one.
        queue.overflowed = false;
        if (!(yield* replay())) yield* resync();
        continue;
      }
      if (envelope.kind === "ephemeral") {
        yield { kind: "ephemeral", id: cursor, event: envelope.event };
        continue;
      }
      if (envelope.id <= cursor) continue; // already yielded (catch-up or gap fill)
      if (envelope.prev !== cursor) {
        // Something between the cursor and this event has not arrived (yet): it is committed, so read it.
        if (!(yield* replay())) yield* resync();
        continue;
      }
      yield { kind: "durable", id: envelope.id, event: envelope.event };
      cursor = envelope.id;
    }
  } finally {
    unsubscribe();
    queue.close();
  }
}
