import { resolve } from "node:path";
import { loadExperiment } from "../../config/load-experiment.js";
import { countOf } from "../../util/count-of.js";
import type { CliIo } from "../cli-io.js";
import { splitAxes } from "../render/cell-parameters.js";
import { formatJson } from "../render/run-json.js";

/** Runs `fmops validate FILE`; a file that does not resolve throws. */
export async function validate(
  file: string,
  flags: { json?: boolean },
  io: CliIo,
): Promise<void> {
  const experiment = await loadExperiment(resolve(io.cwd, file));
  if (flags.json) {
    io.stdout.write(formatJson(experiment));
    return;
  }
  const { varying } = splitAxes(experiment.cells.map((cell) => cell.params));
  const axes = varying.length === 0 ? "" : ` (varying: ${varying.join(", ")})`;
  io.stdout.write(
    `${file}: valid — ${countOf(experiment.cells.length, "cell")}${axes}, ` +
      `evaluators ${experiment.evaluators.join(", ")}\n`,
  );
  for (const warning of experiment.warnings) {
    io.stdout.write(`warning: ${warning}\n`);
  }
}
