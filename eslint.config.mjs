import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
    // The core is the product: it must stay free of Node, Office.js, React and file-format libraries.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'worker_threads', 'child_process'], message: 'src/core must not import Node built-ins.' },
          { group: ['exceljs', 'fflate', 'papaparse', 'react', 'react-dom', '@fluentui/*', '@microsoft/office-js'], message: 'src/core must not import file-format, UI or Office libraries.' },
          { group: ['../xlsx/*', '../cli/*', '../excel/*', '../taskpane/*'], message: 'src/core must not import adapters.' },
        ],
      }],
      'no-restricted-globals': ['error', 'Excel', 'Office', 'process', 'Buffer', 'require'],
    },
  },
);
