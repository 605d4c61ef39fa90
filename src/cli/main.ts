import { Command, CommanderError } from "commander";
import { limitHeapGrowth } from "../engine/limit-heap-growth.js";
import type { CliIo } from "./cli-io.js";
import { benchCommand } from "./commands/bench-command.js";
import { compareCommand } from "./commands/compare-command.js";
import { fakeServerCommand } from "./commands/fake-server-command.js";
import { gateCommand } from "./commands/gate-command.js";
import { importCommand } from "./commands/import-command.js";
import { labelCommand } from "./commands/label-command.js";
import { planCommand } from "./commands/plan-command.js";
import { reportCommand } from "./commands/report-command.js";
import { runsCommand } from "./commands/runs-command.js";
import { schemaCommand } from "./commands/schema-command.js";
import { showCommand } from "./commands/show-command.js";
import { validateCommand } from "./commands/validate-command.js";
import { EXIT_CODES, type ExitCode } from "./exit-codes.js";
import { packageVersion } from "./package-version.js";
import { reportError } from "./report-error.js";

/** Runs the fmops command line; returns the exit code instead of exiting. */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  limitHeapGrowth();
  let exitCode: ExitCode = EXIT_CODES.ok;
  const setExitCode = (code: ExitCode) => {
    exitCode = code;
  };
  const program = createProgram(io, setExitCode);
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error);
    return reportError(error, io);
  }
}

function createProgram(io: CliIo, setExitCode: (code: ExitCode) => void) {
  const program = new Command("fmops")
    .description("Experiment runner for LLMOps: sweep, score, store, compare.")
    .version(packageVersion())
    .addHelpText(
      "after",
      `
Examples:
  $ fmops bench experiments/quickstart.yaml   run a matrix, store results
  $ fmops runs                                 list recorded runs
  $ fmops show latest                          the last run's leaderboard
  $ fmops report latest --baseline main > r.md  markdown report against a baseline
  $ fmops gate latest                          exit 1 when a gate fails (CI)
  $ fmops validate experiments/my-sweep.yaml   check a file before running
  $ fmops plan experiments/my-sweep.yaml       calls, tokens and cost, before spending`,
    );
  const commands = [
    benchCommand(io, setExitCode),
    validateCommand(io, setExitCode),
    planCommand(io, setExitCode),
    schemaCommand(io),
    runsCommand(io),
    showCommand(io),
    compareCommand(io),
    gateCommand(io, setExitCode),
    labelCommand(io),
    reportCommand(io),
    importCommand(io),
    fakeServerCommand(io),
  ];
  for (const command of [program, ...commands]) {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  }
  for (const command of commands) program.addCommand(command);
  return program;
}

/** Help and version exit 0; any misuse of flags or arguments exits 2. */
function commanderExitCode(error: CommanderError): ExitCode {
  return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usageError;
}
