-- Signed webhooks (docs/webhooks.md): the subscriptions, the outbox of events, one delivery per
-- webhook and event, and the attempts an owner sees.
--
-- Events are written in the transaction of the change that causes them. Days, upvote counts and
-- digest deliveries emit from triggers, for the same reason the upvote count is kept by one: every
-- writer (the services, the importer's bulk SQL, the CLIs) emits exactly once, with no code path
-- that could forget. paper.submitted is emitted by the submission itself (services/submission.service.ts
-- calls webhook_emit): imported papers carry a Hub submitter too, but they were not submitted here.
-- webhook_emit fans an event out to the active webhooks that want it in that same transaction, so
-- a committed change always has its deliveries.

-- CreateTable
CREATE TABLE "webhooks" (
    "id" SERIAL NOT NULL,
    "owner_id" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "secret" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "disabled_reason" TEXT,
    "disabled_at" TIMESTAMPTZ(3),
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "failing_since" TIMESTAMPTZ(3),
    "lease_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_events" (
    "id" SERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" SERIAL NOT NULL,
    "webhook_id" INTEGER NOT NULL,
    "event_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_delivery_attempts" (
    "id" SERIAL NOT NULL,
    "webhook_id" INTEGER NOT NULL,
    "delivery_id" INTEGER NOT NULL,
    "event_id" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL,
    "status_code" INTEGER,
    "error" TEXT,
    "succeeded" BOOLEAN NOT NULL,
    "will_retry" BOOLEAN NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,

    CONSTRAINT "webhook_delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhooks_owner_idx" ON "webhooks"("owner_id");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_events_dedupe_key_key" ON "webhook_events"("dedupe_key");

-- CreateIndex
CREATE INDEX "webhook_deliveries_queue_idx" ON "webhook_deliveries"("webhook_id", "status", "id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_event_idx" ON "webhook_deliveries"("event_id");

-- CreateIndex
CREATE INDEX "webhook_delivery_attempts_webhook_idx" ON "webhook_delivery_attempts"("webhook_id", "id" DESC);

-- CreateIndex
CREATE INDEX "webhook_delivery_attempts_delivery_idx" ON "webhook_delivery_attempts"("delivery_id");

-- AddForeignKey
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_delivery_attempts" ADD CONSTRAINT "webhook_delivery_attempts_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_delivery_attempts" ADD CONSTRAINT "webhook_delivery_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_delivery_attempts" ADD CONSTRAINT "webhook_delivery_attempts_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Records an event once per dedupe key and queues a delivery for each active webhook that wants it.
CREATE FUNCTION "webhook_emit"(event_type TEXT, dedupe TEXT, data JSONB) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
    new_event_id INTEGER;
BEGIN
    INSERT INTO "webhook_events" ("type", "dedupe_key", "payload") VALUES (event_type, dedupe, data::text)
    ON CONFLICT ("dedupe_key") DO NOTHING
    RETURNING "id" INTO new_event_id;
    IF new_event_id IS NOT NULL THEN
        INSERT INTO "webhook_deliveries" ("webhook_id", "event_id")
        SELECT "id", new_event_id FROM "webhooks" WHERE "active" AND event_type = ANY ("events") ORDER BY "id";
    END IF;
END $$;

-- day.published: a featured day's row is inserted with its first paper (submission, import, synthetic data).
CREATE FUNCTION "days_emit_published"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "webhook_emit"('day.published', 'day.published:' || to_char(NEW."date", 'YYYY-MM-DD'),
        jsonb_build_object('date', to_char(NEW."date", 'YYYY-MM-DD')));
    RETURN NULL;
END $$;

CREATE TRIGGER "days_emit_published"
    AFTER INSERT ON "days"
    FOR EACH ROW EXECUTE FUNCTION "days_emit_published"();

-- paper.upvotes_crossed: the count rose to or past a threshold it was below; once per paper and
-- threshold, ever (a count that dips and rises again does not repeat it). No UPDATE OF column
-- list: the count moves through BEFORE triggers and the upvotes trigger, which such a list misses.
CREATE FUNCTION "papers_emit_upvotes_crossed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    threshold INTEGER;
BEGIN
    FOREACH threshold IN ARRAY ARRAY[10, 50, 100, 500, 1000] LOOP
        IF OLD."upvote_count" < threshold AND NEW."upvote_count" >= threshold THEN
            PERFORM "webhook_emit"('paper.upvotes_crossed', 'paper.upvotes_crossed:' || NEW."id" || ':' || threshold,
                jsonb_build_object('paperId', NEW."id", 'title', NEW."title", 'threshold', threshold, 'upvoteCount', NEW."upvote_count"));
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER "papers_emit_upvotes_crossed"
    AFTER UPDATE ON "papers"
    FOR EACH ROW WHEN (NEW."upvote_count" >= 10 AND NEW."upvote_count" > OLD."upvote_count")
    EXECUTE FUNCTION "papers_emit_upvotes_crossed"();

-- digest.sent: the first message of a digest period went out; once per period.
CREATE FUNCTION "digest_deliveries_emit_sent"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "webhook_emit"('digest.sent', 'digest.sent:' || NEW."period_key",
        jsonb_build_object('period', NEW."period_key", 'frequency', lower(NEW."frequency")));
    RETURN NULL;
END $$;

CREATE TRIGGER "digest_deliveries_emit_sent"
    AFTER UPDATE ON "digest_deliveries"
    FOR EACH ROW WHEN (NEW."status" = 'sent' AND OLD."status" IS DISTINCT FROM 'sent')
    EXECUTE FUNCTION "digest_deliveries_emit_sent"();
