import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

// A connection resolver may look ahead at what its nodes select, so the statement that reads the
// page also brings what those fields would otherwise fetch in a statement of their own (the
// byline of each paper, whether the viewer upvoted it). Only a hint: the field resolvers still
// load through the loaders, which the page primed. @include/@skip are not evaluated, so a skipped
// field at worst costs a column nobody reads.

type Fragments = Record<string, FragmentDefinitionNode>;

/** The selection sets of the fields named `name` directly in `set`, through fragments. */
function* fieldsNamed(
  set: SelectionSetNode | undefined,
  name: string,
  fragments: Fragments,
  seen = new Set<string>(),
): Generator<SelectionSetNode | undefined> {
  if (!set) return;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name) yield selection.selectionSet;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      yield* fieldsNamed(selection.selectionSet, name, fragments, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      yield* fieldsNamed(fragments[selection.name.value]?.selectionSet, name, fragments, seen);
    }
  }
}

function selectsPath(sets: Iterable<SelectionSetNode | undefined>, path: readonly string[], fragments: Fragments): boolean {
  if (path.length === 0) return true;
  const [head, ...rest] = path;
  for (const set of sets) {
    if (selectsPath(fieldsNamed(set, head, fragments), rest, fragments)) return true;
  }
  return false;
}

/** Which of `fields` the connection being resolved selects on its nodes (`nodes { … }` or `edges { node { … } }`). */
export function selectedOnNodes<Field extends string>(info: GraphQLResolveInfo, fields: readonly Field[]): Record<Field, boolean> {
  const sets = info.fieldNodes.map((node) => node.selectionSet);
  const selected = {} as Record<Field, boolean>;
  for (const field of fields) {
    selected[field] = selectsPath(sets, ['nodes', field], info.fragments) || selectsPath(sets, ['edges', 'node', field], info.fragments);
  }
  return selected;
}
