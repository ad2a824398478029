import { publicName } from "~/lib/privacy";
import type { InstructorServiceRow } from "~/server/repositories/instructors";
import type { AGE_GROUPS, LEVELS, LOCATION_TYPES } from "~/server/db/schema";
import { roundCoordinate } from "./geo-privacy";

export type LocationType = (typeof LOCATION_TYPES)[number];
export type AgeGroup = (typeof AGE_GROUPS)[number];
export type Level = (typeof LEVELS)[number];

export type SubjectRef = { id: string; slug: string; name: string };

/** A lesson service as anyone may see it. */
export type PublicServiceView = {
  id: string;
  subject: SubjectRef;
  hourlyRateCents: number;
  currency: string;
  durations: number[];
  locationTypes: LocationType[];
  ageGroups: AgeGroup[];
  levels: Level[];
  description: string;
};

/** The owner's view of a service adds its state. */
export type OwnServiceView = PublicServiceView & { isActive: boolean; createdAt: Date; updatedAt: Date };

/**
 * An instructor in lists (browse, favourites). Privacy by construction (PRODUCT.md §1): "First L.", jittered
 * and rounded coordinates and a neighbourhood name; never the last name, contact details or address.
 */
export type PublicInstructorCard = {
  id: string;
  name: string;
  photoUrl: string | null;
  headline: string;
  yearsExperience: number;
  offersTravel: boolean;
  offersAtLocation: boolean;
  offersOnline: boolean;
  neighbourhood: { name: string; borough: string | null } | null;
  location: { lat: number; lng: number } | null;
  subjects: { slug: string; name: string }[];
  /** Lowest hourly rate of the active services. */
  fromRateCents: number | null;
  rating: { avg: number; count: number };
  founding: boolean;
  /** Background check passed. */
  verified: boolean;
  listed: boolean;
};

export type PublicInstructorProfile = PublicInstructorCard & {
  bio: string;
  languages: string[];
  serviceAreas: { id: string; name: string; kind: string }[];
  services: PublicServiceView[];
};

/** The columns the repository's public select yields (only the last initial, only the public point). */
export type PublicRow = {
  id: string;
  firstName: string;
  lastInitial: string;
  photoUrl: string | null;
  headline: string;
  bio: string;
  yearsExperience: number;
  languages: string[];
  offersTravel: boolean;
  offersAtLocation: boolean;
  offersOnline: boolean;
  publicLat: number | null;
  publicLng: number | null;
  neighbourhoodName: string | null;
  boroughName: string | null;
  backgroundCheck: string;
  founding: boolean;
  ratingAvg: number;
  ratingCount: number;
  listed: boolean;
};

export function toServiceView(service: InstructorServiceRow, subject: SubjectRef): PublicServiceView {
  return {
    id: service.id,
    subject,
    hourlyRateCents: service.hourlyRateCents,
    currency: service.currency,
    durations: [...service.durations].sort((a, b) => a - b),
    locationTypes: service.locationTypes as LocationType[],
    ageGroups: service.ageGroups as AgeGroup[],
    levels: service.levels as Level[],
    description: service.description,
  };
}

export function toOwnServiceView(service: InstructorServiceRow, subject: SubjectRef): OwnServiceView {
  return {
    ...toServiceView(service, subject),
    isActive: service.isActive,
    createdAt: service.createdAt,
    updatedAt: service.updatedAt,
  };
}

export function toCard(row: PublicRow, services: PublicServiceView[], listed = row.listed): PublicInstructorCard {
  const location =
    row.publicLat !== null && row.publicLng !== null
      ? { lat: roundCoordinate(row.publicLat), lng: roundCoordinate(row.publicLng) }
      : null;
  return {
    id: row.id,
    name: publicName(row.firstName, row.lastInitial),
    photoUrl: row.photoUrl,
    headline: row.headline,
    yearsExperience: row.yearsExperience,
    offersTravel: row.offersTravel,
    offersAtLocation: row.offersAtLocation,
    offersOnline: row.offersOnline,
    neighbourhood: row.neighbourhoodName ? { name: row.neighbourhoodName, borough: row.boroughName } : null,
    location,
    subjects: services.map((s) => ({ slug: s.subject.slug, name: s.subject.name })),
    fromRateCents: services.length ? Math.min(...services.map((s) => s.hourlyRateCents)) : null,
    rating: { avg: Math.round(row.ratingAvg * 100) / 100, count: row.ratingCount },
    founding: row.founding,
    verified: row.backgroundCheck === "passed",
    listed,
  };
}
