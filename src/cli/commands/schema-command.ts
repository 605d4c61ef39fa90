import { Command } from "commander";
import { experimentJsonSchema } from "../../config/experiment-json-schema.js";
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
    .action(() => {
      io.stdout.write(formatJson(experimentJsonSchema()));
    });
}
