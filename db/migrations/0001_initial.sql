-- fleetplan's first schema: the catalogs, inventories with their pools, workloads with their requests,
-- and the scenarios/runs/results that comparisons will write.

CREATE TABLE gpu_types (
  id                  TEXT PRIMARY KEY,
  vendor              TEXT NOT NULL,
  name                TEXT NOT NULL,
  memory_gb           REAL NOT NULL CHECK (memory_gb > 0),
  hbm_bw_gbps         REAL NOT NULL CHECK (hbm_bw_gbps > 0),
  bf16_tflops         REAL NOT NULL CHECK (bf16_tflops > 0),
  fp8_tflops          REAL,
  int8_tops           REAL,
  tdp_w               REAL NOT NULL CHECK (tdp_w > 0),
  interconnect        TEXT NOT NULL DEFAULT '',
  intra_node_bw_gbps  REAL NOT NULL CHECK (intra_node_bw_gbps > 0),
  year                INTEGER,
  source              TEXT NOT NULL DEFAULT '',
  default_usd_per_gpu_hour REAL,
  builtin             INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE models (
  id          TEXT PRIMARY KEY,           -- Hugging Face id
  name        TEXT NOT NULL,
  config_json TEXT NOT NULL,              -- the config.json facts fleetplan reads
  builtin     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE inventories (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  notes      TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE pools (
  id                 INTEGER PRIMARY KEY,
  inventory_id       INTEGER NOT NULL REFERENCES inventories(id) ON DELETE CASCADE,
  position           INTEGER NOT NULL,
  name               TEXT NOT NULL,
  gpu_type_id        TEXT NOT NULL REFERENCES gpu_types(id),
  gpu_count          INTEGER NOT NULL CHECK (gpu_count > 0),
  gpus_per_node      INTEGER NOT NULL CHECK (gpus_per_node > 0),
  intra_node_link    TEXT NOT NULL,
  intra_node_bw_gbps REAL NOT NULL CHECK (intra_node_bw_gbps > 0),
  inter_node_link    TEXT NOT NULL,
  inter_node_bw_gbps REAL NOT NULL CHECK (inter_node_bw_gbps > 0),
  pricing_kind       TEXT NOT NULL CHECK (pricing_kind IN ('hourly', 'owned')),
  usd_per_gpu_hour   REAL,
  purchase_usd       REAL,
  lifetime_years     REAL,
  power_usd_per_kwh  REAL,
  UNIQUE (inventory_id, position)
) STRICT;
CREATE INDEX pools_by_inventory ON pools (inventory_id, position);

CREATE TABLE workloads (
  id                 INTEGER PRIMARY KEY,
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
  -- 'importing' while a streamed import writes its requests; such rows are invisible and removed on failure
  status             TEXT NOT NULL DEFAULT 'ready' CHECK (status IN ('importing', 'ready')),
  created_at         TEXT NOT NULL
) STRICT;

-- One row a request; WITHOUT ROWID keeps the (workload, seq) order on disk, which is how runs read it.
CREATE TABLE workload_requests (
  workload_id   INTEGER NOT NULL REFERENCES workloads(id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,
  arrival_s     REAL NOT NULL CHECK (arrival_s >= 0),
  input_tokens  INTEGER NOT NULL CHECK (input_tokens > 0),
  output_tokens INTEGER NOT NULL CHECK (output_tokens > 0),
  prefix_hashes TEXT,                      -- JSON array of prefix-block hash ids, when the trace has them
  PRIMARY KEY (workload_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE scenarios (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  inventory_id INTEGER REFERENCES inventories(id) ON DELETE SET NULL,
  model_id     TEXT REFERENCES models(id) ON DELETE SET NULL,
  workload_id  INTEGER REFERENCES workloads(id) ON DELETE SET NULL,
  slo_json        TEXT NOT NULL DEFAULT '{}',
  strategies_json TEXT NOT NULL DEFAULT '[]',
  seed         INTEGER NOT NULL DEFAULT 1,
  created_at   TEXT NOT NULL
) STRICT;

-- A run keeps a copy of its inputs, so history stays true after the inventory or workload changes.
CREATE TABLE runs (
  id            INTEGER PRIMARY KEY,
  scenario_id   INTEGER REFERENCES scenarios(id) ON DELETE SET NULL,
  name          TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  inputs_json   TEXT NOT NULL,
  summary_json  TEXT,                    -- what spans strategies: the overall Pareto set, counts
  model_version TEXT NOT NULL,
  error         TEXT,
  started_at    TEXT NOT NULL,
  finished_at   TEXT
) STRICT;

-- One row per strategy: its chosen deployment and everything the search found for it.
CREATE TABLE results (
  run_id          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  strategy        TEXT NOT NULL,
  deployment_json TEXT NOT NULL,
  outcome_json    TEXT NOT NULL,
  PRIMARY KEY (run_id, strategy)
) STRICT;

-- Small app-level facts, e.g. that the first-run samples were added (so deleting them sticks).
CREATE TABLE app_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
