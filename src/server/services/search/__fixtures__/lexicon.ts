/** The parser's dictionary built from the seed data (slugs stand in for ids), for tests that need no database. */
import { CATALOG } from "~/server/db/seed/data/catalog";
import { BOROUGHS, CITY, NEIGHBOURHOODS } from "~/server/db/seed/data/gazetteer";
import { buildLexicon, type Lexicon, type LexiconInput } from "../lexicon";

export function seedLexiconInput(): LexiconInput {
  return {
    categories: CATALOG.map((c) => ({ slug: c.slug, name: c.name })),
    subjects: CATALOG.flatMap((c) =>
      c.subjects.map((s) => ({ id: s.slug, slug: s.slug, name: s.name, categorySlug: c.slug, aliases: s.aliases })),
    ),
    regions: [
      {
        id: "new-york",
        slug: "new-york",
        name: CITY.name,
        kind: "city" as const,
        parentId: null,
        lat: CITY.lat,
        lng: CITY.lng,
        radiusKm: 25,
        aliases: [],
      },
      ...BOROUGHS.map((b) => ({
        id: b.slug,
        slug: b.slug,
        name: b.name,
        kind: "borough" as const,
        parentId: "new-york",
        lat: b.lat,
        lng: b.lng,
        radiusKm: 8,
        aliases: b.aliases.map((alias) => ({ alias, source: "seed" as const })),
      })),
      ...NEIGHBOURHOODS.map((n) => ({
        id: n.slug,
        slug: n.slug,
        name: n.name,
        kind: "neighbourhood" as const,
        parentId: n.borough,
        lat: n.lat,
        lng: n.lng,
        radiusKm: n.radiusKm,
        aliases: n.aliases.map((alias) => ({ alias, source: "seed" as const })),
      })),
    ],
  };
}

export function seedLexicon(): Lexicon {
  return buildLexicon(seedLexiconInput());
}
