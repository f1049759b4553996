import { runCli } from './run-cli';

// npm run users -- create|token|revoke|list … against DATABASE_URL or the embedded database.
runCli('users');
