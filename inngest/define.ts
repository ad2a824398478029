import type { InngestFunction } from "inngest";
import type { EventName } from "~/server/events/catalog";
import type { FunctionSpec, Steps } from "~/server/events/functions";
import { inngest } from "./client";
import { functionServices } from "./services";

export type { FunctionHandler, FunctionSpec, Steps } from "~/server/events/functions";

/**
 * A defined function: the Inngest function for `serve()` and its spec for the durable runner. Any one function is
 * a `DefinedFunction` (the default, every event): see `FunctionSpec.handler`.
 */
export type DefinedFunction<N extends EventName = EventName> = { fn: InngestFunction.Any; spec: FunctionSpec<N> };

/**
 * Defines an Inngest function once and keeps its handler, so the embedded default can dispatch the very
 * same function in-process when no Inngest server is configured.
 */
export function defineFunction<N extends EventName>(spec: FunctionSpec<N>): DefinedFunction<N> {
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
