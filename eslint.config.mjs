// ESLint: typescript-eslint's recommended rules on the TypeScript sources and tests; formatting is Prettier's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'out/',
      'reports/',
      '.stryker-tmp/',
      'node_modules/',
      'test/vscode-host/',
      'bench-results/',
      '.tmp/',
      'examples/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring to drop a field, callback positions).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Tests and a few lazy loaders use require() on purpose (JSON and modules chosen at run time).
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Tests match YAML text, where runs of spaces are indentation and read best as written.
    files: ['test/**/*.ts'],
    rules: { 'no-regex-spaces': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setImmediate: 'readonly',
      },
    },
  },
);
