import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import officeAddins from 'eslint-plugin-office-addins';
import react from 'eslint-plugin-react';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The Excel add-in: Office.js batching rules (load before read, sync after load, no sync per
    // item, isNullObject checks) from eslint-plugin-office-addins.
    files: ['src/excel/**/*.ts', 'src/taskpane/**/*.{ts,tsx}', 'src/commands/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/call-sync-after-load': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/no-office-initialize': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },
  {
    // React (TSX) in the task pane and its tests, with the automatic JSX runtime.
    files: ['src/taskpane/**/*.tsx', 'test/taskpane/**/*.tsx'],
    ...react.configs.flat.recommended,
    ...react.configs.flat['jsx-runtime'],
    plugins: { react },
    languageOptions: { ...react.configs.flat.recommended.languageOptions, globals: { ...globals.browser } },
    settings: { react: { version: '19.0' } },
    rules: { ...react.configs.flat.recommended.rules, ...react.configs.flat['jsx-runtime'].rules, 'react/prop-types': 'off' },
  },
  {
    // Components get a workbook port from outside (office.ts / web.ts) and never call Office.js.
    files: ['src/taskpane/components/**/*.tsx'],
    rules: {
      'no-restricted-globals': ['error', 'Excel', 'Office'],
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../excel/*', '../office', '../web'], message: 'Components use the WorkbookPort they are given.' }] }],
    },
  },
  {
    // The core is the product: it must stay free of Node, Office.js, React and file-format libraries.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'worker_threads', 'child_process'], message: 'src/core must not import Node built-ins.' },
          { group: ['exceljs', 'fflate', 'papaparse', 'react', 'react-dom', '@fluentui/*', '@microsoft/office-js'], message: 'src/core must not import file-format, UI or Office libraries.' },
          // At any depth: `../../xlsx/read` from src/core/rules/x.ts is as much an adapter as `../xlsx/read`.
          { group: ['**/xlsx', '**/xlsx/**', '**/cli', '**/cli/**', '**/excel', '**/excel/**', '**/taskpane', '**/taskpane/**', '**/commands/**'], message: 'src/core must not import adapters.' },
        ],
      }],
      'no-restricted-globals': ['error', 'Excel', 'Office', 'process', 'Buffer', 'require'],
    },
  },
);
