import { sql } from "drizzle-orm";
import { boolean, customType, index, integer, jsonb, pgTable, real, text } from "drizzle-orm/pg-core";
import { idColumn, timestamps, tstz } from "./_columns";
import { regions } from "./catalog";
import { instructorProfiles, instructorServices } from "./instructors";

/**
 * Natural-language search (PRODUCT.md §7): the retrieval documents and the analytics of searches and clicks.
 *
 * `search_documents` holds one row per lesson service: the text lexical retrieval matches (subject name and
 * aliases, service description, profile headline) with a generated full-text vector, and the text's embedding.
 * Embeddings are stored portably in `embedding` (real[]); where the database has pgvector, a custom migration
 * adds `embedding_vec vector(256)` beside it (not declared here: drizzle-kit must not depend on the extension).
 */

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const searchDocuments = pgTable(
  "search_documents",
  {
    serviceId: text("service_id")
      .primaryKey()
      .references(() => instructorServices.id, { onDelete: "cascade" }),
    instructorId: text("instructor_id")
      .notNull()
      .references(() => instructorProfiles.userId, { onDelete: "cascade" }),
    subjectId: text("subject_id").notNull(),
    document: text("document").notNull(),
    tsv: tsvector("tsv")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('english'::regconfig, "document")`),
    /** sha256 of the document text: the embedding is recomputed only when the text (or the model) changes. */
    contentHash: text("content_hash").notNull(),
    /** The newest `updated_at` of the service and profile the document was built from (staleness check). */
    sourceUpdatedAt: tstz("source_updated_at").notNull(),
    embedding: real("embedding").array(),
    embeddingModel: text("embedding_model"),
    updatedAt: timestamps.updatedAt,
  },
  (t) => [
    index("search_documents_instructor_idx").on(t.instructorId),
    index("search_documents_subject_idx").on(t.subjectId),
    index("search_documents_tsv_idx").using("gin", t.tsv),
    index("search_documents_document_trgm").using("gin", sql`${t.document} gin_trgm_ops`),
    index("search_documents_updated_idx").on(t.updatedAt),
  ],
);

/** One row per `search.instructors` call (page 1; later pages reuse the id). IPs are HMAC-hashed. */
export const searchEvents = pgTable(
  "search_events",
  {
    id: idColumn(),
    query: text("query").notNull(),
    normalised: text("normalised").notNull(),
    parsed: jsonb("parsed").$type<Record<string, unknown>>().notNull().default({}),
    resultCount: integer("result_count").notNull(),
    ipHash: text("ip_hash"),
    ms: integer("ms").notNull(),
    degraded: boolean("degraded").notNull().default(false),
    skipped: text("skipped")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    cached: boolean("cached").notNull().default(false),
    /** The location phrase as typed, when the query had one (alias learning reads it). */
    locationTerm: text("location_term"),
    /** Who searched, for alias learning: "u:<user id>" when signed in, else "n:<HMAC of the client's network>". */
    clientKey: text("client_key"),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index("search_events_created_idx").on(t.createdAt),
    index("search_events_normalised_idx").on(t.normalised, t.createdAt),
  ],
);

/** A result click. `region_id` is the clicked instructor's neighbourhood, for learning location aliases. */
export const searchClicks = pgTable(
  "search_clicks",
  {
    id: idColumn(),
    searchId: text("search_id")
      .notNull()
      .references(() => searchEvents.id, { onDelete: "cascade" }),
    instructorId: text("instructor_id")
      .notNull()
      .references(() => instructorProfiles.userId, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    ipHash: text("ip_hash"),
    locationTerm: text("location_term"),
    regionId: text("region_id").references(() => regions.id, { onDelete: "set null" }),
    /** Who clicked (same form as `search_events.client_key`). */
    clientKey: text("client_key"),
    /**
     * A vote for alias learning: the clicked card was a signed result of the search and the clicker is the client
     * that ran it. Cleared when an admin removes the alias the votes taught, so old votes can't re-teach it.
     */
    learnable: boolean("learnable").notNull().default(false),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index("search_clicks_search_idx").on(t.searchId, t.clientKey),
    index("search_clicks_term_region_idx").on(t.locationTerm, t.regionId),
    index("search_clicks_created_idx").on(t.createdAt),
  ],
);
