// GraphQL Code Generator config for a client of this API: `npx graphql-codegen --config codegen.ts`
// reads the committed schema.graphql and the operations in your sources, and writes typed
// documents to src/gql/. The custom scalars are all JSON strings or numbers.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/**/*.{ts,tsx}'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      config: {
        scalars: {
          Date: 'string',
          DateTime: 'string',
          URL: 'string',
          NonNegativeInt: 'number',
        },
        strictScalars: true,
      },
    },
  },
};

export default config;
