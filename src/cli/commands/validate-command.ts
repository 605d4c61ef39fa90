import { resolve } from "node:path";
import { Command } from "commander";
import type { CliIo } from "../cli-io.js";
import { EXIT_CODES, type ExitCode } from "../exit-codes.js";
import { splitAxes } from "../render/cell-parameters.js";
import { formatJson } from "../render/run-json.js";

export function validateCommand(
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
) {
  return new Command("validate")
    .description("check an experiment file without running it")
    .argument("<file>", "experiment file (YAML)")
    .option("--json", "print the resolved experiment as JSON")
    .addHelpText(
      "after",
      `
Examples:
  $ fmops validate experiments/quickstart.yaml
  $ fmops validate experiments/quickstart.yaml --json | jq '.cells | length'

Exit codes: 0 valid, 2 invalid (each problem printed as file:line:column).`,
    )
    .action(async (file: string, flags: { json?: boolean }) => {
      const { loadExperiment } = await import(
        "../../config/load-experiment.js"
      );
      const experiment = await loadExperiment(resolve(io.cwd, file));
      if (flags.json) {
        io.stdout.write(formatJson(experiment));
      } else {
        const { varying } = splitAxes(
          experiment.cells.map((cell) => cell.params),
        );
        const axes =
          varying.length === 0 ? "" : ` (varying: ${varying.join(", ")})`;
        io.stdout.write(
          `${file}: valid — ${experiment.cells.length} cells${axes}, ` +
            `evaluators ${experiment.evaluators.join(", ")}\n`,
        );
        for (const warning of experiment.warnings) {
          io.stdout.write(`warning: ${warning}\n`);
        }
      }
      setExitCode(EXIT_CODES.ok);
    });
}
