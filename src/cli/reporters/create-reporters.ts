import type { Reporter } from "../../spec/bench-event.js";
import type { CliIo } from "../cli-io.js";
import { PlainReporter } from "./plain-reporter.js";

export interface ReporterChoice {
  /** No progress at all (`--quiet`, `--json`). */
  isSilent: boolean;
  /** `--no-live` or `--plain`: plain lines even on a terminal. */
  isPlainForced: boolean;
  /** The metric plain lines quote when a cell ends. */
  headlineMetric: string | undefined;
}

export interface BenchReporters {
  reporters: Reporter[];
  /** Lets the terminal go; call once the run has ended or failed. */
  close(): Promise<void>;
}

/**
 * The live view on a terminal; plain lines when stderr is piped, in CI,
 * or when asked. Progress goes to stderr so stdout keeps only results.
 */
export async function createReporters(
  choice: ReporterChoice,
  io: CliIo,
): Promise<BenchReporters> {
  if (choice.isSilent) return { reporters: [], close: async () => {} };
  if (isLiveViewWanted(choice, io)) {
    const { startLiveView } = await import("../live/start-live-view.js");
    const live = await startLiveView(io, { isColored: isColorWanted(io.env) });
    return { reporters: [live], close: () => live.close() };
  }
  const plain = new PlainReporter({
    write: (line) => io.stderr.write(line),
    headlineMetric: choice.headlineMetric,
  });
  return { reporters: [plain], close: async () => {} };
}

export function isLiveViewWanted(choice: ReporterChoice, io: CliIo): boolean {
  return !choice.isPlainForced && io.stderr.isTTY === true && !isCi(io.env);
}

/** CI services set `CI`; `CI=false` or `CI=0` means a person is watching. */
function isCi(env: CliIo["env"]): boolean {
  const value = env.CI;
  return (
    value !== undefined && value !== "" && value !== "false" && value !== "0"
  );
}

/** https://no-color.org: any non-empty NO_COLOR turns colour off. */
export function isColorWanted(env: CliIo["env"]): boolean {
  return env.NO_COLOR === undefined || env.NO_COLOR === "";
}
