import type { DbOrTx } from "~/server/db/client";
import type { AuditRepository } from "~/server/repositories/audit";
import type { Actor } from "~/server/services/auth/session-service";

/** Who did an admin action, from where (the IP only as a keyed hash). */
export type AdminCall = { actor: Actor; ip: string };

/**
 * The one audit row of an admin mutation: what it acted on, the record before and after, and any note. Written
 * in the mutation's transaction when there is one, so the action and its record commit together.
 */
export function adminAudit(audit: AuditRepository, hashIp: (ip: string) => string) {
  return (
    call: AdminCall,
    e: {
      action: string;
      targetType: string;
      targetId: string;
      before: unknown;
      after: unknown;
      note?: string | null;
      extra?: Record<string, unknown>;
    },
    tx?: DbOrTx,
  ) =>
    audit.record(
      {
        actorId: call.actor.userId,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId,
        data: { before: e.before ?? null, after: e.after ?? null, ...(e.note ? { note: e.note } : {}), ...e.extra },
        ipHash: hashIp(call.ip),
      },
      tx,
    );
}
export type AdminAuditWriter = ReturnType<typeof adminAudit>;
