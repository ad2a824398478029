import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { createCaller } from "~/server/api/root";
import { createContextInner, type SessionClaims } from "~/server/api/trpc";
import { clientIpFromHeaders } from "~/server/api/http";
import { SESSION_COOKIES, claimsFromCookieValue } from "~/server/auth/session-token";
import { getRuntime } from "~/server/runtime";

async function sessionClaims(): Promise<SessionClaims> {
  const jar = await cookies();
  const raw = SESSION_COOKIES.map((n) => jar.get(n)?.value).find(Boolean);
  return claimsFromCookieValue(raw);
}

/** A tRPC caller for Server Components, with the request's session; one context per request. */
export const serverApi = cache(async () => {
  const [session, h, rt] = await Promise.all([sessionClaims(), headers(), getRuntime()]);
  const ip = clientIpFromHeaders(h);
  return createCaller(await createContextInner({ rt, session, ip }));
});
