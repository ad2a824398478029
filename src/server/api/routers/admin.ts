import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "~/server/api/trpc";
import { ZSetBackgroundCheckInput, ZSetBackgroundCheckResult } from "./instructor.schemas";

/** Admin console procedures. Each requires an admin permission (and therefore 2FA). */
export const adminRouter = createTRPCRouter({
  /** Platform health at a glance; later issues add charts. */
  overview: permissionProcedure("admin:access").query(({ ctx }) => ctx.services.admin.overview()),
  auditLog: permissionProcedure("admin:audit")
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => ctx.services.admin.recentAudit(input.limit)),
  /** Overrides an instructor's background-check status (audit-logged). */
  setBackgroundCheck: permissionProcedure("admin:instructors")
    .input(ZSetBackgroundCheckInput)
    .output(ZSetBackgroundCheckResult)
    .mutation(({ ctx, input }) => ctx.services.instructors.adminSetBackgroundCheck(ctx.actor, input, ctx.ip)),
});
