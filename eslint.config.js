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
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [lazyAwsSdk], patterns: [noElectron, noRenderer, noPreload, lazyGrpcReceiver] },
      ],
    },
  },
  {
    files: ['src/main/index.ts', 'src/main/shell/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noRenderer, noPreload] }],
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
