/**
 * HTTP glue shared by the upload route handlers (not a route itself): domain errors → status codes in the
 * same terms as the tRPC error formatter, and a body reader that stops at a byte cap.
 */
import { newId } from "~/lib/ids";
import { DomainError, RateLimitedError, ValidationError } from "~/server/errors";
import { logger } from "~/server/logger";

const STATUS_OF: Record<DomainError["kind"], number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};
const CODE_OF: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
};

export function errorResponse(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers: HeadersInit = {},
): Response {
  return Response.json({ error: { message, code: CODE_OF[status] ?? "ERROR", ...extra } }, { status, headers });
}

/** A thrown error as a response: domain errors with their message, anything else as a generic 500 with a reference. */
export function responseForError(e: unknown): Response {
  if (e instanceof DomainError) {
    // A file over the size limit is a validation failure in the service, "413 Content Too Large" on the wire.
    const status = e instanceof ValidationError && e.data.reason === "too_large" ? 413 : STATUS_OF[e.kind];
    const fieldErrors = e instanceof ValidationError ? e.fieldErrors : null;
    const headers: HeadersInit = e instanceof RateLimitedError ? { "Retry-After": String(e.retryAfter) } : {};
    return errorResponse(status, e.message, { fieldErrors, details: e.data }, headers);
  }
  const requestId = newId();
  logger.error("upload failed", { requestId, error: e });
  return errorResponse(500, `Something went wrong on our side. Reference: ${requestId}`, { requestId });
}

/** The request body, or null as soon as it exceeds `maxBytes` (so a huge or chunked upload is never buffered whole). */
export async function readBodyCapped(req: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
