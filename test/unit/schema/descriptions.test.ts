import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  isIntrospectionType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { createInProcessPubSub } from '../../../src/pubsub/in-process-pubsub';
import { buildSchema } from '../../../src/schema/build-schema';

/** Every schema element a client developer reads in the docs, named as in SDL, without a description. */
export function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (description: string | null | undefined, coordinate: string) => {
    if (!description?.trim()) missing.push(coordinate);
  };
  const types = Object.values(schema.getTypeMap()).filter((type: GraphQLNamedType) => !isIntrospectionType(type) && !isSpecifiedScalarType(type));
  for (const type of types) {
    check(type.description, type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(field.description, `${type.name}.${field.name}`);
        for (const arg of field.args) check(arg.description, `${type.name}.${field.name}(${arg.name}:)`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(field.description, `${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(value.description, `${type.name}.${value.name}`);
    }
  }
  for (const directive of schema.getDirectives()) {
    if (['include', 'skip', 'deprecated', 'specifiedBy', 'oneOf'].includes(directive.name)) continue;
    check(directive.description, `@${directive.name}`);
    for (const arg of directive.args) check(arg.description, `@${directive.name}(${arg.name}:)`);
  }
  return missing.sort();
}

describe('the schema documents itself', () => {
  it('has a description on every type, field, argument, enum value and input field', async () => {
    expect(undocumented(await buildSchema({ pubSub: createInProcessPubSub() }))).toEqual([]);
  });

  it('finds what is missing (the check can fail)', async () => {
    const { buildSchema: fromSdl } = await import('graphql');
    const schema = fromSdl(`
      """Documented."""
      type Query {
        """Documented."""
        a(x: Int): Int
        b: Color
      }
      enum Color { """Documented.""" RED GREEN }
      input Filter { y: Int }
      scalar Bare
      type Extra { """Documented.""" f(input: Filter): Bare }
    `);
    expect(undocumented(schema)).toEqual(['Bare', 'Color', 'Color.GREEN', 'Extra', 'Extra.f(input:)', 'Filter', 'Filter.y', 'Query.a(x:)', 'Query.b']);
  });
});
