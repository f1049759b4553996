import type { DocumentNode, GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity } from 'graphql-query-complexity';
import { structuralEstimator } from './cost-model';

// A fragment bomb expands into more field nodes than any honest query has; past this many
// the estimator stops and the operation is priced as over every limit.
const MAX_EVALUATED_NODES = 20_000;

/**
 * The computed cost of one operation with its variables (so `first: $n` is priced by n).
 * Fields declaring `complexity` (TypeGraphQL) use it; the rest follow the structural model.
 * Undefined when the variables do not coerce (nothing will execute).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
): number | undefined {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [fieldExtensionsEstimator(), structuralEstimator],
      maxQueryNodes: MAX_EVALUATED_NODES,
    });
  } catch (error) {
    if ((error as Error).message.includes('maximum allowed number of nodes')) return Number.POSITIVE_INFINITY;
    // Variables that do not coerce: execution rejects them with BAD_USER_INPUT before any
    // resolver runs, so the operation costs nothing and its precise error wins.
    return undefined;
  }
}
