import { Command } from "commander";
import type { CliIo } from "../cli-io.js";
import { EXIT_CODES, type ExitCode } from "../exit-codes.js";

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
      const { validate } = await import("./validate-action.js");
      await validate(file, flags, io);
      setExitCode(EXIT_CODES.ok);
    });
}
