// @ts-check
// Layer boundaries (STYLE.md habit 1) are enforced here with no-restricted-imports:
// a file's folder decides what it may import. test/unit/lint/boundaries.test.ts proves it.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const noNodeMessage = 'src/shared and src/renderer run anywhere: no Node built-ins here.';
// Bare built-in names must match exactly (`paths`): as gitignore-style
// patterns, 'inspector' would also forbid a local './inspector' module.
const noNodePaths = nodeBuiltins.map((name) => ({ name, message: noNodeMessage }));
const noNode = { group: ['node:*'], message: noNodeMessage };
const noElectron = {
  group: ['electron', 'electron/*'],
  message:
    'Only src/main/index.ts, src/main/shell/ and src/preload/ may import electron (in plain Node it tries to download the runtime).',
};
const noMain = {
  group: ['**/main/**', '**/main'],
  message: 'Talk to the engine only through the contract in src/shared/api.',
};
// The AWS SDK costs about 23 MB and 0.1 s per engine: s3-sender.ts loads it
// on the first write to S3, and types alone may be imported anywhere.
const lazyAwsSdk = {
  name: '@aws-sdk/client-s3',
  allowTypeImports: true,
  message: 'Load the AWS SDK lazily (loadSdk in src/main/destinations/s3/s3-sender.ts).',
};
// The same for gRPC (about 13 MB): the source manager imports the gRPC
// receiver when the first one starts.
const lazyGrpcReceiver = {
  group: ['**/receiver/grpc-receiver'],
  allowTypeImports: true,
  message: 'Import the gRPC receiver lazily (await import) as the source manager does.',
};
const noRenderer = {
  group: ['**/renderer/**'],
  message: 'The renderer is a leaf: nothing imports it.',
};
const noPreload = {
  group: ['**/preload/**'],
  message: 'The preload is reached only through window.sluice (see src/renderer/src/api).',
};

// The stack in src/main, top to bottom (docs/architecture.md, "The stack"):
// a folder may import the folders of its own level and those below it,
// never one above. Front doors, bridge, use cases, sources, catalog, the
// data plane, then the parts everything may use.
const stack = [
  ['cli', 'serve', 'shell'],
  ['host', 'dispatch'],
  ['app'],
  ['sources'],
  ['catalog'],
  ['engine'],
  ['secrets', 'destinations', 'tools', 'data-dir'],
  ['base'],
];
// Only these folders hold SQL (the engine's tables, the catalog's) or reach the keychain.
const sqliteFolders = ['engine', 'catalog'];
const keytarFolders = ['secrets'];

/**
 * The import rules of every file in src/main. A pattern cannot tell
 * src/main/sources from src/main/catalog/sources by name, so the rules are
 * written per folder and per depth: from src/main/<folder>/a/b.ts the other
 * top-level folders are exactly '../../<name>'. ESLint gives a file the
 * last matching rule, so each one repeats the rules every main file has.
 */
function mainImportRules() {
  const basePaths = [lazyAwsSdk];
  const basePatterns = [noRenderer, noPreload, lazyGrpcReceiver];
  const configs = [];
  const maxDepth = 4;
  stack.forEach((level, index) => {
    const above = stack.slice(0, index).flat();
    for (const folder of level) {
      const electron = folder === 'shell' ? [] : [noElectron];
      const paths = [...basePaths];
      if (!sqliteFolders.includes(folder))
        paths.push({
          name: 'better-sqlite3',
          message: 'Only src/main/engine and src/main/catalog hold SQL (docs/architecture.md).',
        });
      if (!keytarFolders.includes(folder))
        paths.push({
          name: 'keytar',
          message: 'Only src/main/secrets reaches the OS keychain (TokenStore).',
        });
      for (let depth = 1; depth <= maxDepth; depth++) {
        const up = '\\.\\./'.repeat(depth);
        const regexes = [];
        if (above.length > 0)
          regexes.push({
            regex: `^${up}(${above.join('|')})(/|$)`,
            message: `src/main/${folder} may not import a layer above it (${above.join(', ')}): see "The stack" in docs/architecture.md.`,
          });
        if (folder !== 'engine')
          regexes.push({
            regex: `^${up}engine/(?!(index|ports)$)`,
            message:
              'Outside src/main/engine, import only engine/index (what builds and runs it) and engine/ports (its types).',
          });
        configs.push({
          files: [`src/main/${folder}/${'*/'.repeat(depth - 1)}*.ts`],
          rules: {
            'no-restricted-imports': [
              'error',
              { paths, patterns: [...electron, ...basePatterns, ...regexes] },
            ],
          },
        });
      }
    }
  });
  // src/main/index.ts starts the shell: it sits above everything.
  configs.push({
    files: ['src/main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...basePaths,
            {
              name: 'better-sqlite3',
              message: 'Only src/main/engine and src/main/catalog hold SQL.',
            },
            { name: 'keytar', message: 'Only src/main/secrets reaches the OS keychain.' },
          ],
          patterns: [
            ...basePatterns,
            {
              regex: '^\\./engine/(?!(index|ports)$)',
              message: 'Import only engine/index and engine/ports.',
            },
          ],
        },
      ],
    },
  });
  return configs;
}

export default tseslint.config(
  {
    ignores: ['out/**', 'node_modules/**', 'test-results/**', 'coverage/**', 'build/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: noNodePaths, patterns: [noNode, noElectron, noMain, noRenderer, noPreload] },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: noNodePaths, patterns: [noNode, noElectron, noMain, noPreload] },
      ],
    },
  },
  // src/main: one rule per folder and depth (see mainImportRules above).
  ...mainImportRules(),
  {
    // A dynamic import('electron') is as bad as a static one outside the shell.
    files: ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}', 'scripts/**/*.{ts,mjs}'],
    ignores: ['src/main/index.ts', 'src/main/shell/**', 'src/preload/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/^electron(\\u002F.*)?$/]',
          message: noElectron.message,
        },
      ],
    },
  },
  {
    // Small files (STYLE.md): counted without blank lines and comments.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: noNodePaths, patterns: [noNode, noMain, noRenderer] },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'scripts/**/*.{ts,mjs}', 'bin/**/*.mjs'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron] }],
    },
  },
);
