#!/usr/bin/env node
// Process-boundary and layering check without ESLint: fails with file:line when
// - a file other than the three shell files imports electron as a value (import, export-from, require or
//   dynamic import), or main/sim (the pure simulator) reaches for the file system, paths, the database,
//   electron, the clock or Math.random;
// - a module imports upward or sideways across the layers (LAYERS below; README "Development" draws them):
//     domain <- sim <- services <- ipc | host | cli | reports | workers <- shell;  db <- services;
//     db depends on domain only; renderer -> domain (values only from its zod-free files, so the
//     renderer's bundle carries no schema library), and its api client -> the ipc contract;
//   type-only imports count too: a type is as much a dependency as a value;
// - folders import each other in a cycle through imports the layers allow (a strongly connected set of
//   folders, each edge named once).
// Known violations still to be fixed are listed in scripts/layering-baseline.txt, one "from -> to" per line;
// an entry that no longer occurs is itself reported, so the list only shrinks.
// Usage: node scripts/check-boundaries.mjs [rootDir] [--print-baseline]   (rootDir defaults to the repository root)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

/**
 * The layer of a repository path, or null for code outside the layering (tests, scripts, configs).
 * Order matters: the shell files sit inside main/ipc but are the outermost layer.
 */
const LAYERS = [
  { layer: 'shell', match: (p) => SHELL_FILES.has(p) },
  { layer: 'domain', match: (p) => p.startsWith('main/domain/') },
  { layer: 'sim', match: (p) => p.startsWith('main/sim/') },
  { layer: 'db', match: (p) => p.startsWith('db/') },
  { layer: 'services', match: (p) => p.startsWith('main/services/') || p === 'main/paths.ts' },
  {
    layer: 'adapters',
    match: (p) => /^main\/(ipc|host|cli|reports|workers|security|bench)\//.test(p) || /^main\/(cli|serve|bench)\.ts$/.test(p),
  },
  { layer: 'renderer', match: (p) => p.startsWith('renderer/') },
];

/** Which layers each layer may import (itself included). */
const MAY_IMPORT = {
  domain: ['domain'],
  sim: ['domain', 'sim'],
  db: ['domain', 'db'],
  services: ['domain', 'sim', 'db', 'services'],
  adapters: ['domain', 'sim', 'db', 'services', 'adapters'],
  shell: ['domain', 'sim', 'db', 'services', 'adapters', 'shell'],
  renderer: ['domain', 'renderer'],
};
/** The renderer's api client is the one part of it that speaks the ipc contract (types only, erased). */
const RENDERER_API = 'renderer/src/api/';
const CONTRACT_FILES = new Set(['main/ipc/contract.ts', 'main/ipc/platform.ts']);
/** The domain is the vocabulary alone: the schema library, nothing else. */
const DOMAIN_PACKAGES = new Set(['zod']);

export function layerOf(rel) {
  for (const l of LAYERS) if (l.match(rel)) return l.layer;
  return null;
}

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '/index.ts', '/index.tsx', '/index.js'];

/** The repository-relative file a relative specifier loads, or null where it names no file in the tree. */
function resolveLocal(spec, file, root) {
  const base = resolve(dirname(file), spec);
  const candidates = EXTENSIONS.map((e) => base + e);
  if (/\.js$/.test(base)) candidates.push(base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'));
  for (const c of candidates) {
    if (existsSync(c) && statSync(c).isFile()) return relative(root, c).split(sep).join('/');
  }
  return null;
}

/** Whether a file loads zod, itself or through the relative imports it loads as values. */
function pullsZod(rel, root, seen = new Set()) {
  if (seen.has(rel)) return false;
  seen.add(rel);
  const file = join(root, rel);
  for (const imp of findImports(readFileSync(file, 'utf8')).imports) {
    if (imp.typeOnly) continue;
    if (imp.spec === 'zod' || imp.spec.startsWith('zod/')) return true;
    const to = imp.spec.startsWith('.') ? resolveLocal(imp.spec, file, root) : null;
    if (to && pullsZod(to, root, seen)) return true;
  }
  return false;
}

function layerProblem(from, to, typeOnly) {
  const a = layerOf(from);
  const b = layerOf(to);
  if (!a || !b) return null;
  if (a === 'renderer' && from.startsWith(RENDERER_API) && CONTRACT_FILES.has(to) && typeOnly) return null;
  if (MAY_IMPORT[a].includes(b)) return null;
  if (a === 'renderer') return `the renderer may import only main/domain (and its api client the ipc contract, as types), not ${to}`;
  return `${a} must not import ${b} (${to}); allowed: ${MAY_IMPORT[a].join(', ')}`;
}

/**
 * What the cycle check treats as one node: a folder, except that the shell files and the loose entry files of
 * main/ (cli.ts, serve.ts, paths.ts, ...) stand alone, being of other layers than their folder's neighbours.
 */
function unitOf(rel) {
  return SHELL_FILES.has(rel) || dirname(rel) === 'main' ? rel : dirname(rel);
}

/** Strongly connected sets of folders (Tarjan), each with more than one folder. */
function folderCycles(edges) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const out = [];
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

function readBaseline(root) {
  const file = join(root, 'scripts', 'layering-baseline.txt');
  if (!existsSync(file)) return new Set();
  return new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim())
      .filter(Boolean),
  );
}

