import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInProcessPubSub } from '../pubsub/in-process-pubsub';
import { buildSchema, printSdl } from '../schema/build-schema';

// Part of `npm run build`: writes schema.graphql, which is committed so that clients and
// reviewers see API changes in diffs. test/unit/schema-file.test.ts fails when it is stale.
export const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.graphql');

// Printing the SDL runs no subscription; any pub/sub satisfies the builder.
buildSchema({ pubSub: createInProcessPubSub() })
  .then((schema) => {
    writeFileSync(SCHEMA_FILE, printSdl(schema));
    console.log(`wrote ${SCHEMA_FILE}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
