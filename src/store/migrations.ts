/** One step of the results store schema. */
export interface Migration {
  /** Schema version after this step; versions count up from 1 without gaps. */
  version: number;
  /** Short description, kept in `schema_migrations` for people reading it. */
  name: string;
  /** SQL run in one transaction. */
  up: string;
  /**
   * The step drops and recreates a table others reference; it runs with
   * foreign keys off and checks them all before it commits.
   */
  rebuildsTables?: boolean;
}

const createRuns = `
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  experiment_name TEXT NOT NULL,
  experiment_path TEXT NOT NULL,
  config_json TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  dataset_hash TEXT NOT NULL,
  git_commit TEXT,
  fmops_version TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  status TEXT NOT NULL
    CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
  status_reason TEXT,
  warnings_json TEXT NOT NULL,
  summary_json TEXT
);
CREATE INDEX runs_by_start ON runs (started_at);
`;

const createCells = `
CREATE TABLE cells (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  params_json TEXT NOT NULL,
  summary_json TEXT,
  PRIMARY KEY (run_id, key)
);
`;

const createCases = `
CREATE TABLE cases (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  cell_key TEXT NOT NULL,
  question_id TEXT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT,
  retrieved_chunk_ids_json TEXT NOT NULL,
  retrieved_document_ids_json TEXT NOT NULL,
  retrieval_latency_ms REAL NOT NULL,
  generation_latency_ms REAL,
  latency_ms REAL NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cost_usd REAL,
  error TEXT,
  UNIQUE (run_id, cell_key, question_id)
);
`;

const createScores = `
CREATE TABLE scores (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  cell_key TEXT NOT NULL,
  question_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  value REAL,
  PRIMARY KEY (run_id, cell_key, question_id, metric)
);
`;

const createCalls = `
CREATE TABLE calls (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  cell_key TEXT,
  question_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('chat', 'embedding')),
  provider TEXT NOT NULL,
  model_id TEXT NOT NULL,
  started_at TEXT NOT NULL,
  latency_ms REAL NOT NULL,
  time_to_first_token_ms REAL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cost_usd REAL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
  error_message TEXT,
  attempt INTEGER NOT NULL
);
CREATE INDEX calls_by_run_and_cell ON calls (run_id, cell_key);
`;

// Version 2 columns: whether a case's answer came from the response cache,
// and why a failed call failed, so the calls table can be grouped by cause.
const addCacheAndErrorClass = `
ALTER TABLE cases ADD COLUMN is_cached INTEGER NOT NULL DEFAULT 0
  CHECK (is_cached IN (0, 1));
ALTER TABLE calls ADD COLUMN error_class TEXT;
`;

// Exact-match responses kept across runs, keyed by a hash of the request.
const createResponseCache = `
CREATE TABLE response_cache (
  key TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  model_id TEXT NOT NULL,
  response_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  hit_count INTEGER NOT NULL DEFAULT 0
);
`;

// Version 3: why a metric went unscored, which calls scored rather than
// served the system under test, and each case's scoring tokens and cost.
const addEvaluationAccounting = `
ALTER TABLE scores ADD COLUMN reason TEXT;
ALTER TABLE calls ADD COLUMN purpose TEXT NOT NULL DEFAULT 'system'
  CHECK (purpose IN ('system', 'evaluation'));
ALTER TABLE cases ADD COLUMN evaluation_input_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN evaluation_output_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN evaluation_cost_usd REAL DEFAULT 0;
`;

// Version 4: runs stopped by their budget, and which process owns a running
// run, so a run whose process is gone can be resumed and a live one cannot
// be resumed twice. SQLite cannot alter a CHECK constraint, so the table is
// rebuilt; the step runs with foreign keys off (`rebuildsTables`), or
// dropping the old table would cascade into every row that references it.
const rebuildRunsWithStoppedStatus = `
CREATE TABLE runs_v4 (
  id TEXT PRIMARY KEY,
  experiment_name TEXT NOT NULL,
  experiment_path TEXT NOT NULL,
  config_json TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  dataset_hash TEXT NOT NULL,
  git_commit TEXT,
  fmops_version TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  status TEXT NOT NULL CHECK (
    status IN ('running', 'completed', 'failed', 'interrupted', 'stopped')
  ),
  status_reason TEXT,
  warnings_json TEXT NOT NULL,
  summary_json TEXT,
  owner_pid INTEGER,
  owner_host TEXT
);
INSERT INTO runs_v4 (
  id, experiment_name, experiment_path, config_json, config_hash,
  dataset_hash, git_commit, fmops_version, started_at, ended_at, status,
  status_reason, warnings_json, summary_json
)
SELECT
  id, experiment_name, experiment_path, config_json, config_hash,
  dataset_hash, git_commit, fmops_version, started_at, ended_at, status,
  status_reason, warnings_json, summary_json
FROM runs;
DROP TABLE runs;
ALTER TABLE runs_v4 RENAME TO runs;
CREATE INDEX runs_by_start ON runs (started_at);
`;

// Version 5: names a team gives runs (`main`, `release-1.2`), each naming
// one run at a time; a label goes when its run is deleted.
const createLabels = `
CREATE TABLE labels (
  name TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  labelled_at TEXT NOT NULL
);
CREATE INDEX labels_by_run ON labels (run_id);
`;

/**
 * Every schema step, oldest first. A released step is never edited: a change
 * to the schema is a new step at the end, so that any older store upgrades.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "runs, cells, cases, scores and calls",
    up: [createRuns, createCells, createCases, createScores, createCalls].join(
      "",
    ),
  },
  {
    version: 2,
    name: "cached cases, call error classes and the response cache",
    up: [addCacheAndErrorClass, createResponseCache].join(""),
  },
  {
    version: 3,
    name: "unscored reasons, call purposes and evaluation costs",
    up: addEvaluationAccounting,
  },
  {
    version: 4,
    name: "stopped runs and run owners",
    up: rebuildRunsWithStoppedStatus,
    rebuildsTables: true,
  },
  {
    version: 5,
    name: "run labels",
    up: createLabels,
  },
];

/** The schema version this fmops writes. */
export function latestSchemaVersion(): number {
  return migrations.at(-1)?.version ?? 0;
}
