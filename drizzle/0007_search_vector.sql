-- pgvector is optional (Debian's PostgreSQL 15 has no package; PGlite ships it). Where the extension exists,
-- search documents get a native vector column beside the portable real[] one; search chooses the SQL distance
-- or the in-process cosine once, from the capability detected at start-up.
-- No ANN index on purpose: search always filters (listing rule, subject, price, area) before ordering by
-- distance, and an HNSW scan would cut filtered results at hnsw.ef_search rows. Exact distance over the
-- filtered candidates is correct and fast at this catalogue's size.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') THEN
    ALTER TABLE "search_documents" ADD COLUMN IF NOT EXISTS "embedding_vec" vector(256);
  END IF;
END $$;
