"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/**
 * The zone to show times in: the signed-in person's zone when known, else the browser's. Null during the
 * server render and hydration when it depends on the browser (callers render a placeholder then).
 */
export function useViewerZone(preferred: string | null | undefined): string | null {
  const browser = useSyncExternalStore(subscribe, browserZone, () => null);
  return preferred ?? browser;
}
