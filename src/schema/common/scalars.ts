import { DateResolver, DateTimeResolver, NonNegativeIntResolver, URLResolver } from 'graphql-scalars';

// graphql-scalars types, re-exported under the names the schema classes use.
export const DateTimeScalar = DateTimeResolver;
export const DateScalar = DateResolver;
export const URLScalar = URLResolver;
export const NonNegativeInt = NonNegativeIntResolver;
