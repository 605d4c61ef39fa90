/** One step of the results store schema. */
export interface Migration {
  /** Schema version after this step; versions count up from 1 without gaps. */
  version: number;
  /** Short description, kept in `schema_migrations` for people reading it. */
  name: string;
  /** SQL run in one transaction. */
  up: string;
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
];

/** The schema version this fmops writes. */
export function latestSchemaVersion(): number {
  return migrations.at(-1)?.version ?? 0;
}
