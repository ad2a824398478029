/**
 * The fast parser's dictionary: catalog subjects and aliases, the gazetteer and its aliases (seeded and learned),
 * and the fixed vocabulary of audience, level, lesson type, time and filler words. Built from database rows at
 * run time (so learned aliases count) or from the seed data in tests.
 */
import type { Audience, CategoryRef, DayKind, DayPart, LessonType, RegionRef, SearchLevel, SubjectRef } from "./types";

export type LexiconInput = {
  categories: { slug: string; name: string }[];
  subjects: { id: string; slug: string; name: string; categorySlug: string; aliases: string[] }[];
  regions: {
    id: string;
    slug: string;
    name: string;
    kind: "city" | "borough" | "neighbourhood";
    parentId: string | null;
    lat: number;
    lng: number;
    radiusKm: number;
    aliases: { alias: string; source: "seed" | "learned" }[];
  }[];
};

export type GazetteerRegion = LexiconInput["regions"][number];

export type PhraseEntry =
  | { type: "subject"; subject: SubjectRef; match: "name" | "alias" }
  | { type: "category"; category: CategoryRef; keyword: boolean }
  | { type: "region"; region: RegionRef; match: "exact" | "alias"; learned: boolean }
  | { type: "audience"; value: Audience; confidence: number }
  | { type: "level"; value: SearchLevel }
  | { type: "lesson"; value: LessonType }
  | { type: "near_me" }
  | { type: "day"; kind: DayKind; weekday?: number; recurring?: boolean; part?: DayPart; after?: number }
  | { type: "part"; part: DayPart }
  | { type: "budget" }
  | { type: "cue" }
  | { type: "stop" };

export type Lexicon = {
  phrases: Map<string, PhraseEntry[]>;
  maxPhraseTokens: number;
  subjects: SubjectRef[];
  subjectsBySlug: Map<string, SubjectRef>;
  categories: CategoryRef[];
  regions: GazetteerRegion[];
  regionsById: Map<string, GazetteerRegion>;
  regionsBySlug: Map<string, GazetteerRegion>;
  /** Single-token subject terms for typo matching ("piono" → piano). */
  fuzzySubjectTerms: { term: string; subject: SubjectRef }[];
  /** Every known term with what it names (autocomplete). */
  terms: { term: string; label: string; kind: "subject" | "location"; slug: string; detail: string; alias: boolean }[];
};

