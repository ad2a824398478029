/**
 * Domain errors. Services throw these; the tRPC layer maps them to codes in one place
 * (src/server/api/trpc.ts). Messages are written for the end user.
 */
import { errorBrand } from "~/lib/error-brand";

/** Extra JSON-serialisable facts for the client (e.g. retryAfter, the current version of a stale resource). */
export type DomainErrorData = Record<string, unknown>;

type Kind = "not_found" | "conflict" | "forbidden" | "validation" | "rate_limited" | "unauthorized";

/**
 * Services are wired once per runtime (rt.services), by whichever Next bundle opened the runtime first, so an error
 * a service throws may come from another bundle's copy of these classes than the route that maps it: `instanceof`
 * answers by a process-wide brand and the error's `kind` (src/lib/error-brand.ts), not by the class object.
 */
const DOMAIN = errorBrand("DomainError");
const isKind = (value: unknown, kind: Kind) => DOMAIN.test(value) && (value as { kind?: unknown }).kind === kind;

export abstract class DomainError extends Error {
  abstract readonly kind: Kind;
  constructor(
    message: string,
    readonly data: DomainErrorData = {},
  ) {
    super(message);
    this.name = new.target.name;
    DOMAIN.mark(this);
  }
  static [Symbol.hasInstance](value: unknown): boolean {
    return DOMAIN.test(value);
  }
}

export class NotFoundError extends DomainError {
  readonly kind = "not_found";
  static [Symbol.hasInstance](value: unknown): boolean {
    return isKind(value, "not_found");
  }
}
export class ConflictError extends DomainError {
  readonly kind = "conflict";
  static [Symbol.hasInstance](value: unknown): boolean {
    return isKind(value, "conflict");
  }
}
export class ForbiddenError extends DomainError {
  readonly kind = "forbidden";
  static [Symbol.hasInstance](value: unknown): boolean {
    return isKind(value, "forbidden");
  }
}
export class UnauthorizedError extends DomainError {
  readonly kind = "unauthorized";
  static [Symbol.hasInstance](value: unknown): boolean {
    return isKind(value, "unauthorized");
  }
}
export class ValidationError extends DomainError {
  readonly kind = "validation";
  static [Symbol.hasInstance](value: unknown): boolean {
    return isKind(value, "validation");
  }
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
  static [Symbol.hasInstance](value: unknown): boolean {
    return isKind(value, "rate_limited");
  }
  /** Seconds until the caller may try again (sent as Retry-After). */
  readonly retryAfter: number;
  constructor(message: string, retryAfterSeconds: number, data: DomainErrorData = {}) {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    super(message, { ...data, retryAfter });
    this.retryAfter = retryAfter;
  }
}
