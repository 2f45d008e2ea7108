// ESLint flat config (issue 12): JavaScript's and typescript-eslint's recommended rules everywhere, React's hook rules in
// web/, Prettier's last so that no rule argues with the formatter. `npm run lint` runs it and `npm test` runs that.
// The type-checked presets are left out on purpose: they type-check the whole program again (minutes on 2 cores).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', 'data/', 'migrations/', 'seed-data/', 'packages/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks a deliberately unused name: a parameter kept for the signature, or a field left
      // out of a copy (`const { tenantId: _tenant, ...audited } = row`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The app resets local state from an effect when its inputs change (7 places, e.g. a picker cleared with its
      // value); moving each to a keyed remount is a UI change of its own, not this linter's to force.
      'react-hooks/set-state-in-effect': 'off',
      // Reports only that the React Compiler would skip a component; the build does not use the compiler.
      'react-hooks/preserve-manual-memoization': 'off',
    },
  },
  // The import boundaries of .dependency-cruiser.cjs that a single import shows, so an editor flags them as they are
  // typed (dependency-cruiser, run by `npm run deps`, stays the reference and also finds import circles).
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/web/**'], message: 'src/core is pure and shared with the web app: it imports nothing of the server or of web/.' },
            {
              group: ['pg', 'fastify', 'fastify-*', '@fastify/*', 'drizzle-orm', 'drizzle-orm/*', '@electric-sql/*', 'react', 'react-dom', 'antd'],
              message: 'src/core imports no server-only or UI package.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.repository.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/*.service', '**/*.service.js'], message: 'A repository holds queries only and never imports a service.' }] }],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: 'src/server/(?!.*\\.schemas(\\.js)?$)', message: 'The web app imports only the *.schemas.ts contracts of the server.' }] },
      ],
    },
  },
  prettier,
);
