// The vocabulary in one import, for the many files that use several of its words. Types and values alike;
// the renderer imports types from here (erased), and values only from the zod-free files (strategy, engine,
// names, errors) directly.
export * from './app';
export * from './calibration';
export * from './catalog';
export * from './engine';
export * from './errors';
export * from './inventory';
export * from './name-schema';
export * from './names';
export * from './result';
export * from './run';
export * from './slo';
export * from './slo-schema';
export * from './strategy';
export * from './workload';
export * from './zod-path';
