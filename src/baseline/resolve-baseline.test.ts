import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunRecord, RunStatus } from "../spec/records.js";
import {
  inMemoryStorePath,
  openResultsStore,
} from "../store/open-results-store.js";
import type { ResultsStore } from "../store/results-store.js";
import { sampleRunRecord } from "../test-support/run-record.test-support.js";
import { resolveBaseline, resolveRun } from "./resolve-baseline.js";

let store: ResultsStore;

beforeEach(() => {
  store = openResultsStore(inMemoryStorePath, {
    clock: () => new Date("2026-12-03T18:00:00Z"),
  });
});

afterEach(() => store.close());

/** Records a run that started at `minute` past 17:00 and ended `status`. */
function addRun(
  id: string,
  experimentName: string,
  minute: number,
  status: RunStatus,
): RunRecord {
  const startedAt = `2026-12-03T17:${String(minute).padStart(2, "0")}:00.000Z`;
  const run = sampleRunRecord(id, {
    experimentName,
    experimentPath: `/repo/${experimentName}.yaml`,
    startedAt,
  });
  store.createRun(run);
  if (status !== "running") {
    store.finishRun(id, {
      status,
      statusReason: null,
      endedAt: startedAt,
      summary: null,
    });
  }
  return { ...run, status };
}

describe("resolveBaseline", () => {
  it("reads latest as the newest other completed run of the same experiment", () => {
    addRun("20261203-170100-aaaa", "ci", 1, "completed");
    addRun("20261203-170200-bbbb", "other", 2, "completed");
    addRun("20261203-170300-cccc", "ci", 3, "failed");
    addRun("20261203-170400-dddd", "ci", 4, "running");
    const current = addRun("20261203-170500-eeee", "ci", 5, "completed");

    // Newer runs of ci failed or are still running; another experiment's
    // run is newer still. The completed ci run wins.
    expect(resolveBaseline(store, "latest", current).id).toBe(
      "20261203-170100-aaaa",
    );
  });

  it("never takes a run that started after the one compared", () => {
    addRun("20261203-170100-aaaa", "ci", 1, "completed");
    const older = addRun("20261203-170300-cccc", "ci", 3, "completed");
    addRun("20261203-170500-eeee", "ci", 5, "completed");

    // Gating an older run compares it with what came before it.
    expect(resolveBaseline(store, "latest", older).id).toBe(
      "20261203-170100-aaaa",
    );
  });

  it("takes a run that did not complete when no completed one exists", () => {
    addRun("20261203-170100-aaaa", "ci", 1, "interrupted");
    const current = addRun("20261203-170500-eeee", "ci", 5, "completed");

    expect(resolveBaseline(store, "latest", current).id).toBe(
      "20261203-170100-aaaa",
    );
  });

  it("without a run to compare, reads latest as the newest finished run", () => {
    addRun("20261203-170100-aaaa", "ci", 1, "completed");
    addRun("20261203-170200-bbbb", "other", 2, "completed");
    addRun("20261203-170300-cccc", "ci", 3, "running");

    expect(resolveBaseline(store, "latest").id).toBe("20261203-170200-bbbb");
  });

  it("says when there is no latest baseline", () => {
    const current = addRun("20261203-170500-eeee", "ci", 5, "completed");

    expect(() => resolveBaseline(store, "latest", current)).toThrow(
      'no finished run of experiment "ci" started before 20261203-170500-eeee',
    );
  });

  it("reads labels, ids and id prefixes", () => {
    addRun("20261203-170100-aaaa", "ci", 1, "completed");
    const current = addRun("20261203-170500-eeee", "ci", 5, "completed");
    store.labels.attach("main", "20261203-170100-aaaa");

    expect(resolveBaseline(store, "main", current).id).toBe(
      "20261203-170100-aaaa",
    );
    expect(resolveBaseline(store, "20261203-1705", current).id).toBe(
      current.id,
    );
    expect(() => resolveBaseline(store, "release", current)).toThrow(
      'no run or label matches "release"',
    );
  });
});

describe("resolveRun", () => {
  it("reads latest as the run started last, whatever its status", () => {
    addRun("20261203-170100-aaaa", "ci", 1, "completed");
    addRun("20261203-170300-cccc", "ci", 3, "failed");

    expect(resolveRun(store, "latest").id).toBe("20261203-170300-cccc");
  });
});
