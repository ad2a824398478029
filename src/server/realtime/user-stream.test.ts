import { describe, expect, it } from "vitest";
import { createMemoryBus } from "./bus";
import { ZERO_EVENT_ID } from "./event-ids";
import {
  AsyncQueue,
  publishToUsers,
  userChannel,
  userStream,
  type StreamEnvelope,
  type StreamOutput,
} from "./user-stream";

type D = { n: number };
type E = { typing: true };

/** A fake event log: what "the database" has committed for the user. */
function fakeLog() {
  const rows: { id: string; event: D }[] = [];
  let reads = 0;
  return {
    rows,
    get reads() {
      return reads;
    },
    add(n: number) {
      const id = `01J${String(n).padStart(23, "0")}`;
      const prev = rows[rows.length - 1]?.id ?? ZERO_EVENT_ID;
      rows.push({ id, event: { n } });
      return { kind: "durable" as const, id, prev, event: { n } };
    },
    head: async () => rows[rows.length - 1]?.id ?? null,
    since: async (cursor: string, limit: number) => {
      reads++;
      return rows.filter((r) => r.id > cursor).slice(0, limit);
    },
  };
}

async function take<T>(it: AsyncGenerator<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  while (out.length < n) {
    const r = await it.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

const nums = (xs: StreamOutput<D, E>[]) => xs.flatMap((x) => (x.kind === "durable" ? [x.event.n] : []));

describe("userStream", () => {
  it("streams in order, drops duplicates and fills a gap from the log when publishes overtake each other", async () => {
    const bus = createMemoryBus();
    const log = fakeLog();
    const ac = new AbortController();
    const stream = userStream<D, E>({ bus, userId: "u1", head: log.head, since: log.since, signal: ac.signal });
    const [ready] = await take(stream, 1);
    expect(ready).toEqual({ kind: "ready", id: ZERO_EVENT_ID, resumed: false });

    const publish = (env: StreamEnvelope<D, E>) => bus.publish(userChannel("u1"), JSON.stringify(env));
    const e1 = log.add(1);
    const e2 = log.add(2);
    const e3 = log.add(3);
    // e3 arrives first (another process published sooner): the stream reads 1..3 from the log.
    await publish(e3);
    await publish(e1);
    await publish(e2);
    await publish(e2); // a duplicate
    const e4 = log.add(4);
    await publish(e4);
    await publish({ kind: "ephemeral", event: { typing: true } });
    const got = await take(stream, 5);
    expect(nums(got)).toEqual([1, 2, 3, 4]);
    expect(got[4]).toEqual({ kind: "ephemeral", id: e4.id, event: { typing: true } });
    expect(log.reads).toBe(1);
    ac.abort();
    expect((await stream.next()).done).toBe(true);
  });

  it("recovers a lost publish on the next event", async () => {
    const bus = createMemoryBus();
    const log = fakeLog();
    const stream = userStream<D, E>({ bus, userId: "u1", head: log.head, since: log.since });
    await take(stream, 1);
    log.add(1); // committed, but its publish is lost
    const e2 = log.add(2);
    await bus.publish(userChannel("u1"), JSON.stringify(e2));
    expect(nums(await take(stream, 2))).toEqual([1, 2]);
    await stream.return(undefined);
  });

  it("resumes after lastEventId exactly once, including an event committed between subscribe and catch-up", async () => {
    const bus = createMemoryBus();
    const log = fakeLog();
    const first = log.add(1);
    log.add(2);
    let late: ReturnType<typeof log.add> | undefined;
    const stream = userStream<D, E>({
      bus,
      userId: "u1",
      lastEventId: first.id,
      head: log.head,
      since: log.since,
      afterSubscribe: async () => {
        late = log.add(3);
        await bus.publish(userChannel("u1"), JSON.stringify(late));
      },
    });
    const got = await take(stream, 3);
    expect(got.map((g) => g.kind)).toEqual(["durable", "durable", "ready"]);
    expect(nums(got)).toEqual([2, 3]);
    expect(got[2]).toMatchObject({ kind: "ready", resumed: true, id: late!.id });
    const e4 = log.add(4);
    await bus.publish(userChannel("u1"), JSON.stringify(e4));
    expect(nums(await take(stream, 1))).toEqual([4]);
    await stream.return(undefined);
  });

  it("resumes at exactly the latest event: nothing to replay, ready at that id and resumed", async () => {
    const bus = createMemoryBus();
    const log = fakeLog();
    log.add(1);
    const latest = log.add(2);
    const stream = userStream<D, E>({ bus, userId: "u1", lastEventId: latest.id, head: log.head, since: log.since });
    expect(await take(stream, 1)).toEqual([{ kind: "ready", id: latest.id, resumed: true }]);
    expect(log.reads).toBe(1); // it looked for missed events (none), rather than starting fresh
    const e3 = log.add(3);
    await bus.publish(userChannel("u1"), JSON.stringify(e3));
    expect(await take(stream, 1)).toEqual([{ kind: "durable", id: e3.id, event: { n: 3 } }]);
    await stream.return(undefined);
  });

  it("sends resync instead of replaying too much, and ignores ids it never issued", async () => {
    const bus = createMemoryBus();
    const log = fakeLog();
    const start = log.add(0);
    for (let i = 1; i <= 30; i++) log.add(i);
    const stream = userStream<D, E>({
      bus,
      userId: "u1",
      lastEventId: start.id,
      head: log.head,
      since: log.since,
      pageSize: 10,
      maxReplay: 20,
    });
    const got = await take(stream, 22);
    expect(nums(got)).toHaveLength(20);
    expect(got[20]).toEqual({ kind: "resync", id: log.rows[30]!.id });
    expect(got[21]).toMatchObject({ kind: "ready", id: log.rows[30]!.id });
    await stream.return(undefined);

    const future = userStream<D, E>({
      bus,
      userId: "u1",
      lastEventId: "7ZZZZZZZZZZZZZZZZZZZZZZZZZ",
      head: log.head,
      since: log.since,
    });
    expect(await take(future, 1)).toEqual([{ kind: "ready", id: log.rows[30]!.id, resumed: false }]);
    await future.return(undefined);
  });
});

describe("userStream edges", () => {
  it("streams a live event in order without reading the log, ignores foreign messages, and unsubscribes on return", async () => {
    const inner = createMemoryBus();
    let subscribed = 0;
    const bus: typeof inner = {
      ...inner,
      subscribe: async (channel, listener) => {
        expect(channel).toBe("user:u1");
        subscribed++;
        const off = await inner.subscribe(channel, listener);
        return () => {
          subscribed--;
          off();
        };
      },
    };
    const log = fakeLog();
    const stream = userStream<D, E>({ bus, userId: "u1", head: log.head, since: log.since });
    await take(stream, 1);
    expect(subscribed).toBe(1);
    await inner.publish(userChannel("u1"), "not json");
    const e1 = log.add(1);
    await inner.publish(userChannel("u1"), JSON.stringify(e1));
    expect(await take(stream, 1)).toEqual([{ kind: "durable", id: e1.id, event: { n: 1 } }]);
    expect(log.reads).toBe(0); // e1.prev was the cursor: nothing missing, nothing read
    await stream.return(undefined);
    expect(subscribed).toBe(0);
  });

  it("after the queue overflowed, replays the missed events from the log instead of the dropped ones", async () => {
    const bus = createMemoryBus();
    const log = fakeLog();
    const stream = userStream<D, E>({
      bus,
      userId: "u1",
      head: log.head,
      since: log.since,
      pageSize: 20_000,
      maxReplay: 20_000,
    });
    await take(stream, 1);
    // 10,001 events while nobody reads: the queue (10,000) drops what it held and keeps the newest.
    for (let n = 1; n <= 10_001; n++) await bus.publish(userChannel("u1"), JSON.stringify(log.add(n)));
    await new Promise((r) => setTimeout(r, 0));
    const got = await take(stream, 10_001);
    expect(nums(got)).toEqual(Array.from({ length: 10_001 }, (_, i) => i + 1));
    expect(log.reads).toBe(1);
    await stream.return(undefined);
  });

  it("publishToUsers sends each envelope to its user's channel only", async () => {
    const bus = createMemoryBus();
    const seen: [string, string][] = [];
    await bus.subscribe("user:a", (m) => seen.push(["a", m]));
    await bus.subscribe("user:b", (m) => seen.push(["b", m]));
    await publishToUsers<D, E>(bus, [
      { userId: "a", envelope: { kind: "ephemeral", event: { typing: true } } },
      { userId: "b", envelope: { kind: "durable", id: "2", prev: "1", event: { n: 2 } } },
    ]);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen.sort()).toEqual([
      ["a", JSON.stringify({ kind: "ephemeral", event: { typing: true } })],
      ["b", JSON.stringify({ kind: "durable", id: "2", prev: "1", event: { n: 2 } })],
    ]);
  });
});

describe("AsyncQueue", () => {
  it("is FIFO, hands an item straight to a waiting next(), and drops everything held when over its limit", async () => {
    const q = new AsyncQueue<number>(2);
    q.push(1);
    q.push(2);
    expect(q.overflowed).toBe(false);
    expect(await q.next()).toBe(1);
    const waiting = q.next();
    const waiting2 = q.next();
    expect(await waiting).toBe(2);
    q.push(3);
    expect(await waiting2).toBe(3);
    q.push(4);
    q.push(5);
    expect(q.overflowed).toBe(false);
    q.push(6); // over the limit: 4 and 5 are dropped
    expect(q.overflowed).toBe(true);
    expect(await q.next()).toBe(6);
  });

  it("resolves undefined on abort without losing a later item, and ignores pushes once closed", async () => {
    const q = new AsyncQueue<number>();
    const ac = new AbortController();
    const pending = q.next(ac.signal);
    ac.abort();
    expect(await pending).toBeUndefined();
    q.push(7); // the aborted waiter must not swallow it
    expect(await q.next(ac.signal)).toBe(7);
    expect(await q.next(ac.signal)).toBeUndefined(); // aborted and empty
    const live = new AbortController();
    const waiter = q.next(live.signal);
    q.push(8);
    expect(await waiter).toBe(8);
    live.abort(); // after delivery an abort changes nothing
    q.push(9);
    expect(await q.next()).toBe(9);
    const blocked = q.next(); // empty: waits
    q.push(10);
    q.push(11);
    q.close(); // drops what it holds and ends waiters
    expect(await blocked).toBe(10);
    expect(await q.next()).toBeUndefined();
    const afterClose = q.next();
    q.push(12);
    expect(await afterClose).toBeUndefined();
  });
});
