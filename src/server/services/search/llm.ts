/**
 * What search asks the LLM (OpenAI structured outputs): a full parse when the fast path is unsure, and tier 5
 * of location resolution. Answers are constrained to catalog and gazetteer slugs by the JSON schema and validated
 * again here; anything unexpected is discarded, never trusted.
 */
import { z } from "zod";
import type { LlmPort, ProviderCallOptions } from "~/server/integrations/openai";
import type { Lexicon } from "./lexicon";
import { AUDIENCES, DAY_KINDS, DAY_PARTS, LESSON_TYPES, SEARCH_LEVELS, type TimeSpec } from "./types";

const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: "null" }] });
const enumOrNull = (values: readonly string[]) => ({ type: ["string", "null"], enum: [...values, null] });

export const ZLlmParse = z.object({
  subject: z.string().nullable(),
  location: z.string().nullable(),
  nearMe: z.boolean(),
  priceMinDollars: z.number().nullable(),
  priceMaxDollars: z.number().nullable(),
  audience: z.enum(AUDIENCES).nullable(),
  level: z.enum(SEARCH_LEVELS).nullable(),
  lessonType: z.enum(LESSON_TYPES).nullable(),
  time: z
    .object({
      days: z.enum(DAY_KINDS),
      weekdays: z.array(z.number().int().min(1).max(7)),
      part: z.enum(DAY_PARTS).nullable(),
      afterHHMM: z
        .string()
        .regex(/^\d{2}:\d{2}$/)
        .nullable(),
      beforeHHMM: z
        .string()
        .regex(/^\d{2}:\d{2}$/)
        .nullable(),
    })
    .nullable(),
});
export type LlmParse = z.infer<typeof ZLlmParse>;

export function llmParseSchema(lex: Lexicon): Record<string, unknown> {
  return {
    type: "object",
    additionalProperties: false,
    required: [
      "subject",
      "location",
      "nearMe",
      "priceMinDollars",
      "priceMaxDollars",
      "audience",
      "level",
      "lessonType",
      "time",
    ],
    properties: {
      subject: enumOrNull(lex.subjects.map((s) => s.slug)),
      location: enumOrNull(lex.regions.map((r) => r.slug)),
      nearMe: { type: "boolean" },
      priceMinDollars: { type: ["number", "null"] },
      priceMaxDollars: { type: ["number", "null"] },
      audience: enumOrNull(AUDIENCES),
      level: enumOrNull(SEARCH_LEVELS),
      lessonType: enumOrNull(LESSON_TYPES),
      time: nullable({
        type: "object",
        additionalProperties: false,
        required: ["days", "weekdays", "part", "afterHHMM", "beforeHHMM"],
        properties: {
          days: { type: "string", enum: [...DAY_KINDS] },
          weekdays: { type: "array", items: { type: "integer" } },
          part: enumOrNull(DAY_PARTS),
          afterHHMM: { type: ["string", "null"] },
          beforeHHMM: { type: ["string", "null"] },
        },
      }),
    },
  };
}

const PARSE_SYSTEM = [
  "You turn a search for private lessons in New York City into filters.",
  "subject: the one catalog subject slug the person wants, or null if none fits. location: a gazetteer slug, or null.",
  "nearMe: true when they say near me / nearby. Prices are US dollars per hour.",
  "audience: kids (12 and under), teens (13-17) or adults. lessonType: online, in_person, student_location (teacher comes to them) or instructor_location (at the teacher's studio).",
  "time: when the lesson should start; days 'weekday' uses weekdays 1=Mon..7=Sun; afterHHMM/beforeHHMM are 24h local times. Use null for anything not said.",
].join(" ");

export async function llmParseQuery(
  llm: LlmPort,
  lex: Lexicon,
  query: string,
  today: string,
  opts: ProviderCallOptions,
): Promise<LlmParse | null> {
  const subjects = lex.subjects.map((s) => `${s.slug}: ${s.name}`).join("; ");
  const regions = lex.regions.map((r) => `${r.slug}: ${r.name}`).join("; ");
  const raw = await llm.structured(
    {
      name: "lesson_search",
      schema: llmParseSchema(lex),
      system: PARSE_SYSTEM,
      user: `Today is ${today}.\nSubjects: ${subjects}\nPlaces: ${regions}\nSearch: ${JSON.stringify(query)}`,
    },
    opts,
  );
  const parsed = ZLlmParse.safeParse(raw);
  if (!parsed.success) return null;
  const v = parsed.data;
  return {
    ...v,
    subject: v.subject && lex.subjectsBySlug.has(v.subject) ? v.subject : null,
    location: v.location && lex.regionsBySlug.has(v.location) ? v.location : null,
  };
}

export function llmTimeSpec(t: NonNullable<LlmParse["time"]>): TimeSpec | null {
  const minutes = (hhmm: string | null) => {
    if (!hhmm) return null;
    const [h, m] = hhmm.split(":").map(Number);
    const v = (h ?? 0) * 60 + (m ?? 0);
    return v >= 0 && v <= 1440 ? v : null;
  };
  if (t.days === "weekday" && !t.weekdays.length) return null;
  return {
    days: t.days,
    ...(t.days === "weekday" ? { weekdays: [...new Set(t.weekdays)].sort((a, b) => a - b), recurring: false } : {}),
    part: t.part,
    after: minutes(t.afterHHMM),
    before: minutes(t.beforeHHMM),
  };
}

const ZLlmLocation = z.object({ location: z.string().nullable(), confidence: z.number().min(0).max(1) });

/** Tier 5: which gazetteer place a phrase means, or null. */
export async function llmResolveLocation(
  llm: LlmPort,
  lex: Lexicon,
  term: string,
  opts: ProviderCallOptions,
): Promise<{ slug: string; confidence: number } | null> {
  const raw = await llm.structured(
    {
      name: "place_lookup",
      schema: {
        type: "object",
        additionalProperties: false,
        required: ["location", "confidence"],
        properties: { location: enumOrNull(lex.regions.map((r) => r.slug)), confidence: { type: "number" } },
      },
      system:
        "You map a place phrase typed by someone in New York City to one place of the list (slug), or null when none fits. confidence is 0 to 1.",
      user: `Places: ${lex.regions.map((r) => `${r.slug}: ${r.name}`).join("; ")}\nPhrase: ${JSON.stringify(term)}`,
    },
    opts,
  );
  const parsed = ZLlmLocation.safeParse(raw);
  if (!parsed.success || !parsed.data.location || !lex.regionsBySlug.has(parsed.data.location)) return null;
  return { slug: parsed.data.location, confidence: parsed.data.confidence };
}
