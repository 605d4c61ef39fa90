import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import {
  createSortedWordTable,
  type SortedWordTableParts,
} from "./glove-sorted-table.js";
import type { GloveVectorTable } from "./glove-vector-table.js";
import type { GloveVectors } from "./glove-vectors.js";

/** Identifies the source a cache was built from; a mismatch means stale. */
export interface GloveSourceStamp {
  sizeBytes: number;
  modifiedMs: number;
}

const MAGIC = "FMOPSGLV";
const FORMAT_VERSION = 1;
const HEADER_BYTES = 40;

/*
 * Layout; the header is little-endian:
 *   0  magic "FMOPSGLV"         24  source size in bytes (float64)
 *   8  format version (u32)     32  source mtime in ms (float64)
 *  12  dimensions (u32)         40  end offset of each word (u32 each)
 *  16  word count (u32)          …  words, UTF-8, in ascending byte order
 *  20  words byte length (u32)   …  zero padding to a multiple of 4
 *                                …  float32 vectors, one row per word
 * Offsets and vectors are in the machine's byte order, which is little
 * endian on every platform Node ships for; the cache is a local file.
 */

/**
 * Writes the cache through a temporary file in the same folder, renamed into
 * place once complete: a crash leaves either the old cache or none, never
 * half a file, and concurrent writers each rename a whole file.
 */
export async function writeGloveCache(
  cachePath: string,
  vectors: GloveVectors,
  stamp: GloveSourceStamp,
): Promise<void> {
  await mkdir(dirname(cachePath), { recursive: true });
  const temporaryPath = `${cachePath}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    const content = encodeCache(sortVocabulary(vectors), stamp);
    await writeFile(temporaryPath, content, { flag: "wx" });
    await rename(temporaryPath, cachePath);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}

/**
 * Orders words by their UTF-8 bytes, the order lookups search in. The sort
 * is stable, so of a repeated word the first occurrence is kept.
 */
function sortVocabulary({
  dimensions,
  words,
  vectors,
}: GloveVectors): SortedWordTableParts {
  const encoded = words.map((word) => Buffer.from(word, "utf8"));
  const order = [...encoded.keys()].sort((left, right) =>
    Buffer.compare(encoded[left] as Buffer, encoded[right] as Buffer),
  );
  const rows = order.filter(
    (row, position) =>
      position === 0 || words[row] !== words[order[position - 1] ?? -1],
  );
  const wordEnds = new Uint32Array(rows.length);
  const sortedVectors = new Float32Array(rows.length * dimensions);
  let end = 0;
  rows.forEach((row, position) => {
    end += encoded[row]?.length ?? 0;
    wordEnds[position] = end;
    const source = vectors.subarray(row * dimensions, (row + 1) * dimensions);
    sortedVectors.set(source, position * dimensions);
  });
  const wordBytes = Buffer.concat(rows.map((row) => encoded[row] as Buffer));
  return { dimensions, wordEnds, wordBytes, vectors: sortedVectors };
}

function encodeCache(
  parts: SortedWordTableParts,
  stamp: GloveSourceStamp,
): Uint8Array[] {
  const { dimensions, wordEnds, wordBytes, vectors } = parts;
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, "latin1");
  header.writeUInt32LE(FORMAT_VERSION, 8);
  header.writeUInt32LE(dimensions, 12);
  header.writeUInt32LE(wordEnds.length, 16);
  header.writeUInt32LE(wordBytes.length, 20);
  header.writeDoubleLE(stamp.sizeBytes, 24);
  header.writeDoubleLE(stamp.modifiedMs, 32);
  return [
    header,
    asBytes(wordEnds),
    wordBytes,
    new Uint8Array(paddingAfter(wordBytes.length)),
    asBytes(vectors),
  ];
}

/**
 * Reads a cache built from a source with this stamp; `undefined` when the
 * file is missing, from another source or version, or damaged, so the
 * caller rebuilds it. The file is read at once and the table works on
 * views of the bytes read, without a copy per word.
 */
export async function readGloveCache(
  cachePath: string,
  stamp: GloveSourceStamp,
): Promise<GloveVectorTable | undefined> {
  const bytes = await readFileIfPresent(cachePath);
  if (bytes === undefined || bytes.length < HEADER_BYTES) return undefined;
  if (bytes.toString("latin1", 0, 8) !== MAGIC) return undefined;
  if (bytes.readUInt32LE(8) !== FORMAT_VERSION) return undefined;
  const isSameSource =
    bytes.readDoubleLE(24) === stamp.sizeBytes &&
    bytes.readDoubleLE(32) === stamp.modifiedMs;
  if (!isSameSource) return undefined;
  const parts = decodeBody(bytes);
  return parts === undefined ? undefined : createSortedWordTable(parts);
}

function decodeBody(bytes: Buffer): SortedWordTableParts | undefined {
  const dimensions = bytes.readUInt32LE(12);
  const wordCount = bytes.readUInt32LE(16);
  const wordBytesLength = bytes.readUInt32LE(20);
  const wordsStart = HEADER_BYTES + wordCount * 4;
  const vectorsStart =
    wordsStart + wordBytesLength + paddingAfter(wordBytesLength);
  const vectorsLength = wordCount * dimensions * 4;
  if (bytes.length !== vectorsStart + vectorsLength) return undefined;
  const ends = alignedRegion(bytes, HEADER_BYTES, wordCount * 4);
  const wordEnds = new Uint32Array(ends.buffer, ends.byteOffset, wordCount);
  const lastEnd = wordCount === 0 ? 0 : wordEnds[wordCount - 1];
  if (lastEnd !== wordBytesLength) return undefined;
  const rows = alignedRegion(bytes, vectorsStart, vectorsLength);
  return {
    dimensions,
    wordEnds,
    wordBytes: bytes.subarray(wordsStart, wordsStart + wordBytesLength),
    vectors: new Float32Array(rows.buffer, rows.byteOffset, vectorsLength / 4),
  };
}

/**
 * Where a typed array over `bytes[start, start + length)` can begin. Such a
 * view needs an offset that is a multiple of 4; `readFile` returns a buffer
 * of its own, which always is, so the copy is only a safeguard.
 */
function alignedRegion(
  bytes: Buffer,
  start: number,
  length: number,
): { buffer: ArrayBufferLike; byteOffset: number } {
  const byteOffset = bytes.byteOffset + start;
  if (byteOffset % 4 === 0) return { buffer: bytes.buffer, byteOffset };
  const copy = Uint8Array.from(bytes.subarray(start, start + length));
  return { buffer: copy.buffer, byteOffset: 0 };
}

function asBytes(values: Uint32Array | Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** Zero bytes that bring the vectors to a multiple of 4 bytes. */
function paddingAfter(wordBytesLength: number): number {
  return (4 - (wordBytesLength % 4)) % 4;
}

async function readFileIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
