import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../context';
import { textInputError } from '../query-limits/text-inputs';

/**
 * The text rule (lib/text-rule.ts) over every argument of the operation, literals and variables,
 * before any resolver runs: a NUL, a lone surrogate or overlong text answers 400 BAD_USER_INPUT
 * naming the argument path, and nothing reaches the database. graphql-ws applies the same check
 * in guardOperation (websocket-limits.ts); REST routes run through this pipeline.
 */
export function textInputPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const error = textInputError(schema, document, request.variables, operationName);
          if (error) throw error;
        },
      };
    },
  };
}
