"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/**
 * False during the server render and hydration, true afterwards. Forms that only work through JavaScript
 * keep their submit button disabled until then, so an early click can never fall back to a native GET
 * submit (which would put the password in the URL).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
