import { resolveRun } from "../../baseline/resolve-baseline.js";
import type { ResolvedExperiment } from "../../spec/experiment.js";
import { openResultsStore } from "../../store/open-results-store.js";
import type { CliIo } from "../cli-io.js";
import { renderLeaderboard } from "../render/render-leaderboard.js";
import { renderRepeatSpread } from "../render/render-repeat-spread.js";
import { renderRunHeader } from "../render/render-run-header.js";
import { renderTradeOffs } from "../render/render-trade-offs.js";
import { renderUnscored } from "../render/render-unscored.js";
import { formatJson, toRunJson } from "../render/run-json.js";
import { runMetricNames } from "../render/run-metric-names.js";
import { resolveDbPath } from "../resolve-locations.js";
import type { ShowFlags } from "./show-command.js";

/** Runs `fmops show RUN`. */
export function show(reference: string, flags: ShowFlags, io: CliIo): void {
  const store = openResultsStore(resolveDbPath(flags.db, io));
  try {
    const run = resolveRun(store, reference);
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
      io.stdout.write(renderRepeatSpread(cells, cases, metricNames[0], repeat));
    }
  } finally {
    store.close();
  }
}

/** How many times the run asked each case (`--repeat`); 1 when it did not. */
function recordedRepeat(configJson: string): number {
  const config = JSON.parse(configJson) as Partial<ResolvedExperiment>;
  return config.selection?.repeat ?? 1;
}
