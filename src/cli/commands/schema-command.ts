import { Command } from "commander";
import type { CliIo } from "../cli-io.js";
import { formatJson } from "../render/run-json.js";

export function schemaCommand(io: CliIo) {
  return new Command("schema")
    .description("print the JSON Schema of experiment files, for editors")
    .addHelpText(
      "after",
      `
Examples:
  $ fmops schema > fmops.schema.json
  # then, first line of an experiment file, for the YAML language server:
  # yaml-language-server: $schema=./fmops.schema.json`,
    )
    .action(async () => {
      const { experimentJsonSchema } = await import(
        "../../config/experiment-json-schema.js"
      );
      io.stdout.write(formatJson(experimentJsonSchema()));
    });
}
