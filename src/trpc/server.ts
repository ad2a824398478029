import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { createCaller, type AppRouter } from "~/server/api/root";
import { createContextInner, type SessionClaims } from "~/server/api/trpc";
import { clientIpFromHeaders } from "~/server/api/http";
import { SESSION_COOKIES, claimsFromCookieValue } from "~/server/auth/session-token";
import { getRuntime } from "~/server/runtime";
import { makeQueryClient } from "./query-client";

async function sessionClaims(): Promise<SessionClaims> {
  const jar = await cookies();
  const raw = SESSION_COOKIES.map((n) => jar.get(n)?.value).find(Boolean);
  return claimsFromCookieValue(raw);
}

/** The request's tRPC context (its session and IP), made once per request. */
const requestContext = cache(async () => {
  const [session, h, rt] = await Promise.all([sessionClaims(), headers(), getRuntime()]);
  const ip = clientIpFromHeaders(h);
  return createContextInner({ rt, session, ip });
});

/** A tRPC caller for Server Components, with the request's session; one context per request. */
export const serverApi = cache(async () => createCaller(await requestContext()));

/** One query client per server request: what the page prefetches, HydrateClient hands to the client components. */
const getQueryClient = cache(makeQueryClient);

/**
 * Prefetching for Server Components (the create-t3-app pattern): `await prefetch.x.y.prefetch(input)` (or
 * `prefetchInfinite`) fills the request's query client with exactly the key the client component's `useQuery`
 * uses, and `<HydrateClient>` around those components gives them the data on first paint (no loading state,
 * no second request).
 */
export const { trpc: prefetch, HydrateClient } = createHydrationHelpers<AppRouter>(
  createCaller(requestContext),
  getQueryClient,
);
