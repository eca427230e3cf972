-- Per-GPU calibrations (issue 15). A record is one fit: which GPU type and engine ('' = any engine), when and
-- by whom, from which files, the three fitted constants and the before/after error. Records are versions:
-- never edited, only (de)activated; at most one active per GPU type and engine. `origin` tells a user's import
-- from a public calibration shipped in assets/calibration/public/, which "revert" falls back to.
CREATE TABLE calibrations (
  id                INTEGER PRIMARY KEY,
  gpu_type_id       TEXT NOT NULL REFERENCES gpu_types(id) ON DELETE CASCADE,
  engine            TEXT NOT NULL DEFAULT '',
  origin            TEXT NOT NULL CHECK (origin IN ('import', 'shipped')),
  created_at        TEXT NOT NULL,
  created_by        TEXT NOT NULL DEFAULT '',
  source_files_json TEXT NOT NULL,            -- [{ name, sha256, points }]
  params_json       TEXT NOT NULL,            -- CalibrationParams
  error_json        TEXT NOT NULL,            -- { before, after, rows }: the predicted-vs-measured table
  active            INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
) STRICT;

CREATE UNIQUE INDEX calibrations_one_active ON calibrations (gpu_type_id, engine) WHERE active = 1;
CREATE INDEX calibrations_by_gpu ON calibrations (gpu_type_id, created_at);

-- The 2026 catalog's new columns: the dense FP4 peak and where a GPU's figures come from.
ALTER TABLE gpu_types ADD COLUMN fp4_tflops REAL;
ALTER TABLE gpu_types ADD COLUMN calibration TEXT NOT NULL DEFAULT 'datasheet-only'
  CHECK (calibration IN ('measured', 'public', 'datasheet-only'));
