import type { SessionClaims } from "~/server/api/trpc";
import type { Runtime } from "~/server/runtime";

/**
 * Signs a user in for tests without the HTTP dance: a real server-side session row, and the claims a session
 * JWT for it would carry. (Every session needs its row: a token naming an unknown session is signed out.)
 */
export async function sessionFor(
  rt: Runtime,
  user: { id: string; sessionVersion: number },
  ip = "203.0.113.7",
): Promise<NonNullable<SessionClaims>> {
  const sid = await rt.services.session.start({ userId: user.id, ip, userAgent: "test" });
  return { userId: user.id, sessionVersion: user.sessionVersion, sid };
}

/** The actor a signed-in request of this user resolves to (throws if the account can't sign in). */
export async function actorFor(rt: Runtime, user: { id: string; sessionVersion: number }) {
  const actor = await rt.services.session.resolveActor(await sessionFor(rt, user));
  if (!actor) throw new Error(`no actor for user ${user.id}`);
  return actor;
}
