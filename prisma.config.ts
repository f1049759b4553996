// Prisma 7 CLI configuration only (generate, and migrate where the schema engine is available).
// The application never reads this file: it gets its connection from src/config.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/postgres' },
});
