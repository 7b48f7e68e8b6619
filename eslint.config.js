// The linter: correctness rules from ESLint and typescript-eslint; layout is Prettier's job.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/', '.output/', '.wxt/', '.wrangler/', 'worker/worker-configuration.d.ts', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // An empty catch is how the code says "best effort, nothing to do"; other empty blocks are mistakes.
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['worker/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/errors', '!**/domain/errors'],
              importNames: ['ApiError'],
              message: 'Domain code throws DomainError (worker/domain/errors.ts); worker/errors.ts maps it to HTTP.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and benchmarks reach into browser globals and untyped JSON; `any` there is a choice, not a slip.
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'bench/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        performance: 'readonly',
        TextDecoder: 'readonly',
      },
    },
  },
)
