import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInProcessPubSub } from '../../../src/pubsub/in-process-pubsub';
import { buildSchema, printSdl } from '../../../src/schema/build-schema';

it('schema.graphql is what the build emits (run `npm run build` and commit it)', async () => {
  const committed = readFileSync(join(__dirname, '..', '..', '..', 'schema.graphql'), 'utf8');
  expect(committed).toBe(printSdl(await buildSchema({ pubSub: createInProcessPubSub() })));
});
