/**
 * Input generation for the malformed-input fuzz suite: walks a zod 4 schema (`schema._zod.def` / `_zod.bag`), builds
 * a plausible baseline (ids from the test world, chosen by key name) and then cases that replace one leaf at a time
 * with edge values and beyond (bounds ±1, wrong types, huge strings and arrays, unicode, NUL, extreme dates, bogus
 * cursors and ids). Deterministic: a seeded RNG, and a cap on cases per procedure.
 */
import type { ZodType } from "zod";

export type FuzzCase = { label: string; input: unknown };

type Def = { type: string; [k: string]: unknown };
type Bag = {
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  patterns?: Set<RegExp>;
};
const defOf = (s: ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const bagOf = (s: ZodType): Bag => (s as unknown as { _zod: { bag?: Bag } })._zod.bag ?? {};

/** mulberry32: small, fast, deterministic. */
export function seededRng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Values the baseline uses for keys it recognises (real ids from the world, a valid date, …). */
export type KnownValues = Record<string, unknown>;

const unwrapTypes = new Set([
  "optional",
  "nullable",
  "default",
  "prefault",
  "readonly",
  "catch",
  "nonoptional",
  "success",
]);

function unwrap(s: ZodType): ZodType {
  let cur = s;
  for (let i = 0; i < 10; i++) {
    const d = defOf(cur);
    if (unwrapTypes.has(d.type)) cur = d.innerType as ZodType;
    else if (d.type === "pipe") cur = d.in as ZodType;
    else if (d.type === "lazy") cur = (d.getter as () => ZodType)();
    else break;
  }
  return cur;
}

const isOptional = (s: ZodType) => {
  const d = defOf(s);
  return d.type === "optional" || d.type === "default" || d.type === "prefault";
};

/** A plausible valid value: known values by key, else the smallest thing the schema accepts. */
export function baseline(schema: ZodType, known: KnownValues, key = "", depth = 0): unknown {
  const inner = unwrap(schema);
  const d = defOf(inner);
  if (key && key in known && d.type !== "object") return known[key];
  switch (d.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(d.shape as Record<string, ZodType>)) {
        if (isOptional(v) && !(k in known)) continue;
        const value = baseline(v, known, k, depth + 1);
        if (value !== undefined) out[k] = value;
      }
      return out;
    }
    case "array": {
      const bag = bagOf(inner);
      const n = Math.max(1, Math.min(bag.minimum ?? 1, 3));
      return Array.from({ length: n }, () => baseline(d.element as ZodType, known, singular(key), depth + 1));
    }
    case "string": {
      const bag = bagOf(inner);
      const min = bag.minLength ?? 0;
      if (bag.format === "email") return "fuzz@example.test";
      return "a".repeat(Math.max(min, 1)).slice(0, bag.maxLength ?? 1000);
    }
    case "number": {
      const bag = bagOf(inner);
      return bag.minimum !== undefined && Number.isFinite(bag.minimum)
        ? Math.max(bag.minimum, Math.min(1, bag.maximum ?? 1))
        : 1;
    }
    case "int":
      return 1;
    case "boolean":
      return true;
    case "date":
      return known.__date ?? new Date(Date.now() + 3 * 86_400_000);
    case "enum":
      return Object.values(d.entries as Record<string, unknown>)[0];
    case "literal":
      return (d.values as unknown[])[0];
    case "union":
      return baseline((d.options as ZodType[])[0]!, known, key, depth + 1);
    case "record":
      return {};
    case "tuple":
      return (d.items as ZodType[]).map((i) => baseline(i, known, key, depth + 1));
    case "null":
      return null;
    default:
      return undefined;
  }
}

const singular = (k: string) => (k.endsWith("Ids") ? k.slice(0, -1) : k.endsWith("s") ? k.slice(0, -1) : k);

/* ── edge values ── */

