import type { CliIo } from "../cli/cli-io.js";

export interface CapturedIo extends CliIo {
  stdoutText(): string;
  stderrText(): string;
}

/** A CliIo whose output is kept in memory for assertions. */
export function captureIo(
  cwd: string,
  env: Record<string, string | undefined> = {},
): CapturedIo {
  let stdout = "";
  let stderr = "";
  return {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    cwd,
    stdoutText: () => stdout,
    stderrText: () => stderr,
  };
}
