// Seeded xorshift32 for the strategies' own draws (predictor errors, power-of-two samples), kept separate
// from the workload generator's stream so adding a strategy option never shifts the workload.

export type Rand = () => number;

export function seededRand(seed: number): Rand {
  let s = (seed ^ 0x9e3779b9) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}
