import { Command } from "commander";
import type { ResolvedExperiment } from "../../spec/experiment.js";
import type { CliIo } from "../cli-io.js";
import { renderLeaderboard } from "../render/render-leaderboard.js";
import { renderRepeatSpread } from "../render/render-repeat-spread.js";
import { renderRunHeader } from "../render/render-run-header.js";
import { renderTradeOffs } from "../render/render-trade-offs.js";
import { renderUnscored } from "../render/render-unscored.js";
import { formatJson, toRunJson } from "../render/run-json.js";
import { runMetricNames } from "../render/run-metric-names.js";
import { requireRun } from "../require-run.js";
import { resolveDbPath } from "../resolve-locations.js";

interface ShowFlags {
  db?: string;
  json?: boolean;
}

export function showCommand(io: CliIo) {
  return new Command("show")
    .description("print one run: its header and its leaderboard")
    .argument("<run>", "run id, unique id prefix, or `latest`")
    .option("--db <path>", "results database (env FMOPS_DB)")
    .option("--json", "print the run and its cells as JSON")
    .addHelpText(
      "after",
      `
Examples:
  $ fmops show latest
  $ fmops show 20261203-171205 --json`,
    )
    .action(async (reference: string, flags: ShowFlags) => {
      const { openResultsStore } = await import(
        "../../store/open-results-store.js"
      );
      const store = openResultsStore(resolveDbPath(flags.db, io));
      try {
        const run = requireRun(store, reference);
        const cells = store.getCellSummaries(run.id);
        if (flags.json) {
          io.stdout.write(formatJson({ run: toRunJson(run), cells }));
          return;
        }
        const metricNames = runMetricNames(run);
        io.stdout.write(`${renderRunHeader(run)}\n`);
        io.stdout.write(
          renderLeaderboard(cells, metricNames, { intervals: "all" }),
        );
        const cases = store.getCases(run.id);
        io.stdout.write(renderUnscored(cells, cases, metricNames));
        io.stdout.write(renderTradeOffs(cells, cases, metricNames[0]));
        const repeat = recordedRepeat(run.configJson);
        if (repeat > 1 && metricNames[0] !== undefined) {
          io.stdout.write(
            renderRepeatSpread(cells, cases, metricNames[0], repeat),
          );
        }
      } finally {
        store.close();
      }
    });
}

/** How many times the run asked each case (`--repeat`); 1 when it did not. */
function recordedRepeat(configJson: string): number {
  const config = JSON.parse(configJson) as Partial<ResolvedExperiment>;
  return config.selection?.repeat ?? 1;
}
