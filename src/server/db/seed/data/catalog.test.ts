import { describe, it, expect } from "vitest";
import { CATALOG, SUBJECTS, assertCatalogConsistent, type CategorySeed } from "./catalog";
import { BOROUGHS, CITY, NEIGHBOURHOODS } from "./gazetteer";
import {
  BIO_TEMPLATES,
  CATEGORY_HEADLINE_TEMPLATES,
  FIRST_NAMES,
  HEADLINE_TEMPLATES,
  LANGUAGES,
  LAST_NAMES,
  REVIEW_SNIPPETS,
  STREET_NAMES,
  fillTemplate,
} from "./people";

const NYC_BBOX = { minLat: 40.49, maxLat: 40.92, minLng: -74.27, maxLng: -73.68 };
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const inNyc = (lat: number, lng: number) =>
  lat >= NYC_BBOX.minLat && lat <= NYC_BBOX.maxLat && lng >= NYC_BBOX.minLng && lng <= NYC_BBOX.maxLng;

const dupes = (xs: readonly string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

describe("catalog", () => {
  it("is consistent", () => {
    expect(() => assertCatalogConsistent()).not.toThrow();
  });

  it("has enough categories and subjects", () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(7);
    expect(SUBJECTS.length).toBeGreaterThanOrEqual(40);
    expect(SUBJECTS.length).toBe(CATALOG.reduce((n, c) => n + c.subjects.length, 0));
  });

  it("resolves well-known aliases to the expected subject", () => {
    const byTerm = new Map<string, string>();
    for (const s of SUBJECTS) for (const a of s.aliases) byTerm.set(a, s.slug);
    expect(byTerm.get("keys")).toBe("piano");
    expect(byTerm.get("uke")).toBe("ukulele");
    expect(byTerm.get("calc")).toBe("calculus");
    expect(byTerm.get("español")).toBe("spanish");
    expect(byTerm.get("chinese")).toBe("mandarin");
    expect(byTerm.get("python")).toBe("coding");
    expect(byTerm.get("pt")).toBe("personal-training");
    expect(byTerm.get("karate")).toBe("martial-arts");
    expect(byTerm.get("sat")).toBe("sat-math");
  });

  it("has sane rates, audiences and slugs", () => {
    for (const s of SUBJECTS) {
      expect(s.slug).toMatch(KEBAB);
      const [min, max] = s.typicalRateCents;
      expect(min).toBeGreaterThanOrEqual(2000);
      expect(max).toBeLessThanOrEqual(30000);
      expect(min).toBeLessThanOrEqual(max);
      expect(s.audiences.length).toBeGreaterThan(0);
    }
    for (const c of CATALOG) {
      expect(c.slug).toMatch(KEBAB);
      expect(c.description.length).toBeGreaterThan(20);
    }
  });

  it("rejects duplicate aliases, duplicate slugs and non-lower-case aliases", () => {
    const subject = (slug: string, aliases: string[]) => ({
      slug,
      name: slug,
      aliases,
      typicalRateCents: [1000, 2000] as [number, number],
      audiences: ["adults" as const],
      online: true,
    });
    const cat = (slug: string, subjects: CategorySeed["subjects"]): CategorySeed => ({
      slug,
      name: slug,
      description: "test",
      subjects,
    });
    expect(() => assertCatalogConsistent([cat("a", [subject("x", ["k"]), subject("y", ["k"])])])).toThrow(/"k"/);
    expect(() => assertCatalogConsistent([cat("a", [subject("x", [])]), cat("b", [subject("x", [])])])).toThrow(
      /duplicate slug/,
    );
    expect(() => assertCatalogConsistent([cat("a", [subject("x", ["Keys"])])])).toThrow(/lower-case/);
    expect(() => assertCatalogConsistent([cat("a", [subject("x", []), subject("y", ["x"])])])).toThrow(/"x"/);
  });
});

