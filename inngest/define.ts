import type { EventName, EventData } from "~/server/events/catalog";
import type { Services } from "~/server/services";
import { inngest } from "./client";
import { functionServices } from "./services";

/**
 * The subset of Inngest's step tools our functions use; the durable runner of the embedded default implements
 * the same. Step results are JSON (a Date comes back as an ISO string), on Inngest and locally alike.
 */
export type Steps = {
  run<T>(id: string, fn: () => Promise<T> | T): Promise<T>;
  /** Waits a duration (ms, or "30s" / "5m" / "1h"). Prefer `sleepUntil` with a time computed inside a step. */
  sleep(id: string, duration: string | number): Promise<void>;
  /** Waits until a point in time (a Date or an ISO string); a time in the past continues at once. */
  sleepUntil(id: string, at: Date | string): Promise<void>;
};

export type FunctionHandler<N extends EventName> = (args: {
  event: { name: N; data: EventData<N>; id?: string };
  step: Steps;
  /** Services of the runtime that runs the function (process runtime on Inngest; the engine's own locally). */
  services: Services;
}) => Promise<unknown>;

export type FunctionSpec<N extends EventName> = {
  id: string;
  event: N;
  retries?: 0 | 1 | 2 | 3 | 4 | 5;
  /**
   * Also runs on this schedule (five-field cron, UTC), as a run of `event` with `{ scheduledAt }`: on Inngest a
   * cron trigger beside the event trigger; locally the durable runner fires it (once across processes).
   */
  cron?: string;
  /** Cancels a sleeping run when this event arrives with the same value at `match` (e.g. a read receipt). */
  cancelOn?: { event: EventName; match: string }[];
  handler: FunctionHandler<N>;
};

/**
 * Defines an Inngest function once and keeps its handler, so the embedded default can dispatch the very
 * same function in-process when no Inngest server is configured.
 */
export function defineFunction<N extends EventName>(spec: FunctionSpec<N>) {
  const fn = inngest.createFunction(
    {
      id: spec.id,
      retries: spec.retries ?? 3,
      triggers: spec.cron ? [{ event: spec.event }, { cron: spec.cron }] : [{ event: spec.event }],
      ...(spec.cancelOn ? { cancelOn: spec.cancelOn.map((c) => ({ event: c.event, match: c.match })) } : {}),
    },
    // Inngest's step tools are a superset of Steps.
    async ({ event, step }) =>
      spec.handler({ event: event as never, step: step as unknown as Steps, services: await functionServices() }),
  );
  return { fn, spec };
}
export type DefinedFunction = ReturnType<typeof defineFunction<EventName>>;
