import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authSecret } from "~/server/config/env";
import { clientIpFromHeaders } from "~/server/api/http";
import { getRuntime } from "~/server/runtime";
import type { Role } from "~/server/db/schema";

declare module "next-auth" {
  interface User {
    role: Role;
    sv: number;
    /** Server-side session id (row in `sessions`). */
    sid: string;
  }
  interface Session {
    user: { id: string; role: Role };
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    sv?: number;
    sid?: string;
  }
}

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * Sessions are next-auth JWTs in HttpOnly, SameSite=Lax cookies, each naming a server-side session row (`sid`) so
 * sign-out, password/2FA changes and suspension end it on the server too. The credentials provider only redeems a
 * single-use login ticket: the password, CAPTCHA, lockout and 2FA checks all happen earlier in the auth service
 * (tRPC `auth.login`), where errors can carry codes and Retry-After.
 */
export const authOptions: NextAuthOptions = {
  // Read per request, never while the module is evaluated: `next build` must not generate or bake a secret.
  get secret() {
    return authSecret();
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      id: "ticket",
      name: "Login ticket",
      credentials: { ticket: { label: "Ticket", type: "text" } },
      async authorize(credentials, req) {
        const services = (await getRuntime()).services;
        const claims = await services.auth.redeemTicket(credentials?.ticket ?? "");
        if (!claims) return null;
        const headers = new Headers();
        for (const [k, v] of Object.entries((req.headers ?? {}) as Record<string, unknown>))
          if (typeof v === "string") headers.set(k, v);
        const sid = await services.session.start({
          userId: claims.userId,
          ip: clientIpFromHeaders(headers),
          userAgent: headers.get("user-agent"),
        });
        return { id: claims.userId, role: claims.role, sv: claims.sessionVersion, sid };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        token.sv = user.sv;
        token.sid = user.sid;
      }
      return token;
    },
    session({ session, token }) {
      session.user = { id: token.sub ?? "", role: token.role ?? "student" };
      return session;
    },
  },
  events: {
    /** next-auth's sign-out route calls this with the cookie's decoded token before clearing it: end that session. */
    async signOut({ token }) {
      const sid = (token as { sid?: unknown } | null)?.sid;
      if (typeof sid === "string" && sid) await (await getRuntime()).services.session.revoke(sid);
    },
  },
};
