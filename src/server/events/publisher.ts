import type { DomainEvent } from "./catalog";
import { EVENT_SCHEMAS } from "./catalog";

/** The event-publishing port: Inngest in production, in-process dispatch in the embedded default. */
export type EventPublisher = {
  readonly kind: "inngest" | "local";
  publish(events: DomainEvent | DomainEvent[]): Promise<void>;
};

/** Validates payloads so a malformed event fails where it is published, not in a background job. */
export function validateEvents(events: DomainEvent | DomainEvent[]): DomainEvent[] {
  const list = Array.isArray(events) ? events : [events];
  for (const e of list) EVENT_SCHEMAS[e.name].parse(e.data);
  return list;
}
