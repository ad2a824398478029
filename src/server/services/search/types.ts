/** Shared types of the search pipeline (parser, resolver, retrieval, ranking, views). */

export const AUDIENCES = ["kids", "teens", "adults"] as const;
export type Audience = (typeof AUDIENCES)[number];
export const SEARCH_LEVELS = ["beginner", "intermediate", "advanced"] as const;
export type SearchLevel = (typeof SEARCH_LEVELS)[number];
/** What a student asks for; `in_person` means any of the three in-person location types. */
export const LESSON_TYPES = ["online", "in_person", "student_location", "instructor_location"] as const;
export type LessonType = (typeof LESSON_TYPES)[number];
export const DAY_PARTS = ["morning", "afternoon", "evening"] as const;
export type DayPart = (typeof DAY_PARTS)[number];
export const DAY_KINDS = [
  "today",
  "tomorrow",
  "this_weekend",
  "next_weekend",
  "weekends",
  "weekdays",
  "this_week",
  "next_week",
  "soon",
  "any",
  "weekday",
] as const;
export type DayKind = (typeof DAY_KINDS)[number];

/**
 * A time phrase before resolution: which days, and which part of those days (lesson start times). Resolved into
 * instants in the searcher's zone at request time (`resolveTimeSpec`), so "saturday morning" means the coming
 * Saturday wherever and whenever the search runs.
 */
export type TimeSpec = {
  days: DayKind;
  /** For `weekday`: ISO weekdays 1 (Mon) … 7 (Sun). */
  weekdays?: number[];
  /** For `weekday`: "saturdays" (the next four) rather than "saturday" (the coming one). */
  recurring?: boolean;
  part: DayPart | null;
  /** Earliest start, minutes after local midnight. */
  after: number | null;
  /** Latest start (exclusive), minutes after local midnight. */
  before: number | null;
};

/** How a field was filled: the fast parser, the LLM, or an explicit filter (a chip the user edited). */
export type FieldSource = "fast" | "llm" | "filter";
export type LocationTier = "exact" | "alias" | "fuzzy" | "embedding" | "llm" | "near_me" | "filter";

export type Field<T> = { value: T; confidence: number; source: FieldSource };

export type SubjectRef = { id: string; slug: string; name: string; categorySlug: string };
export type CategoryRef = { slug: string; name: string };
export type RegionRef = { id: string; slug: string; name: string; kind: "city" | "borough" | "neighbourhood" };

/** The fast parser's result. Confidence is about the field as parsed, absence included. */
export type FastParse = {
  normalised: string;
  subject: Field<SubjectRef | null> & { match?: "name" | "alias" | "fuzzy" };
  category: Field<CategoryRef | null>;
  /** A region found in the gazetteer (tiers 1–2), or "near me". */
  location: Field<RegionRef | null> & { tier?: "exact" | "alias"; nearMe?: boolean; learned?: boolean };
  /** A place phrase the dictionary did not know ("in park slop"): resolved by tiers 3–5. */
  locationTerm: string | null;
  /** The location phrase as typed (known or not), for alias learning. */
  locationPhrase: string | null;
  price: Field<{ minCents: number | null; maxCents: number | null } | null> & { budget?: "low" };
  audience: Field<Audience | null> & { age?: number };
  level: Field<SearchLevel | null>;
  lessonType: Field<LessonType | null>;
  time: Field<TimeSpec | null>;
  /** Content words left over (descriptive text for lexical and semantic relevance). */
  keywords: string[];
  /** Tokens that explained nothing and are not plain filler (a reason to ask the LLM). */
  unexplained: string[];
};
