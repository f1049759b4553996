import { getNamedType, getNullableType, isListType, isLeafType, type GraphQLField } from 'graphql';
import type { ComplexityEstimator, ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../../lib/paging/page-request';

/**
 * The cost model (README "Limits and errors"): a leaf field costs 0, an object field 1 plus its
 * children, a paginated list field 1 plus its children times the page size it may return
 * (`first`/`last`, default page size when absent), and a plain list field 1 plus its children
 * times UNPAGED_LIST_SIZE (`edges`/`nodes` of a connection count once: their connection
 * already multiplied). Costs are computed with the request's variables, so `first: $n`
 * is priced like `first: 100`.
 */
export const UNPAGED_LIST_SIZE = 10;

/**
 * What `__schema` or `__type` costs, whatever it selects: introspection is answered from the
 * schema in memory and never touches the database, so its price is its CPU time, about that of
 * one page of the feed. Priced by structure it came to ~15,000 points (a full schema download
 * used 60% of the per-query cap and 15% of an anonymous minute, and a larger schema could not be
 * introspected at all).
 */
export const INTROSPECTION_COST = 100;

type CostArgs = Pick<ComplexityEstimatorArgs, 'args' | 'childComplexity'>;

/** How many items a paginated field may return for these arguments. */
export function pageSizeOf(args: Record<string, unknown>): number {
  const requested = [args.first, args.last].find((value) => typeof value === 'number');
  // Negative or absurd values are rejected by the resolver; price them at their magnitude so an
  // invalid request never looks cheap.
  return typeof requested === 'number' && Number.isFinite(requested) ? Math.max(1, Math.abs(Math.trunc(requested))) : DEFAULT_PAGE_SIZE;
}

/** For `@Query`/`@Field({ complexity })` on a Relay connection field. */
export const connectionComplexity = ({ args, childComplexity }: CostArgs): number => 1 + childComplexity * pageSizeOf(args);

/** For a list field without paging arguments that returns at most `size` items. */
export const listComplexity =
  (size: number) =>
  ({ childComplexity }: CostArgs): number =>
    1 + childComplexity * size;

function hasPagingArgs(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.some((arg) => arg.name === 'first' || arg.name === 'last');
}

/**
 * Fallback for fields that declare no complexity: it recognizes connections by their
 * `first`/`last` arguments and lists by their type, so new fields are priced from day one.
 */
export const structuralEstimator: ComplexityEstimator = ({ type: parent, field, args, childComplexity }) => {
  if (field.name === '__schema' || field.name === '__type') return INTROSPECTION_COST;
  // Fields of the introspection types (__Type.fields, __Field.args, …) are inside that price.
  if (parent.name.startsWith('__')) return 0;
  if (hasPagingArgs(field)) return connectionComplexity({ args, childComplexity });
  const type = getNullableType(field.type);
  // `edges`/`nodes` are the page the connection field already multiplied by its size.
  if (isListType(type) && parent.name.endsWith('Connection')) return 1 + childComplexity;
  if (isListType(type)) return isLeafType(getNamedType(type)) ? 1 : listComplexity(UNPAGED_LIST_SIZE)({ args, childComplexity });
  return isLeafType(getNamedType(type)) ? 0 : 1 + childComplexity;
};
