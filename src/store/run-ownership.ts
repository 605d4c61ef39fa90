import { hostname } from "node:os";
import type Database from "better-sqlite3";
import { FmopsError } from "../errors/fmops-error.js";
import type { RunStatus } from "../spec/records.js";

/** The process that is running a run. */
export interface RunOwner {
  pid: number;
  host: string;
}

interface OwnedRunRow {
  status: RunStatus;
  owner_pid: number | null;
  owner_host: string | null;
}

/** This process, on this machine. */
export function currentRunOwner(): RunOwner {
  return { pid: process.pid, host: hostname() };
}

/**
 * Which process runs each run. A run is `running` both while its process
 * works and after that process died (a crash, `kill -9`); the owner tells
 * the two apart, so a crashed run can be resumed and a live one cannot be
 * resumed a second time.
 */
export class RunOwnership {
  readonly #database: Database.Database;
  readonly #setOwner: Database.Statement<{
    id: string;
    pid: number;
    host: string;
  }>;
  readonly #selectOwner: Database.Statement<[string], OwnedRunRow>;
  readonly #owner: RunOwner;

  constructor(database: Database.Database, owner = currentRunOwner()) {
    this.#database = database;
    this.#owner = owner;
    this.#setOwner = database.prepare(
      "UPDATE runs SET owner_pid = @pid, owner_host = @host, " +
        "status = 'running', status_reason = NULL, ended_at = NULL " +
        "WHERE id = @id",
    );
    this.#selectOwner = database.prepare(
      "SELECT status, owner_pid, owner_host FROM runs WHERE id = ?",
    );
  }

  /** Records this process as the owner of a run it has just created. */
  take(runId: string): void {
    this.#setOwner.run({ id: runId, ...this.#owner });
  }

  /**
   * Makes this process the owner of a recorded run and marks it running
   * again. Refused for a completed run and for a run whose owner is still
   * alive. The check and the claim share one write transaction, so two
   * processes resuming the same run cannot both get it.
   */
  claimForResume(runId: string): void {
    const claim = this.#database.transaction(() => {
      const row = this.#selectOwner.get(runId);
      if (row === undefined) {
        throw new FmopsError("RUN_NOT_FOUND", `No run ${runId} to resume`);
      }
      assertResumable(runId, row);
      this.take(runId);
    });
    claim.immediate();
  }
}

function assertResumable(runId: string, row: OwnedRunRow): void {
  if (row.status === "completed") {
    throw new FmopsError(
      "USAGE",
      `Run ${runId} completed; there is nothing to resume`,
    );
  }
  if (row.status !== "running" || row.owner_pid === null) return;
  const owner = { pid: row.owner_pid, host: row.owner_host ?? "" };
  if (!isAlive(owner)) return;
  throw new FmopsError(
    "USAGE",
    `Run ${runId} is still running (process ${owner.pid} on ${owner.host}); ` +
      "stop it first, or wait for it to end",
  );
}

/**
 * Whether the owner's process still exists. A process on another machine
 * cannot be checked, so it counts as alive.
 */
function isAlive(owner: RunOwner): boolean {
  const self = currentRunOwner();
  if (owner.host !== self.host) return true;
  if (owner.pid === self.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
