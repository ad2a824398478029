import type { UserRepository } from "~/server/repositories/users";
import type { SessionRepository } from "~/server/repositories/sessions";
import { permissionsOf, type Permission } from "~/server/auth/permissions";
import type { Role } from "~/server/db/schema";
import type { EventPublisher } from "~/server/events/publisher";
import { publishSecurityNotice } from "~/server/services/notifications/security-notices";

/** The person behind a request, with what they may do. */
export type Actor = {
  userId: string;
  role: Role;
  permissions: ReadonlySet<Permission>;
  twoFactorEnabled: boolean;
  timeZone: string;
  /** Whether the account's email address is verified (booking needs it); absent for actors built by jobs. */
  emailVerified?: boolean;
  /** The server-side session this request rides on (null for actors not built from a session, e.g. jobs). */
  sessionId?: string | null;
};

/** What a session token proves once its signature and expiry have been checked. */
export type SessionClaimsInput = { userId: string; sessionVersion: number; sid: string };

/** How stale a session's last-seen time may get before a request refreshes it (keeps reads write-free). */
export const SESSION_TOUCH_SECONDS = 5 * 60;
const USER_AGENT_MAX = 200;

type Deps = {
  users: UserRepository;
  sessions: SessionRepository;
  hashIp: (ip: string) => string;
  /** Publishes the "new sign-in from a new device" security notice. */
  events?: EventPublisher;
  now?: () => Date;
};

/** Sessions: started at sign-in, checked on every request, revoked at sign-out. */
export function createSessionService({ users, sessions, hashIp, events, now = () => new Date() }: Deps) {
  return {
    /** Records a new sign-in and returns its session id (the JWT's `sid`). */
    async start(input: { userId: string; ip: string | null; userAgent: string | null }): Promise<string> {
      const userAgent = input.userAgent ? input.userAgent.slice(0, USER_AGENT_MAX) : null;
      // A known account on a device it never used before gets a security notice (not the very first sign-in).
      const history = events ? await sessions.deviceHistory(input.userId, userAgent) : null;
      const row = await sessions.insert({
        userId: input.userId,
        ipHash: input.ip ? hashIp(input.ip) : null,
        userAgent,
      });
      if (events && history?.anySession && !history.sameDevice)
        await publishSecurityNotice(events, {
          userId: input.userId,
          kind: "new_sign_in",
          at: now(),
          device: userAgent ? userAgent.slice(0, 120) : "Unknown device",
          key: row.id,
        });
      return row.id;
    },

    /**
     * Turns session claims into an actor. Refuses (null) a token whose session is unknown, revoked or someone
     * else's, a suspended/deleted user, and an older session version (password, 2FA or suspension changes).
     * No cache: a revocation takes effect on the very next request in every process.
     */
    async resolveActor(claims: SessionClaimsInput | null): Promise<Actor | null> {
      if (!claims?.sid) return null;
      const [u, session] = await Promise.all([
        users.findById(claims.userId),
        sessions.findLive(claims.sid, claims.userId),
      ]);
      if (!session || !u || u.status !== "active" || u.sessionVersion !== claims.sessionVersion) return null;
      if (Date.now() - session.lastSeenAt.getTime() > SESSION_TOUCH_SECONDS * 1000)
        await sessions.touch(session.id, SESSION_TOUCH_SECONDS);
      return {
        userId: u.id,
        role: u.role,
        permissions: permissionsOf(u.role),
        twoFactorEnabled: Boolean(u.totpEnabledAt),
        timeZone: u.timeZone,
        emailVerified: Boolean(u.emailVerifiedAt),
        sessionId: session.id,
      };
    },

    /** Ends one session on the server (sign-out). Unknown or already-revoked ids are a no-op. */
    async revoke(sid: string): Promise<void> {
      await sessions.revoke(sid);
    },
  };
}
export type SessionService = ReturnType<typeof createSessionService>;
