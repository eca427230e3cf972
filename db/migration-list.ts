// The ordered list of schema migrations. SQL lives in db/migrations/NNNN_name.sql; it is imported as text
// so the bundled app, the CLI and the tests all carry the same bytes (and the same checksums).
import m0001 from './migrations/0001_initial.sql?raw';
import m0002 from './migrations/0002_closed_loop_workloads.sql?raw';
import m0003 from './migrations/0003_import_ownership.sql?raw';
import m0004 from './migrations/0004_calibrations.sql?raw';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: '0001_initial', sql: m0001 },
  { version: 2, name: '0002_closed_loop_workloads', sql: m0002 },
  { version: 3, name: '0003_import_ownership', sql: m0003 },
  { version: 4, name: '0004_calibrations', sql: m0004 },
];
