// Lint = style + type-checked rules + architecture boundaries.
// The boundaries below are the architecture in DEVELOPERS.md, enforced here instead of in a wiki.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const layer = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`];

export default tseslint.config(
  // .tmp/ is a git-ignored scratch folder (profiling scripts and the like), like data/.
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'bench/results/**', 'test-results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...['app', 'demo', 'storage', 'documents', 'network', 'api', 'web', 'cli'].flatMap(layer),
                'node:*',
                'pg',
                '@electric-sql/*',
                'fastify',
                'fastify-*',
                '@fastify/*',
              ],
              message: 'src/domain is pure: no I/O and no imports from other layers.',
            },
          ],
        },
      ],
    },
  },
  // src/app: use cases by capability. They use the storage interfaces, never a transport or a database
  // driver; a capability folder is imported through its entry file (index.ts), never into its internals.
  ...[
    // app/node.ts (the wiring) and app/deps.ts (what every use case gets) import capabilities' entry files
    // (deps.ts the orders' ports, types only).
    { files: ['src/app/*.ts'], entry: ['./*/*', '!./*/index.ts', '!./orders/ports.ts'] },
    // src/app/<capability>/x.ts importing ../<other>/y.ts
    { files: ['src/app/*/**/*.ts'], entry: ['../*/*', '!../*/index.ts', '!../../*'] },
  ].map(({ files, entry }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...['api', 'web', 'cli', 'demo'].flatMap(layer),
                'fastify',
                '@fastify/*',
                'pg',
                '@electric-sql/*',
              ],
              message:
                'Use cases use the storage interfaces, never a transport or a database driver directly.',
            },
            {
              group: entry,
              message:
                'A capability folder is imported through its entry file (../orders/index.ts), never into its internals.',
            },
          ],
        },
      ],
    },
  })),
  {
    // No import cycles anywhere in the product, type-only imports included: a cycle means two modules
    // that cannot be understood (or tested) one without the other.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver()],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false }],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/demo/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/*/*', '!**/app/*/index.ts'],
              message:
                'Import a capability through its entry file (app/orders/index.ts), never its internals.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/storage/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...['app', 'demo', 'api', 'web', 'cli', 'network'].flatMap(layer)],
              message: 'Storage knows the domain, nothing above it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The network layer: envelopes, keys, outbox worker, transport. It may use the domain, the documents
    // and storage; use cases call it, never the other way round.
    files: ['src/network/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...['app', 'demo', 'api', 'web', 'cli'].flatMap(layer), 'fastify', '@fastify/*'],
              message:
                'src/network may use domain, documents and storage; services call it, not the reverse.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...['storage', 'web', 'cli'].flatMap(layer), 'pg', '@electric-sql/*'],
              message: 'Routes call use cases (src/app); they never touch storage.',
            },
            {
              group: ['**/app/*/*', '!**/app/*/index.ts'],
              message:
                'Import a capability through its entry file (app/orders/index.ts), never its internals.',
            },
          ],
        },
      ],
    },
  },
  {
    // The web app runs in the browser and talks to the node over HTTP only: it may import the API's
    // types (erased at build time), never server code or Node modules.
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...['api', 'app'].flatMap(layer)],
              allowTypeImports: true,
              message:
                'The web app may import types from the server and values from the pure domain, not server code: use the HTTP API.',
            },
            {
              group: [
                ...['storage', 'cli', 'documents', 'network', 'demo'].flatMap(layer),
                'node:*',
                'fastify',
                'fastify-*',
                '@fastify/*',
                'pg',
                '@electric-sql/*',
              ],
              message: 'The web app runs in the browser: no server layers or Node modules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);