export function checkBoundaries(rootDir) {
  const root = resolve(rootDir);
  const violations = [];
  const files = listFiles(root);
  const baseline = readBaseline(root);
  const baselineSeen = new Set();
  /** folder -> folder -> first "file:line" that makes the edge */
  const folderEdges = new Map();
  const newKeys = [];
  const layered = (v, key) => {
    if (baseline.has(key)) baselineSeen.add(key);
    else {
      violations.push(v);
      newKeys.push(key);
    }
  };
  for (const file of files) {
    const rel = relative(root, file).split(sep).join('/');
    const { imports, code } = findImports(readFileSync(file, 'utf8'));
    const inSim = rel.startsWith('main/sim/');
    const fromLayer = layerOf(rel);
    for (const imp of imports) {
      if (fromLayer) {
        const to = imp.spec.startsWith('.') ? resolveLocal(imp.spec, file, root) : null;
        if (to) {
          let problem = layerProblem(rel, to, imp.typeOnly);
          // The renderer's bundle carries no schema library: its values come from the domain's zod-free files.
          if (!problem && fromLayer === 'renderer' && !imp.typeOnly && layerOf(to) === 'domain' && pullsZod(to, root)) {
            problem = `the renderer may import values only from zod-free domain files; ${to} loads zod (use \`import type\`, or move the value to a zod-free file)`;
          }
          if (problem) layered(`${rel}:${imp.line}: ${problem}`, `${rel} -> ${to}`);
          const fa = unitOf(rel);
          const fb = unitOf(to);
          // An upward import is reported above; the cycle check looks at the imports the layers allow.
          if (fa !== fb && layerOf(to) && !problem) {
            if (!folderEdges.has(fa)) folderEdges.set(fa, new Map());
            if (!folderEdges.get(fa).has(fb)) folderEdges.get(fa).set(fb, `${rel}:${imp.line}`);
          }
        } else if (fromLayer === 'domain' && !imp.spec.startsWith('.') && !DOMAIN_PACKAGES.has(imp.spec)) {
          layered(`${rel}:${imp.line}: main/domain imports nothing but ${[...DOMAIN_PACKAGES].join(', ')}, not "${imp.spec}"`, `${rel} -> ${imp.spec}`);
        }
      }
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
  for (const scc of folderCycles(folderEdges)) {
    const members = new Set(scc);
    const key = `cycle ${scc.join(' ')}`;
    const where = scc
      .flatMap((a) => [...(folderEdges.get(a) ?? new Map())].filter(([b]) => members.has(b)).map(([b, at]) => `${a} -> ${b} (${at})`))
      .join('; ');
    layered(`folders import each other in a cycle: ${where}`, key);
  }
  for (const key of baseline) {
    if (!baselineSeen.has(key)) violations.push(`scripts/layering-baseline.txt: "${key}" no longer occurs; delete the line`);
  }
  return { violations, fileCount: files.length, newKeys };
}

const self = fileURLToPath(import.meta.url);
if (process.argv[1] && resolve(process.argv[1]) === self) {
  const args = process.argv.slice(2);
  const printKeys = args.includes('--print-baseline');
  const root = args.find((a) => !a.startsWith('--')) ?? join(dirname(self), '..');
  const { violations, fileCount, newKeys } = checkBoundaries(root);
  if (printKeys) {
    // The layering violations not yet in the baseline, in its format (for a reviewed, deliberate addition).
    for (const k of [...new Set(newKeys)].sort()) console.log(k);
    process.exit(0);
  }
  if (violations.length > 0) {
    for (const v of violations) console.error(v);
    console.error(`boundaries: ${violations.length} violation(s) in ${fileCount} files`);
    process.exit(1);
  }
  console.log(`boundaries: ok (${fileCount} files checked)`);
}
