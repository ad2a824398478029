/**
 * tRPC setup in three parts: 1. context, 2. initialization (transformer, error formatter),
 * 3. procedure builders (public, authed, permission) with the domain-error mapping and write limits.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { summariseZodError } from "~/server/api/zod";
import { newId } from "~/lib/ids";
import type { Runtime } from "~/server/runtime";
import type { Services } from "~/server/services";
import type { Actor } from "~/server/services/auth/session-service";
import type { Permission } from "~/server/auth/permissions";
import { DomainError, RateLimitedError, ValidationError } from "~/server/errors";
import { hmac } from "~/server/auth/crypto";
import { logger } from "~/server/logger";

/* ───────────────────────── 1. Context ───────────────────────── */

/** What a verified session JWT says: who, at which session version, and which server-side session (`sid`). */
export type SessionClaims = { userId: string; sessionVersion: number; sid: string } | null;

export type Context = {
  rt: Runtime;
  services: Services;
  actor: Actor | null;
  ip: string;
  requestId: string;
  /** Set when the response should carry Retry-After (read by the route handler). */
  responseHeaders: Headers;
};

/** Builds a context without an HTTP request, so tests can use `appRouter.createCaller(ctx)`. */
export async function createContextInner(opts: {
  rt: Runtime;
  session: SessionClaims;
  ip?: string;
  requestId?: string;
}): Promise<Context> {
  // Services are wired once per runtime (clock included); per request there is only the actor and request id.
  const services = opts.rt.services;
  const actor = await services.session.resolveActor(opts.session);
  // A signed-in answer is that person's data: never stored by the browser or a shared cache.
  const responseHeaders = new Headers(actor ? { "Cache-Control": "private, no-store" } : {});
  return {
    rt: opts.rt,
    services,
    actor,
    ip: opts.ip ?? "127.0.0.1",
    requestId: opts.requestId ?? newId(),
    responseHeaders,
  };
}

/* ───────────────────────── 2. Initialization ───────────────────────── */

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Subscriptions (SSE): a ping comment every 10 s keeps proxies from closing idle streams; a stream ends after
  // 5 min and the client reconnects with its lastEventId (resumption is exact); a client that hears nothing —
  // not even a ping — for 25 s reconnects.
  sse: {
    ping: { enabled: true, intervalMs: 10_000 },
    maxDurationMs: 5 * 60_000,
    client: { reconnectAfterInactivityMs: 25_000 },
  },
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const isInternal = error.code === "INTERNAL_SERVER_ERROR";
    if (isInternal) logger.error("unhandled error", { requestId: ctx?.requestId, error: cause ?? error });
    // Input validation: one sentence + per-field messages; the zod issue list never leaves the server.
    const invalid = cause instanceof ZodError ? summariseZodError(cause) : null;
    return {
      message: isInternal
        ? `Something went wrong on our side. Reference: ${ctx?.requestId ?? "n/a"}`
        : (invalid?.message ?? shape.message),
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        // Never a stack trace or SQL for clients.
        fieldErrors: invalid?.fieldErrors ?? (cause instanceof ValidationError ? cause.fieldErrors : null),
        formErrors: invalid?.formErrors ?? null,
        details: cause instanceof DomainError ? cause.data : null,
        requestId: ctx?.requestId ?? null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/* ───────────────────────── 3. Procedures ───────────────────────── */

const CODE_OF: Record<DomainError["kind"], TRPCError["code"]> = {
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  forbidden: "FORBIDDEN",
  validation: "BAD_REQUEST",
  rate_limited: "TOO_MANY_REQUESTS",
  unauthorized: "UNAUTHORIZED",
};

/** The one place domain errors become tRPC errors. */
const domainErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    if (cause instanceof RateLimitedError) ctx.responseHeaders.set("Retry-After", String(cause.retryAfter));
    throw new TRPCError({ code: CODE_OF[cause.kind], message: cause.message, cause });
  }
  return result;
});

/** Writes per minute per signed-in user (or per IP when signed out), across all mutations. */
export const WRITE_LIMIT = { name: "writes", points: 120, durationSeconds: 60 };

const writeLimit = t.middleware(async ({ ctx, type, next }) => {
  if (type === "mutation") {
    const key = ctx.actor?.userId ?? hmac(ctx.rt.secret, ctx.ip);
    const r = await ctx.rt.limiters(WRITE_LIMIT).consume(key);
    if (!r.ok) throw new RateLimitedError("You're doing that too often. Please slow down.", r.retryAfterSeconds);
  }
  return next();
});

export const publicProcedure = t.procedure.use(domainErrors).use(writeLimit);

/**
 * Expensive reads (search, slot computation) spend points from one budget per signed-in user, or per client
 * address when signed out: a search costs more than an autocomplete. Past the budget: TOO_MANY_REQUESTS with
 * Retry-After, before any work runs.
 */
export const QUERY_COST_BUDGET = { name: "query-cost", points: 240, durationSeconds: 60 };
export const QUERY_COST = { search: 4, slots: 2, suggest: 1 } as const;

export const costLimited = (points: number) =>
  t.middleware(async ({ ctx, next }) => {
    const key = ctx.actor?.userId ?? hmac(ctx.rt.secret, ctx.ip);
    const r = await ctx.rt.limiters(QUERY_COST_BUDGET).consume(key, points);
    if (!r.ok)
      throw new RateLimitedError("Too many searches in a short time. Please wait a moment.", r.retryAfterSeconds, {
        reason: "query_budget",
      });
    return next();
  });

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/** Requires a named permission. Admin permissions additionally require 2FA to be on. */
export const permissionProcedure = (permission: Permission) =>
  authedProcedure.use(({ ctx, next }) => {
    if (!ctx.actor.permissions.has(permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "You don't have permission to do that." });
    }
    if (permission.startsWith("admin:") && !ctx.actor.twoFactorEnabled) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Turn on two-factor authentication to use admin tools." });
    }
    return next();
  });
