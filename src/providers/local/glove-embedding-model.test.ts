import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FmopsError } from "../../errors/index.js";
import { GloveEmbeddingModel } from "./glove-embedding-model.js";

const FIXTURE = fileURLToPath(
  new URL("../../../fixtures/glove-tiny/vectors.json", import.meta.url),
);

let folder: string;
let model: GloveEmbeddingModel;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "fmops-glove-model-"));
  const cachePath = join(folder, "glove.bin");
  model = await GloveEmbeddingModel.load({ sourcePath: FIXTURE, cachePath });
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

async function embedOne(text: string): Promise<number[]> {
  const { embeddings } = await model.embed({ texts: [text] });
  return Array.from(embeddings[0] ?? []);
}

describe("GloveEmbeddingModel", () => {
  it("describes itself as local:glove-100d with the table's dimensions", () => {
    expect(model.provider).toBe("local");
    expect(model.modelId).toBe("glove-100d");
    expect(model.dimensions).toBe(4);
    expect(model.maxBatchSize).toBe(256);
  });

  it("averages the vectors of the words, leaving out stopwords", async () => {
    // "the" (all 9s) and "on" are stopwords; "." is punctuation. Left:
    // cat [1,0,0,0] + sat [0,0,1,0] + mat [0,0,0,1], divided by 3.
    const vector = await embedOne("The cat sat on the mat.");
    const third = 1 / 3;
    expect(vector[0]).toBeCloseTo(third, 6);
    expect(vector[1]).toBe(0);
    expect(vector[2]).toBeCloseTo(third, 6);
    expect(vector[3]).toBeCloseTo(third, 6);
  });

  it("counts a repeated word each time and lowercases", async () => {
    // red [2,0,0,0] + dog + BLUE [0,2,0,0] + dog = [2,4,0,0]; / 4.
    expect(await embedOne("Red dog, BLUE dog!")).toEqual([0.5, 1, 0, 0]);
  });

  it("ignores unknown words and keeps accented ones", async () => {
    // café [3,0,0,3] + river [-1,0,1,0] = [2,0,1,3]; "zebra" is unknown,
    // "by" and "the" are stopwords; / 2.
    expect(await embedOne("Café by the zebra river")).toEqual([1, 0, 0.5, 1.5]);
  });

  it("gives the zero vector when no word is known", async () => {
    expect(await embedOne("zebra quagga okapi")).toEqual([0, 0, 0, 0]);
    expect(await embedOne("the , .")).toEqual([0, 0, 0, 0]);
    expect(await embedOne("")).toEqual([0, 0, 0, 0]);
  });

  it("keeps input order and reports tokens, cost and latency", async () => {
    const times = [100, 112.5];
    const timed = await GloveEmbeddingModel.load({
      sourcePath: FIXTURE,
      cachePath: join(folder, "glove.bin"),
      now: () => times.shift() ?? 0,
    });
    const response = await timed.embed({ texts: ["kitten", "two 2024"] });
    // two [1,1,0,0] + 2024 [0,0,0,4] = [1,1,0,4]; / 2.
    expect(response.embeddings.map((vector) => Array.from(vector))).toEqual([
      [1, 0, 0, 1],
      [0.5, 0.5, 0, 2],
    ]);
    // o200k_base: "kitten" is kit|ten (2), "two 2024" is two| |202|4 (4).
    expect(response.usage.inputTokens).toBe(6);
    expect(response.costUsd).toBe(0);
    expect(response.latencyMs).toBe(12.5);
  });

  it("refuses a batch larger than maxBatchSize", async () => {
    const texts = new Array(257).fill("cat");
    await expect(model.embed({ texts })).rejects.toThrow(FmopsError);
    await expect(model.embed({ texts })).rejects.toThrow(
      "at most 256 texts per call, got 257",
    );
  });

  it("stops before work when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      model.embed({ texts: ["cat"], abortSignal: controller.signal }),
    ).rejects.toThrow();
  });
});