const HUGE = "x".repeat(100_000);
const UNICODE = [
  "😀👩‍👩‍👧‍👦🏳️‍🌈".repeat(20),
  "\u202Eevil\u202C مرحبا بالعالم",
  "a\u200Bb\u200C\u200D\uFEFFc",
  "\u200B\u200B\u200B",
  "\uD800 lone surrogate",
  "e\u0301\u0301\u0301",
];
const NUL = ["nul\u0000byte", "\u0000", "\u0000".repeat(100)];
const INJECTION = [
  "'; drop table users; --",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "%00",
  "${jndi:ldap://x}",
];
const WRONG_TYPES: [string, unknown][] = [
  ["number", 42],
  ["null", null],
  ["boolean", true],
  ["object", { nested: { x: 1 } }],
  ["array", ["x"]],
];
const BOGUS_IDS: [string, unknown][] = [
  ["non-ULID", "not-a-ulid"],
  ["ULID of zeros", "0".repeat(26)],
  ["unknown ULID", "01ARZ3NDEKTSV4RRFFQ69G5FAV"],
  ["lowercase ULID", "01arz3ndektsv4rrffq69g5fav"],
  ["10k id", "A".repeat(10_000)],
  ["id with NUL", "01ARZ3NDEKTSV4RRFFQ69G\u0000AV"],
];
const DATE_STRINGS: [string, unknown][] = [
  ["0001-01-01", "0001-01-01"],
  ["9999-12-31", "9999-12-31"],
  ["Feb 30", "2026-02-30"],
  ["month 13", "2026-13-01"],
  ["+275760-09-13", "+275760-09-13"],
  ["-000001-01-01", "-000001-01-01"],
];
const DATES: [string, unknown][] = [
  ["date 0001-01-01", new Date("0001-01-01T00:00:00Z")],
  ["date 9999-12-31", new Date("9999-12-31T23:59:59Z")],
  ["date +8.64e15", new Date(8.64e15)],
  ["date -8.64e15", new Date(-8.64e15)],
  ["Invalid Date", new Date(NaN)],
  ["string 'not a date'", "not a date"],
  ["epoch 8.64e15+1", 8.64e15 + 1],
  ["epoch -1", -1],
  ["string 0001-01-01", "0001-01-01T00:00:00Z"],
  ["empty string", ""],
];

export function bogusCursors(rng: () => number): [string, unknown][] {
  const b64 = (s: string) => Buffer.from(s).toString("base64url");
  const random = Buffer.from(Array.from({ length: 24 }, () => Math.floor(rng() * 256))).toString("base64");
  return [
    ["random base64", random],
    ["empty", ""],
    ["-1:x", "-1:x"],
    ["huge number", "9".repeat(180)],
    ["1e309", "1e309"],
    ["json negative offset", b64(JSON.stringify({ o: -1, s: "x" }))],
    ["json year 1", b64(JSON.stringify({ at: "0001-01-01T00:00:00Z", id: "x", startAt: "0001-01-01", o: 1e300 }))],
    ["json NaN date", b64(JSON.stringify({ at: "not a date", id: "A".repeat(26), startAt: 8.64e15 + 1 }))],
    ["not json", b64("{{{")],
    ["NUL", "abc\u0000def"],
  ];
}

const isIdKey = (k: string) => /(^id$|Id$|Ids$|^ids$)/.test(k);
const isCursorKey = (k: string) => /cursor|lastEventId/i.test(k);
const isDateStringKey = (k: string) => /^(date|weekStart|from|to|day)$/.test(k);

