import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isCompositeType,
  isInputObjectType,
  isListType,
  isObjectType,
  isInterfaceType,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { InvalidTextError } from '../../errors/errors';
import { DEFAULT_MAX_TEXT_LENGTH, textFault, textFaultMessage } from '../../lib/text-rule';
import { LIMITS as SUBMISSION_LIMITS } from '../../services/submission-input';

/**
 * Maxima above the default (lib/text-rule.ts), by schema coordinate: `Type.field` for an input
 * field, `Type.field(arg:)` for an argument. Finer limits (a title's 500 characters after
 * trimming, a search's 256) stay with the services that own them and answer BAD_USER_INPUT too.
 */
export const TEXT_MAX_LENGTHS: Readonly<Record<string, number>> = {
  'SubmitPaperInput.abstract': SUBMISSION_LIMITS.abstract,
  // The webhook service applies WEBHOOK_MAX_URL_LENGTH (2048 by default, configurable up to this).
  'CreateWebhookInput.url': 8192,
  'UpdateWebhookInput.url': 8192,
};

const maxLengthOf = (coordinate: string) => TEXT_MAX_LENGTHS[coordinate] ?? DEFAULT_MAX_TEXT_LENGTH;

/**
 * The first text in an operation's arguments that breaks the text rule, as the error to answer
 * with, or null. It walks every field the operation selects (fragments once each, so a fragment
 * bomb costs what its text costs) and every argument with its variables applied: literals and
 * variables, input objects, lists. Runs after validation; when the variables or arguments do not
 * coerce, execution reports that with its own BAD_USER_INPUT and this returns null.
 */
export function textInputError(
  schema: GraphQLSchema,
  document: DocumentNode,
  rawVariables: Readonly<Record<string, unknown>> | null | undefined,
  operationName: string | null | undefined,
): InvalidTextError | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const root = schema.getRootType(operation.operation);
  if (!root) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {}, { maxErrors: 1 });
  if (coerced.errors) return null;
  const variables = coerced.coerced;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === 'FragmentDefinition') fragments.set(definition.name.value, definition);
  }
  const walkedFragments = new Set<string>();

  function walkSelections(parent: GraphQLCompositeType, selectionSet: SelectionSetNode): InvalidTextError | null {
    for (const selection of selectionSet.selections) {
      let found: InvalidTextError | null = null;
      if (selection.kind === 'Field') {
        const field = fieldOf(schema, parent, selection.name.value);
        if (!field) continue;
        found = walkArguments(parent.name, field, selection);
        const returned = getNamedType(field.type);
        if (!found && selection.selectionSet && isCompositeType(returned)) found = walkSelections(returned, selection.selectionSet);
      } else if (selection.kind === 'InlineFragment') {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) found = walkSelections(type, selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || walkedFragments.has(name)) continue;
        walkedFragments.add(name);
        const type = schema.getType(fragment.typeCondition.name.value);
        if (type && isCompositeType(type)) found = walkSelections(type, fragment.selectionSet);
      }
      if (found) return found;
    }
    return null;
  }

  function walkArguments(typeName: string, field: GraphQLField<unknown, unknown>, node: Parameters<typeof getArgumentValues>[1]): InvalidTextError | null {
    if (field.args.length === 0) return null;
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(field as unknown as Parameters<typeof getArgumentValues>[0], node, variables);
    } catch {
      return null;
    }
    for (const arg of field.args as readonly GraphQLArgument[]) {
      if (!(arg.name in values)) continue;
      const found = walkValue(values[arg.name], arg.type, `${field.name}.${arg.name}`, `${typeName}.${field.name}(${arg.name}:)`);
      if (found) return found;
    }
    return null;
  }

  return walkSelections(root, operation.selectionSet);
}

/** Text leaves of one coerced input value; `path` names it for the client, `coordinate` finds its maximum. */
function walkValue(value: unknown, type: GraphQLInputType, path: string, coordinate: string): InvalidTextError | null {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return walkValue(value, nullable.ofType, path, coordinate);
    for (let index = 0; index < value.length; index++) {
      const found = walkValue(value[index], nullable.ofType, `${path}[${index}]`, coordinate);
      if (found) return found;
    }
    return null;
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (!field) continue;
      const found = walkValue(item, field.type, `${path}.${name}`, `${nullable.name}.${name}`);
      if (found) return found;
    }
    return null;
  }
  // String, ID and any custom scalar whose coerced value is text (enums and numbers are not).
  if (typeof value !== 'string') return null;
  const maxLength = maxLengthOf(coordinate);
  const fault = textFault(value, maxLength);
  return fault ? new InvalidTextError(path, fault, textFaultMessage(path, fault, maxLength)) : null;
}

function fieldOf(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  // The introspection entry points take arguments too (__type(name:)); __typename takes none.
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}
