import type { Redis } from "ioredis";
import { logger } from "~/server/logger";

export type BusListener = (message: string) => void;

/** One listener's failure must neither crash the process nor starve the other listeners. */
function deliver(listener: BusListener, message: string, channel: string) {
  try {
    listener(message);
  } catch (error) {
    logger.error("bus listener failed", { channel, error });
  }
}

/**
 * Publish/subscribe across server processes. Publish after the transaction commits.
 * The Redis bus holds ONE subscriber connection per process and multiplexes it to in-memory listeners.
 */
export type EventBus = {
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once the subscription is active, so callers can catch up from the database afterwards without a gap. */
  subscribe(channel: string, listener: BusListener): Promise<() => void>;
  close(): Promise<void>;
};

export function createMemoryBus(): EventBus {
  const listeners = new Map<string, Set<BusListener>>();
  return {
    async publish(channel, message) {
      // Deliver asynchronously like Redis would, never inside the publisher's stack.
      for (const l of [...(listeners.get(channel) ?? [])]) queueMicrotask(() => deliver(l, message, channel));
    },
    async subscribe(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(channel);
      };
    },
    async close() {
      listeners.clear();
    },
  };
}

export function createRedisBus(publisher: Redis, subscriber: Redis, namespace: string): EventBus {
  const listeners = new Map<string, Set<BusListener>>();
  const pending = new Map<string, Promise<unknown>>();
  subscriber.on("message", (raw: string, message: string) => {
    const channel = raw.slice(namespace.length);
    for (const l of [...(listeners.get(channel) ?? [])]) deliver(l, message, channel);
  });
  return {
    async publish(channel, message) {
      await publisher.publish(namespace + channel, message);
    },
    async subscribe(channel, listener) {
      let set = listeners.get(channel);
      if (!set) {
        listeners.set(channel, (set = new Set()));
        pending.set(channel, subscriber.subscribe(namespace + channel));
      }
      set.add(listener);
      await pending.get(channel);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(channel) === set) {
          listeners.delete(channel);
          pending.delete(channel);
          void subscriber.unsubscribe(namespace + channel);
        }
      };
    },
    async close() {
      listeners.clear();
      subscriber.disconnect();
    },
  };
}
