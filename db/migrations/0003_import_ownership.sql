-- Several fleetplan processes (the app, `fleetplan serve`, any number of CLIs) may share one data folder.
-- 1. AUTOINCREMENT: a deleted workload's id is never handed out again, so a process still holding an old id
--    can never write into, finish or delete someone else's workload.
-- 2. An unfinished import names its owner: the process id, host name and the process's start time (ms since
--    the epoch; with the pid it tells a live owner from a later process that reused the pid), and when it last
--    wrote. Start-up clean-up removes an 'importing' row only when that owner is gone; every write of an import
--    first checks the row is still its own. NULL owner columns: a row left by fleetplan before this migration.
-- SQLite cannot add AUTOINCREMENT to a table, so the table is rebuilt (the procedure of sqlite.org/lang_altertable.html
-- section 7: migrate() runs this with foreign keys off and checks them before committing).
CREATE TABLE workloads_new (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  name               TEXT NOT NULL,
  source_format      TEXT NOT NULL,
  source_name        TEXT,
  attribution        TEXT,
  licence            TEXT,
  request_count      INTEGER NOT NULL DEFAULT 0,
  duration_s         REAL NOT NULL DEFAULT 0,
  mean_input_tokens  REAL NOT NULL DEFAULT 0,
  mean_output_tokens REAL NOT NULL DEFAULT 0,
  builtin            INTEGER NOT NULL DEFAULT 0,
  status             TEXT NOT NULL DEFAULT 'ready' CHECK (status IN ('importing', 'ready')),
  created_at         TEXT NOT NULL,
  closed_loop_json   TEXT CHECK (closed_loop_json IS NULL OR json_valid(closed_loop_json)),
  import_pid         INTEGER,
  import_host        TEXT,
  import_started_ms  INTEGER,
  import_heartbeat_ms INTEGER
) STRICT;

INSERT INTO workloads_new (id, name, source_format, source_name, attribution, licence, request_count, duration_s,
    mean_input_tokens, mean_output_tokens, builtin, status, created_at, closed_loop_json)
  SELECT id, name, source_format, source_name, attribution, licence, request_count, duration_s,
    mean_input_tokens, mean_output_tokens, builtin, status, created_at, closed_loop_json FROM workloads;

DROP TABLE workloads;
ALTER TABLE workloads_new RENAME TO workloads;

-- Runs, the same way: a comparison in flight names its owner, so another process's start marks it failed only
-- when that owner is gone, and a deleted run's id is never given to a later one (whose results it would get).
CREATE TABLE runs_new (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  scenario_id   INTEGER REFERENCES scenarios(id) ON DELETE SET NULL,
  name          TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  inputs_json   TEXT NOT NULL,
  summary_json  TEXT,
  model_version TEXT NOT NULL,
  error         TEXT,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  owner_pid        INTEGER,
  owner_host       TEXT,
  owner_started_ms INTEGER
) STRICT;

INSERT INTO runs_new (id, scenario_id, name, status, inputs_json, summary_json, model_version, error, started_at, finished_at)
  SELECT id, scenario_id, name, status, inputs_json, summary_json, model_version, error, started_at, finished_at FROM runs;

DROP TABLE runs;
ALTER TABLE runs_new RENAME TO runs;
