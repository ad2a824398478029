import type { DomainEvent, EventName } from "./catalog";
import type { EventPublisher } from "./publisher";
import { validateEvents } from "./publisher";
import type { FunctionSpec, Steps } from "../../../inngest/define";
import { logger } from "~/server/logger";
import type { Services } from "~/server/services";

const MAX_LOCAL_SLEEP_MS = 24 * 60 * 60 * 1000;

function toMs(d: string | number): number {
  if (typeof d === "number") return d;
  const m = /^(\d+)\s*(ms|s|m|h|d)$/.exec(d.trim());
  if (!m) throw new Error(`Unsupported duration: ${d}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as "ms" | "s" | "m" | "h" | "d"];
  return Number(m[1]) * unit;
}

/**
 * In-process stand-in for the Inngest server (embedded default only): runs the functions subscribed to an
 * event after the publisher's request, memoises step results per run, sleeps with timers (unref'd), honours
 * cancelOn, retries failed runs, and de-duplicates events by id. State lives in memory: a restart forgets
 * pending sleeps — acceptable for development, which is why production uses Inngest.
 */
export type LocalEventEngine = EventPublisher & { idle(): Promise<void> };

export function createLocalEventEngine(specs: FunctionSpec<EventName>[], services: () => Services): LocalEventEngine {
  const seenIds = new Set<string>();
  const running = new Set<Promise<void>>();
  const sleepers = new Set<{ spec: FunctionSpec<EventName>; event: DomainEvent; cancel: () => void }>();

  const valueAt = (obj: unknown, path: string) => path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);

  async function runOnce(spec: FunctionSpec<EventName>, event: DomainEvent) {
    const memo = new Map<string, unknown>();
    let cancelled = false;
    const step: Steps = {
      async run(id, fn) {
        if (memo.has(id)) return memo.get(id) as never;
        const value = await fn();
        memo.set(id, value);
        return value;
      },
      async sleep(_id, duration) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(toMs(duration), MAX_LOCAL_SLEEP_MS));
          timer.unref?.();
          const entry = { spec, event, cancel: () => ((cancelled = true), clearTimeout(timer), sleepers.delete(entry), resolve()) };
          sleepers.add(entry);
        });
        if (cancelled) throw new CancelledRun();
      },
    };
    const attempts = (spec.retries ?? 3) + 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await spec.handler({ event: event, step, services: services() });
        return;
      } catch (e) {
        if (e instanceof CancelledRun) return;
        logger.warn("local function failed", { fn: spec.id, attempt, error: e });
        if (attempt === attempts) logger.error("local function gave up", { fn: spec.id, event: event.name });
      }
    }
  }

  return {
    kind: "local",
    async publish(events) {
      for (const event of validateEvents(events)) {
        if (event.id) {
          if (seenIds.has(event.id)) continue;
          seenIds.add(event.id);
        }
        // cancelOn: wake and cancel sleeping runs this event matches.
        for (const s of [...sleepers]) {
          const rule = s.spec.cancelOn?.find((c) => c.event === event.name);
          if (rule && valueAt(s.event, rule.match) === valueAt(event, rule.match)) s.cancel();
        }
        for (const spec of specs.filter((s) => s.event === event.name)) {
          const p = runOnce(spec, event).finally(() => running.delete(p));
          running.add(p);
        }
      }
    },
    /** Resolves when every run has finished or is sleeping (tests). */
    async idle() {
      while (running.size > sleepers.size) await new Promise((r) => setTimeout(r, 5));
    },
  };
}

class CancelledRun extends Error {}
