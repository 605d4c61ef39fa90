import { describe, expect, it } from "vitest";
import { FmopsError } from "../../errors/index.js";
import type { ChunkingSpec } from "../../spec/index.js";
import { countTokens } from "../../util/count-tokens.js";
import { splitWords } from "../analyze-text.js";
import { createChunker } from "./create-chunker.js";

const TEN_WORDS = "one two three four five six seven eight nine ten";

const ARTICLE = `Retrieval quality depends on how documents are cut. Small chunks \
match questions precisely but lose context. Large chunks keep context yet \
dilute the signal.

A sweep over chunk sizes shows the trade-off on your own data. Overlap helps \
when an answer straddles a boundary; it also costs index space.

Sentence packing keeps thoughts whole. Token windows are blunt but \
predictable. The recursive splitter prefers paragraph breaks, then lines, \
then spaces.`;

async function chunkTexts(spec: ChunkingSpec, text: string): Promise<string[]> {
  const chunks = await (await createChunker(spec)).split({ id: "doc", text });
  return chunks.map((chunk) => chunk.text);
}

describe("createChunker", () => {
  it("recursive, characters: paragraphs first, then words", async () => {
    const text = "The cat sat.\n\nThe dog ran far away.\nBirds flew.";
    // "The dog ran far away." is 21 characters > 20, so it is cut at
    // spaces: "The dog ran far" (15) + " away." would make 21.
    expect(
      await chunkTexts(
        { strategy: "recursive", size: 20, overlap: 0, unit: "characters" },
        text,
      ),
    ).toEqual(["The cat sat.", "The dog ran far", "away.", "Birds flew."]);
  });

  it("recursive, characters: repeats trailing words within the overlap", async () => {
    // Pieces "one"(3) " two"(4) " three"(6) " four"(5) " five"(5) " six"(4).
    // Chunk 1 is 13 characters; " three" (6 <= 8) opens chunk 2, which
    // ends at 11 because " five" would make 16; " four" (5) opens chunk 3.
    expect(
      await chunkTexts(
        { strategy: "recursive", size: 15, overlap: 8, unit: "characters" },
        "one two three four five six",
      ),
    ).toEqual(["one two three", "three four", "four five six"]);
  });

  it("recursive, tokens: counts tokens, not characters", async () => {
    // One token per word; 4 per chunk, the last word repeated.
    expect(
      await chunkTexts(
        { strategy: "recursive", size: 4, overlap: 1, unit: "tokens" },
        TEN_WORDS,
      ),
    ).toEqual([
      "one two three four",
      "four five six seven",
      "seven eight nine ten",
    ]);
  });

  it("recursive, tokens: a chunk stays within size once trimmed", async () => {
    // " studied" is one token but "studied" is stud|ied. Plain sums of
    // " studied" + " birds" + " fly" (1 + 1 + 1) would form the chunk
    // "studied birds fly", 4 tokens > 3 once its leading space is trimmed.
    // Counting " studied" as 2 closes the chunk after "birds".
    expect(
      await chunkTexts(
        { strategy: "recursive", size: 3, overlap: 0, unit: "tokens" },
        "cats dogs eat studied birds fly",
      ),
    ).toEqual(["cats dogs eat", "studied birds", "fly"]);
  });

  it("token: windows of tokens whatever the unit says", async () => {
    // Windows [0,4), [4,8), [8,11) of 11 one-word tokens.
    expect(
      await chunkTexts(
        { strategy: "token", size: 4, overlap: 0, unit: "characters" },
        `${TEN_WORDS} eleven`,
      ),
    ).toEqual([
      "one two three four",
      "five six seven eight",
      "nine ten eleven",
    ]);
  });

  it("sentence: packs whole sentences", async () => {
    // 7 tokens for the first two sentences; the third would make 12 > 9,
    // and the 4-token second sentence is repeated as overlap.
    expect(
      await chunkTexts(
        { strategy: "sentence", size: 9, overlap: 5, unit: "tokens" },
        "Cats sleep. Dogs bark loudly. Birds sing at dawn.",
      ),
    ).toEqual([
      "Cats sleep. Dogs bark loudly.",
      "Dogs bark loudly. Birds sing at dawn.",
    ]);
  });

  it("none: the whole document, trimmed, as one chunk", async () => {
    const spec: ChunkingSpec = {
      strategy: "none",
      size: 0,
      overlap: 0,
      unit: "tokens",
    };
    expect(await chunkTexts(spec, `  ${ARTICLE}\n`)).toEqual([ARTICLE]);
    expect(await chunkTexts(spec, " \n\t ")).toEqual([]);
  });

  it("names chunks after the document and their position", async () => {
    const chunker = await createChunker({
      strategy: "token",
      size: 4,
      overlap: 1,
      unit: "tokens",
    });
    const chunks = await chunker.split({ id: "faq/refunds", text: TEN_WORDS });
    expect(
      chunks.map(({ id, documentId, index }) => ({ id, documentId, index })),
    ).toEqual([
      { id: "faq/refunds#0", documentId: "faq/refunds", index: 0 },
      { id: "faq/refunds#1", documentId: "faq/refunds", index: 1 },
      { id: "faq/refunds#2", documentId: "faq/refunds", index: 2 },
    ]);
    expect(chunker.spec.size).toBe(4);
  });

  // Token windows are bounded in the document's own tokenization, which
  // token-window-splitter.test.ts checks; a window's text encoded alone
  // may come to a token or two more, so it is not measured here.
  const sizedSpecs: ChunkingSpec[] = [
    { strategy: "recursive", size: 24, overlap: 6, unit: "tokens" },
    { strategy: "recursive", size: 80, overlap: 20, unit: "characters" },
    { strategy: "sentence", size: 24, overlap: 6, unit: "tokens" },
    { strategy: "sentence", size: 90, overlap: 30, unit: "characters" },
    { strategy: "sentence", size: 30, overlap: 0, unit: "characters" },
  ];

  for (const spec of sizedSpecs) {
    const label = `${spec.strategy} ${spec.size}/${spec.overlap} ${spec.unit}`;

    it(`${label}: no chunk exceeds the size`, async () => {
      const measure =
        spec.unit === "tokens" ? countTokens : (text: string) => text.length;
      const lengths = (await chunkTexts(spec, ARTICLE)).map(measure);
      expect(lengths.length).toBeGreaterThan(2);
      expect(Math.max(...lengths)).toBeLessThanOrEqual(spec.size);
    });

    it(`${label}: every word of the input is in some chunk`, async () => {
      const chunkWords = new Set(
        (await chunkTexts(spec, ARTICLE)).flatMap(splitWords),
      );
      const missing = splitWords(ARTICLE).filter((w) => !chunkWords.has(w));
      expect(missing).toEqual([]);
    });
  }

  it("keeps the words in order when there is no overlap", async () => {
    const texts = await chunkTexts(
      { strategy: "sentence", size: 30, overlap: 0, unit: "characters" },
      ARTICLE,
    );
    expect(texts.flatMap(splitWords)).toEqual(splitWords(ARTICLE));
  });

  it("refuses an overlap that is not below the size", async () => {
    const spec: ChunkingSpec = {
      strategy: "recursive",
      size: 64,
      overlap: 64,
      unit: "tokens",
    };
    await expect(createChunker(spec)).rejects.toThrow(FmopsError);
    await expect(createChunker(spec)).rejects.toThrow(
      "chunking (recursive) overlap: expected a whole number from 0 to 63 " +
        "(below size), got 64",
    );
  });

  it("refuses a size that is not a positive whole number", async () => {
    await expect(
      createChunker({
        strategy: "token",
        size: 2.5,
        overlap: 0,
        unit: "tokens",
      }),
    ).rejects.toThrow(
      "chunking (token) size: expected a whole number above 0, got 2.5",
    );
  });
});
