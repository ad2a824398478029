/**
 * The fast parser: regular expressions for money, ages and clock times, then a greedy longest-phrase match over
 * the lexicon (catalog, gazetteer, audience/level/lesson/time vocabulary). Pure and synchronous (~0.1 ms), it
 * gives every field a confidence; the pipeline asks the LLM only when a field is below the configured threshold.
 */
import { normaliseQuery, type Lexicon, type PhraseEntry } from "./lexicon";
import { CLOCK_PATTERNS } from "./time";
import type {
  Audience,
  CategoryRef,
  DayKind,
  DayPart,
  FastParse,
  LessonType,
  RegionRef,
  SearchLevel,
  SubjectRef,
  TimeSpec,
} from "./types";

const BARRIER = "|";

export function ageToAudience(age: number): Audience {
  if (age <= 12) return "kids";
  if (age <= 17) return "teens";
  return "adults";
}

const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
};

type Money = { minCents: number | null; maxCents: number | null; confidence: number };
const cents = (dollars: string) => Math.round(Number(dollars) * 100);
const saneDollars = (d: string) => Number(d) >= 5 && Number(d) <= 1000;
const PER_HOUR = String.raw`(?:\s*(?:\/\s*(?:hr|hour|h|lesson|session)|an hour|a hour|per hour|hourly|a lesson|per lesson|a session|per session|an hr|per hr))`;
const NOT_UNIT = String.raw`(?!\s*(?:min|mins|minute|minutes|year|years|yr|yrs|yo|am|pm|:|th|st|nd|rd|grade|kids|students|people|hours|hrs|weeks|days))`;

const PRICE_PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => Money | null }[] = [
  {
    // $40-60, 40 to 60 dollars, between $40 and $60 an hour
    re: new RegExp(
      String.raw`(?:\bbetween\s+)?(\$)?\s?(\d{1,4})\s*(?:-|–|to|and)\s*(\$)?\s?(\d{1,4})${NOT_UNIT}\s*(dollars|bucks|usd)?(${PER_HOUR})?`,
      "g",
    ),
    read: (m) => {
      if (!(m[1] || m[3] || m[5] || m[6])) return null;
      if (!saneDollars(m[2]!) || !saneDollars(m[4]!) || Number(m[2]) > Number(m[4])) return null;
      return { minCents: cents(m[2]!), maxCents: cents(m[4]!), confidence: 0.95 };
    },
  },
  {
    re: new RegExp(
      String.raw`\b(?:under|below|less than|cheaper than|max|maximum|up to|no more than|not more than|at most|within|budget of|budget is|budget|for less than|less then|<)\s*(\$)?\s?(\d{1,4})${NOT_UNIT}\s*(dollars|bucks|usd)?(${PER_HOUR})?`,
      "g",
    ),
    read: (m) =>
      saneDollars(m[2]!)
        ? { minCents: null, maxCents: cents(m[2]!), confidence: m[1] || m[3] || m[4] ? 0.95 : 0.85 }
        : null,
  },
  {
    re: new RegExp(
      String.raw`\$\s?(\d{1,4})(?:${PER_HOUR})?\s*(?:or less|or under|or below|or cheaper|max|maximum|and under|and below|tops|or lower)\b`,
      "g",
    ),
    read: (m) => (saneDollars(m[1]!) ? { minCents: null, maxCents: cents(m[1]!), confidence: 0.95 } : null),
  },
  {
    re: new RegExp(
      String.raw`\b(?:over|above|more than|at least|min|minimum|starting at|from)\s*\$\s?(\d{1,4})(?:${PER_HOUR})?`,
      "g",
    ),
    read: (m) => (saneDollars(m[1]!) ? { minCents: cents(m[1]!), maxCents: null, confidence: 0.9 } : null),
  },
  {
    re: new RegExp(String.raw`\$\s?(\d{1,4})(?:${PER_HOUR})?\s*(?:\+|or more|and up|and above|plus|or higher)`, "g"),
    read: (m) => (saneDollars(m[1]!) ? { minCents: cents(m[1]!), maxCents: null, confidence: 0.9 } : null),
  },
  {
    re: new RegExp(String.raw`\b(?:around|about|roughly|approx|approximately|~)\s*\$\s?(\d{1,4})(?:${PER_HOUR})?`, "g"),
    read: (m) => {
      if (!saneDollars(m[1]!)) return null;
      const d = Number(m[1]);
      return { minCents: Math.round(d * 0.8) * 100, maxCents: Math.round(d * 1.2) * 100, confidence: 0.85 };
    },
  },
  {
    // a bare "$60", "$60/hr", "60 dollars", "60 an hour": read as a ceiling
    re: new RegExp(
      String.raw`(?:\$\s?(\d{1,4})(?:${PER_HOUR})?|\b(\d{2,4})\s*(?:dollars|bucks|usd)(?:${PER_HOUR})?|\b(\d{2,4})${PER_HOUR})`,
      "g",
    ),
    read: (m) => {
      const d = m[1] ?? m[2] ?? m[3];
      return d && saneDollars(d) ? { minCents: null, maxCents: cents(d), confidence: 0.75 } : null;
    },
  },
];

