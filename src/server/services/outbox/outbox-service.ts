import type { OutboxRepository, OutboxRow } from "~/server/repositories/outbox";
import type { Actor } from "~/server/services/auth/session-service";
import { NotFoundError, UnauthorizedError } from "~/server/errors";

/** Most messages the outbox page shows. */
export const OUTBOX_PAGE_SIZE = 100;

type Deps = {
  outbox: OutboxRepository;
  /**
   * Whether the outbox exists in this deployment: some channel (email or SMS) is the local outbox adapter, and this
   * is development, a test, or a production build explicitly running embedded parts. Decided in the composition root.
   */
  available: boolean;
};

/** The local email/SMS outbox (/dev/outbox): where the embedded default "sends" mail and codes. */
export function createOutboxService({ outbox, available }: Deps) {
  return {
    /** Whether /dev/outbox exists at all here (it 404s otherwise). */
    available,

    /**
     * Messages the actor may read: what was sent to their own email and phones; admins (with 2FA, like every admin
     * permission) see all. Signed-out callers are refused; where real providers send the mail, it does not exist.
     */
    async listFor(actor: Actor | null): Promise<OutboxRow[]> {
      if (!available) throw new NotFoundError("Not found.");
      if (!actor) throw new UnauthorizedError("Please sign in.");
      if (actor.permissions.has("admin:users") && actor.twoFactorEnabled) return outbox.listRecent(OUTBOX_PAGE_SIZE);
      return outbox.listForUser(actor.userId, OUTBOX_PAGE_SIZE);
    },
  };
}
export type OutboxService = ReturnType<typeof createOutboxService>;
