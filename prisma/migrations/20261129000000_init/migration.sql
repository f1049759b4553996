-- CreateTable
CREATE TABLE "days" (
    "date" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "days_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "handle" TEXT NOT NULL,
    "display_name" TEXT,
    "avatar_url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "papers" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "abstract" TEXT NOT NULL,
    "published_at" TIMESTAMPTZ(3),
    "day_date" DATE NOT NULL,
    "upvote_count" INTEGER NOT NULL DEFAULT 0,
    "imported_upvote_count" INTEGER NOT NULL DEFAULT 0,
    "github_repo" TEXT,
    "github_stars" INTEGER,
    "project_page" TEXT,
    "thumbnail_url" TEXT,
    "media_urls" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "ai_summary" TEXT,
    "ai_keywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "num_comments" INTEGER,
    "withdrawn_at" TIMESTAMPTZ(3),
    "submitted_by_id" INTEGER,
    "submitted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    -- Title outweighs abstract in search ranking. 'english' is spelled out so the
    -- expression is immutable, which a generated column requires.
    "search_vector" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce("title", '')), 'A') ||
        setweight(to_tsvector('english'::regconfig, coalesce("abstract", '')), 'B')
    ) STORED,

    CONSTRAINT "papers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "papers_upvote_count_check" CHECK ("upvote_count" >= 0),
    CONSTRAINT "papers_imported_upvote_count_check" CHECK ("imported_upvote_count" >= 0)
);

-- CreateTable
CREATE TABLE "authors" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "handle" TEXT,
    "match_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "authors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "paper_authors" (
    "paper_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "author_id" INTEGER NOT NULL,
    "hidden" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "paper_authors_pkey" PRIMARY KEY ("paper_id","position")
);

-- CreateTable
CREATE TABLE "upvotes" (
    "user_id" INTEGER NOT NULL,
    "paper_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "upvotes_pkey" PRIMARY KEY ("user_id","paper_id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" SERIAL NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" BYTEA NOT NULL,
    "scopes" TEXT[],
    "user_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_handle_key" ON "users"("handle");

-- CreateIndex
CREATE INDEX "papers_day_upvotes_idx" ON "papers"("day_date" DESC, "upvote_count" DESC, "id");

-- CreateIndex
CREATE INDEX "papers_published_idx" ON "papers"("published_at" DESC, "id");

-- CreateIndex
CREATE INDEX "papers_upvotes_idx" ON "papers"("upvote_count" DESC, "id");

-- CreateIndex
CREATE INDEX "papers_submitted_by_idx" ON "papers"("submitted_by_id");

-- CreateIndex
CREATE INDEX "papers_search_vector_idx" ON "papers" USING GIN ("search_vector");

-- CreateIndex
CREATE UNIQUE INDEX "authors_match_key_key" ON "authors"("match_key");

-- CreateIndex
CREATE INDEX "authors_name_idx" ON "authors"("name");

-- CreateIndex
CREATE INDEX "paper_authors_author_idx" ON "paper_authors"("author_id", "paper_id");

-- CreateIndex
CREATE INDEX "upvotes_paper_time_idx" ON "upvotes"("paper_id", "created_at" DESC, "user_id");

-- CreateIndex
CREATE INDEX "upvotes_user_time_idx" ON "upvotes"("user_id", "created_at" DESC, "paper_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_prefix_key" ON "api_tokens"("prefix");

-- CreateIndex
CREATE INDEX "api_tokens_user_idx" ON "api_tokens"("user_id");

-- AddForeignKey
ALTER TABLE "papers" ADD CONSTRAINT "papers_day_date_fkey" FOREIGN KEY ("day_date") REFERENCES "days"("date") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "papers" ADD CONSTRAINT "papers_submitted_by_id_fkey" FOREIGN KEY ("submitted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_authors" ADD CONSTRAINT "paper_authors_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "papers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_authors" ADD CONSTRAINT "paper_authors_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "upvotes" ADD CONSTRAINT "upvotes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "upvotes" ADD CONSTRAINT "upvotes_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "papers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- upvote_count = imported_upvote_count + count(upvotes), kept by the database itself so that
-- no writer (service, importer, psql session) can let the two drift. The row lock the UPDATE
-- takes on the paper serialises concurrent votes on it.
CREATE FUNCTION "upvotes_maintain_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE "papers" SET "upvote_count" = "upvote_count" + 1 WHERE "id" = NEW."paper_id";
        RETURN NEW;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE "papers" SET "upvote_count" = "upvote_count" - 1 WHERE "id" = OLD."paper_id";
        RETURN OLD;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "upvotes_maintain_count"
    AFTER INSERT OR DELETE ON "upvotes"
    FOR EACH ROW EXECUTE FUNCTION "upvotes_maintain_count"();

-- The importer moves the baseline; local votes on top of it are kept.
CREATE FUNCTION "papers_apply_imported_baseline"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."upvote_count" := OLD."upvote_count" - OLD."imported_upvote_count" + NEW."imported_upvote_count";
    RETURN NEW;
END;
$$;

CREATE TRIGGER "papers_apply_imported_baseline"
    BEFORE UPDATE OF "imported_upvote_count" ON "papers"
    FOR EACH ROW WHEN (OLD."imported_upvote_count" IS DISTINCT FROM NEW."imported_upvote_count")
    EXECUTE FUNCTION "papers_apply_imported_baseline"();

CREATE FUNCTION "papers_initial_upvote_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."upvote_count" := NEW."imported_upvote_count";
    RETURN NEW;
END;
$$;

CREATE TRIGGER "papers_initial_upvote_count"
    BEFORE INSERT ON "papers"
    FOR EACH ROW EXECUTE FUNCTION "papers_initial_upvote_count"();
