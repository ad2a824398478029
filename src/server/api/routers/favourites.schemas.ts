import { z } from "zod";
import { ZPublicInstructorCard } from "./instructor.schemas";

export { ZInstructorIdInput } from "./instructor.schemas";
export const ZFavouriteCard = ZPublicInstructorCard.extend({ savedAt: z.date() });
export const ZFavouriteAdded = z.object({ instructorId: z.string(), favourite: z.literal(true) });
export const ZFavouriteRemoved = z.object({ instructorId: z.string(), favourite: z.literal(false) });
export type TFavouriteCard = z.infer<typeof ZFavouriteCard>;
