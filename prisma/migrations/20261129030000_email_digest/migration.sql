-- CreateTable
CREATE TABLE "digest_subscriptions" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "confirm_token_hash" BYTEA,
    "confirm_token_expires_at" TIMESTAMPTZ(3),
    "unsubscribe_token_hash" BYTEA,
    "last_confirmation_sent_at" TIMESTAMPTZ(3),
    "user_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMPTZ(3),
    "unsubscribed_at" TIMESTAMPTZ(3),

    CONSTRAINT "digest_subscriptions_pkey" PRIMARY KEY ("id"),
    -- Prisma cannot express these; enums are avoided so the columns stay plain text.
    CONSTRAINT "digest_subscriptions_frequency_check" CHECK ("frequency" IN ('DAILY', 'WEEKLY')),
    CONSTRAINT "digest_subscriptions_status_check" CHECK ("status" IN ('pending', 'confirmed', 'unsubscribed')),
    CONSTRAINT "digest_subscriptions_email_length_check" CHECK (char_length("email") <= 254)
);

-- CreateTable
CREATE TABLE "digest_deliveries" (
    "id" SERIAL NOT NULL,
    "subscription_id" INTEGER NOT NULL,
    "frequency" TEXT NOT NULL,
    "period_key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "claimed_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "unsubscribe_token_hash" BYTEA,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "digest_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "digest_deliveries_frequency_check" CHECK ("frequency" IN ('DAILY', 'WEEKLY')),
    CONSTRAINT "digest_deliveries_status_check" CHECK ("status" IN ('pending', 'sending', 'sent', 'failed')),
    CONSTRAINT "digest_deliveries_attempts_check" CHECK ("attempts" >= 0)
);

-- CreateIndex
CREATE UNIQUE INDEX "digest_subscriptions_email_key" ON "digest_subscriptions"("email");

-- CreateIndex
CREATE UNIQUE INDEX "digest_subscriptions_confirm_token_hash_key" ON "digest_subscriptions"("confirm_token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "digest_subscriptions_unsubscribe_token_hash_key" ON "digest_subscriptions"("unsubscribe_token_hash");

-- CreateIndex
CREATE INDEX "digest_subscriptions_recipients_idx" ON "digest_subscriptions"("status", "frequency", "id");

-- CreateIndex
CREATE INDEX "digest_subscriptions_user_idx" ON "digest_subscriptions"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "digest_deliveries_unsubscribe_token_hash_key" ON "digest_deliveries"("unsubscribe_token_hash");

-- CreateIndex
CREATE INDEX "digest_deliveries_period_status_idx" ON "digest_deliveries"("period_key", "status");

-- CreateIndex
CREATE UNIQUE INDEX "digest_deliveries_subscription_period_key" ON "digest_deliveries"("subscription_id", "period_key");

-- AddForeignKey
ALTER TABLE "digest_subscriptions" ADD CONSTRAINT "digest_subscriptions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "digest_subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
