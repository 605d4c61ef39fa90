import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "../cli/main.js";
import { captureIo } from "./capture-io.js";

/** What one fmops command did. */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * A temporary folder holding an experiment's files, where fmops runs with
 * its own results store (`results.db`) and cache (`cache/`).
 */
export interface CliProject {
  folder: string;
  /** The results database fmops uses unless `FMOPS_DB` is given. */
  dbPath: string;
  /** Writes files by path inside the folder, making folders as needed. */
  write(files: Readonly<Record<string, string>>): void;
  /** Runs fmops in this process; `env` adds to or replaces the defaults. */
  fmops(
    argv: readonly string[],
    env?: Record<string, string | undefined>,
  ): Promise<CliResult>;
  /** The environment a command in this folder gets, with `env` on top. */
  env(env?: Record<string, string | undefined>): Record<string, string>;
  remove(): void;
}

/** The command as a user runs it; `npm run build` must come first. */
export const binPath = fileURLToPath(
  new URL("../../bin/fmops", import.meta.url),
);

/** Whether `dist/` holds what `bin/fmops` runs. */
export const isBuilt = existsSync(
  fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url)),
);

/** A new project folder holding `files` (paths inside the folder). */
export function createCliProject(
  files: Readonly<Record<string, string>> = {},
): CliProject {
  const folder = mkdtempSync(join(tmpdir(), "fmops-test-"));
  const dbPath = join(folder, "results.db");
  const env = (extra: Record<string, string | undefined> = {}) =>
    withoutUnset({
      FMOPS_DB: dbPath,
      FMOPS_CACHE_DIR: join(folder, "cache"),
      ...extra,
    });
  const project: CliProject = {
    folder,
    dbPath,
    write: (more) => writeFiles(folder, more),
    fmops: async (argv, extra) => {
      const io = captureIo(folder, env(extra));
      const exitCode = await runCli([...argv], io);
      return { exitCode, stdout: io.stdoutText(), stderr: io.stderrText() };
    },
    env,
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
  project.write(files);
  return project;
}

/** Questions as a `questions.jsonl` file holds them: one JSON object a line. */
export function jsonLines(items: readonly unknown[]): string {
  return `${items.map((item) => JSON.stringify(item)).join("\n")}\n`;
}

/**
 * Runs the built `bin/fmops` in the project's folder, as a separate
 * process; only `PATH` is kept from this process's environment.
 */
export function runBuiltFmops(
  project: CliProject,
  argv: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [binPath, ...argv],
      {
        cwd: project.folder,
        env: project.env({ PATH: process.env.PATH, ...env }),
      },
      (_error, stdout, stderr) =>
        resolve({ exitCode: child.exitCode ?? -1, stdout, stderr }),
    );
  });
}

function writeFiles(
  folder: string,
  files: Readonly<Record<string, string>>,
): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
}

function withoutUnset(
  env: Record<string, string | undefined>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
}

/**
 * Runs `action` with `env` set in this process's environment, where
 * providers read their keys, and restores what was there before.
 */
export async function withProcessEnv<Result>(
  env: Readonly<Record<string, string>>,
  action: () => Promise<Result>,
): Promise<Result> {
  const before = Object.keys(env).map((name) => ({
    name,
    value: process.env[name],
  }));
  Object.assign(process.env, env);
  try {
    return await action();
  } finally {
    for (const { name, value } of before) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
