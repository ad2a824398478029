import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authSecret } from "~/server/config/env";
import { getRuntime } from "~/server/runtime";
import { createServices } from "~/server/services";
import type { Role } from "~/server/db/schema";

declare module "next-auth" {
  interface User {
    role: Role;
    sv: number;
  }
  interface Session {
    user: { id: string; role: Role };
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    sv?: number;
  }
}

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * Sessions are next-auth JWTs in HttpOnly, SameSite=Lax cookies. The credentials provider only redeems a
 * single-use login ticket: the password, CAPTCHA, lockout and 2FA checks all happen earlier in the auth
 * service (tRPC `auth.login`), where errors can carry codes and Retry-After.
 */
export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      id: "ticket",
      name: "Login ticket",
      credentials: { ticket: { label: "Ticket", type: "text" } },
      async authorize(credentials) {
        const rt = await getRuntime();
        const claims = await createServices(rt).auth.redeemTicket(credentials?.ticket ?? "");
        return claims ? { id: claims.userId, role: claims.role, sv: claims.sessionVersion } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        token.sv = user.sv;
      }
      return token;
    },
    session({ session, token }) {
      session.user = { id: token.sub ?? "", role: token.role ?? "student" };
      return session;
    },
  },
};
