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
  prettier,
);
