/**
 * Domain errors. Services throw these; the tRPC layer maps them to codes in one place
 * (src/server/api/trpc.ts). Messages are written for the end user.
 */
/** Extra JSON-serialisable facts for the client (e.g. retryAfter, the current version of a stale resource). */
export type DomainErrorData = Record<string, unknown>;

export abstract class DomainError extends Error {
  abstract readonly kind: "not_found" | "conflict" | "forbidden" | "validation" | "rate_limited" | "unauthorized";
  constructor(
    message: string,
    readonly data: DomainErrorData = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly kind = "not_found";
}
export class ConflictError extends DomainError {
  readonly kind = "conflict";
}
export class ForbiddenError extends DomainError {
  readonly kind = "forbidden";
}
export class UnauthorizedError extends DomainError {
  readonly kind = "unauthorized";
}
export class ValidationError extends DomainError {
  readonly kind = "validation";
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
    data: DomainErrorData = {},
  ) {
    super(message, data);
  }
}
export class RateLimitedError extends DomainError {
  readonly kind = "rate_limited";
  /** Seconds until the caller may try again (sent as Retry-After). */
  readonly retryAfter: number;
  constructor(message: string, retryAfterSeconds: number, data: DomainErrorData = {}) {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    super(message, { ...data, retryAfter });
    this.retryAfter = retryAfter;
  }
}
