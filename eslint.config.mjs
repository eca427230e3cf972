// Lint: typescript-eslint's recommended rules (kept lenient where the team's style differs) plus the
// process boundaries: only the three shell files may import electron as a value, and the simulator is pure.
// scripts/check-boundaries.mjs enforces the same boundaries without ESLint (and catches require()), and the
// layering (domain <- sim <- services <- adapters <- shell; db on domain only; renderer on domain) with no folder cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SHELL_FILES = ['main/index.ts', 'main/preload.ts', 'main/ipc/register.ts'];

const electronValueImport = {
  name: 'electron',
  allowTypeImports: true,
  message: "Only main/index.ts, main/preload.ts and main/ipc/register.ts may import electron as a value; use `import type`.",
};

// Node globals for the plain .mjs/.cjs scripts (no `globals` package is installed).
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
    'setImmediate', 'structuredClone', 'fetch', 'AbortController', 'TextDecoder', 'TextEncoder', 'performance',
    '__dirname', '__filename', 'require', 'module', 'exports', 'globalThis'].map((g) => [g, 'readonly']),
);

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'release/**', 'node_modules/**', 'test-results/**', 'coverage/**', '.tmp/**', '.device-out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: nodeGlobals },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      // The team writes `a(), (b = c)` in tight parser loops; it is deliberate, not a lost statement.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    ignores: SHELL_FILES,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [electronValueImport] }],
    },
  },
  {
    files: ['main/sim/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'main/sim is pure: no electron.' },
            ...['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'path', 'node:path', 'better-sqlite3'].map((name) => ({
              name,
              message: 'main/sim is pure: no file system, paths or database; take data as arguments.',
            })),
          ],
          patterns: [{ group: ['**/db', '**/db/**'], message: 'main/sim is pure: no database access.' }],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'main/sim is deterministic: take time as an argument.' },
        { object: 'Math', property: 'random', message: 'main/sim is deterministic: use the seeded RNG.' },
      ],
    },
  },
);
