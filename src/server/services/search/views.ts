/**
 * What search returns. Cards are public views, privacy-shaped by construction (PRODUCT.md §1): "First L.", a
 * neighbourhood name and a distance band — never a last name, an address or coordinates.
 */
import type { LOCATION_TYPES } from "~/server/db/schema";
import type { SkippedStage, StageRecord, StageStatus } from "./budget";
import type { SearchConfig } from "./config";
import type { Signals } from "./ranking";
import type { Audience, FieldSource, LessonType, LocationTier, SearchLevel, TimeSpec } from "./types";

export const SORTS = ["recommended", "price", "rating"] as const;
export type SearchSort = (typeof SORTS)[number];

export type SearchCard = {
  id: string;
  /** "Maria G." */
  name: string;
  photoUrl: string | null;
  headline: string;
  rating: { avg: number; count: number };
  /** Lowest hourly rate among the instructor's services that match the search. */
  priceFromCents: number;
  currency: "USD";
  /** The matching service's subject (the cheapest matching one). */
  subject: { slug: string; name: string };
  subjects: { slug: string; name: string }[];
  /** Location types offered by the matching services. */
  lessonTypes: (typeof LOCATION_TYPES)[number][];
  /** First bookable start inside the searched time window (the next 30 days when none was asked for). */
  nextAvailable: { start: Date; durationMinutes: number } | null;
  neighbourhood: { name: string; borough: string | null } | null;
  /** From the searched place (or "near me" point), e.g. "1–3 km"; null without a place. */
  distanceBand: string | null;
  yearsExperience: number;
  founding: boolean;
  /** Background check passed. */
  verified: boolean;
  /** 1-based rank across pages (send it back with logClick). */
  position: number;
};

type Conf = { confidence: number; source: FieldSource };

export type ParsedLocation =
  | ({
      kind: "region";
      slug: string;
      name: string;
      regionKind: "city" | "borough" | "neighbourhood";
      tier: LocationTier;
      term: string | null;
    } & Conf)
  | ({ kind: "near_me"; resolved: { slug: string; name: string } | null; needsCoordinates: boolean } & Conf)
  | ({ kind: "unresolved"; term: string } & Conf);

export type Chip = {
  field: "subject" | "category" | "location" | "price" | "audience" | "level" | "lessonType" | "time";
  label: string;
};

/** The parsed query, shown as editable chips; each field says how sure the parser was and who filled it. */
export type ParsedQueryView = {
  query: string;
  normalised: string;
  subject: ({ slug: string; name: string } & Conf) | null;
  category: ({ slug: string; name: string } & Conf) | null;
  location: ParsedLocation | null;
  price: ({ minCents: number | null; maxCents: number | null; budget: "low" | null } & Conf) | null;
  audience: ({ value: Audience; age: number | null } & Conf) | null;
  level: ({ value: SearchLevel } & Conf) | null;
  lessonType: ({ value: LessonType } & Conf) | null;
  time: ({ spec: TimeSpec; label: string; windows: { from: Date; to: Date }[] } & Conf) | null;
  keywords: string[];
  parser: "fast" | "fast+llm";
  chips: Chip[];
};

export type LocationTierRecord = {
  tier: LocationTier;
  term: string | null;
  status: StageStatus;
  result: { slug: string; name: string } | null;
  confidence: number | null;
  ms: number;
  detail?: string;
};

export type Funnel = {
  /** Instructors from lexical retrieval (after the SQL prefilter). */
  text: number;
  /** Instructors from semantic retrieval. */
  vector: number;
  /** Union after reciprocal rank fusion. */
  fused: number;
  /** Still matching after the service-level filters (price, lesson type, audience, coverage). */
  filtered: number;
  /** Candidates whose availability was computed, and how many had a slot in the window. */
  availabilityChecked: number;
  available: number;
  /** Cards in this response. */
  final: number;
};

export type SearchDiagnostics = {
  searchId: string;
  totalMs: number;
  budget: { totalMs: number; usedMs: number; reserveMs: number; highLoad: boolean };
  cached: boolean;
  stages: StageRecord[];
  locationTiers: LocationTierRecord[];
  funnel: Funnel;
  engines: { vector: "pgvector" | "in_process"; embedder: string; llm: "openai" | "local" };
};

/** A card as sent: with the token `logClick` requires (signs search id, instructor id and position). */
export type SignedSearchCard = SearchCard & { clickToken: string };

export type SearchResponse = {
  searchId: string;
  cards: SignedSearchCard[];
  parsed: ParsedQueryView;
  /** Matching instructors; an estimate (exact: false) when not every candidate's availability was computed. */
  total: { value: number; exact: boolean };
  nextCursor: string | null;
  degraded: boolean;
  skipped: SkippedStage[];
  diagnostics: SearchDiagnostics;
};

export type CandidateDiagnostics = {
  instructorId: string;
  name: string;
  lexicalRank: number | null;
  vectorRank: number | null;
  rrf: number;
  signals: Signals;
  score: number;
  priceFromCents: number;
  availability: "available" | "unavailable" | "not_checked";
};

/** Everything an admin sees for one query (/admin/nl-search). */
export type SearchDiagnosticsReport = SearchResponse & {
  parse: {
    fast: Record<string, { value: unknown; confidence: number }>;
    unsureFields: string[];
    llm: { status: StageStatus; result: unknown };
  };
  candidates: CandidateDiagnostics[];
  config: SearchConfig;
};
