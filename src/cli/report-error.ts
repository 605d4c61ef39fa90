import { resolve, sep } from "node:path";
import { FmopsError } from "../errors/fmops-error.js";
import type { CliIo } from "./cli-io.js";
import { EXIT_CODES, type ExitCode } from "./exit-codes.js";

/**
 * Prints an error the way a user can act on it and picks the exit code.
 * Errors fmops raised on purpose print their message alone; anything else
 * is a bug, printed with its stack only when FMOPS_DEBUG is set.
 */
export function reportError(error: unknown, io: CliIo): ExitCode {
  if (error instanceof FmopsError && error.isUserError) {
    io.stderr.write(`error: ${relativeToCwd(error.message, io.cwd)}\n`);
    return EXIT_CODES.usageError;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`fmops failed: ${message}\n`);
  if (io.env.FMOPS_DEBUG && error instanceof Error && error.stack) {
    io.stderr.write(`${error.stack}\n`);
  } else {
    io.stderr.write("(set FMOPS_DEBUG=1 to see where it failed)\n");
  }
  return EXIT_CODES.runFailed;
}

/** Paths below the working directory read best as the user typed them. */
function relativeToCwd(message: string, cwd: string): string {
  return message.replaceAll(`${resolve(cwd)}${sep}`, "");
}
