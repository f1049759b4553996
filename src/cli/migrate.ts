import { runCli } from './run-cli';

// npm run db:migrate — applies prisma/migrations to DATABASE_URL, or to the embedded database.
runCli('migrate');
