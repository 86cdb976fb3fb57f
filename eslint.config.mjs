import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.pulse/**', 'bench/.cache/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'smart'],
      'prefer-const': 'error',
      'no-console': 'off',
    },
  },
  {
    // The few CommonJS helpers Node loads with -r (tests/support/ts-register.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Ports in the core, adapters at the edge (docs: DESIGN.md, "Parts and where they live").
    files: ['src/**/*.ts'],
    ignores: ['src/commands/**', 'src/server/**', 'src/cli.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.{1,2}/(.*/)?connectors(/|$)',
              message:
                'the core declares ports; only entry points build adapters. Import the port from src/ (src/warehouse/port, src/sync/ports) and let src/commands/, src/server/ or jobs/ build the adapter from connectors/.',
            },
          ],
        },
      ],
    },
  },
);
