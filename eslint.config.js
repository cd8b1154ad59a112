// ESLint flat config: typescript-eslint's type-aware rules (they catch real bugs here: a
// forgotten promise, a switch that misses a new job state, code nothing uses) and React's
// rules of hooks. Formatting is Prettier's job (`prettier --check` in `npm run lint`), so
// there are no stylistic rules here.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist.*/', 'coverage/', 'node_modules/', 'test/fixtures/layering/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // why: `onClick={async () => …}`-style callbacks are not used; a promise passed where a void
      // function is expected (listeners, timers) is still reported.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: true, attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // why: matching control characters is the job of the terminal layer and the sanitizer; the
      // rule would flag every one of those expressions.
      'no-control-regex': 'off',
      // why: an async method implementing a Promise-returning contract reads better than
      // `return Promise.resolve(…)`, and a synchronous throw inside it still becomes a rejection.
      '@typescript-eslint/require-await': 'off',
      // why: the code passes closures around, not class methods; the rule cannot tell a closure
      // declared with method shorthand (`random(): number`) from a method that reads `this`.
      '@typescript-eslint/unbound-method': 'off',
      // why: a `let` that closures read before its one assignment (a hook handed out before the
      // object it reaches exists) cannot be a `const`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['test/**'],
    rules: {
      // why: tests parse the CLI's JSON output and assert on its shape; an `any` there fails the
      // assertion loudly instead of hiding a bug.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // why: plain JavaScript (benchmarks, scripts, this file) is outside tsconfig's program; it gets
    // the syntax rules only.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { ...globals.commonjs } } },
  {
    files: ['**/*.tsx', 'source/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
