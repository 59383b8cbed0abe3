// Lint: typescript-eslint, React hooks, accessibility, and the layering rules of
// docs/architecture.md. Do not relax the layering rules: move the code instead.
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'url', 'zlib'],
  message:
    'Node APIs belong to src-main: take what you need as a parameter, or move the code there.',
};
const electron = {
  name: 'electron',
  message: 'Only the Electron glue (src-main/electron, src-main/preload) imports electron.',
};
const sqlite = { name: 'better-sqlite3', message: 'SQL lives in src-main/db repositories.' };
const cipherSqlite = {
  name: 'better-sqlite3-multiple-ciphers',
  message:
    'SQL lives in src-main/db repositories; only src-main/db opens the (encrypted) database.',
};
const plainSqlite = {
  name: 'better-sqlite3',
  message:
    'The station database is encrypted: use better-sqlite3-multiple-ciphers through src-main/db/driver.ts.',
};
const react = {
  group: ['react', 'react-*', 'react/*', '@hookform/*', 'i18next'],
  message: 'UI code belongs to src-renderer.',
};
const mainSide = {
  group: ['**/src-main/**'],
  message: 'The renderer reaches the main side only through src-renderer/api/client.ts.',
};
const rendererSide = {
  group: ['**/src-renderer/**'],
  message: 'The main side never imports the UI.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.native/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, sqlite, cipherSqlite],
          patterns: [nodeBuiltins, react, mainSide, rendererSide],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'Buffer',
        'process',
        'require',
        'localStorage',
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**', 'src-main/preload/**', 'src-main/db/**'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electron, sqlite, cipherSqlite], patterns: [react, rendererSide] },
      ],
    },
  },
  {
    files: ['src-main/db/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electron, plainSqlite], patterns: [react, rendererSide] },
      ],
    },
  },
  {
    files: ['src-main/electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [sqlite, cipherSqlite], patterns: [react, rendererSide] },
      ],
    },
  },
  {
    files: ['src-main/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [sqlite, cipherSqlite],
          patterns: [
            nodeBuiltins,
            react,
            rendererSide,
            {
              regex: '^\\.\\./\\.\\./src-shared/(?!ipc/channels$)',
              message: 'The sandboxed preload may import only the channel list.',
            },
            {
              regex: '^\\.\\./(?!\\.\\./)',
              message: 'The preload stands alone: no other src-main module.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { paths: [electron, sqlite, cipherSqlite], patterns: [nodeBuiltins, mainSide] },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: [
      'tests/**/*.{ts,tsx}',
      'bench/**/*.ts',
      'scripts/**/*.{mjs,cjs}',
      '*.config.{ts,mts,mjs}',
    ],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
