import { Kind, type ASTVisitor, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, visit } from 'graphql';
import { limitError } from './limit-error';

/** The most errors a rejected document is answered with (graphql-js alone would send 101). */
export const MAX_VALIDATION_ERRORS = 10;

export interface DocumentLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  readonly maxDocumentBytes: number;
}

export interface DocumentMeasures {
  readonly depth: number;
  readonly aliases: number;
  readonly directives: number;
  readonly bytes: number;
}

/**
 * Measures a document in time linear in its size: aliases and directives are counted as
 * written, depth follows fragment spreads with each fragment's depth memoized, so fragment
 * bombs cost nothing and cycles (rejected by graphql-js's own rule) cannot loop.
 */
export function measureDocument(document: DocumentNode): DocumentMeasures {
  let aliases = 0;
  let directives = 0;
  visit(document, {
    Field(node) {
      if (node.alias) aliases += 1;
    },
    Directive() {
      directives += 1;
    },
  });
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fragmentDepth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (selectionSet: SelectionSetNode | undefined): number => {
    if (!selectionSet) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet));
      } else {
        const name = selection.name.value;
        if (!fragmentDepth.has(name)) {
          if (visiting.has(name) || !fragments.has(name)) continue;
          visiting.add(name);
          fragmentDepth.set(name, depthOf(fragments.get(name)?.selectionSet));
          visiting.delete(name);
        }
        deepest = Math.max(deepest, fragmentDepth.get(name) ?? 0);
      }
    }
    return deepest;
  };
  let depth = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) depth = Math.max(depth, depthOf(definition.selectionSet));
  }
  const bytes = document.loc ? Buffer.byteLength(document.loc.source.body, 'utf8') : 0;
  return { depth, aliases, directives, bytes };
}

/** The limits as one graphql-js validation rule: Apollo and the websocket run it alike. */
export function documentLimitsRule(limits: DocumentLimits) {
  return (context: ValidationContext): ASTVisitor => ({
    Document: {
      enter(document) {
        const measured = measureDocument(document);
        if (measured.bytes > limits.maxDocumentBytes) {
          context.reportError(limitError('documentBytes', 'Query document size in bytes', limits.maxDocumentBytes, measured.bytes));
        }
        if (measured.depth > limits.maxDepth) context.reportError(limitError('depth', 'Query depth', limits.maxDepth, measured.depth));
        if (measured.aliases > limits.maxAliases) context.reportError(limitError('aliases', 'Query alias count', limits.maxAliases, measured.aliases));
        if (measured.directives > limits.maxDirectives) {
          context.reportError(limitError('directives', 'Query directive count', limits.maxDirectives, measured.directives));
        }
        return false;
      },
    },
  });
}
