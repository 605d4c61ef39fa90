import type Database from "better-sqlite3";
import { FmopsError } from "../errors/fmops-error.js";
import { latestRunReference } from "./results-store.js";

/** A name a team gives one run, such as `main` or `release-1.2`. */
export interface RunLabel {
  name: string;
  runId: string;
  /** ISO 8601; when the label was last attached. */
  labelledAt: string;
}

/** What attaching a label did. */
export interface LabelAttachment {
  label: RunLabel;
  /** The run the label named before it moved; `null` when it is new. */
  previousRunId: string | null;
}

interface LabelRow {
  name: string;
  run_id: string;
  labelled_at: string;
}

// A letter first keeps labels apart from run ids, which start with a digit,
// so a reference never means both.
const labelNamePattern = /^[A-Za-z][A-Za-z0-9._/-]{0,63}$/;

/** In words, for error messages. */
export const LABEL_NAME_HELP =
  "a letter, then up to 63 letters, digits, '.', '_', '/' or '-'";

/** The labels of a results store; at most one run per label. */
export class RunLabels {
  readonly #clock: () => Date;
  readonly #select: Database.Statement<[string], LabelRow>;
  readonly #selectAll: Database.Statement<[], LabelRow>;
  readonly #upsert: Database.Statement<LabelRow>;
  readonly #delete: Database.Statement<[string]>;

  constructor(database: Database.Database, clock: () => Date) {
    this.#clock = clock;
    this.#select = database.prepare("SELECT * FROM labels WHERE name = ?");
    this.#selectAll = database.prepare("SELECT * FROM labels ORDER BY name");
    this.#upsert = database.prepare(
      "INSERT INTO labels (name, run_id, labelled_at) " +
        "VALUES (@name, @run_id, @labelled_at) " +
        "ON CONFLICT (name) DO UPDATE SET " +
        "run_id = excluded.run_id, labelled_at = excluded.labelled_at",
    );
    this.#delete = database.prepare("DELETE FROM labels WHERE name = ?");
  }

  /** Attaches `name` to the run, moving it from the run it named before. */
  attach(name: string, runId: string): LabelAttachment {
    assertLabelName(name);
    const previous = this.find(name);
    const label = {
      name,
      runId,
      labelledAt: this.#clock().toISOString(),
    };
    this.#upsert.run({
      name,
      run_id: runId,
      labelled_at: label.labelledAt,
    });
    const hasMoved = previous !== null && previous.runId !== runId;
    return { label, previousRunId: hasMoved ? previous.runId : null };
  }

  /** The label called `name`, or `null`. */
  find(name: string): RunLabel | null {
    const row = this.#select.get(name);
    return row === undefined ? null : fromLabelRow(row);
  }

  /** Every label, by name. */
  list(): RunLabel[] {
    return this.#selectAll.all().map(fromLabelRow);
  }

  /** Removes the label; false when there was none by that name. */
  delete(name: string): boolean {
    return this.#delete.run(name).changes > 0;
  }
}

function fromLabelRow(row: LabelRow): RunLabel {
  return { name: row.name, runId: row.run_id, labelledAt: row.labelled_at };
}

/** Whether `name` may name a run: see `LABEL_NAME_HELP`, and not `latest`. */
export function isLabelName(name: string): boolean {
  return labelNamePattern.test(name) && name !== latestRunReference;
}

function assertLabelName(name: string): void {
  if (isLabelName(name)) return;
  throw new FmopsError(
    "USAGE",
    `label "${name}": expected ${LABEL_NAME_HELP}, other than ` +
      `"${latestRunReference}"`,
  );
}
