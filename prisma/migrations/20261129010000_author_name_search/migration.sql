-- authors(search:) matches anywhere in a name, ignoring case (ILIKE '%…%'), which a btree
-- cannot serve; a trigram GIN index can. PGlite ships pg_trgm (loaded in src/db/client.ts).
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "authors_name_trgm_idx" ON "authors" USING GIN ("name" gin_trgm_ops);
