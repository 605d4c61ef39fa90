import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sampleRunRecord } from "../test-support/run-record.test-support.js";
import { inMemoryStorePath, openResultsStore } from "./open-results-store.js";
import type { ResultsStore } from "./results-store.js";

let store: ResultsStore;
let now: Date;

beforeEach(() => {
  now = new Date("2026-12-03T18:00:00Z");
  store = openResultsStore(inMemoryStorePath, { clock: () => now });
  for (const id of ["20261203-170100-aaaa", "20261203-170200-bbbb"]) {
    store.createRun(sampleRunRecord(id));
  }
});

afterEach(() => store.close());

describe("run labels", () => {
  it("attaches a label, then moves it and says from where", () => {
    const first = store.labels.attach("main", "20261203-170100-aaaa");
    now = new Date("2026-12-03T19:00:00Z");
    const moved = store.labels.attach("main", "20261203-170200-bbbb");
    const again = store.labels.attach("main", "20261203-170200-bbbb");

    expect(first.previousRunId).toBeNull();
    expect(moved.previousRunId).toBe("20261203-170100-aaaa");
    expect(again.previousRunId).toBeNull();
    expect(store.labels.find("main")).toEqual({
      name: "main",
      runId: "20261203-170200-bbbb",
      labelledAt: "2026-12-03T19:00:00.000Z",
    });
  });

  it("lists labels by name and deletes them", () => {
    store.labels.attach("release-1.2", "20261203-170100-aaaa");
    store.labels.attach("main", "20261203-170100-aaaa");

    expect(store.labels.list().map((label) => label.name)).toEqual([
      "main",
      "release-1.2",
    ]);
    expect(store.labels.delete("main")).toBe(true);
    expect(store.labels.delete("main")).toBe(false);
    expect(store.labels.list().map((label) => label.name)).toEqual([
      "release-1.2",
    ]);
  });

  it.each(["", "7up", "latest", "has space", "x".repeat(65)])(
    "refuses the name %j",
    (name) => {
      expect(() => store.labels.attach(name, "20261203-170100-aaaa")).toThrow(
        "expected a letter, then up to 63 letters",
      );
    },
  );
});
