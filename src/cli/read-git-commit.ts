import { execFile } from "node:child_process";

/**
 * The commit checked out in `folder`, with `-dirty` when files differ from
 * it; `null` outside a git checkout or without git.
 */
export function readGitCommit(folder: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      "git",
      ["describe", "--always", "--dirty", "--abbrev=40", "--match=NO_TAGS"],
      { cwd: folder, timeout: 5_000 },
      (error, stdout) => resolve(error ? null : stdout.trim() || null),
    );
  });
}
