import "server-only";
import { cookies, headers } from "next/headers";
import { decode } from "next-auth/jwt";
import { cache } from "react";
import { createCaller } from "~/server/api/root";
import { createContextInner, type SessionClaims } from "~/server/api/trpc";
import { clientIpFromHeaders } from "~/server/api/http";
import { authSecret } from "~/server/config/env";
import { getRuntime } from "~/server/runtime";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

async function sessionClaims(): Promise<SessionClaims> {
  const jar = await cookies();
  const raw = SESSION_COOKIES.map((n) => jar.get(n)?.value).find(Boolean);
  if (!raw) return null;
  const token = await decode({ token: raw, secret: authSecret() }).catch(() => null);
  return token?.sub && typeof token.sv === "number" ? { userId: token.sub, sessionVersion: token.sv } : null;
}

/** A tRPC caller for Server Components, with the request's session; one context per request. */
export const serverApi = cache(async () => {
  const [session, h, rt] = await Promise.all([sessionClaims(), headers(), getRuntime()]);
  const ip = clientIpFromHeaders(h);
  return createCaller(await createContextInner({ rt, session, ip }));
});
