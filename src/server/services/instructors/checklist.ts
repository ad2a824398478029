import type { BackgroundCheckStatus } from "~/server/integrations/background-check";

export type ChecklistKey =
  | "service"
  | "availability"
  | "background_check"
  | "payouts"
  | "headline"
  | "bio"
  | "photo"
  | "service_area"
  | "teaching_address";
export type ChecklistItem = { key: ChecklistKey; label: string; done: boolean; required: boolean };
export type Checklist = { listed: boolean; items: ChecklistItem[] };

export type ChecklistFacts = {
  accountActive: boolean;
  activeServices: number;
  hasAvailabilitySoon: boolean;
  backgroundCheck: BackgroundCheckStatus;
  payoutsActive: boolean;
  headline: string;
  bio: string;
  hasPhoto: boolean;
  serviceAreas: number;
  offersAtLocation: boolean;
  hasTeachingAddress: boolean;
};

/** A bio shorter than this is nudged (students read bios before booking). */
export const BIO_NUDGE_MIN_CHARS = 80;

/**
 * What a profile still needs (PRODUCT.md §2). Required items decide listing: an active service, availability
 * in the next 30 days, a background check that is passed or pending, and payouts set up. The rest are nudges
 * that make a profile convert better but never block it.
 */
export function computeChecklist(f: ChecklistFacts): Checklist {
  const items: ChecklistItem[] = [
    { key: "service", label: "Add at least one lesson service", done: f.activeServices > 0, required: true },
    { key: "availability", label: "Open some times in the next 30 days", done: f.hasAvailabilitySoon, required: true },
    {
      key: "background_check",
      label:
        f.backgroundCheck === "failed"
          ? "Background check did not pass — contact support"
          : "Background check passed or in progress",
      done: f.backgroundCheck !== "failed",
      required: true,
    },
    { key: "payouts", label: "Set up payouts", done: f.payoutsActive, required: true },
    { key: "headline", label: "Write a headline", done: f.headline.trim().length > 0, required: false },
    {
      key: "bio",
      label: `Write a bio (at least ${BIO_NUDGE_MIN_CHARS} characters)`,
      done: f.bio.trim().length >= BIO_NUDGE_MIN_CHARS,
      required: false,
    },
    { key: "photo", label: "Add a profile photo", done: f.hasPhoto, required: false },
    { key: "service_area", label: "Choose the areas you teach in", done: f.serviceAreas > 0, required: false },
  ];
  if (f.offersAtLocation) {
    items.push({
      key: "teaching_address",
      label: "Add the address where you teach",
      done: f.hasTeachingAddress,
      required: false,
    });
  }
  return { listed: f.accountActive && items.every((i) => !i.required || i.done), items };
}
