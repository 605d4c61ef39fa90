import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
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
 * Layout, little-endian header:
 *   0  magic "FMOPSGLV"        24  source size in bytes (float64)
 *   8  format version (u32)    32  source mtime in ms (float64)
 *  12  dimensions (u32)        40  words, UTF-8, joined by "\n"
 *  16  word count (u32)         …  zero padding to a multiple of 4
 *  20  words byte length (u32)  …  float32 vectors, row by row
 * The vectors are written in the machine's byte order, which is little
 * endian on every platform Node ships for; the cache is a local file, never
 * shared between machines.
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
    await writeFile(temporaryPath, encodeCache(vectors, stamp), { flag: "wx" });
    await rename(temporaryPath, cachePath);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}

function encodeCache(
  { dimensions, words, vectors }: GloveVectors,
  stamp: GloveSourceStamp,
): Buffer[] {
  const wordBytes = Buffer.from(words.join("\n"), "utf8");
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, "latin1");
  header.writeUInt32LE(FORMAT_VERSION, 8);
  header.writeUInt32LE(dimensions, 12);
  header.writeUInt32LE(words.length, 16);
  header.writeUInt32LE(wordBytes.length, 20);
  header.writeDoubleLE(stamp.sizeBytes, 24);
  header.writeDoubleLE(stamp.modifiedMs, 32);
  const padding = Buffer.alloc(paddingAfterWords(wordBytes.length));
  const vectorBytes = Buffer.from(
    vectors.buffer,
    vectors.byteOffset,
    vectors.byteLength,
  );
  return [header, wordBytes, padding, vectorBytes];
}

/**
 * Reads a cache built from a source with this stamp; `undefined` when the
 * file is missing, from another source or version, or damaged, so the
 * caller rebuilds it. The file is read at once and the vectors are a view
 * on the bytes read, not a copy.
 */
export async function readGloveCache(
  cachePath: string,
  stamp: GloveSourceStamp,
): Promise<GloveVectors | undefined> {
  const bytes = await readFileIfPresent(cachePath);
  if (bytes === undefined || bytes.length < HEADER_BYTES) return undefined;
  if (bytes.toString("latin1", 0, 8) !== MAGIC) return undefined;
  if (bytes.readUInt32LE(8) !== FORMAT_VERSION) return undefined;
  const isSameSource =
    bytes.readDoubleLE(24) === stamp.sizeBytes &&
    bytes.readDoubleLE(32) === stamp.modifiedMs;
  return isSameSource ? decodeBody(bytes) : undefined;
}

function decodeBody(bytes: Buffer): GloveVectors | undefined {
  const dimensions = bytes.readUInt32LE(12);
  const wordCount = bytes.readUInt32LE(16);
  const wordsEnd = HEADER_BYTES + bytes.readUInt32LE(20);
  const vectorsStart = wordsEnd + paddingAfterWords(wordsEnd - HEADER_BYTES);
  const valueCount = wordCount * dimensions;
  if (bytes.length !== vectorsStart + valueCount * 4) return undefined;
  const words = wordCount === 0 ? [] : splitWordBlock(bytes, wordsEnd);
  if (words.length !== wordCount) return undefined;
  const vectors = viewFloats(bytes, vectorsStart, valueCount);
  return { dimensions, words, vectors };
}

function splitWordBlock(bytes: Buffer, wordsEnd: number): string[] {
  return bytes.toString("utf8", HEADER_BYTES, wordsEnd).split("\n");
}

/** A Float32Array over the bytes, copied only when they are misaligned. */
function viewFloats(bytes: Buffer, start: number, count: number): Float32Array {
  const byteOffset = bytes.byteOffset + start;
  if (byteOffset % Float32Array.BYTES_PER_ELEMENT === 0) {
    return new Float32Array(bytes.buffer, byteOffset, count);
  }
  const aligned = Uint8Array.from(bytes.subarray(start, start + count * 4));
  return new Float32Array(aligned.buffer);
}

function paddingAfterWords(wordsByteLength: number): number {
  return (4 - ((HEADER_BYTES + wordsByteLength) % 4)) % 4;
}

async function readFileIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if (isMissingFileError(error)) return undefined;
    throw error;
  }
}

function isMissingFileError(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === "ENOENT";
}
