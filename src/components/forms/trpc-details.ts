import { TRPCClientError } from "@trpc/client";

/**
 * A structured value from a tRPC error's `data.details` (e.g. the `current` week a stale save gets back).
 * `toApiError` keeps only scalar details; this reads objects too.
 */
export function errorDetail<T>(err: unknown, key: string): T | null {
  if (!(err instanceof TRPCClientError)) return null;
  const details = (err.data as { details?: Record<string, unknown> | null } | null | undefined)?.details;
  const v = details?.[key];
  return v === undefined || v === null ? null : (v as T);
}

export function errorCode(err: unknown): string | null {
  if (!(err instanceof TRPCClientError)) return null;
  const code = (err.data as { code?: unknown } | null | undefined)?.code;
  return typeof code === "string" ? code : null;
}
