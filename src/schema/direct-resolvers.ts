import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type ParamMetadata = NonNullable<ReturnType<typeof getMetadataStorage>['fieldResolvers'][number]['params']>[number];

// TypeGraphQL calls every @FieldResolver through a generic wrapper: per call it builds a
// resolver-data object, asks its container for the resolver instance, sorts and maps the
// parameter list, and runs the (empty) middleware chain. A day feed calls field resolvers ~300
// times (each paper's id, arxivId, authors, each author's id), and the wrapper was a fifth of
// the bytes a request allocated. Where a field resolver takes only @Root, @Ctx and @Info, with
// no middleware, roles or argument conversion, the schema calls the method directly instead:
// same method, same instance for every call, same arguments.

// The same wrapper stands around every plain @Field (a property of the record): per read a
// resolver-data object and the empty middleware chain, and under graphql-jit a resolve-info
// object and a response-path chain as well, because jit only reads a property inline when the
// field has no resolver. A day feed reads ~350 such properties (each paper's title, stars and
// thumbnail, each byline author's name). TypeGraphQL's `simpleResolvers` leaves those fields
// without a resolver (graphql's default: read the property); it is set here once for every
// object type rather than in each decorator. It would skip middlewares, so it refuses to run
// where any are registered.

/**
 * Marks every object type as having simple resolvers; call before TypeGraphQL builds the schema.
 * Fields with a @FieldResolver keep it.
 */
export function readPlainFieldsAsProperties(): void {
  const storage = getMetadataStorage();
  const guarded = [...storage.objectTypes.flatMap((type) => type.fields ?? []), ...storage.fieldResolvers];
  if (storage.middlewares.length > 0 || guarded.some((field) => field.middlewares?.length || field.roles?.length)) {
    throw new Error('A field has middlewares or roles: plain fields cannot skip TypeGraphQL resolvers.');
  }
  for (const type of storage.objectTypes) type.simpleResolvers ??= true;
}

/** The value each parameter kind reads, or null for kinds that need TypeGraphQL's conversion. */
function directParam(param: ParamMetadata): ((root: unknown, context: Record<string, unknown>, info: unknown) => unknown) | null {
  switch (param.kind) {
    case 'root': {
      // A class-typed root is converted to an instance by TypeGraphQL; ours are records (Object).
      const type = param.getType?.();
      if (type !== undefined && type !== Object) return null;
      const property = param.propertyName;
      return property ? (root) => (root as Record<string, unknown>)[property] : (root) => root;
    }
    case 'context': {
      const property = param.propertyName;
      return property ? (_root, context) => context[property] : (_root, context) => context;
    }
    case 'info':
      return (_root, _context, info) => info;
    default:
      return null;
  }
}

/** Replaces TypeGraphQL's wrapper with a direct call where nothing in it applies; returns how many fields. */
export function callFieldResolversDirectly(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  const typeNameOf = new Map<unknown, string>(storage.objectTypes.map((type) => [type.target, type.name]));
  const instances = new Map<unknown, Record<string, (...args: unknown[]) => unknown>>();
  let replaced = 0;
  for (const metadata of storage.fieldResolvers) {
    if (metadata.kind !== 'external' || metadata.middlewares?.length || metadata.roles?.length) continue;
    const typeName = typeNameOf.get(metadata.getObjectType?.());
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = isObjectType(type) ? type.getFields()[metadata.schemaName] : undefined;
    if (!field) continue;
    const params = [...(metadata.params ?? [])].sort((a, b) => a.index - b.index);
    const readers = params.map(directParam);
    if (readers.some((reader) => reader === null) || params.some((param, i) => param.index !== i)) continue;
    const target = metadata.target as new () => Record<string, (...args: unknown[]) => unknown>;
    let instance = instances.get(target);
    if (!instance) instances.set(target, (instance = new target()));
    const method = instance[metadata.methodName].bind(instance);
    const read = readers as Array<NonNullable<(typeof readers)[number]>>;
    field.resolve = directResolver(method, read);
    replaced += 1;
  }
  return replaced;
}

/** Specialised for the parameter counts in use, so a call allocates no argument array. */
function directResolver(
  method: (...args: unknown[]) => unknown,
  read: Array<(root: unknown, context: Record<string, unknown>, info: unknown) => unknown>,
): GraphQLFieldResolver<unknown, Record<string, unknown>> {
  const [a, b, c] = read;
  switch (read.length) {
    case 0:
      return () => method();
    case 1:
      return (root, _args, context, info) => method(a(root, context, info));
    case 2:
      return (root, _args, context, info) => method(a(root, context, info), b(root, context, info));
    case 3:
      return (root, _args, context, info) => method(a(root, context, info), b(root, context, info), c(root, context, info));
    default:
      return (root, _args, context, info) => method(...read.map((param) => param(root, context, info)));
  }
}
