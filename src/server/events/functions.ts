/**
 * The shape of a background function, shared by the durable runner (here, in `src`) and the Inngest definitions
 * (`inngest/define.ts` wraps a spec into an Inngest function; `inngest/` imports `src`, never the other way round).
 */
import type { EventData, EventName } from "./catalog";
import type { Services } from "~/server/services";

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

export type HandlerArgs<N extends EventName> = {
  event: { name: N; data: EventData<N>; id?: string };
  step: Steps;
  /** Services of the runtime that runs the function (process runtime on Inngest; the engine's own locally). */
  services: Services;
};

export type FunctionHandler<N extends EventName> = (args: HandlerArgs<N>) => Promise<unknown>;

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
  /**
   * Declared as a method on purpose: a method's parameter is checked bivariantly, so a spec for one event is a
   * `FunctionSpec<EventName>` and a list of functions needs no cast. The runners hand a handler only events of
   * its own `event` (matched by name, data validated against the catalog).
   */
  handler(args: HandlerArgs<N>): Promise<unknown>;
};

/** Any one function (each keeps its own event type where it is defined). */
export type AnyFunctionSpec = FunctionSpec<EventName>;
