import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "~/server/api/root";

/** What a form needs from a failed tRPC call. */
export type ApiError = {
  /** User-facing message (the server writes these for people). */
  message: string;
  /** tRPC code ("UNAUTHORIZED", "TOO_MANY_REQUESTS", …); null for network failures. */
  code: string | null;
  fieldErrors: Partial<Record<string, string[]>>;
  /** Domain error data, e.g. `{ reason: "captcha_required", captchaRequired: true, retryAfter: 60 }`. */
  details: Record<string, string | number | boolean | null>;
};

const NETWORK = "We couldn't reach InstaInstru. Check your connection and try again.";

type ErrorData = {
  code?: unknown;
  fieldErrors?: unknown;
  details?: unknown;
};

function asFieldErrors(v: unknown): Partial<Record<string, string[]>> {
  if (!v || typeof v !== "object") return {};
  const out: Partial<Record<string, string[]>> = {};
  for (const [k, list] of Object.entries(v)) {
    if (Array.isArray(list)) out[k] = list.filter((m): m is string => typeof m === "string");
  }
  return out;
}

function asDetails(v: unknown): ApiError["details"] {
  if (!v || typeof v !== "object") return {};
  const out: ApiError["details"] = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x === null || typeof x === "string" || typeof x === "number" || typeof x === "boolean") out[k] = x;
  }
  return out;
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof TRPCClientError) {
    const data = (err as TRPCClientError<AppRouter>).data as ErrorData | undefined | null;
    if (!data) return { message: NETWORK, code: null, fieldErrors: {}, details: {} };
    const fieldErrors = asFieldErrors(data.fieldErrors);
    const code = typeof data.code === "string" ? data.code : null;
    // The server sends one sentence for people (validation: "Please check the highlighted fields.") and the
    // per-field messages separately; anything else (a proxy's 413 page) falls back to a generic line.
    const message =
      err.message && !err.message.trimStart().startsWith("[") && !err.message.trimStart().startsWith("{")
        ? err.message
        : "Please check what you entered and try again.";
    return { message, code, fieldErrors, details: asDetails(data.details) };
  }
  return {
    message: err instanceof Error && err.message ? err.message : NETWORK,
    code: null,
    fieldErrors: {},
    details: {},
  };
}

export function detailString(e: ApiError, key: string): string | null {
  const v = e.details[key];
  return typeof v === "string" ? v : null;
}

export function detailNumber(e: ApiError, key: string): number | null {
  const v = e.details[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
