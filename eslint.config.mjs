// @ts-check
// Flat config for the whole repository: ESLint's and typescript-eslint's recommended rules, without
// type-aware rules (they need a TypeScript program per file and make `npm run lint` many times slower).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '.data/',
    '.tools/',
    '**/coverage/',
    'tests/artifacts/',
    'tools/*/target/',
  ]),
  {
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    rules: {
      // Files stay readable in one sitting: split by meaning beyond 300 lines as formatted (code, tests,
      // fixtures and data alike).
      'max-lines': ['error', { max: 300 }],
      // `_`-prefixed names are deliberately unused (Express error handlers, tuple slots, ignored errors).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // The browser app.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests and their support modules (`*.fixture.ts` beside them): Jest's globals.
    files: [
      '**/*.test.{ts,tsx}',
      '**/*.spec.{ts,tsx}',
      '**/*.fixture.ts',
      'tests/**/*.{ts,tsx}',
      '**/test-support/**/*.ts',
    ],
    languageOptions: { globals: { ...globals.jest } },
    // JSON bodies in component tests are read loosely on purpose; the assertions pin the shape.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // CommonJS files (the root package has no "type": "module", so plain .js is CommonJS too).
    files: ['**/*.cjs', '*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
]);
