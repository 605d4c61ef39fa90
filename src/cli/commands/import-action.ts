import { resolve } from "node:path";
import {
  type ImportOutcome,
  importResultsFile,
} from "../../import/import-results-file.js";
import { openResultsStore } from "../../store/open-results-store.js";
import { countOf } from "../../util/count-of.js";
import type { CliIo } from "../cli-io.js";
import { resolveDbPath } from "../resolve-locations.js";

/** Runs `fmops import FILE`. */
export async function importFile(
  file: string,
  flags: { db?: string },
  io: CliIo,
): Promise<void> {
  const store = openResultsStore(resolveDbPath(flags.db, io));
  try {
    const outcome = await importResultsFile(store, resolve(io.cwd, file));
    io.stdout.write(describeOutcome(outcome, file, store.path));
  } finally {
    store.close();
  }
}

function describeOutcome(
  outcome: ImportOutcome,
  file: string,
  storePath: string,
): string {
  const lines = [
    `Imported ${countRuns(outcome.importedRunIds.length)} from ${file}` +
      listIds(outcome.importedRunIds),
    `Skipped ${countRuns(outcome.skippedRunIds.length)} already in ${storePath}` +
      listIds(outcome.skippedRunIds),
  ];
  for (const { label, previousRunId } of outcome.labels) {
    const moved =
      previousRunId === null ? "" : ` (moved from ${previousRunId})`;
    lines.push(`Label ${label.name} names run ${label.runId}${moved}`);
  }
  return `${lines.join("\n")}\n`;
}

function countRuns(count: number): string {
  return countOf(count, "run");
}

function listIds(ids: readonly string[]): string {
  return ids.length === 0 ? "" : `: ${ids.join(", ")}`;
}
