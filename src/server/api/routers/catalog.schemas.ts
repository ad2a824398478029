import { z } from "zod";
import { ZId } from "~/server/api/zod";

export { ZId };
export const ZSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "Invalid slug" })
  .max(80);

export const ZSubjectInput = z.object({ slug: ZSlug });

export const ZSubjectView = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  instructorCount: z.number().int(),
});
export const ZCategoryView = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  instructorCount: z.number().int(),
  subjects: z.array(ZSubjectView),
});
export const ZSubjectDetailView = ZSubjectView.extend({
  aliases: z.array(z.string()),
  category: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
});

const ZRegionFields = {
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  lat: z.number(),
  lng: z.number(),
};
export const ZNeighbourhoodView = z.object({ ...ZRegionFields, kind: z.literal("neighbourhood") });
export const ZBoroughView = z.object({
  ...ZRegionFields,
  kind: z.literal("borough"),
  neighbourhoods: z.array(ZNeighbourhoodView),
});

export type TCategoryView = z.infer<typeof ZCategoryView>;
export type TSubjectDetailView = z.infer<typeof ZSubjectDetailView>;
export type TBoroughView = z.infer<typeof ZBoroughView>;
