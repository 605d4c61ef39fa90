import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openResultsStore } from "./open-results-store.js";
import type { CachedResponseEntry } from "./response-cache-row.js";
import type { ResultsStore } from "./results-store.js";

const fixedClock = () => new Date("2026-12-03T17:12:05.000Z");

const entry: CachedResponseEntry = {
  key: "5d41402abc4b2a76b9719d911017c592",
  provider: "openai",
  modelId: "gpt-4o-mini",
  responseJson: '{"text":"25 days","latencyMs":640.5}',
};

let folder: string;
let path: string;
let store: ResultsStore;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "fmops-cache-store-"));
  path = join(folder, "results.sqlite");
  store = openResultsStore(path, { clock: fixedClock });
});

afterEach(() => {
  store.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The cache rows as another process would read them. */
function readCacheRowsFromOutside(): unknown[] {
  const reader = new Database(path, { readonly: true });
  try {
    return reader.prepare("SELECT * FROM response_cache ORDER BY key").all();
  } finally {
    reader.close();
  }
}

describe("ResultsStore response cache", () => {
  it("answers null for a key it does not hold, and records nothing", () => {
    expect(store.getCachedResponse("missing")).toBeNull();
    expect(readCacheRowsFromOutside()).toEqual([]);
  });

  it("writes an entry at once, with no flush, stamped by the clock", () => {
    store.putCachedResponse(entry);
    expect(store.pendingRowCount).toBe(0);
    expect(readCacheRowsFromOutside()).toEqual([
      {
        key: entry.key,
        provider: "openai",
        model_id: "gpt-4o-mini",
        response_json: entry.responseJson,
        created_at: "2026-12-03T17:12:05.000Z",
        hit_count: 0,
      },
    ]);
  });

  it("returns the cached JSON and counts every hit", () => {
    store.putCachedResponse(entry);
    expect(store.getCachedResponse(entry.key)).toBe(entry.responseJson);
    expect(store.getCachedResponse(entry.key)).toBe(entry.responseJson);
    expect(readCacheRowsFromOutside()).toEqual([
      expect.objectContaining({ key: entry.key, hit_count: 2 }),
    ]);
  });

  it("replaces an entry cached under the same key and restarts its count", () => {
    store.putCachedResponse(entry);
    store.getCachedResponse(entry.key);
    const newer = { ...entry, responseJson: '{"text":"30 days"}' };
    store.putCachedResponse(newer);
    expect(readCacheRowsFromOutside()).toEqual([
      expect.objectContaining({
        response_json: '{"text":"30 days"}',
        hit_count: 0,
      }),
    ]);
    expect(store.getCachedResponse(entry.key)).toBe('{"text":"30 days"}');
  });

  it("keeps entries for later runs that open the same file", () => {
    store.putCachedResponse(entry);
    store.close();
    store = openResultsStore(path);
    expect(store.getCachedResponse(entry.key)).toBe(entry.responseJson);
  });

  it("reports use of a closed store as a store error naming the file", () => {
    store.close();
    expect(() => store.putCachedResponse(entry)).toThrow(
      expect.objectContaining({
        code: "STORE_ERROR",
        message: expect.stringContaining(
          `Could not cache response ${entry.key} in results store ${path}`,
        ),
      }),
    );
    expect(() => store.getCachedResponse(entry.key)).toThrow(
      `Could not read cached response ${entry.key} in results store ${path}`,
    );
  });
});
