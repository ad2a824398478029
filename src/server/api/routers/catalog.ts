import { z } from "zod";
import { createTRPCRouter, publicProcedure } from "~/server/api/trpc";
import { ZBoroughView, ZCategoryView, ZSubjectDetailView, ZSubjectInput } from "./catalog.schemas";

/** The public catalog and gazetteer (cached for 5 minutes). */
export const catalogRouter = createTRPCRouter({
  /** Categories with their subjects and counts of listed instructors. */
  categories: publicProcedure.output(z.array(ZCategoryView)).query(({ ctx }) => ctx.services.catalog.categories()),
  subject: publicProcedure
    .input(ZSubjectInput)
    .output(ZSubjectDetailView)
    .query(({ ctx, input }) => ctx.services.catalog.subject(input.slug)),
  /** Boroughs with their neighbourhoods (service-area picker). */
  regions: publicProcedure.output(z.array(ZBoroughView)).query(({ ctx }) => ctx.services.catalog.regions()),
});
