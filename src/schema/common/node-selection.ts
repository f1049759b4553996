import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

// A connection resolver may look ahead at what its nodes select, so the statement that reads the
// page also brings what those fields would otherwise fetch in a statement of their own (the
// byline of each paper, whether the viewer upvoted it), and reads only the columns those fields
// need. Only a hint: the field resolvers still load through the loaders, which the page primed.
// @include/@skip are not evaluated, so a skipped field at worst costs columns nobody reads.

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

/** Every field name selected in `sets`, through fragments. */
function namesIn(sets: Iterable<SelectionSetNode | undefined>, fragments: Fragments, names: Set<string>, seen = new Set<string>()): Set<string> {
  for (const set of sets) {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) namesIn([selection.selectionSet], fragments, names, seen);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        namesIn([fragments[selection.name.value]?.selectionSet], fragments, names, seen);
      }
    }
  }
  return names;
}

/** The names of every field the connection being resolved selects on its nodes (`nodes { … }` or `edges { node { … } }`). */
export function namesSelectedOnNodes(info: GraphQLResolveInfo): Set<string> {
  const sets = info.fieldNodes.map((node) => node.selectionSet);
  const nodeSets = [...sets.flatMap((set) => [...fieldsNamed(set, 'nodes', info.fragments)])];
  for (const edges of sets.flatMap((set) => [...fieldsNamed(set, 'edges', info.fragments)])) nodeSets.push(...fieldsNamed(edges, 'node', info.fragments));
  return namesIn(nodeSets, info.fragments, new Set());
}
