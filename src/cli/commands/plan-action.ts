import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { loadExperiment } from "../../config/load-experiment.js";
import { planExperiment } from "../../planning/plan-experiment.js";
import { createProviderRegistry } from "../../providers/create-provider-registry.js";
import { openResultsStore } from "../../store/open-results-store.js";
import type { CliIo } from "../cli-io.js";
import { EXIT_CODES, type ExitCode } from "../exit-codes.js";
import { formatJson } from "../render/run-json.js";
import { resolveCacheDir, resolveDbPath } from "../resolve-locations.js";
import type { PlanFlags } from "./plan-command.js";
import { renderPlan } from "./plan-render.js";
import { applySelectionFlags } from "./selection-flags.js";

/** Runs `fmops plan FILE` and returns its exit code. */
export async function plan(
  file: string,
  flags: PlanFlags,
  io: CliIo,
): Promise<ExitCode> {
  const experimentPath = resolve(io.cwd, file);
  const experiment = applySelectionFlags(
    await loadExperiment(experimentPath),
    flags,
  );
  const cacheDir = resolveCacheDir(flags.cacheDir, io);
  const dbPath = resolveDbPath(flags.db, io);
  // A plan reads the store; it never creates one.
  const store = existsSync(dbPath) ? openResultsStore(dbPath) : null;
  try {
    const result = await planExperiment({
      experiment,
      cacheDir,
      providers: createProviderRegistry({
        cacheDir,
        workingDirectory: dirname(experimentPath),
        gloveSourcePath: io.env.FMOPS_GLOVE_VECTORS,
      }),
      history: store,
      isCacheEnabled: flags.cache ? undefined : false,
    });
    io.stdout.write(flags.json ? formatJson(result) : renderPlan(result));
    return EXIT_CODES.ok;
  } finally {
    store?.close();
  }
}
