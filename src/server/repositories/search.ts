import { and, asc, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "~/server/db/client";
import {
  categories,
  hiddenContent,
  instructorProfiles,
  regionAliases,
  regions,
  searchClicks,
  searchDocuments,
  searchEvents,
  subjectAliases,
  subjects,
  type HiddenKind,
} from "~/server/db/schema";
import { ACTIVE_BOOKING_STATUSES } from "./bookings";

/**
 * Hard filters every retrieval query applies in SQL (the candidate prefilter). The listing rule's static part
 * (active account, active service, background check passed or pending, payouts active) is always on; whether the
 * instructor has a bookable time is decided afterwards by the availability engine.
 */
export type CandidateFilter = {
  /** Subjects the service must teach (a recognised subject, or every subject of a recognised category). */
  subjectIds: string[] | null;
  minRateCents: number | null;
  maxRateCents: number | null;
  /** The service must allow at least one of these location types. */
  locationTypes: string[] | null;
  ageGroup: string | null;
  level: string | null;
  /** In-person coverage of a region: travel (service areas) and/or studio (teaching place nearby). */
  coverage: {
    regionId: string;
    kind: "city" | "borough" | "neighbourhood";
    lat: number;
    lng: number;
    radiusKm: number;
    studioReachKm: number;
    travel: boolean;
    studio: boolean;
  } | null;
  /** Cheap availability prefilter: a weekly pattern on one of these ISO weekdays, or a dated row on one of these dates. */
  availability: { weekdays: number[]; dates: string[] } | null;
  /** The window ends this many minutes from now: an instructor needing more notice than that cannot be booked in it. */
  windowEndsInMinutes: number | null;
};

export type TextQuery = {
  /** `to_tsquery('english', …)` text built from sanitised tokens ("jazz:* | improv:*"), or null. */
  tsQuery: string | null;
  /** Raw words for trigram word similarity, or null. */
  trigramText: string | null;
  /** With no subject filter, a service must match the text (else the filter alone decides). */
  requireMatch: boolean;
};

const KM_PER_DEG_LAT = 110.574;

/** Straight-line km between a row's point and a fixed point (equirectangular; exact enough inside one city). */
function kmFrom(
  latCol: SQL | typeof instructorProfiles.publicLat,
  lngCol: SQL | typeof instructorProfiles.publicLng,
  lat: number,
  lng: number,
): SQL {
  const kx = 111.32 * Math.cos((lat * Math.PI) / 180);
  return sql`sqrt(power((${latCol} - ${lat}::float8) * ${KM_PER_DEG_LAT}::float8, 2) + power((${lngCol} - ${lng}::float8) * ${kx}::float8, 2))`;
}

/** Whether an admin hid this profile field (`p` is the instructor's profile row); hidden fields show empty. */
const hiddenField = (kind: HiddenKind) =>
  sql`exists (select 1 from ${hiddenContent} h where h.kind = ${kind} and h.target_id = p.user_id)`;
const arr = (values: readonly string[]) => sql`${sql.param([...values])}::text[]`;
const intArr = (values: readonly number[]) => sql`${sql.param([...values])}::int[]`;

/** The WHERE clause shared by every candidate query over `instructor_services s` ⨝ profiles `p` ⨝ users `u`. */
function candidateWhere(f: CandidateFilter): SQL {
  const parts: SQL[] = [
    sql`s.is_active`,
    sql`u.status = 'active'`,
    sql`p.background_check in ('passed', 'pending')`,
    sql`p.payout_status = 'active'`,
  ];
  if (f.subjectIds) parts.push(sql`s.subject_id = any(${arr(f.subjectIds)})`);
  if (f.minRateCents !== null) parts.push(sql`s.hourly_rate_cents >= ${f.minRateCents}`);
  if (f.maxRateCents !== null) parts.push(sql`s.hourly_rate_cents <= ${f.maxRateCents}`);
  if (f.locationTypes) parts.push(sql`s.location_types && ${arr(f.locationTypes)}`);
  if (f.ageGroup) parts.push(sql`${f.ageGroup} = any(s.age_groups)`);
  if (f.level) parts.push(sql`${f.level} = any(s.levels)`);
  if (f.coverage && f.coverage.kind !== "city") {
    const c = f.coverage;
    const ways: SQL[] = [];
    if (c.travel) {
      // A service area that is the region, inside it (a borough's neighbourhoods) or contains it (the borough).
      const areaMatch =
        c.kind === "borough"
          ? sql`(a.region_id = ${c.regionId} or a.region_id in (select r.id from regions r where r.parent_id = ${c.regionId}))`
          : sql`(a.region_id = ${c.regionId} or a.region_id = (select r.parent_id from regions r where r.id = ${c.regionId}))`;
      ways.push(sql`(s.location_types && array['student_location','neutral_location']::text[]
        and exists (select 1 from instructor_service_areas a where a.instructor_id = p.user_id and ${areaMatch}))`);
    }
    if (c.studio) {
      const near =
        c.kind === "borough"
          ? sql`p.neighbourhood_id in (select r.id from regions r where r.parent_id = ${c.regionId})`
          : sql`(p.neighbourhood_id = ${c.regionId} or (p.public_lat is not null and ${kmFrom(sql`p.public_lat`, sql`p.public_lng`, c.lat, c.lng)} <= ${c.radiusKm + c.studioReachKm}::float8))`;
      ways.push(sql`('instructor_location' = any(s.location_types) and ${near})`);
    }
    parts.push(ways.length ? sql`(${sql.join(ways, sql` or `)})` : sql`false`);
  }
  if (f.windowEndsInMinutes !== null)
    parts.push(sql`p.min_notice_minutes < ${Math.max(0, Math.floor(f.windowEndsInMinutes))}`);
  if (f.availability) {
    parts.push(sql`(exists (select 1 from availability_patterns ap where ap.instructor_id = p.user_id and ap.weekday = any(${intArr(f.availability.weekdays)}))
      or exists (select 1 from availability_days ad where ad.instructor_id = p.user_id and ad.local_date = any(${arr(f.availability.dates)})))`);
  }
  return sql.join(parts, sql` and `);
}

const FROM_CANDIDATES = sql`instructor_services s join instructor_profiles p on p.user_id = s.instructor_id join users u on u.id = p.user_id`;

export type ScoredService = { serviceId: string; instructorId: string; score: number };

export type ServiceFeatureRow = {
  id: string;
  instructorId: string;
  subjectId: string;
  rateCents: number;
  durations: number[];
  locationTypes: string[];
  isActive: boolean;
};
export type InstructorFeatureRow = {
  id: string;
  firstName: string;
  lastInitial: string;
  photoUrl: string | null;
  headline: string;
  yearsExperience: number;
  backgroundCheck: string;
  ratingAvg: number;
  ratingCount: number;
  founding: boolean;
  lat: number | null;
  lng: number | null;
  neighbourhoodId: string | null;
  timeZone: string;
  bufferMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  /** Profile completeness items present, of COMPLETENESS_ITEMS. */
  completeItems: number;
  /** Last sign-in or profile edit, epoch ms. */
  activeMs: number;
};
/** Photo, bio ≥ 80 chars, headline, a service area, stated experience, a passed background check. */
export const COMPLETENESS_ITEMS = 6;

function scored(result: unknown): ScoredService[] {
  return rowsOf<ScoredService>(result).map((r) => ({
    serviceId: r.serviceId,
    instructorId: r.instructorId,
    score: Number(r.score),
  }));
}

/** Search retrieval, the search documents, availability in batches, and search analytics. */
export function createSearchRepository(db: DbOrTx) {
  return {
    /** Catalog and gazetteer for the parser's dictionary (learned aliases included). */
    async loadLexiconRows() {
      const [cats, subs, subAliases, regs, regAliases] = await Promise.all([
        db
          .select({ id: categories.id, slug: categories.slug, name: categories.name })
          .from(categories)
          .orderBy(asc(categories.position)),
        db
          .select({ id: subjects.id, slug: subjects.slug, name: subjects.name, categoryId: subjects.categoryId })
          .from(subjects)
          .orderBy(asc(subjects.name)),
        db.select({ alias: subjectAliases.alias, subjectId: subjectAliases.subjectId }).from(subjectAliases),
        db
          .select({
            id: regions.id,
            slug: regions.slug,
            name: regions.name,
            kind: regions.kind,
            parentId: regions.parentId,
            lat: regions.lat,
            lng: regions.lng,
            radiusKm: regions.radiusKm,
          })
          .from(regions)
          .orderBy(asc(regions.name)),
        db
          .select({
            alias: regionAliases.alias,
            regionId: regionAliases.regionId,
            source: regionAliases.source,
            createdAt: regionAliases.createdAt,
          })
          .from(regionAliases),
      ]);
      return { categories: cats, subjects: subs, subjectAliases: subAliases, regions: regs, regionAliases: regAliases };
    },

    /** Tier 3: the region names and aliases most similar to the term (pg_trgm), best first. */
    async fuzzyRegions(term: string, threshold: number, limit = 3) {
      const rows = rowsOf<{ regionId: string; matched: string; similarity: number }>(
        await db.execute(sql`
          select region_id as "regionId", matched, sim::float8 as similarity from (
            select r.id as region_id, lower(r.name) as matched, similarity(lower(r.name), ${term}) as sim from regions r
            union all
            select a.region_id, a.alias, similarity(a.alias, ${term}) from region_aliases a
          ) m
          where sim >= ${threshold}::float8
          order by sim desc, length(matched) asc
          limit ${limit}`),
      );
      return rows.map((r) => ({ ...r, similarity: Number(r.similarity) }));
    },

    /**
     * Lexical retrieval: the best `limit` services passing the filter, scored by subject match, full-text rank and
     * trigram word similarity. Ids and scores only: ranking columns come from the in-process feature snapshot.
     */
    async lexicalCandidates(
      filter: CandidateFilter,
      text: TextQuery,
      boostSubjectIds: string[],
      limit: number,
    ): Promise<ScoredService[]> {
      const ts = text.tsQuery ? sql`to_tsquery('english', ${text.tsQuery})` : null;
      const score: SQL[] = [sql`0`];
      if (boostSubjectIds.length)
        score.push(sql`(case when s.subject_id = any(${arr(boostSubjectIds)}) then 1 else 0 end)`);
      if (ts) score.push(sql`coalesce(ts_rank_cd(d.tsv, ${ts}), 0) * 2`);
      if (text.trigramText) score.push(sql`coalesce(word_similarity(${text.trigramText}, d.document), 0)`);
      const match: SQL[] = [];
      if (ts) match.push(sql`d.tsv @@ ${ts}`);
      if (text.trigramText) match.push(sql`${text.trigramText} <% d.document`);
      const where =
        text.requireMatch && match.length
          ? sql`${candidateWhere(filter)} and (${sql.join(match, sql` or `)})`
          : candidateWhere(filter);
      return scored(
        await db.execute(sql`
          select s.id as "serviceId", s.instructor_id as "instructorId", (${sql.join(score, sql` + `)})::float8 as score
          from ${FROM_CANDIDATES} ${ts || text.trigramText ? sql`left join search_documents d on d.service_id = s.id` : sql``}
          where ${where}
          order by score desc, p.rating_count desc, s.id
          limit ${limit}`),
      );
    },

    /** Semantic retrieval in SQL (pgvector present): exact cosine distance over the filtered services. */
    async vectorCandidates(
      filter: CandidateFilter,
      query: Float32Array,
      model: string,
      limit: number,
    ): Promise<ScoredService[]> {
      const literal = `[${Array.from(query, (x) => x.toFixed(6)).join(",")}]`;
      return scored(
        await db.execute(sql`
          select s.id as "serviceId", s.instructor_id as "instructorId", (1 - (d.embedding_vec <=> ${literal}::vector))::float8 as score
          from ${FROM_CANDIDATES} join search_documents d on d.service_id = s.id
          where ${candidateWhere(filter)} and d.embedding_model = ${model} and d.embedding_vec is not null
          order by d.embedding_vec <=> ${literal}::vector, s.id
          limit ${limit}`),
      );
    },

    /** Semantic retrieval without pgvector, step 1: the services the filter admits (cosine is computed in process). */
    async candidateServiceIds(
      filter: CandidateFilter,
      cap: number,
    ): Promise<{ serviceId: string; instructorId: string }[]> {
      return rowsOf<{ serviceId: string; instructorId: string }>(
        await db.execute(
          sql`select s.id as "serviceId", s.instructor_id as "instructorId" from ${FROM_CANDIDATES} where ${candidateWhere(filter)} limit ${cap}`,
        ),
      );
    },

    /**
     * Ranking and card columns of services and their instructors changed after `since` (a timestamptz literal;
     * null = everything), or of the given services. Only the first name and last initial leave the database.
     */
    async featuresSince(since: string | null, serviceIds?: string[]) {
      const svcWhere = serviceIds
        ? sql`s.id = any(${arr(serviceIds)})`
        : since
          ? sql`s.updated_at > ${since}::timestamptz`
          : sql`s.is_active`;
      const profWhere = serviceIds
        ? sql`p.user_id in (select instructor_id from instructor_services where id = any(${arr(serviceIds)}))`
        : since
          ? sql`(p.updated_at > ${since}::timestamptz or u.updated_at > ${since}::timestamptz or u.last_login_at > ${since}::timestamptz)`
          : sql`true`;
      // The high-water mark is read first: anything changed from then on is read now or next time (re-reads are
      // harmless). A write whose transaction began earlier can slip under it; the periodic full reload catches that.
      const mark = serviceIds
        ? null
        : (rowsOf<{ mark: string | null }>(
            await db.execute(sql`select greatest((select max(updated_at) from instructor_services), (select max(updated_at) from instructor_profiles),
                 (select max(updated_at) from users), (select max(last_login_at) from users))::text as mark`),
          )[0]?.mark ?? null);
      const [services, instructors] = await Promise.all([
        db.execute(sql`
          select s.id, s.instructor_id as "instructorId", s.subject_id as "subjectId", s.hourly_rate_cents as "rateCents", s.durations,
                 s.location_types as "locationTypes", s.is_active as "isActive"
          from instructor_services s where ${svcWhere}`),
        db.execute(sql`
          select p.user_id as id, u.first_name as "firstName", upper(left(trim(u.last_name), 1)) as "lastInitial",
                 case when ${hiddenField("profile_photo")} then null else p.photo_url end as "photoUrl",
                 case when ${hiddenField("profile_headline")} then '' else p.headline end as headline, p.years_experience as "yearsExperience", p.background_check as "backgroundCheck",
                 p.rating_avg::float8 as "ratingAvg", p.rating_count as "ratingCount", p.founding, p.public_lat as lat, p.public_lng as lng,
                 p.neighbourhood_id as "neighbourhoodId", p.time_zone as "timeZone", p.buffer_minutes as "bufferMinutes",
                 p.min_notice_minutes as "minNoticeMinutes", p.horizon_days as "horizonDays",
                 ((p.photo_url is not null)::int + (length(p.bio) >= 80)::int + (length(trim(p.headline)) > 0)::int
                   + (exists (select 1 from instructor_service_areas a where a.instructor_id = p.user_id))::int
                   + (p.years_experience > 0)::int + (p.background_check = 'passed')::int) as "completeItems",
                 (extract(epoch from greatest(p.updated_at, coalesce(u.last_login_at, p.updated_at))) * 1000)::float8 as "activeMs"
          from instructor_profiles p join users u on u.id = p.user_id where ${profWhere}`),
      ]);
      return {
        services: rowsOf<ServiceFeatureRow>(services),
        instructors: rowsOf<InstructorFeatureRow>(instructors).map((r) => ({
          ...r,
          ratingAvg: Number(r.ratingAvg),
          ratingCount: Number(r.ratingCount),
          lat: r.lat === null ? null : Number(r.lat),
          lng: r.lng === null ? null : Number(r.lng),
          completeItems: Number(r.completeItems),
          activeMs: Number(r.activeMs),
        })),
        mark,
      };
    },

    /** Stored embeddings of one model changed after `sinceMs` (0 = all), for the in-process vector index. */
    async embeddingsSince(model: string, sinceMs: number) {
      const rows = rowsOf<{ serviceId: string; embedding: number[]; updatedMs: number }>(
        await db.execute(sql`
          select service_id as "serviceId", embedding, (extract(epoch from updated_at) * 1000)::float8 as "updatedMs"
          from search_documents
          where embedding_model = ${model} and embedding is not null and updated_at > to_timestamp(${sinceMs / 1000}::float8)`),
      );
      return rows.map((r) => ({ serviceId: r.serviceId, embedding: r.embedding, updatedMs: Number(r.updatedMs) }));
    },

    /** Services whose document is missing, older than its sources, or embedded with another model. */
    async staleDocumentSources(model: string, limit: number) {
      const rows = rowsOf<{
        serviceId: string;
        instructorId: string;
        subjectId: string;
        subjectName: string;
        categoryName: string;
        aliases: string[] | null;
        description: string;
        headline: string;
        sourceMs: number;
        contentHash: string | null;
        embeddingModel: string | null;
      }>(
        await db.execute(sql`
          select s.id as "serviceId", s.instructor_id as "instructorId", s.subject_id as "subjectId", sub.name as "subjectName",
                 c.name as "categoryName",
                 (select array_agg(sa.alias order by sa.alias) from subject_aliases sa where sa.subject_id = s.subject_id) as aliases,
                 s.description, case when ${hiddenField("profile_headline")} then '' else p.headline end as headline,
                 (extract(epoch from date_trunc('milliseconds', greatest(s.updated_at, p.updated_at))) * 1000)::float8 as "sourceMs",
                 d.content_hash as "contentHash", d.embedding_model as "embeddingModel"
          from instructor_services s
          join instructor_profiles p on p.user_id = s.instructor_id
          join subjects sub on sub.id = s.subject_id
          join categories c on c.id = sub.category_id
          left join search_documents d on d.service_id = s.id
          where s.is_active and (d.service_id is null
                 -- stored at millisecond precision (a JS Date); compare at the same precision
                 or d.source_updated_at < date_trunc('milliseconds', greatest(s.updated_at, p.updated_at))
                 or d.embedding_model is distinct from ${model} or d.embedding is null)
          order by s.id
          limit ${limit}`),
      );
      return rows.map((r) => ({ ...r, sourceMs: Number(r.sourceMs), aliases: r.aliases ?? [] }));
    },

    async upsertDocuments(
      rows: {
        serviceId: string;
        instructorId: string;
        subjectId: string;
        document: string;
        contentHash: string;
        sourceMs: number;
        embedding: number[];
        embeddingModel: string;
      }[],
      withVector: boolean,
    ): Promise<void> {
      if (!rows.length) return;
      const now = new Date();
      await db
        .insert(searchDocuments)
        .values(rows.map((r) => ({ ...r, sourceUpdatedAt: new Date(r.sourceMs), updatedAt: now })))
        .onConflictDoUpdate({
          target: searchDocuments.serviceId,
          set: {
            instructorId: sql`excluded.instructor_id`,
            subjectId: sql`excluded.subject_id`,
            document: sql`excluded.document`,
            contentHash: sql`excluded.content_hash`,
            sourceUpdatedAt: sql`excluded.source_updated_at`,
            embedding: sql`excluded.embedding`,
            embeddingModel: sql`excluded.embedding_model`,
            updatedAt: now,
          },
        });
      if (withVector) {
        await db.execute(
          sql`update search_documents set embedding_vec = embedding::vector where service_id = any(${arr(rows.map((r) => r.serviceId))})`,
        );
      }
    },

    /** Marks documents whose text did not change as current (no new embedding needed). */
    async touchDocuments(rows: { serviceId: string; sourceMs: number }[]): Promise<void> {
      for (const r of rows) {
        await db
          .update(searchDocuments)
          .set({ sourceUpdatedAt: new Date(r.sourceMs) })
          .where(eq(searchDocuments.serviceId, r.serviceId));
      }
    },

    /** Documents of services that were deactivated (or whose instructor is gone) are dropped. */
    async deleteInactiveDocuments(): Promise<number> {
      const rows = await db
        .delete(searchDocuments)
        .where(
          sql`not exists (select 1 from instructor_services s where s.id = ${searchDocuments.serviceId} and s.is_active)`,
        )
        .returning({ id: searchDocuments.serviceId });
      return rows.length;
    },

    /** Whether the native vector column exists (pgvector was present when migrations ran). */
    async hasVectorColumn(): Promise<boolean> {
      const rows = rowsOf(
        await db.execute(
          sql`select 1 from information_schema.columns where table_name = 'search_documents' and column_name = 'embedding_vec' limit 1`,
        ),
      );
      return rows.length > 0;
    },

    /** Cheap change detector for the document refresher: active services, their newest edit, newest profile edit, documents. */
    async documentSourceFingerprint(): Promise<string> {
      const [row] = rowsOf<{ f: string }>(
        await db.execute(sql`select concat_ws('|',
          (select count(*) from instructor_services where is_active),
          (select max(updated_at) from instructor_services),
          (select max(updated_at) from instructor_profiles),
          (select count(*) from search_documents)) as f`),
      );
      return row?.f ?? "";
    },

    /**
     * Everything the slot engine needs for many instructors at once, in one round trip: weekly patterns, dated days
     * and blackouts on the given local dates, and active bookings overlapping [from, to).
     */
    async availabilityBatch(instructorIds: string[], dates: string[], from: Date, to: Date) {
      const out = {
        patterns: [] as { instructorId: string; weekday: number; bits: Uint8Array }[],
        days: [] as { instructorId: string; localDate: string; bits: Uint8Array }[],
        blackouts: [] as { instructorId: string; localDate: string }[],
        bookings: [] as { instructorId: string; startMs: number; endMs: number }[],
      };
      if (!instructorIds.length) return out;
      const ids = arr(instructorIds);
      const ds = arr(dates);
      const rows = rowsOf<{
        k: "p" | "d" | "x" | "b";
        instructorId: string;
        key: string | null;
        bits: Uint8Array | null;
        startMs: number | null;
        endMs: number | null;
      }>(
        await db.execute(sql`
          select 'p' as k, instructor_id as "instructorId", weekday::text as key, bits, null::float8 as "startMs", null::float8 as "endMs"
            from availability_patterns where instructor_id = any(${ids})
          union all
          select 'd', instructor_id, local_date, bits, null, null from availability_days where instructor_id = any(${ids}) and local_date = any(${ds})
          union all
          select 'x', instructor_id, local_date, null, null, null from availability_blackouts where instructor_id = any(${ids}) and local_date = any(${ds})
          union all
          select 'b', instructor_id, null, null, (extract(epoch from start_at) * 1000)::float8, (extract(epoch from end_at) * 1000)::float8
            from bookings where instructor_id = any(${ids}) and status = any(${arr(ACTIVE_BOOKING_STATUSES)})
              and start_at < ${to.toISOString()}::timestamptz and end_at > ${from.toISOString()}::timestamptz`),
      );
      for (const r of rows) {
        if (r.k === "p")
          out.patterns.push({ instructorId: r.instructorId, weekday: Number(r.key), bits: new Uint8Array(r.bits!) });
        else if (r.k === "d")
          out.days.push({ instructorId: r.instructorId, localDate: r.key!, bits: new Uint8Array(r.bits!) });
        else if (r.k === "x") out.blackouts.push({ instructorId: r.instructorId, localDate: r.key! });
        else out.bookings.push({ instructorId: r.instructorId, startMs: Number(r.startMs), endMs: Number(r.endMs) });
      }
      return out;
    },

    // ── Analytics ──

    async insertEvent(values: typeof searchEvents.$inferInsert): Promise<void> {
      await db.insert(searchEvents).values(values);
    },

    async findEvent(id: string) {
      const [row] = await db
        .select({ id: searchEvents.id, locationTerm: searchEvents.locationTerm, clientKey: searchEvents.clientKey })
        .from(searchEvents)
        .where(eq(searchEvents.id, id))
        .limit(1);
      return row ?? null;
    },

    async findInstructorRegion(instructorId: string): Promise<{ regionId: string | null } | null> {
      const [row] = await db
        .select({ regionId: instructorProfiles.neighbourhoodId })
        .from(instructorProfiles)
        .where(eq(instructorProfiles.userId, instructorId))
        .limit(1);
      return row ?? null;
    },

    async insertClick(values: typeof searchClicks.$inferInsert): Promise<void> {
      await db.insert(searchClicks).values(values);
    },

    /** Clicks one client recorded on one search (the per-client cap). */
    async countClicksBy(searchId: string, clientKey: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(searchClicks)
        .where(and(eq(searchClicks.searchId, searchId), eq(searchClicks.clientKey, clientKey)));
      return Number(row?.n ?? 0);
    },

    /** Distinct clients whose learning votes chose the region for the location term since the date. */
    async countDistinctClickers(term: string, regionId: string, since: Date): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(distinct ${searchClicks.clientKey})::int` })
        .from(searchClicks)
        .where(
          and(
            eq(searchClicks.locationTerm, term),
            eq(searchClicks.regionId, regionId),
            eq(searchClicks.learnable, true),
            gte(searchClicks.createdAt, since),
          ),
        );
      return Number(row?.n ?? 0);
    },

    /** Adds a learned alias unless the phrase already names a region (a region name, or any alias). */
    async insertLearnedAlias(alias: string, regionId: string): Promise<boolean> {
      if (rowsOf(await db.execute(sql`select 1 from regions where lower(name) = ${alias} limit 1`)).length)
        return false;
      const rows = await db
        .insert(regionAliases)
        .values({ alias, regionId, source: "learned" })
        .onConflictDoNothing()
        .returning({ alias: regionAliases.alias });
      return rows.length > 0;
    },

    async topQueries(since: Date, limit: number) {
      const rows = rowsOf<{
        normalised: string;
        searches: number;
        avgResults: number;
        zeroResults: number;
        clicks: number;
      }>(
        await db.execute(sql`
          select e.normalised, count(*)::int as searches, round(avg(e.result_count), 1)::float8 as "avgResults",
                 (count(*) filter (where e.result_count = 0))::int as "zeroResults",
                 coalesce(sum(c.n), 0)::int as clicks
          from search_events e
          left join (select search_id, count(*) as n from search_clicks group by search_id) c on c.search_id = e.id
          where e.created_at >= ${since.toISOString()}::timestamptz
          group by e.normalised
          order by count(*) desc, e.normalised
          limit ${limit}`),
      );
      return rows.map((r) => ({
        ...r,
        searches: Number(r.searches),
        avgResults: Number(r.avgResults),
        zeroResults: Number(r.zeroResults),
        clicks: Number(r.clicks),
      }));
    },

    async zeroResultQueries(since: Date, limit: number) {
      const rows = await db
        .select({
          normalised: searchEvents.normalised,
          searches: sql<number>`count(*)::int`,
          lastSearchedAt: sql<string>`max(${searchEvents.createdAt})::text`,
        })
        .from(searchEvents)
        .where(and(gte(searchEvents.createdAt, since), eq(searchEvents.resultCount, 0)))
        .groupBy(searchEvents.normalised)
        .orderBy(desc(sql`count(*)`), asc(searchEvents.normalised))
        .limit(limit);
      return rows.map((r) => ({ ...r, searches: Number(r.searches) }));
    },

    /** Searches per local day (in `zone`) with zero-result and degraded counts and the mean time. */
    async perDay(since: Date, zone: string) {
      const rows = rowsOf<{ date: string; searches: number; zeroResults: number; degraded: number; avgMs: number }>(
        await db.execute(sql`
          select day as date, count(*)::int as searches, (count(*) filter (where result_count = 0))::int as "zeroResults",
                 (count(*) filter (where degraded))::int as degraded, round(avg(ms))::int as "avgMs"
          from (select to_char(created_at at time zone ${zone}, 'YYYY-MM-DD') as day, result_count, degraded, ms
                from search_events where created_at >= ${since.toISOString()}::timestamptz) e
          group by day
          order by day`),
      );
      return rows.map((r) => ({
        date: r.date,
        searches: Number(r.searches),
        zeroResults: Number(r.zeroResults),
        degraded: Number(r.degraded),
        avgMs: Number(r.avgMs),
      }));
    },

    async countClicksSince(since: Date): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(searchClicks)
        .where(gte(searchClicks.createdAt, since));
      return Number(row?.n ?? 0);
    },

    async learnedAliases() {
      return db
        .select({
          alias: regionAliases.alias,
          regionId: regionAliases.regionId,
          regionName: regions.name,
          createdAt: regionAliases.createdAt,
        })
        .from(regionAliases)
        .innerJoin(regions, eq(regions.id, regionAliases.regionId))
        .where(eq(regionAliases.source, "learned"))
        .orderBy(desc(regionAliases.createdAt));
    },

    /** Learned aliases with the number of distinct clients whose votes taught each (newest first). */
    async learnedAliasesWithVotes(limit: number) {
      const rows = rowsOf<{
        alias: string;
        regionId: string;
        regionSlug: string;
        regionName: string;
        createdAt: string | Date;
        clients: number;
        taughtBy: { id: string; name: string }[] | string | null;
      }>(
        await db.execute(sql`
          select a.alias, a.region_id as "regionId", r.slug as "regionSlug", r.name as "regionName", a.created_at as "createdAt",
                 (select count(distinct c.client_key) from search_clicks c
                   where c.location_term = a.alias and c.region_id = a.region_id and c.learnable)::int as clients,
                 -- Signed-in teachers by name (client key "u:<user id>"); anonymous networks only count above.
                 (select coalesce(json_agg(t order by t.name), '[]'::json) from (
                   select distinct u.id, u.first_name || ' ' || u.last_name as name
                   from search_clicks c join users u on c.client_key = 'u:' || u.id
                   where c.location_term = a.alias and c.region_id = a.region_id and c.learnable
                   limit 20) t) as "taughtBy"
          from region_aliases a join regions r on r.id = a.region_id
          where a.source = 'learned'
          order by a.created_at desc, a.alias
          limit ${limit}`),
      );
      return rows.map((r) => ({
        ...r,
        createdAt: new Date(r.createdAt),
        clients: Number(r.clients),
        // postgres.js parses json, PGlite may hand back the text.
        taughtBy: (typeof r.taughtBy === "string" ? JSON.parse(r.taughtBy) : (r.taughtBy ?? [])) as {
          id: string;
          name: string;
        }[],
      }));
    },

    /**
     * Removes a learned alias (never a seeded one) and clears the votes that taught it, so it comes back only
     * from fresh clicks by enough distinct clients. Returns the removed row, or null when there was none.
     */
    async removeLearnedAlias(alias: string, tx: DbOrTx = db): Promise<{ alias: string; regionId: string } | null> {
      const [row] = await tx
        .delete(regionAliases)
        .where(and(eq(regionAliases.alias, alias), eq(regionAliases.source, "learned")))
        .returning({ alias: regionAliases.alias, regionId: regionAliases.regionId });
      if (!row) return null;
      await tx
        .update(searchClicks)
        .set({ learnable: false })
        .where(and(eq(searchClicks.locationTerm, alias), eq(searchClicks.learnable, true)));
      return row;
    },

    /** Retention: search events (and their clicks) older than the date. */
    async purgeEventsBefore(before: Date): Promise<number> {
      const rows = await db
        .delete(searchEvents)
        .where(lt(searchEvents.createdAt, before))
        .returning({ id: searchEvents.id });
      return rows.length;
    },
  };
}
export type SearchRepository = ReturnType<typeof createSearchRepository>;
