import type { Database } from "~/server/db/client";
import type { AdminOpsRepository } from "~/server/repositories/admin-ops";
import type { InstructorRepository } from "~/server/repositories/instructors";
import type { ModerationRepository } from "~/server/repositories/moderation";
import type { InstructorService } from "~/server/services/instructors/instructor-service";
import type { BackgroundCheckProvider } from "~/server/integrations/background-check";
import { NotFoundError } from "~/server/errors";
import type { AdminAuditWriter, AdminCall } from "./audit-entry";

import { PROFILE_FIELDS, type ProfileField } from "~/server/db/schema";
const kindOf = (f: ProfileField) => `profile_${f}` as const;

/** Admin console — instructors: the verification queue, approve / reject, founding flag, profile moderation. */
export function createAdminInstructors(deps: {
  db: Database;
  repo: AdminOpsRepository;
  instructorsRepo: InstructorRepository;
  moderation: ModerationRepository;
  instructors: InstructorService;
  backgroundChecks: BackgroundCheckProvider;
  audit: AdminAuditWriter;
}) {
  const { db, repo, moderation, audit } = deps;

  async function lockedProfile(tx: Parameters<Parameters<Database["transaction"]>[0]>[0], id: string) {
    const p = await deps.instructorsRepo.lockProfile(tx, id);
    if (!p) throw new NotFoundError("Instructor not found.");
    return p;
  }

  return {
    /** Instructors, pending background checks first; each with its check, payout and listing facts. */
    async list(input: { check?: "pending" | "passed" | "failed"; query?: string; page: number; pageSize: number }) {
      const { rows, total } = await repo.listInstructors({
        check: input.check,
        query: input.query,
        offset: (input.page - 1) * input.pageSize,
        limit: input.pageSize,
      });
      const items = await Promise.all(
        rows.map(async (r) => {
          const p = r.profile;
          // The provider's current answer for a running check (the stored status is what the profile uses).
          const provider =
            p.backgroundCheckRef && p.backgroundCheck === "pending"
              ? await deps.backgroundChecks.status(p.backgroundCheckRef).catch(() => null)
              : null;
          return {
            id: p.userId,
            name: `${r.firstName} ${r.lastName}`,
            email: r.email,
            accountStatus: r.status,
            headline: p.headline,
            bio: p.bio,
            photoUrl: p.photoUrl,
            backgroundCheck: p.backgroundCheck,
            backgroundCheckRef: p.backgroundCheckRef,
            providerResult: provider,
            payoutStatus: p.payoutStatus,
            founding: p.founding,
            activeServices: Number(r.activeServices),
            listed:
              r.status === "active" &&
              Number(r.activeServices) > 0 &&
              p.backgroundCheck !== "failed" &&
              p.payoutStatus === "active",
            hidden: PROFILE_FIELDS.filter((f) => (r.hidden ?? []).includes(kindOf(f))),
            createdAt: p.createdAt,
          };
        }),
      );
      return { items, total, page: input.page, pageSize: input.pageSize };
    },

    /** Approves (check passed) or rejects (failed, with the reason) — one audit row, written by the instructor service. */
    async decide(call: AdminCall, input: { instructorId: string; decision: "approve" | "reject"; reason: string }) {
      return deps.instructors.adminSetBackgroundCheck(
        call.actor,
        {
          instructorId: input.instructorId,
          status: input.decision === "approve" ? "passed" : "failed",
          note: input.reason || undefined,
        },
        call.ip,
      );
    },

    /** Sets the founding flag (8 % fee for life, PRODUCT.md §5). */
    async setFounding(call: AdminCall, input: { instructorId: string; founding: boolean }) {
      return db.transaction(async (tx) => {
        const before = await lockedProfile(tx, input.instructorId);
        await deps.instructorsRepo.updateProfile(input.instructorId, { founding: input.founding }, tx);
        await audit(
          call,
          {
            action: "admin.instructor.founding",
            targetType: "instructor",
            targetId: input.instructorId,
            before: { founding: before.founding },
            after: { founding: input.founding },
          },
          tx,
        );
        return { instructorId: input.instructorId, founding: input.founding };
      });
    },

    /** Hides (or shows again) one field of the public profile; the public profile then omits it. */
    async setProfileFieldHidden(
      call: AdminCall,
      input: { instructorId: string; field: ProfileField; hidden: boolean; reason: string },
    ) {
      return db.transaction(async (tx) => {
        await lockedProfile(tx, input.instructorId);
        const kind = kindOf(input.field);
        const wasHidden = (await moderation.hiddenAmong(kind, [input.instructorId], tx)).has(input.instructorId);
        if (input.hidden)
          await moderation.hide(tx, {
            kind,
            targetId: input.instructorId,
            hiddenBy: call.actor.userId,
            reason: input.reason,
          });
        else await moderation.unhide(tx, kind, input.instructorId);
        await audit(
          call,
          {
            action: input.hidden ? "admin.instructor.hide_field" : "admin.instructor.show_field",
            targetType: "instructor",
            targetId: input.instructorId,
            before: { [input.field]: wasHidden ? "hidden" : "shown" },
            after: { [input.field]: input.hidden ? "hidden" : "shown" },
            note: input.reason,
          },
          tx,
        );
        return { instructorId: input.instructorId, field: input.field, hidden: input.hidden };
      });
    },
  };
}
export type AdminInstructors = ReturnType<typeof createAdminInstructors>;