const AGE_PATTERNS: { re: RegExp; age: (m: RegExpExecArray) => number | null }[] = [
  { re: /\b(\d{1,2})\s*(?:-|\s)?\s*(?:year|yr)s?\s*(?:-|\s)?\s*olds?\b/g, age: (m) => Number(m[1]) },
  { re: /\b(\d{1,2})\s*(?:yos?|y\/o|yrs? old)\b/g, age: (m) => Number(m[1]) },
  {
    re: /\bage[sd]?\s*(\d{1,2})(?:\s*(?:-|–|to|and)\s*(\d{1,2}))?\b/g,
    age: (m) => (m[2] ? Math.round((Number(m[1]) + Number(m[2])) / 2) : Number(m[1])),
  },
  { re: /\b(\d{1,2})(?:st|nd|rd|th)\s*grade(?:rs?)?\b/g, age: (m) => Number(m[1]) + 5 },
  {
    re: /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\s*grade(?:rs?)?\b/g,
    age: (m) => (ORDINALS[m[1]!] ?? 0) + 5,
  },
  { re: /\bkindergart(?:en|ens|ener|eners|ner|ners)\b/g, age: () => 5 },
];

/** Damerau-free Levenshtein distance with an early exit above `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

const PRIORITY: PhraseEntry["type"][] = [
  "subject",
  "region",
  "lesson",
  "audience",
  "level",
  "day",
  "part",
  "near_me",
  "budget",
  "category",
  "cue",
  "stop",
];

type Match = { entry: PhraseEntry; start: number; end: number; text: string };

/** Parses a query with the dictionary alone. Deterministic; never throws on any input. */
export function fastParse(raw: string, lex: Lexicon): FastParse {
  const normalised = normaliseQuery(raw).slice(0, 300);
  let work = ` ${normalised} `;
  const blank = (m: RegExpExecArray) => {
    work = work.slice(0, m.index) + ` ${BARRIER} `.padEnd(m[0].length, " ") + work.slice(m.index + m[0].length);
  };
  const run = (re: RegExp, fn: (m: RegExpExecArray) => boolean) => {
    re.lastIndex = 0;
    const hits: RegExpExecArray[] = [];
    for (let m = re.exec(work); m; m = re.exec(work)) {
      hits.push(m);
      if (m[0].length === 0) re.lastIndex++;
    }
    for (const m of hits.reverse()) if (fn(m)) blank(m);
  };

  // ── Regular expressions: ages before prices (so "8-10 year olds" is no price), prices before clocks. ──
  const ages: number[] = [];
  for (const p of AGE_PATTERNS) {
    run(p.re, (m) => {
      const a = p.age(m);
      if (a === null || a < 2 || a > 99) return false;
      ages.push(a);
      return true;
    });
  }
  let money = null as Money | null;
  for (const p of PRICE_PATTERNS) {
    run(p.re, (m) => {
      const v = p.read(m);
      if (!v) return false;
      money ??= v;
      return true;
    });
  }
  let after = null as number | null;
  let before = null as number | null;
  for (const p of CLOCK_PATTERNS) {
    run(p.re, (m) => {
      const v = p.apply(m);
      if (v.after === undefined && v.before === undefined) return false;
      if (v.after !== undefined && v.after !== null) after = v.after;
      if (v.before !== undefined && v.before !== null) before = v.before;
      return true;
    });
  }

  // ── Dictionary: greedy longest phrase, left to right, never across a regex match. ──
  const tokens = work
    .replace(/[$.:/\-–]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  const matches: Match[] = [];
  const residual: { token: string; index: number }[] = [];
  let subjectSeen = false;
  for (let i = 0; i < tokens.length;) {
    if (tokens[i] === BARRIER) {
      i++;
      continue;
    }
    let matched = false;
    for (let len = Math.min(lex.maxPhraseTokens, tokens.length - i); len >= 1; len--) {
      const slice = tokens.slice(i, i + len);
      if (slice.includes(BARRIER)) continue;
      const key = slice.join(" ");
      let entries = lex.phrases.get(key);
      // Plurals of single words: "violins", "pianos".
      if (!entries && len === 1 && key.length > 4 && key.endsWith("s"))
        entries = lex.phrases.get(key.slice(0, -1))?.filter((e) => e.type === "subject");
      if (!entries?.length) continue;
      const entry = choose(entries, tokens, i, len, subjectSeen);
      if (entry.type === "subject") subjectSeen = true;
      matches.push({ entry, start: i, end: i + len, text: key });
      i += len;
      matched = true;
      break;
    }
    if (!matched) {
      residual.push({ token: tokens[i]!, index: i });
      i++;
    }
  }

  // ── Subject ──
  const subjects = matches.filter(
    (m): m is Match & { entry: Extract<PhraseEntry, { type: "subject" }> } => m.entry.type === "subject",
  );
  const distinctSubjects = [...new Map(subjects.map((m) => [m.entry.subject.slug, m])).values()];
  let subject: SubjectRef | null = distinctSubjects[0]?.entry.subject ?? null;
  let subjectMatch: "name" | "alias" | "fuzzy" | undefined = distinctSubjects[0]?.entry.match;
  const fuzzyUsed = new Set<number>();
  if (!subject) {
    for (const r of residual) {
      if (r.token.length < 4 || /\d/.test(r.token)) continue;
      const max = r.token.length >= 7 ? 2 : 1;
      let best: { subject: SubjectRef; d: number } | null = null;
      for (const t of lex.fuzzySubjectTerms) {
        if (t.term[0] !== r.token[0]) continue;
        const d = editDistance(r.token, t.term, max);
        if (d <= max && (!best || d < best.d)) best = { subject: t.subject, d };
      }
      if (best) {
        subject = best.subject;
        subjectMatch = "fuzzy";
        fuzzyUsed.add(r.index);
        break;
      }
    }
  }
  const categories = matches.filter(
    (m): m is Match & { entry: Extract<PhraseEntry, { type: "category" }> } => m.entry.type === "category",
  );
  const category: CategoryRef | null = subject
    ? (lex.categories.find((c) => c.slug === subject.categorySlug) ?? null)
    : (categories[0]?.entry.category ?? null);

  // ── Location ──
  const regionMatches = matches.filter(
    (m): m is Match & { entry: Extract<PhraseEntry, { type: "region" }> } => m.entry.type === "region",
  );
  const specificity = { neighbourhood: 3, borough: 2, city: 1 } as const;
  const bestRegion = [...regionMatches].sort(
    (a, b) => specificity[b.entry.region.kind] - specificity[a.entry.region.kind] || a.start - b.start,
  )[0];
  const distinctRegions = new Set(
    regionMatches.filter((m) => m.entry.region.kind === bestRegion?.entry.region.kind).map((m) => m.entry.region.id),
  );
  const nearMe = matches.some((m) => m.entry.type === "near_me");

  // An unknown phrase after a place cue ("in park slop") is a location term for the fuzzy/embedding/LLM tiers.
  const cueIndexes = new Set(
    matches
      .filter(
        (m) =>
          m.entry.type === "cue" ||
          (m.entry.type === "stop" && ["in", "near", "around", "by", "at", "from"].includes(m.text)),
      )
      .map((m) => m.end),
  );
  const residualAt = new Map(residual.map((r) => [r.index, r.token]));
  const consumedTerm = new Set<number>();
  let locationTerm: string | null = null;
  if (!bestRegion) {
    for (const start of [...cueIndexes].sort((a, b) => a - b)) {
      let i = start;
      if (tokens[i] === "the") i++;
      const at: number[] = [];
      while (i < tokens.length && residualAt.has(i) && !fuzzyUsed.has(i) && at.length < 4 && !/^\d+$/.test(tokens[i]!))
        at.push(i++);
      const words = at.map((k) => tokens[k]!);
      if (words.length && words.join(" ").length >= 3) {
        locationTerm = words.join(" ");
        for (const k of at) consumedTerm.add(k);
        break;
      }
    }
  }
  const locationPhrase = bestRegion ? bestRegion.text : locationTerm;

  // ── Audience, level, lesson type, price words ──
  const audienceMatches = matches.flatMap((m) => (m.entry.type === "audience" ? [m.entry] : []));
  let audience: Audience | null = null;
  let audienceConfidence = 0.9;
  if (ages.length) {
    audience = ageToAudience(ages[0]!);
    audienceConfidence = 0.95;
  } else if (audienceMatches.length) {
    audience = audienceMatches[0]!.value;
    audienceConfidence = new Set(audienceMatches.map((a) => a.value)).size > 1 ? 0.5 : audienceMatches[0]!.confidence;
  }
  const levels = [
    ...new Set(matches.flatMap((m) => (m.entry.type === "level" ? [m.entry.value] : []))),
  ] as SearchLevel[];
  const lessons = [
    ...new Set(matches.flatMap((m) => (m.entry.type === "lesson" ? [m.entry.value] : []))),
  ] as LessonType[];
  const budget = matches.some((m) => m.entry.type === "budget");

  // ── Time ──
  const dayEntries = matches.flatMap((m) => (m.entry.type === "day" ? [m.entry] : []));
  const parts = matches.flatMap((m): DayPart[] => (m.entry.type === "part" ? [m.entry.part] : []));
  let time: TimeSpec | null = null;
  let timeConfidence = 0.95;
  if (dayEntries.length || parts.length || after !== null || before !== null) {
    const weekdays = [...new Set(dayEntries.filter((d) => d.kind === "weekday").map((d) => d.weekday!))];
    const other = dayEntries.filter((d) => d.kind !== "weekday" && d.kind !== "any");
    let days: DayKind = "any";
    if (weekdays.length) days = "weekday";
    else if (other.length) days = other[0]!.kind;
    const part = parts[0] ?? dayEntries.find((d) => d.part)?.part ?? null;
    const afterFromWords = dayEntries.find((d) => d.after !== undefined)?.after ?? null;
    time = {
      days,
      ...(days === "weekday"
        ? {
            weekdays: weekdays.sort((a, b) => a - b),
            recurring: dayEntries.some((d) => d.kind === "weekday" && d.recurring),
          }
        : {}),
      part,
      after: after ?? afterFromWords,
      before,
    };
    timeConfidence = new Set(other.map((d) => d.kind)).size > 1 || (weekdays.length && other.length) ? 0.6 : 0.9;
  }

  // ── Keywords: content words left over ──
  const keywordCategory = categories.filter((c) => c.entry.keyword).map((c) => c.text);
  const leftovers = residual
    .filter(
      (r) => !consumedTerm.has(r.index) && !fuzzyUsed.has(r.index) && !/^\d+$/.test(r.token) && r.token.length >= 2,
    )
    .map((r) => r.token);
  const keywords = [...new Set([...keywordCategory, ...leftovers])];
  const unexplained = subject || category ? [] : leftovers;

  const subjectConfidence = subject
    ? distinctSubjects.length > 1
      ? 0.5
      : subjectMatch === "name"
        ? 0.97
        : subjectMatch === "alias"
          ? 0.93
          : 0.72
    : category
      ? 0.85
      : leftovers.length
        ? 0.45
        : 0.9;

  const location: FastParse["location"] = bestRegion
    ? {
        value: bestRegion.entry.region,
        confidence:
          distinctRegions.size > 1
            ? 0.55
            : bestRegion.entry.learned
              ? 0.85
              : bestRegion.entry.match === "exact"
                ? 0.97
                : 0.93,
        source: "fast",
        tier: bestRegion.entry.match,
        learned: bestRegion.entry.learned,
      }
    : {
        value: null,
        confidence: nearMe ? 0.9 : locationTerm ? 0.3 : 0.95,
        source: "fast",
        ...(nearMe ? { nearMe: true } : {}),
      };

  const moneyValue = money;
  return {
    normalised,
    subject: {
      value: subject,
      confidence: subjectConfidence,
      source: "fast",
      ...(subjectMatch ? { match: subjectMatch } : {}),
    },
    category: { value: category, confidence: category ? (subject ? subjectConfidence : 0.85) : 0.9, source: "fast" },
    location,
    locationTerm,
    locationPhrase,
    price: moneyValue
      ? {
          value: { minCents: moneyValue.minCents, maxCents: moneyValue.maxCents },
          confidence: moneyValue.confidence,
          source: "fast",
          ...(budget ? { budget: "low" as const } : {}),
        }
      : { value: null, confidence: 0.95, source: "fast", ...(budget ? { budget: "low" as const } : {}) },
    audience: {
      value: audience,
      confidence: audience ? audienceConfidence : 0.9,
      source: "fast",
      ...(ages.length ? { age: ages[0]! } : {}),
    },
    level: {
      value: levels[0] ?? null,
      confidence: levels.length > 1 ? 0.5 : levels.length ? 0.9 : 0.95,
      source: "fast",
    },
    lessonType: {
      value: pickLesson(lessons),
      confidence: lessons.length > 1 && lessons.includes("online") ? 0.5 : lessons.length ? 0.9 : 0.95,
      source: "fast",
    },
    time: { value: time, confidence: timeConfidence, source: "fast" },
    keywords,
    unexplained,
  };
}

/** "at my home" is more specific than "in person"; online with in-person words is a conflict (first wins). */
function pickLesson(lessons: LessonType[]): LessonType | null {
  if (!lessons.length) return null;
  if (lessons.includes("online")) return lessons[0]!;
  return lessons.find((l) => l === "student_location" || l === "instructor_location") ?? lessons[0]!;
}

const DAY_PREFIX = new Set(["on", "this", "next", "every", "coming"]);

/** Picks one meaning for a phrase with several ("sat": SAT or Saturday). */
function choose(entries: PhraseEntry[], tokens: string[], i: number, len: number, subjectSeen: boolean): PhraseEntry {
  const day = entries.find((e) => e.type === "day");
  const subject = entries.find((e) => e.type === "subject");
  if (day && subject) {
    const prev = tokens[i - 1];
    const next = tokens[i + len];
    const timeish =
      next &&
      ["morning", "mornings", "afternoon", "afternoons", "evening", "evenings", "night", BARRIER].includes(next);
    return subjectSeen || (prev && DAY_PREFIX.has(prev)) || timeish ? day : subject;
  }
  return [...entries].sort((a, b) => PRIORITY.indexOf(a.type) - PRIORITY.indexOf(b.type))[0]!;
}

export type { RegionRef };
