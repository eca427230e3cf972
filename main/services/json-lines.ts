// The line a path of a JSON document starts on, found only when an error needs it: JSON files are parsed by
// JSON.parse (fast, ~its size in memory), and this walks the text once more, skipping every value off the path.
// `text` must already be valid JSON.

function ws(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/** The index just past the string that starts at `i` (a '"'). */
function stringEnd(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return i;
}

/** The index just past the value that starts at `i`. */
function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  if (c !== '{' && c !== '[') {
    while (i < text.length && !',}] \n\r\t'.includes(text[i])) i++;
    return i;
  }
  let depth = 0;
  for (; i < text.length; i++) {
    const d = text[i];
    if (d === '"') i = stringEnd(text, i) - 1;
    else if (d === '{' || d === '[') depth++;
    else if ((d === '}' || d === ']') && --depth === 0) return i + 1;
  }
  return i;
}

/** The index of the value at `key` inside the object or array starting at `i`, or -1. */
function childAt(text: string, i: number, key: PropertyKey): number {
  const open = text[i];
  if (open !== '{' && open !== '[') return -1;
  i = ws(text, i + 1);
  for (let n = 0; i < text.length && text[i] !== '}' && text[i] !== ']'; n++) {
    if (open === '{') {
      const end = stringEnd(text, i);
      const name = JSON.parse(text.slice(i, end)) as string;
      i = ws(text, ws(text, end) + 1);
      if (name === String(key)) return i;
    } else if (n === key) return i;
    i = ws(text, valueEnd(text, i));
    if (text[i] === ',') i = ws(text, i + 1);
  }
  return -1;
}

/** The 1-based line where `path` (or its deepest ancestor present) starts in the JSON `text`. */
export function jsonLineOf(text: string, path: readonly PropertyKey[]): number {
  let at = ws(text, 0);
  for (const key of path) {
    const next = childAt(text, at, key);
    if (next < 0) break;
    at = next;
  }
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
