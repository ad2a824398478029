import { randomBytes } from "node:crypto";

export type BackgroundCheckStatus = "pending" | "passed" | "failed";

/**
 * Background-check port. A real provider (Checkr, Sterling, …) runs the check out of band; we keep its
 * reference on the profile and ask for the status when we need it.
 */
export type BackgroundCheckProvider = {
  readonly kind: "local";
  start(instructorId: string): Promise<{ reference: string }>;
  status(reference: string): Promise<BackgroundCheckStatus>;
};

/** How long the local stand-in takes to "clear" a check. */
export const LOCAL_BACKGROUND_CHECK_DELAY_SECONDS = 60;

const LOCAL_REFERENCE = /^local_(\d{13})_([0-9a-f]{16})$/;

/**
 * Local stand-in: every check passes `delaySeconds` after it started. No timers: the start instant is
 * encoded in the reference and the status is computed from it on each call, so restarts lose nothing.
 * An unknown or malformed reference stays pending (as a real provider would for an id it does not know yet).
 */
export function createLocalBackgroundCheck(
  opts: { delaySeconds?: number; outcome?: Exclude<BackgroundCheckStatus, "pending">; now?: () => number } = {},
): BackgroundCheckProvider {
  const delayMs = (opts.delaySeconds ?? LOCAL_BACKGROUND_CHECK_DELAY_SECONDS) * 1000;
  const now = opts.now ?? Date.now;
  const outcome = opts.outcome ?? "passed";
  return {
    kind: "local",
    async start() {
      return { reference: `local_${String(now()).padStart(13, "0")}_${randomBytes(8).toString("hex")}` };
    },
    async status(reference) {
      const m = LOCAL_REFERENCE.exec(reference);
      if (!m) return "pending";
      return now() - Number(m[1]) >= delayMs ? outcome : "pending";
    },
  };
}

/** The provider this deployment uses (only the local stand-in exists until a vendor is chosen). */
export function createBackgroundCheckProvider(opts: { now?: () => number } = {}): BackgroundCheckProvider {
  return createLocalBackgroundCheck({ now: opts.now });
}
