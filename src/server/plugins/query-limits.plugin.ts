import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../context';
import { costLimitError } from '../query-limits/limit-error';
import { requestCost } from '../query-limits/request-cost';

/**
 * Rejects an operation whose cost, computed with its variables, exceeds maxCost. Depth,
 * aliases, directives and document size are validation rules (documentLimitsRule) and the
 * token limit is a parse option, both set in apollo.ts; cost needs the variables, which
 * validation does not see, hence this hook, which still runs before any resolver.
 */
export function queryLimitsPlugin(options: { maxCost: number }): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const cost = requestCost(requestContext);
          if (cost !== undefined && cost > options.maxCost) {
            throw costLimitError(options.maxCost, cost);
          }
        },
      };
    },
  };
}