/** Lower-case, accents and apostrophes removed, punctuation other than `$ . : / -` turned into spaces. */
export function normaliseQuery(raw: string): string {
  return raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/(\w)'(\w)/g, "$1$2")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9$.:/\-–\s]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A normalised phrase as dictionary tokens (hyphens and punctuation split words). */
export function phraseTokens(text: string): string[] {
  return normaliseQuery(text)
    .replace(/[$.:/\-–]/g, " ")
    .split(" ")
    .filter(Boolean);
}

/** Filler: consumed silently, never a keyword. */
const STOPWORDS =
  "a an the and or for my our me i im i'm we to of with who is are be can could would like want wants need needs looking look find finding get some any good great best top someone somebody teacher teachers instructor instructors coach coaches coaching lesson lessons class classes private please help learn learning learner teach teaching that this on in near around by at from who's whos which one ones how do does taking take session sessions also just really very".split(
    " ",
  );
/** Words after which an unknown phrase is probably a place. */
const CUES = ["in", "near", "around", "by", "at", "from", "close to", "around the", "near the"];

const CATEGORY_WORDS: Record<string, string[]> = {
  music: ["music", "musical", "instrument", "instruments", "music lessons"],
  tutoring: [
    "tutoring",
    "tutor",
    "tutors",
    "homework",
    "homework help",
    "test prep",
    "academic",
    "academics",
    "math",
    "maths",
    "science",
    "stem",
  ],
  languages: ["language", "languages", "foreign language", "conversation practice"],
  "sports-fitness": ["sports", "sport", "athletics", "workout", "exercise"],
  arts: ["art", "arts", "artist", "crafts"],
  technology: ["tech", "technology", "computer", "computers", "software"],
  dance: ["dance", "dancing", "dance lessons", "dancer"],
};
/** Category words that also describe content (kept as keywords for relevance). */
const KEYWORD_CATEGORY_WORDS = new Set(["math", "maths", "science", "stem", "homework", "test prep", "homework help"]);

const AUDIENCE_WORDS: [string, Audience, number][] = [
  ...[
    "kid",
    "kids",
    "child",
    "children",
    "my child",
    "toddler",
    "toddlers",
    "preschooler",
    "preschool",
    "little one",
    "little ones",
    "elementary",
    "elementary school",
    "grade school",
    "young children",
    "youngster",
    "youngsters",
    "boy",
    "girl",
    "my boy",
    "my girl",
    "tween",
    "tweens",
  ].map((w) => [w, "kids", 0.9] as [string, Audience, number]),
  ...["my son", "my daughter", "my kid", "my kids", "our son", "our daughter", "my children", "our kids"].map(
    (w) => [w, "kids", 0.75] as [string, Audience, number],
  ),
  ...[
    "teen",
    "teens",
    "teenager",
    "teenagers",
    "high school",
    "high schooler",
    "high schoolers",
    "high school student",
    "middle school",
    "middle schooler",
    "junior high",
    "adolescent",
    "adolescents",
    "my teen",
    "my teenager",
  ].map((w) => [w, "teens", 0.9] as [string, Audience, number]),
  ...[
    "adult",
    "adults",
    "grown up",
    "grown ups",
    "grownup",
    "grownups",
    "for me",
    "myself",
    "senior",
    "seniors",
    "retiree",
    "retirees",
    "older adult",
    "older adults",
    "college student",
    "college students",
    "grad student",
    "professionals",
    "working professional",
    "my wife",
    "my husband",
    "my partner",
    "my mom",
    "my dad",
    "my mother",
    "my father",
    "adult learner",
  ].map((w) => [w, "adults", 0.9] as [string, Audience, number]),
];

const LEVEL_WORDS: [string, SearchLevel][] = [
  ...[
    "beginner",
    "beginners",
    "beginning",
    "novice",
    "novices",
    "first time",
    "first timer",
    "first timers",
    "never played",
    "from scratch",
    "starting out",
    "just starting",
    "new to",
    "intro",
    "introductory",
    "basics",
    "the basics",
    "absolute beginner",
    "complete beginner",
    "total beginner",
  ].map((w) => [w, "beginner"] as [string, SearchLevel]),
  ...["intermediate", "some experience", "improver", "brush up", "refresher"].map(
    (w) => [w, "intermediate"] as [string, SearchLevel],
  ),
  ...[
    "advanced",
    "expert",
    "experts",
    "conservatory",
    "competitive",
    "competition",
    "professional level",
    "pre professional",
    "college level",
    "master class",
    "masterclass",
  ].map((w) => [w, "advanced"] as [string, SearchLevel]),
];

const LESSON_WORDS: [string, LessonType][] = [
  ...[
    "online",
    "virtual",
    "virtually",
    "remote",
    "remotely",
    "zoom",
    "on zoom",
    "via zoom",
    "over zoom",
    "video call",
    "video calls",
    "over video",
    "skype",
    "facetime",
    "from home online",
    "webcam",
  ].map((w) => [w, "online"] as [string, LessonType]),
  ...["in person", "face to face", "irl", "offline", "person to person"].map(
    (w) => [w, "in_person"] as [string, LessonType],
  ),
  ...[
    "at my home",
    "at my house",
    "at my place",
    "at my apartment",
    "at home",
    "in my home",
    "in home",
    "home lessons",
    "home visits",
    "house calls",
    "comes to me",
    "come to me",
    "comes to my home",
    "come to my home",
    "come to my house",
    "comes to my house",
    "travel to me",
    "travels to me",
    "who travels",
    "can travel",
    "will travel",
  ].map((w) => [w, "student_location"] as [string, LessonType]),
  ...[
    "at their studio",
    "at your studio",
    "at the studio",
    "studio",
    "at a studio",
    "in a studio",
    "their studio",
    "at the teachers",
    "at their place",
    "teachers studio",
    "own studio",
  ].map((w) => [w, "instructor_location"] as [string, LessonType]),
];

const NEAR_ME = [
  "near me",
  "nearby",
  "close to me",
  "around me",
  "close by",
  "near by",
  "in my area",
  "my area",
  "my neighborhood",
  "my neighbourhood",
  "near my home",
  "near my house",
  "near where i live",
  "local",
  "locally",
];

const WEEKDAYS: [string[], number][] = [
  [["monday", "mon"], 1],
  [["tuesday", "tue", "tues"], 2],
  [["wednesday", "wed"], 3],
  [["thursday", "thu", "thur", "thurs"], 4],
  [["friday", "fri"], 5],
  [["saturday", "sat"], 6],
  [["sunday", "sun"], 7],
];

const DAY_WORDS: [string, Omit<Extract<PhraseEntry, { type: "day" }>, "type">][] = [
  ["today", { kind: "today" }],
  ["this afternoon", { kind: "today", part: "afternoon" }],
  ["this morning", { kind: "today", part: "morning" }],
  ["this evening", { kind: "today", part: "evening" }],
  ["tonight", { kind: "today", part: "evening" }],
  ["tomorrow", { kind: "tomorrow" }],
  ["tmrw", { kind: "tomorrow" }],
  ["tmr", { kind: "tomorrow" }],
  ["tomorrow night", { kind: "tomorrow", part: "evening" }],
  ["this weekend", { kind: "this_weekend" }],
  ["weekend", { kind: "this_weekend" }],
  ["the weekend", { kind: "this_weekend" }],
  ["next weekend", { kind: "next_weekend" }],
  ["weekends", { kind: "weekends" }],
  ["on weekends", { kind: "weekends" }],
  ["weekday", { kind: "weekdays" }],
  ["weekdays", { kind: "weekdays" }],
  ["during the week", { kind: "weekdays" }],
  ["on weeknights", { kind: "weekdays", part: "evening" }],
  ["weeknight", { kind: "weekdays", part: "evening" }],
  ["weeknights", { kind: "weekdays", part: "evening" }],
  ["this week", { kind: "this_week" }],
  ["next week", { kind: "next_week" }],
  ["asap", { kind: "soon" }],
  ["soon", { kind: "soon" }],
  ["right away", { kind: "soon" }],
  ["as soon as possible", { kind: "soon" }],
  ["after school", { kind: "any", after: 15 * 60 }],
  ["after work", { kind: "any", after: 17 * 60 }],
];

const PART_WORDS: [string, DayPart][] = [
  ...["morning", "mornings", "in the morning", "early morning", "early mornings"].map(
    (w) => [w, "morning"] as [string, DayPart],
  ),
  ...["afternoon", "afternoons", "in the afternoon", "midday", "lunchtime"].map(
    (w) => [w, "afternoon"] as [string, DayPart],
  ),
  ...["evening", "evenings", "in the evening", "night", "nights", "at night", "late evening"].map(
    (w) => [w, "evening"] as [string, DayPart],
  ),
];

const BUDGET_WORDS = [
  "cheap",
  "cheapest",
  "affordable",
  "inexpensive",
  "budget",
  "low cost",
  "low priced",
  "reasonably priced",
  "reasonable",
  "not expensive",
  "bargain",
];

/** Builds the dictionary. Later entries never replace earlier ones for the same phrase; they are alternatives. */
export function buildLexicon(input: LexiconInput): Lexicon {
  const phrases = new Map<string, PhraseEntry[]>();
  let maxPhraseTokens = 1;
  const add = (text: string, entry: PhraseEntry) => {
    const tokens = phraseTokens(text);
    if (!tokens.length) return;
    const key = tokens.join(" ");
    maxPhraseTokens = Math.max(maxPhraseTokens, tokens.length);
    const list = phrases.get(key);
    if (list) list.push(entry);
    else phrases.set(key, [entry]);
  };

  const categories: CategoryRef[] = input.categories.map((c) => ({ slug: c.slug, name: c.name }));
  const categoryBySlug = new Map(categories.map((c) => [c.slug, c]));
  const subjects: SubjectRef[] = input.subjects.map((s) => ({
    id: s.id,
    slug: s.slug,
    name: s.name,
    categorySlug: s.categorySlug,
  }));
  const subjectsBySlug = new Map(subjects.map((s) => [s.slug, s]));
  const terms: Lexicon["terms"] = [];
  const fuzzySubjectTerms: Lexicon["fuzzySubjectTerms"] = [];

  for (const s of input.subjects) {
    const ref = subjectsBySlug.get(s.slug)!;
    const category = categoryBySlug.get(s.categorySlug)?.name ?? "";
    add(s.name, { type: "subject", subject: ref, match: "name" });
    terms.push({
      term: normaliseQuery(s.name),
      label: s.name,
      kind: "subject",
      slug: s.slug,
      detail: category,
      alias: false,
    });
    for (const a of s.aliases) {
      add(a, { type: "subject", subject: ref, match: "alias" });
      terms.push({ term: normaliseQuery(a), label: s.name, kind: "subject", slug: s.slug, detail: a, alias: true });
    }
    for (const t of [s.name, ...s.aliases]) {
      const tokens = phraseTokens(t);
      if (tokens.length === 1 && tokens[0]!.length >= 4) fuzzySubjectTerms.push({ term: tokens[0]!, subject: ref });
    }
  }
  for (const [slug, words] of Object.entries(CATEGORY_WORDS)) {
    const category = categoryBySlug.get(slug);
    if (!category) continue;
    for (const w of [...words, category.name])
      add(w, { type: "category", category, keyword: KEYWORD_CATEGORY_WORDS.has(w) });
  }

  const regionsById = new Map(input.regions.map((r) => [r.id, r]));
  const regionsBySlug = new Map(input.regions.map((r) => [r.slug, r]));
  for (const r of input.regions) {
    const ref: RegionRef = { id: r.id, slug: r.slug, name: r.name, kind: r.kind };
    const parent = r.parentId ? (regionsById.get(r.parentId)?.name ?? "") : "";
    add(r.name, { type: "region", region: ref, match: "exact", learned: false });
    if (r.name.startsWith("The "))
      add(r.name.slice(4), { type: "region", region: ref, match: "exact", learned: false });
    if (r.slug.includes("-"))
      add(r.slug.replace(/-/g, " "), { type: "region", region: ref, match: "exact", learned: false });
    terms.push({
      term: normaliseQuery(r.name),
      label: r.name,
      kind: "location",
      slug: r.slug,
      detail: parent,
      alias: false,
    });
    for (const a of r.aliases) {
      add(a.alias, { type: "region", region: ref, match: "alias", learned: a.source === "learned" });
      terms.push({
        term: normaliseQuery(a.alias),
        label: r.name,
        kind: "location",
        slug: r.slug,
        detail: a.alias,
        alias: true,
      });
    }
  }
  // The city itself is an area too.
  for (const r of input.regions.filter((x) => x.kind === "city")) {
    for (const a of ["nyc", "new york city", "ny", "the city", "anywhere in nyc"]) {
      add(a, {
        type: "region",
        region: { id: r.id, slug: r.slug, name: r.name, kind: r.kind },
        match: "alias",
        learned: false,
      });
    }
  }

  for (const [w, value, confidence] of AUDIENCE_WORDS) add(w, { type: "audience", value, confidence });
  for (const [w, value] of LEVEL_WORDS) add(w, { type: "level", value });
  for (const [w, value] of LESSON_WORDS) add(w, { type: "lesson", value });
  for (const w of NEAR_ME) add(w, { type: "near_me" });
  for (const [words, weekday] of WEEKDAYS) {
    for (const w of words) {
      add(w, { type: "day", kind: "weekday", weekday });
      if (w.length > 3) add(`${w}s`, { type: "day", kind: "weekday", weekday, recurring: true });
      for (const prefix of ["on", "this", "next", "coming", "this coming"])
        add(`${prefix} ${w}`, { type: "day", kind: "weekday", weekday });
      if (w.length > 3) {
        add(`on ${w}s`, { type: "day", kind: "weekday", weekday, recurring: true });
        add(`every ${w}`, { type: "day", kind: "weekday", weekday, recurring: true });
      }
      for (const [pw, part] of [
        ["morning", "morning"],
        ["afternoon", "afternoon"],
        ["evening", "evening"],
        ["night", "evening"],
      ] as const) {
        add(`${w} ${pw}`, { type: "day", kind: "weekday", weekday, part });
        if (w.length > 3) add(`${w} ${pw}s`, { type: "day", kind: "weekday", weekday, part, recurring: true });
      }
    }
  }
  for (const [w, d] of DAY_WORDS) add(w, { type: "day", ...d });
  for (const [w, part] of PART_WORDS) add(w, { type: "part", part });
  for (const w of BUDGET_WORDS) add(w, { type: "budget" });
  for (const w of CUES) add(w, { type: "cue" });
  for (const w of STOPWORDS) add(w, { type: "stop" });

  return {
    phrases,
    maxPhraseTokens,
    subjects,
    subjectsBySlug,
    categories,
    regions: input.regions,
    regionsById,
    regionsBySlug,
    fuzzySubjectTerms,
    terms,
  };
}
