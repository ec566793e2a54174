// Package boundaries live here as lint rules, not as hope (STYLE.md, "Packages and what each may import").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'process', 'readline', 'tty'];
const noNode = { group: nodeBuiltins, message: 'this package must not touch Node built-ins (STYLE.md)' };
const sibling = (names, why) => ({ group: names, message: why });
const noRelativeSiblings = {
  group: ['../../*/src/*', '../../*/src', '**/packages/*/src/*'],
  message: 'import sibling packages by name (@wyn/...), never by path',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.ohm-bundle.js', '**/*.ohm-bundle.d.ts', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/parser/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noNode, noRelativeSiblings,
        sibling(['@wyn/interpreter', '@wyn/scheduler', '@wyn/cli'], 'the parser imports no other workspace package')] }],
      'no-restricted-globals': ['error', 'process', 'console', 'require'],
    },
  },
  {
    files: ['packages/scheduler/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noRelativeSiblings,
        sibling(['@wyn/*'], 'the scheduler imports nothing from the workspace')] }],
    },
  },
  {
    files: ['packages/interpreter/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noRelativeSiblings,
        sibling(['@wyn/cli'], 'the interpreter must not depend on the CLI'),
        { group: ['fs', 'node:fs', 'child_process', 'node:child_process', 'tty', 'node:tty', 'readline', 'node:readline'],
          message: 'the interpreter reaches the world only through its Host' }] }],
      'no-restricted-globals': ['error', 'process', 'console'],
    },
  },
  {
    // The real Host: the one interpreter file that may use Node built-ins and `process`.
    files: ['packages/interpreter/src/host-node.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
  {
    files: ['packages/cli/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noRelativeSiblings] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', __filename: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
