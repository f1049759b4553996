// The layer table of docs/architecture.md, as data, and the rule that enforces it.
//
// eslint-plugin-import's `no-restricted-paths` cannot tell a type-only import from a value import
// (import-js/eslint-plugin-import#1899, open since 2020), and four of our edges are "types only"
// (schema → services, context → services, …). So the rule below resolves each relative import to its
// folder under src/ and looks the edge up here: `value` edges may import anything, `type` edges only
// `import type` / `export type` (erased at compile time, so they add no runtime dependency).
import path from 'node:path';

/** A layer is the first folder under src/ (`db`, `schema`, …) or a top-level file (`context`, `app`, `main`). */
const ANY = '*';

/**
 * Who may import whom. Keys are importing layers; `value` lists layers (or layer/file paths such as
 * `pubsub/topics`) that may be imported for their values, `type` those that may be imported for types only.
 * A layer always may import itself. A layer missing from the table may import nothing from src/.
 */
export const LAYERS = {
  lib: { value: ['errors'] },
  errors: { value: [] },
  config: { value: [] },
  observability: { value: [], type: ['config', 'db'] },
  db: { value: ['lib'], type: ['config'] },
  loaders: { value: ['db', 'lib'] },
  auth: { value: ['db', 'lib', 'errors'], type: ['config'] },
  pubsub: { value: ['db', 'lib', 'errors'], type: ['config', 'observability'] },
  services: { value: ['db', 'loaders', 'auth', 'pubsub', 'errors', 'lib'], type: ['config', 'observability', 'context'] },
  schema: { value: ['pubsub/topics', 'errors', 'lib'], type: ['services', 'loaders', 'context'] },
  // The accepted cycle: services take the context, the context carries the services (types only both ways).
  context: { value: ['auth', 'loaders', 'observability'], type: ['services', 'db', 'config'] },
  import: { value: ['services', 'db', 'lib', 'errors'], type: ['config', 'observability'] },
  digest: { value: ['services', 'db', 'lib', 'errors', 'auth'], type: ['config', 'observability'] },
  // The webhook delivery worker: the queue's SQL, the address check it shares with registration, signing.
  webhooks: { value: ['services', 'db', 'lib', 'errors'], type: ['config', 'observability'] },
  // Process entry helpers beside main.ts: the one-line start-up errors and the banner, shared by main.ts and the CLIs.
  'startup-errors': { value: ['config', 'db', 'errors', 'lib'] },
  'startup-banner': { value: [], type: ['config'] },
  // The CLIs' commands, run by a CLI process or, beside `npm start` on the embedded database, by the
  // server through its admin socket.
  admin: { value: ['services', 'db', 'lib', 'errors', 'auth', 'config', 'import', 'digest'], type: ['observability'] },
  // Thin npm-script entries: anything but the GraphQL surface and the transport.
  cli: { value: ['admin', 'services', 'db', 'lib', 'errors', 'auth', 'config', 'observability', 'import', 'digest', 'pubsub', 'startup-errors'] },
  // Transport: a composition root, but below the GraphQL surface (app.ts hands it the built schema).
  server: {
    value: ['config', 'db', 'lib', 'errors', 'auth', 'pubsub', 'services', 'loaders', 'context', 'observability', 'digest', 'import'],
  },
  // Composition roots.
  app: { value: [ANY] },
  main: { value: [ANY] },
};

/** Single files allowed one more edge than their layer, each with the reason. */
export const FILE_EXCEPTIONS = {
  // Emitting schema.graphql is the one CLI that needs the GraphQL surface.
  'cli/emit-schema.ts': { value: ['schema'] },
};

/** Packages only some layers may use: the GraphQL decorators stay in schema/, the drivers in db/. */
export const PACKAGES = {
  'type-graphql': ['schema', 'server', 'app'],
  '@prisma/client': ['db'],
  '@prisma/adapter-pg': ['db'],
  'pglite-prisma-adapter': ['db'],
  '@electric-sql/pglite': ['db'],
};

function layerOf(srcRoot, file) {
  const rel = path.relative(srcRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  return { layer: parts.length === 1 ? parts[0].replace(/\.[cm]?[jt]s$/, '') : parts[0], rel: parts.join('/') };
}

function matches(entries, target) {
  return (entries ?? []).some(
    (entry) => entry === ANY || entry === target.layer || target.rel.replace(/\.ts$/, '') === entry || target.rel.startsWith(`${entry}/`),
  );
}

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  if (node.type === 'TSImportType') return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layer table: which folder of src/ may import which.' },
    schema: [{ type: 'object', properties: { srcRoot: { type: 'string' } }, additionalProperties: false }],
    messages: {
      layer: '{{from}}/ may not import {{to}} ({{kind}} import); see the layer table in docs/architecture.md.',
      package: '{{from}}/ may not import the package {{pkg}}; only {{allowed}} may.',
    },
  },
  create(context) {
    const srcRoot = path.resolve(context.options[0]?.srcRoot ?? 'src');
    const from = layerOf(srcRoot, context.filename);
    if (!from) return {};
    const rules = LAYERS[from.layer] ?? { value: [] };
    const extra = FILE_EXCEPTIONS[from.rel] ?? {};

    function check(node, sourceNode) {
      const spec = sourceNode?.value;
      if (typeof spec !== 'string') return;
      if (!spec.startsWith('.')) {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        const allowed = PACKAGES[pkg];
        if (allowed && !allowed.includes(from.layer) && !isTypeOnly(node)) {
          context.report({ node: sourceNode, messageId: 'package', data: { from: from.layer, pkg, allowed: allowed.map((l) => `${l}/`).join(', ') } });
        }
        return;
      }
      const to = layerOf(srcRoot, path.resolve(path.dirname(context.filename), spec));
      if (!to || to.layer === from.layer) return;
      const typeOnly = isTypeOnly(node);
      const ok = matches(rules.value, to) || matches(extra.value, to) || (typeOnly && (matches(rules.type, to) || matches(extra.type, to)));
      if (!ok)
        context.report({
          node: sourceNode,
          messageId: 'layer',
          data: { from: from.layer, to: to.rel.replace(/\.ts$/, ''), kind: typeOnly ? 'type' : 'value' },
        });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source),
      TSImportType: (node) => check(node, node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
    };
  },
};

export default { rules: { layers: rule } };
