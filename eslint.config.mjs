// Flat config. The purity rule for src/core is the point: core is data in, data out.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@actions/*', 'node:*', 'fs', 'child_process', 'http', 'https', 'os', 'path', '../adapters/*', '../../adapters/*', '../entrypoints/*'], message: 'src/core is pure: no I/O, no @actions/*, no adapters. Pass data in.' }
        ]
      }],
      'no-restricted-properties': ['error',
        { object: 'process', property: 'env', message: 'src/core must not read the environment; pass values in.' },
        { object: 'Date', property: 'now', message: 'src/core must not read the clock; pass `now` in.' }
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/core must not read the clock; pass `now` in.' },
        { selector: "Identifier[name='fetch']", message: 'src/core does no network I/O.' }
      ]
    }
  }
);