describe("gazetteer", () => {
  it("has the five boroughs and enough neighbourhoods", () => {
    expect(BOROUGHS.map((b) => b.slug).sort()).toEqual(["bronx", "brooklyn", "manhattan", "queens", "staten-island"]);
    expect(NEIGHBOURHOODS.length).toBeGreaterThanOrEqual(60);
    for (const b of BOROUGHS) {
      expect(NEIGHBOURHOODS.filter((n) => n.borough === b.slug).length).toBeGreaterThanOrEqual(5);
    }
  });

  it("every neighbourhood's borough exists", () => {
    const boroughSlugs = new Set(BOROUGHS.map((b) => b.slug));
    for (const n of NEIGHBOURHOODS) expect(boroughSlugs.has(n.borough), n.slug).toBe(true);
  });

  it("has unique kebab-case slugs across boroughs and neighbourhoods", () => {
    const slugs = [...BOROUGHS.map((b) => b.slug), ...NEIGHBOURHOODS.map((n) => n.slug)];
    expect(dupes(slugs)).toEqual([]);
    for (const s of slugs) expect(s).toMatch(KEBAB);
  });

  it("has coordinates inside the NYC bounding box", () => {
    expect(inNyc(CITY.lat, CITY.lng)).toBe(true);
    for (const p of [...BOROUGHS, ...NEIGHBOURHOODS]) {
      expect(inNyc(p.lat, p.lng), p.slug).toBe(true);
      // 4 decimal places at most
      expect(Math.round(p.lat * 1e4) / 1e4).toBe(p.lat);
      expect(Math.round(p.lng * 1e4) / 1e4).toBe(p.lng);
    }
  });

  it("has sensible radii", () => {
    for (const n of NEIGHBOURHOODS) {
      expect(n.radiusKm, n.slug).toBeGreaterThanOrEqual(0.6);
      expect(n.radiusKm, n.slug).toBeLessThanOrEqual(2.5);
    }
  });

  it("has lower-case aliases and unambiguous search terms", () => {
    const terms: string[] = [];
    for (const p of [...BOROUGHS, ...NEIGHBOURHOODS]) {
      for (const a of p.aliases) expect(a, p.slug).toBe(a.trim().toLowerCase());
      terms.push(...new Set([p.name.toLowerCase(), ...p.aliases]));
    }
    expect(dupes(terms)).toEqual([]);
  });

  it("knows the common abbreviations", () => {
    const byAlias = new Map<string, string>();
    for (const p of [...BOROUGHS, ...NEIGHBOURHOODS]) for (const a of p.aliases) byAlias.set(a, p.slug);
    expect(byAlias.get("uws")).toBe("upper-west-side");
    expect(byAlias.get("ues")).toBe("upper-east-side");
    expect(byAlias.get("lic")).toBe("long-island-city");
    expect(byAlias.get("bed-stuy")).toBe("bedford-stuyvesant");
    expect(byAlias.get("fidi")).toBe("financial-district");
    expect(byAlias.get("bk")).toBe("brooklyn");
    expect(byAlias.get("bronx")).toBe("bronx");
  });
});

describe("people pools", () => {
  it("has enough unique names", () => {
    expect(FIRST_NAMES.length).toBeGreaterThanOrEqual(100);
    expect(LAST_NAMES.length).toBeGreaterThanOrEqual(100);
    expect(dupes(FIRST_NAMES)).toEqual([]);
    expect(dupes(LAST_NAMES)).toEqual([]);
  });

  it("templates only use known placeholders", () => {
    const headlines = [...HEADLINE_TEMPLATES, ...Object.values(CATEGORY_HEADLINE_TEMPLATES).flat()];
    expect(HEADLINE_TEMPLATES.length).toBeGreaterThanOrEqual(25);
    for (const t of headlines) {
      expect(t).toContain("{subject}");
      for (const p of placeholders(t)) expect(["subject", "years"], t).toContain(p);
    }
    expect(BIO_TEMPLATES.length).toBeGreaterThanOrEqual(15);
    for (const t of BIO_TEMPLATES) {
      expect(t).toContain("{subject}");
      expect(t).toContain("{neighbourhood}");
      for (const p of placeholders(t)) expect(["subject", "years", "first", "neighbourhood"], t).toContain(p);
    }
    for (const slug of Object.keys(CATEGORY_HEADLINE_TEMPLATES)) {
      expect(CATALOG.map((c) => c.slug)).toContain(slug);
    }
  });

  it("fillTemplate fills every placeholder and fails loudly on missing ones", () => {
    const vars = { subject: "Piano", years: 8, first: "Ana", neighbourhood: "Park Slope" };
    for (const t of [...HEADLINE_TEMPLATES, ...BIO_TEMPLATES]) {
      expect(fillTemplate(t, vars)).not.toMatch(/[{}]/);
    }
    expect(() => fillTemplate("{subject} with {first}", { subject: "Piano" })).toThrow(/first/);
  });

  it("has the other pools", () => {
    expect(LANGUAGES).toContain("English");
    expect(dupes(LANGUAGES)).toEqual([]);
    expect(STREET_NAMES.length).toBeGreaterThanOrEqual(30);
    expect(dupes(STREET_NAMES)).toEqual([]);
    expect(REVIEW_SNIPPETS.length).toBeGreaterThanOrEqual(40);
    expect(REVIEW_SNIPPETS.filter((r) => r.rating === 3).length).toBeGreaterThan(0);
    const avg = REVIEW_SNIPPETS.reduce((s, r) => s + r.rating, 0) / REVIEW_SNIPPETS.length;
    expect(avg).toBeGreaterThan(4.2);
  });
});
