import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

// A connection resolver may look ahead at what its nodes select, so the statement that reads the
// page also brings what those fields would otherwise fetch in a statement of their own (the
// byline of each paper, whether the viewer upvoted it), and reads only the columns those fields
// need. Only a hint: the field resolvers still load through the loaders, which the page primed.
// @include/@skip are not evaluated, so a skipped field at worst costs columns nobody reads.

type Fragments = Record<string, FragmentDefinitionNode>;

/** The fields selected directly in `set`, through fragments (each named fragment once). */
function* fieldsIn(set: SelectionSetNode | undefined, fragments: Fragments, seen = new Set<string>()): Generator<FieldNode> {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) yield selection;
    else if (selection.kind === Kind.INLINE_FRAGMENT) yield* fieldsIn(selection.selectionSet, fragments, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      yield* fieldsIn(fragments[selection.name.value]?.selectionSet, fragments, seen);
    }
  }
}

/** The selection sets of the fields named `name` in any of `sets`. */
const setsNamed = (sets: ReadonlyArray<SelectionSetNode | undefined>, name: string, fragments: Fragments) =>
  sets.flatMap((set) => [...fieldsIn(set, fragments)].filter((field) => field.name.value === name).map((field) => field.selectionSet));

/** The names of every field the connection being resolved selects on its nodes (`nodes { … }` or `edges { node { … } }`). */
export function namesSelectedOnNodes(info: GraphQLResolveInfo): Set<string> {
  const sets = info.fieldNodes.map((node) => node.selectionSet);
  const nodeSets = [...setsNamed(sets, 'nodes', info.fragments), ...setsNamed(setsNamed(sets, 'edges', info.fragments), 'node', info.fragments)];
  return new Set(nodeSets.flatMap((set) => [...fieldsIn(set, info.fragments)].map((field) => field.name.value)));
}
