-- People sign themselves in by email, and tokens gain a name, a kind and an expiry.

-- AlterTable
ALTER TABLE "users" ADD COLUMN "email" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN "name" TEXT,
ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'personal',
ADD COLUMN "expires_at" TIMESTAMPTZ(3),
-- Prisma cannot express these; the kinds stay plain text like the digest's statuses.
ADD CONSTRAINT "api_tokens_kind_check" CHECK ("kind" IN ('personal', 'session', 'oauth')),
ADD CONSTRAINT "api_tokens_name_length_check" CHECK (char_length("name") <= 100);

-- CreateTable
CREATE TABLE "sign_in_links" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "token_hash" BYTEA NOT NULL,
    "return_to" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sign_in_links_token_hash_key" ON "sign_in_links"("token_hash");

-- CreateIndex
CREATE INDEX "sign_in_links_email_idx" ON "sign_in_links"("email");
