import type { RouterInputs, RouterOutputs } from "~/trpc/react";

export type SearchResult = RouterOutputs["search"]["instructors"];
export type SearchCardView = SearchResult["cards"][number];
export type ParsedQuery = SearchResult["parsed"];
export type SearchFilters = NonNullable<RouterInputs["search"]["instructors"]["filters"]>;
export type SearchSort = NonNullable<RouterInputs["search"]["instructors"]["sort"]>;
export type ChipField = ParsedQuery["chips"][number]["field"];
export type TimeSpec = NonNullable<SearchFilters["time"]>;

export const SORT_OPTIONS: { value: SearchSort; label: string }[] = [
  { value: "recommended", label: "Recommended" },
  { value: "price", label: "Price: low to high" },
  { value: "rating", label: "Rating" },
];

export const FIELD_LABEL: Record<ChipField, string> = {
  subject: "Subject",
  category: "Category",
  location: "Location",
  price: "Price",
  audience: "Who for",
  level: "Level",
  lessonType: "Lesson type",
  time: "When",
};

export const AUDIENCE_OPTIONS = [
  { value: "kids", label: "Kids" },
  { value: "teens", label: "Teens" },
  { value: "adults", label: "Adults" },
] as const;

export const LEVEL_OPTIONS = [
  { value: "beginner", label: "Beginner" },
  { value: "intermediate", label: "Intermediate" },
  { value: "advanced", label: "Advanced" },
] as const;

export const LESSON_TYPE_OPTIONS = [
  { value: "online", label: "Online" },
  { value: "in_person", label: "In person" },
  { value: "student_location", label: "At my place" },
  { value: "instructor_location", label: "At the instructor's studio" },
] as const;

export const DAY_OPTIONS: { value: TimeSpec["days"]; label: string }[] = [
  { value: "any", label: "Any day" },
  { value: "today", label: "Today" },
  { value: "tomorrow", label: "Tomorrow" },
  { value: "this_weekend", label: "This weekend" },
  { value: "next_weekend", label: "Next weekend" },
  { value: "weekends", label: "Weekends" },
  { value: "weekdays", label: "Weekdays" },
  { value: "this_week", label: "This week" },
  { value: "next_week", label: "Next week" },
  { value: "soon", label: "Soon" },
];

export const PART_OPTIONS = [
  { value: "", label: "Any time of day" },
  { value: "morning", label: "Morning" },
  { value: "afternoon", label: "Afternoon" },
  { value: "evening", label: "Evening" },
] as const;

/** Card lesson types (where lessons happen). */
export const CARD_LESSON_TYPE: Record<SearchCardView["lessonTypes"][number], string> = {
  online: "Online",
  student_location: "Travels to you",
  instructor_location: "Studio",
  neutral_location: "Public place",
};

/** `?f=` carries edited chips as JSON; anything malformed is ignored. */
export function encodeFilters(f: SearchFilters): string | null {
  return Object.keys(f).length ? JSON.stringify(f) : null;
}

export function searchHref(q: string, filters: SearchFilters, sort: SearchSort): string {
  const p = new URLSearchParams({ q });
  const f = encodeFilters(filters);
  if (f) p.set("f", f);
  if (sort !== "recommended") p.set("sort", sort);
  return `/search?${p.toString()}`;
}
