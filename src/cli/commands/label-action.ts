import Table from "cli-table3";
import { resolveRun } from "../../baseline/resolve-baseline.js";
import { FmopsError } from "../../errors/fmops-error.js";
import { openResultsStore } from "../../store/open-results-store.js";
import type { ResultsStore } from "../../store/results-store.js";
import type { CliIo } from "../cli-io.js";
import { formatJson } from "../render/run-json.js";
import { resolveDbPath } from "../resolve-locations.js";
import type { LabelFlags } from "./label-command.js";

/** Runs `fmops label`: attach, `--list` or `--delete`. */
export function label(
  reference: string | undefined,
  name: string | undefined,
  flags: LabelFlags,
  io: CliIo,
): void {
  const store = openResultsStore(resolveDbPath(flags.db, io));
  try {
    if (flags.list) {
      listLabels(store, flags, io);
    } else if (flags.delete !== undefined) {
      deleteLabel(store, flags.delete, io);
    } else {
      attachLabel(store, reference, name, io);
    }
  } finally {
    store.close();
  }
}

function attachLabel(
  store: ResultsStore,
  reference: string | undefined,
  name: string | undefined,
  io: CliIo,
): void {
  if (reference === undefined || name === undefined) {
    throw new FmopsError(
      "USAGE",
      "expected a run and a label name (`fmops label RUN NAME`), " +
        "or --list, or --delete NAME",
    );
  }
  const run = resolveRun(store, reference);
  if (store.labels.find(name)?.runId === run.id) {
    io.stdout.write(`Run ${run.id} is already labelled "${name}".\n`);
    return;
  }
  const { previousRunId } = store.labels.attach(name, run.id);
  io.stdout.write(
    previousRunId === null
      ? `Labelled run ${run.id} "${name}".\n`
      : `Moved label "${name}" from run ${previousRunId} to run ${run.id}.\n`,
  );
}

function deleteLabel(store: ResultsStore, name: string, io: CliIo): void {
  if (!store.labels.delete(name)) {
    throw new FmopsError(
      "USAGE",
      `no label named "${name}" (see \`fmops label --list\`)`,
    );
  }
  io.stdout.write(`Deleted label "${name}".\n`);
}

function listLabels(store: ResultsStore, flags: LabelFlags, io: CliIo): void {
  const labels = store.labels.list();
  if (flags.json) {
    io.stdout.write(formatJson({ labels }));
    return;
  }
  if (labels.length === 0) {
    io.stdout.write("No labels yet; attach one with `fmops label RUN NAME`.\n");
    return;
  }
  const table = new Table({
    head: ["label", "run", "experiment", "status", "labelled"],
    style: { head: [], border: [], compact: true },
  });
  for (const { name, runId, labelledAt } of labels) {
    const run = store.findRun(runId);
    table.push([
      name,
      runId,
      run?.experimentName ?? "–",
      run?.status ?? "–",
      labelledAt.replace("T", " ").slice(0, 19),
    ]);
  }
  io.stdout.write(`${table.toString()}\n`);
}