/** Edge values for one leaf, most important first. */
function edgesFor(schema: ZodType, key: string, known: KnownValues, rng: () => number): [string, unknown][] {
  const inner = unwrap(schema);
  const d = defOf(inner);
  const bag = bagOf(inner);
  const out: [string, unknown][] = [];
  if (isCursorKey(key)) out.push(...bogusCursors(rng));
  if (isIdKey(key) && d.type !== "array") out.push(...BOGUS_IDS);
  switch (d.type) {
    case "string": {
      if (isDateStringKey(key)) out.push(...DATE_STRINGS);
      out.push(
        ["NUL", NUL[0]],
        ["huge 100k", HUGE],
        ["emoji", UNICODE[0]],
        ["RTL", UNICODE[1]],
        ["zero-width", UNICODE[2]],
      );
      if (bag.maxLength !== undefined)
        out.push(
          [`len max+1 (${bag.maxLength + 1})`, "a".repeat(bag.maxLength + 1)],
          [`len max (${bag.maxLength})`, "a".repeat(bag.maxLength)],
        );
      if (bag.minLength) out.push([`len min-1 (${bag.minLength - 1})`, "a".repeat(bag.minLength - 1)]);
      out.push(
        ["empty", ""],
        ["only zero-width", UNICODE[3]],
        ["lone surrogate", UNICODE[4]],
        ["only NULs", NUL[2]],
        ...INJECTION.map((v): [string, unknown] => ["injection", v]),
      );
      out.push(...WRONG_TYPES);
      break;
    }
    case "number":
    case "int": {
      if (bag.minimum !== undefined && Number.isFinite(bag.minimum))
        out.push([`min-1 (${bag.minimum - 1})`, bag.minimum - 1], [`min (${bag.minimum})`, bag.minimum]);
      if (bag.maximum !== undefined && Number.isFinite(bag.maximum))
        out.push([`max+1 (${bag.maximum + 1})`, bag.maximum + 1], [`max (${bag.maximum})`, bag.maximum]);
      out.push(
        ["NaN", NaN],
        ["Infinity", Infinity],
        ["-Infinity", -Infinity],
        ["2^53", 2 ** 53],
        ["-1e308", -1e308],
        ["0.5", 0.5],
        ["-1", -1],
        ["0", 0],
        ["string '5'", "5"],
        ...WRONG_TYPES.filter(([n]) => n !== "number"),
      );
      break;
    }
    case "date":
      out.push(...DATES);
      break;
    case "boolean":
      out.push(["string 'true'", "true"], ["1", 1], ["null", null]);
      break;
    case "enum":
    case "literal":
      out.push(
        ["bogus", "bogus"],
        ["empty", ""],
        ["upper-cased", String(baseline(inner, {}, "")).toUpperCase()],
        ["NUL", "\u0000"],
        ["number", 1],
        ["null", null],
      );
      break;
    case "array": {
      const element = baseline(d.element as ZodType, known, singular(key));
      out.push(["empty array", []], ["10k elements", Array.from({ length: 10_000 }, () => element)]);
      if (bag.maximum !== undefined)
        out.push([`max+1 elements (${bag.maximum + 1})`, Array.from({ length: bag.maximum + 1 }, () => element)]);
      out.push(["wrong element types", [null, 1, "x", {}]], ["not an array", "x"], ["null", null]);
      break;
    }
    case "object":
      out.push(["null", null], ["array", []], ["string", "x"], ["empty object", {}]);
      break;
    case "union":
      out.push(["empty object", {}], ["null", null], ["string", "x"], ["number", 1]);
      break;
    case "record":
      out.push(
        ["array", []],
        ["null", null],
        ["big record", Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]))],
      );
      break;
    default:
      out.push(["null", null], ["string", "x"]);
  }
  out.push(["missing", undefined]);
  return out;
}

type Leaf = { path: string[]; schema: ZodType; key: string };

/** Leaves of an input (object fields, nested objects up to depth 3; unions and arrays are leaves). */
function leavesOf(schema: ZodType, path: string[] = [], depth = 0): Leaf[] {
  const inner = unwrap(schema);
  const d = defOf(inner);
  if (d.type === "object" && depth < 3) {
    return Object.entries(d.shape as Record<string, ZodType>).flatMap(([k, v]) => {
      const sub = leavesOf(v, [...path, k], depth + 1);
      // Also fuzz the object node itself (null, [], "x") when nested.
      return defOf(unwrap(v)).type === "object" ? [{ path: [...path, k], schema: v, key: k }, ...sub] : sub;
    });
  }
  return [{ path, schema, key: path.at(-1) ?? "" }];
}

function setAt(root: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (v: unknown): Record<string, unknown> =>
    v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)
      ? { ...(v as Record<string, unknown>) }
      : {};
  const top = copy(root);
  let node = top;
  for (let i = 0; i < path.length - 1; i++) {
    const next = copy(node[path[i]!]);
    node[path[i]!] = next;
    node = next;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return top;
}

/**
 * The cases for one procedure: whole-input edges, then one-leaf replacements round-robin across leaves (each leaf's
 * most important edges first), capped at `max`.
 */
export function casesFor(schema: ZodType | null, known: KnownValues, seed: number, max: number): FuzzCase[] {
  const rng = seededRng(seed);
  if (!schema)
    return [
      { label: "no input", input: undefined },
      { label: "unexpected object", input: { x: "\u0000" } },
      { label: "huge string", input: HUGE },
    ];
  const base = baseline(schema, known);
  const cases: FuzzCase[] = [
    { label: "baseline", input: base },
    { label: "undefined", input: undefined },
    { label: "null", input: null },
    { label: "number", input: 42 },
    { label: "huge string", input: HUGE },
    { label: "array", input: [base] },
    {
      label: "prototype keys",
      input: {
        ...(base as object),
        ...JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
      },
    },
  ];
  const perLeaf = leavesOf(schema).map((leaf) => ({ leaf, edges: edgesFor(leaf.schema, leaf.key, known, rng) }));
  for (let round = 0; cases.length < max; round++) {
    let added = false;
    for (const { leaf, edges } of perLeaf) {
      const edge = edges[round];
      if (!edge || cases.length >= max) continue;
      added = true;
      cases.push({ label: `${leaf.path.join(".") || "(input)"} = ${edge[0]}`, input: setAt(base, leaf.path, edge[1]) });
    }
    if (!added) break;
  }
  return cases;
}
