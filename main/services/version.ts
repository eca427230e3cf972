// Versions recorded with every run, so a stored result says which app and which cost model produced it.
import pkg from '../../package.json';

export const APP_VERSION: string = pkg.version;
/** Bump when the cost model, the engine or the search change results for the same inputs. */
export const COST_MODEL_VERSION = '2'; // 2: fitted to the H100 device run of 2026-11-23
export const MODEL_VERSION = `fleetplan ${APP_VERSION} / cost model ${COST_MODEL_VERSION}`;
