import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Nothing in the product reads ../shared: it must build and test from its own clone.
const NO_SHARED = { group: ['**/shared/*', '../../shared/*', '../shared/*'], message: 'The product must not read ../shared.' };

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'playwright-report', 'test-results', '.domino', '.tmp', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginQuery.configs['flat/recommended'],
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
      // no-cycle reads the files an import leads to: it must parse TypeScript too.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Test helpers read JSON bodies loosely on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
      // A cycle of value imports makes the load order decide what is undefined; type-only imports are erased.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': ['error', { patterns: [NO_SHARED] }],
    },
  },
  {
    // Playwright fixtures destructure `{}` and call `use`; they are not React.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off', 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    // Nothing in the dashboard imports the server or the proxy (architecture.md: imports run one way).
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [NO_SHARED, { group: ['**/server/*', '**/proxy/*'], message: 'src/ must not import server/ or proxy/.' }] },
      ],
    },
  },
  {
    // The server and the proxy take only the contract from the dashboard's side.
    files: ['server/**/*.ts', 'proxy/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_SHARED,
            { regex: '(^|/)src/(?!api/schemas/)', message: 'server/ and proxy/ take only src/api/schemas (the contract) from the dashboard.' },
          ],
        },
      ],
    },
  },
);
