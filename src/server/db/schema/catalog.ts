import { sql } from "drizzle-orm";
import { check, doublePrecision, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestamps } from "./_columns";

export const categories = pgTable("categories", {
  id: idColumn(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  position: integer("position").notNull().default(0),
  createdAt: timestamps.createdAt,
});

export const subjects = pgTable(
  "subjects",
  {
    id: idColumn(),
    categoryId: text("category_id")
      .notNull()
      .references(() => categories.id),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index("subjects_category_idx").on(t.categoryId),
    index("subjects_name_trgm").using("gin", sql`${t.name} gin_trgm_ops`),
  ],
);

/** "keys" → Piano. An alias names exactly one subject. */
export const subjectAliases = pgTable(
  "subject_aliases",
  {
    alias: text("alias").primaryKey(),
    subjectId: text("subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
  },
  (t) => [
    index("subject_aliases_subject_idx").on(t.subjectId),
    check("subject_aliases_lower_ck", sql`${t.alias} = lower(${t.alias})`),
  ],
);

export const REGION_KINDS = ["city", "borough", "neighbourhood"] as const;

/** The seeded city gazetteer: boroughs and neighbourhoods with centroids. */
export const regions = pgTable(
  "regions",
  {
    id: idColumn(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    kind: text("kind", { enum: REGION_KINDS }).notNull(),
    parentId: text("parent_id"),
    lat: doublePrecision("lat").notNull(),
    lng: doublePrecision("lng").notNull(),
    radiusKm: doublePrecision("radius_km").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    check("regions_kind_ck", sql`${t.kind} in ('city','borough','neighbourhood')`),
    index("regions_parent_idx").on(t.parentId),
    index("regions_name_trgm").using("gin", sql`${t.name} gin_trgm_ops`),
  ],
);

/** Region aliases: seeded ones and ones learned from search clicks. */
export const regionAliases = pgTable(
  "region_aliases",
  {
    alias: text("alias").notNull(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id, { onDelete: "cascade" }),
    source: text("source", { enum: ["seed", "learned"] })
      .notNull()
      .default("seed"),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex("region_aliases_alias_uq").on(t.alias),
    check("region_aliases_source_ck", sql`${t.source} in ('seed','learned')`),
    check("region_aliases_lower_ck", sql`${t.alias} = lower(${t.alias})`),
  ],
);
