#!/usr/bin/env node
// Process-boundary check without ESLint: fails with file:line when a file other than the three shell files
// imports electron as a value (import, export-from, require or dynamic import), or when main/sim (the pure
// simulator) reaches for the file system, paths, the database, electron, the clock or Math.random.
// Usage: node scripts/check-boundaries.mjs [rootDir]   (defaults to the repository root)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SHELL_FILES = new Set(['main/index.ts', 'main/preload.ts', 'main/ipc/register.ts']);
const SCANNED_DIRS = ['main', 'renderer', 'db', 'test', 'scripts', 'bin'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'out', 'release', '.git', 'test-results', 'coverage']);
const CODE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;
const SIM_BANNED = /^(node:)?(fs|path)(\/.*)?$|^better-sqlite3$|^electron(\/.*)?$/;

function listFiles(root) {
  const files = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (SKIPPED_DIRS.has(e.name)) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && CODE.test(e.name)) files.push(p);
    }
  };
  for (const d of SCANNED_DIRS) walk(join(root, d));
  for (const e of readdirSync(root, { withFileTypes: true })) {
    if (e.isFile() && CODE.test(e.name)) files.push(join(root, e.name));
  }
  return files;
}

/**
 * Blanks comments and template literals (keeping newlines, so line numbers hold) and replaces each quoted
 * string with a numbered placeholder. Import syntax is then matched on code only: a comment or a string
 * that merely mentions require('electron') is not an import.
 */
export function sanitize(text) {
  const strings = [];
  let out = '';
  let i = 0;
  const blank = (s) => s.replace(/[^\n]/g, ' ');
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += blank(text.slice(i, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += blank(text.slice(i, stop));
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\') j++;
        else if (c !== '`' && text[j] === '\n') break;
        j++;
      }
      const body = text.slice(i + 1, j);
      if (c === '`') out += ' ' + blank(body) + ' ';
      else {
        strings.push(body);
        out += `"__S${strings.length - 1}__"`;
      }
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return { code: out, strings };
}

const IMPORT_PATTERNS = [
  // import x from 'm' / import { a, type B } from 'm' / import * as m from 'm' / import type X from 'm'
  { re: /\bimport\s+(type\s+)?([\w$*{}\s,]+?)\s+from\s*"__S(\d+)__"/g, clause: 2, typeKw: 1, spec: 3 },
  { re: /\bexport\s+(type\s+)?(\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*"__S(\d+)__"/g, clause: 2, typeKw: 1, spec: 3 },
  { re: /\bimport\s*"__S(\d+)__"/g, spec: 1 },
  { re: /\brequire\s*\(\s*"__S(\d+)__"\s*\)/g, spec: 1 },
  { re: /\bimport\s*\(\s*"__S(\d+)__"\s*\)/g, spec: 1 },
];

/** Every module a file loads, with whether the import is erased at compile time (type-only). */
export function findImports(text) {
  const { code, strings } = sanitize(text);
  const found = [];
  for (const p of IMPORT_PATTERNS) {
    for (const m of code.matchAll(p.re)) {
      const clause = p.clause ? m[p.clause] : '';
      let typeOnly = Boolean(p.typeKw && m[p.typeKw]);
      if (!typeOnly && /^\{[^}]*\}$/.test(clause.trim())) {
        const names = clause.trim().slice(1, -1).split(',').map((s) => s.trim()).filter(Boolean);
        typeOnly = names.length > 0 && names.every((n) => /^type\s/.test(n));
      }
      found.push({ spec: strings[Number(m[p.spec])], typeOnly, line: lineOf(code, m.index) });
    }
  }
  return { imports: found, code };
}

function lineOf(text, index) {
  let line = 1;
  for (let k = 0; k < index; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}

function isDbSpecifier(spec, file, root) {
  if (spec.startsWith('.')) {
    const target = resolve(dirname(file), spec);
    const db = join(root, 'db');
    return target === db || target.startsWith(db + sep);
  }
  return /(^|\/)db(\/|$)/.test(spec);
}

export function checkBoundaries(rootDir) {
  const root = resolve(rootDir);
  const violations = [];
  const files = listFiles(root);
  for (const file of files) {
    const rel = relative(root, file).split(sep).join('/');
    const { imports, code } = findImports(readFileSync(file, 'utf8'));
    const inSim = rel.startsWith('main/sim/');
    for (const imp of imports) {
      const isElectron = imp.spec === 'electron' || imp.spec.startsWith('electron/');
      if (isElectron && !imp.typeOnly && !SHELL_FILES.has(rel)) {
        violations.push(`${rel}:${imp.line}: imports electron as a value; only ${[...SHELL_FILES].join(', ')} may (use \`import type\`)`);
      }
      if (inSim && (SIM_BANNED.test(imp.spec) || isDbSpecifier(imp.spec, file, root))) {
        violations.push(`${rel}:${imp.line}: main/sim is pure and must not import "${imp.spec}"`);
      }
    }
    if (inSim) {
      for (const m of code.matchAll(/\b(Date\s*\.\s*now|Math\s*\.\s*random)\b/g)) {
        violations.push(`${rel}:${lineOf(code, m.index)}: main/sim is deterministic and must not use ${m[1].replace(/\s/g, '')}`);
      }
    }
  }
  return { violations, fileCount: files.length };
}

const self = fileURLToPath(import.meta.url);
if (process.argv[1] && resolve(process.argv[1]) === self) {
  const root = process.argv[2] ?? join(dirname(self), '..');
  const { violations, fileCount } = checkBoundaries(root);
  if (violations.length > 0) {
    for (const v of violations) console.error(v);
    console.error(`boundaries: ${violations.length} violation(s) in ${fileCount} files`);
    process.exit(1);
  }
  console.log(`boundaries: ok (${fileCount} files checked)`);
}
