// The linter: correctness rules from ESLint and typescript-eslint; layout is Prettier's job.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** Value imports that build queries (drizzle operators, schema tables); `import type` stays allowed. */
const NO_QUERY_BUILDING = {
  group: ['drizzle-orm', 'drizzle-orm/*', '**/db/schema'],
  allowTypeImports: true,
  message: 'Queries live in worker/db/queries/ (plain functions taking db first); import one of those instead.',
}

const DATA_ACCESS = 'Queries live in worker/db/queries/ (plain functions taking db first); call one of those instead.'

/** Drizzle or D1 used in place: `db.select(…)`, `ctx.db.query.leads…`, `env.DB`, `.prepare(…)`. */
const NO_RAW_DATA_ACCESS = [
  {
    selector:
      "CallExpression[callee.property.name=/^(select|selectDistinct|insert|update|delete|run|all|get|values|\\$count)$/]:matches([callee.object.name='db'], [callee.object.property.name='db'])",
    message: DATA_ACCESS,
  },
  {
    selector: "MemberExpression[property.name='query']:matches([object.name='db'], [object.property.name='db'])",
    message: DATA_ACCESS,
  },
  { selector: "MemberExpression[property.name='DB']", message: `No raw D1 binding here. ${DATA_ACCESS}` },
  { selector: "CallExpression[callee.property.name='prepare']", message: `No raw SQL here. ${DATA_ACCESS}` },
]

const NO_TRANSACTION = {
  selector: "CallExpression[callee.property.name='transaction']",
  message: 'D1 has no interactive transactions: use db.batch (drizzle-orm #2463).',
}

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
    files: ['worker/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_TRANSACTION] },
  },
  {
    // One layer per concern: outside worker/db/, data access goes through the query functions of
    // worker/db/queries/ (they take `db` first). Types of the schema and of drizzle stay importable.
    files: ['worker/**/*.ts'],
    ignores: ['worker/db/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [NO_QUERY_BUILDING] }],
      'no-restricted-syntax': ['error', NO_TRANSACTION, ...NO_RAW_DATA_ACCESS],
    },
  },
  {
    files: ['worker/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_QUERY_BUILDING,
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
