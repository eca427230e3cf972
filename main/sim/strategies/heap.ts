// A binary min-heap of (number key, int value) pairs in growable typed arrays: no allocation per push once
// warm, and ties resolve by the order of operations, so runs are deterministic.

export interface NumHeap {
  keys: Float64Array;
  vals: Int32Array;
  size: number;
}

export function createHeap(capacity = 64): NumHeap {
  return { keys: new Float64Array(capacity), vals: new Int32Array(capacity), size: 0 };
}

export function heapPush(h: NumHeap, key: number, val: number): void {
  if (h.size === h.keys.length) {
    const k = new Float64Array(h.size * 2);
    k.set(h.keys);
    const v = new Int32Array(h.size * 2);
    v.set(h.vals);
    h.keys = k;
    h.vals = v;
  }
  const keys = h.keys;
  const vals = h.vals;
  let i = h.size++;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (keys[p] <= key) break;
    keys[i] = keys[p];
    vals[i] = vals[p];
    i = p;
  }
  keys[i] = key;
  vals[i] = val;
}

/** Removes the top; read h.keys[0] / h.vals[0] before calling. */
export function heapPop(h: NumHeap): void {
  const n = --h.size;
  if (n === 0) return;
  const keys = h.keys;
  const vals = h.vals;
  const key = keys[n];
  const val = vals[n];
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && keys[c + 1] < keys[c]) c++;
    if (keys[c] >= key) break;
    keys[i] = keys[c];
    vals[i] = vals[c];
    i = c;
  }
  keys[i] = key;
  vals[i] = val;
}
