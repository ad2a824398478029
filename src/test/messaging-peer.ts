/**
 * A second server process for the two-process messaging tests and bench: opens its own runtime on the same
 * PostgreSQL database and Redis (same key prefix), sends messages, prints their ids and timings as one JSON line,
 * and exits. Usage: node --import tsx src/test/messaging-peer.ts '<json args>'.
 */
import { newId } from "~/lib/ids";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { createRuntime } from "~/server/runtime";
import { timeTag } from "./messaging-fixtures";
import { sessionFor } from "./sessions";

type Sender = { userId: string; sessionVersion: number; conversationId: string };
type Args = {
  databaseUrl: string;
  redisUrl: string;
  namespace: string;
  /** Round-robin over these (user, conversation) pairs. */
  senders: Sender[];
  count: number;
  /** Pause between sends (ms). */
  gapMs?: number;
  /** Body prefix; the message's index and send time (`timeTag`) follow, so a receiver can time delivery. */
  prefix?: string;
};

const args = JSON.parse(process.argv[2] ?? "{}") as Args;
const rt = await createRuntime({
  databaseUrl: args.databaseUrl,
  redisUrl: args.redisUrl,
  namespace: args.namespace,
  localEvents: true,
});
const callers = new Map<string, ReturnType<typeof createCaller>>();
async function callerOf(s: Sender) {
  let c = callers.get(s.userId);
  if (!c)
    callers.set(
      s.userId,
      (c = createCaller(
        await createContextInner({
          rt,
          session: await sessionFor(rt, { id: s.userId, sessionVersion: s.sessionVersion }),
        }),
      )),
    );
  return c;
}
const ids: string[] = [];
const sendMs: number[] = [];
for (let n = 0; n < args.count; n++) {
  const sender = args.senders[n % args.senders.length]!;
  const api = await callerOf(sender);
  const at = performance.timeOrigin + performance.now();
  const m = await api.conversations.send({
    conversationId: sender.conversationId,
    clientId: newId(),
    body: `${args.prefix ?? "peer"}|${n}|${timeTag(at)}`,
  });
  sendMs.push(performance.timeOrigin + performance.now() - at);
  ids.push(m.id);
  if (args.gapMs) await new Promise((r) => setTimeout(r, args.gapMs));
}
process.stdout.write(`${JSON.stringify({ ids, sendMs })}\n`);
await rt.close();
process.exit(0);
