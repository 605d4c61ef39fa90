import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DatasetError } from "../../errors/index.js";
import { readGloveJson } from "./glove-json-source.js";

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "fmops-glove-json-"));
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

function writeSource(content: string): string {
  const path = join(folder, "vectors.json");
  writeFileSync(path, content);
  return path;
}

describe("readGloveJson", () => {
  it("keeps the first `dimensions` values of each word, row by row", async () => {
    const path = writeSource(
      JSON.stringify({
        dimensions: 2,
        words: ["sun", "moon"],
        vectors: { sun: [1, 2, 2.236, 0], moon: [-3, 0.5, 3.041, 1] },
      }),
    );
    const { dimensions, words, vectors } = await readGloveJson(path);
    expect(dimensions).toBe(2);
    expect(words).toEqual(["sun", "moon"]);
    expect(Array.from(vectors)).toEqual([1, 2, -3, 0.5]);
  });

  it("names the word whose vector is too short", async () => {
    const path = writeSource(
      JSON.stringify({
        dimensions: 3,
        words: ["sun"],
        vectors: { sun: [1, 2] },
      }),
    );
    const reading = readGloveJson(path);
    await expect(reading).rejects.toThrow(DatasetError);
    await expect(reading).rejects.toThrow(
      `${path}: expected vectors["sun"] to start with 3 finite numbers, ` +
        "got [1,2] (array of 2)",
    );
  });

  it("names a missing field and a bad dimension count", async () => {
    const noWords = writeSource(JSON.stringify({ dimensions: 2, vectors: {} }));
    await expect(readGloveJson(noWords)).rejects.toThrow(
      "expected field words to be an array of strings, got nothing",
    );
    const badDimensions = writeSource(
      JSON.stringify({ dimensions: "100", words: [], vectors: {} }),
    );
    await expect(readGloveJson(badDimensions)).rejects.toThrow(
      'expected field dimensions to be a whole number above 0, got "100" (string)',
    );
  });

  it("reports text that is not JSON", async () => {
    const path = writeSource('{"dimensions": 4, "words": [');
    await expect(readGloveJson(path)).rejects.toThrow(
      `${path}: not valid JSON`,
    );
  });
});
