import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { FmopsError, ProviderCallError } from "../../errors/index.js";
import type { ChatRequest } from "../../spec/index.js";
import { countTokens } from "../../util/count-tokens.js";
import { ModuleChatModel } from "./module-chat-model.js";

const FIXTURES = fileURLToPath(
  new URL("../../../fixtures/providers/", import.meta.url),
);

const USER_PROMPT = "Question: How long do refunds take?";

const REQUEST: ChatRequest = {
  question: "How long do refunds take?",
  messages: [{ role: "user", content: USER_PROMPT }],
  passages: [
    {
      chunkId: "s1",
      documentId: "shipping.md",
      text: "Orders ship within two days. Refunds ship back free.",
    },
    {
      chunkId: "r1",
      documentId: "refunds.md",
      text: "Keep the receipt. Refunds take 14 days to reach your card.",
    },
  ],
};

function moduleModel(modulePath: string, exportName?: string) {
  const settings =
    exportName === undefined ? { modulePath } : { modulePath, exportName };
  return new ModuleChatModel({
    alias: "reader",
    provider: "module",
    model: "keyword-reader",
    settings,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (reason: unknown) => reason,
  );
}

async function callError(promise: Promise<unknown>) {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ProviderCallError);
  return error as ProviderCallError;
}

async function configError(promise: Promise<unknown>) {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(FmopsError);
  expect((error as FmopsError).code).toBe("CONFIG_INVALID");
  return error as FmopsError;
}

describe("ModuleChatModel", () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true });
  });

  function scratchFolder(): string {
    const folder = mkdtempSync(join(tmpdir(), "fmops-module-"));
    folders.push(folder);
    return folder;
  }

  it("loads a TypeScript module and keeps the usage it reports", async () => {
    const model = moduleModel(join(FIXTURES, "keyword-reader.ts"));
    const response = await model.generate(REQUEST);

    // Question words: long, refunds, take. "Refunds take 14 days to reach
    // your card." holds two of them, "Refunds ship back free." one, the
    // other sentences none.
    expect(response.text).toBe("Refunds take 14 days to reach your card.");
    expect(response.usage).toEqual({
      inputTokens: countTokens(USER_PROMPT),
      outputTokens: 8, // the reader counts words: 8 in its answer
    });
    expect(response).toMatchObject({ finishReason: "stop", costUsd: null });
    expect(model.provider).toBe("module");
  });

  it("takes a named export that resolves to a bare string", async () => {
    const model = moduleModel(
      join(FIXTURES, "keyword-reader.ts"),
      "keywordReaderText",
    );
    const response = await model.generate(REQUEST);
    const answer = "Refunds take 14 days to reach your card.";

    expect(response.text).toBe(answer);
    expect(response.usage.outputTokens).toBe(countTokens(answer));
  });

  it("loads a JavaScript module's default export", async () => {
    const model = moduleModel(join(FIXTURES, "first-passage.mjs"));
    const response = await model.generate(REQUEST);

    expect(response.text).toBe(
      "Orders ship within two days. Refunds ship back free.",
    );
  });

  it("loads the module once and keeps it between calls", async () => {
    const model = moduleModel(join(FIXTURES, "call-counter.ts"));

    expect((await model.generate(REQUEST)).text).toBe("call 1");
    expect((await model.generate(REQUEST)).text).toBe("call 2");
  });

  it("reads a TypeScript file Node treats as CommonJS", async () => {
    // No package.json above os.tmpdir() says "type": "module".
    const folder = scratchFolder();
    const modulePath = join(folder, "reader.ts");
    writeFileSync(
      modulePath,
      "export const named = (request: { question: string }): string =>\n" +
        '  "echo: " + request.question;\n',
    );
    const response = await moduleModel(modulePath, "named").generate(REQUEST);

    expect(response.text).toBe("echo: How long do refunds take?");
  });

  it("names the file, the export and what the file exports when one is missing", async () => {
    const modulePath = join(FIXTURES, "first-passage.mjs");
    const error = await configError(
      moduleModel(modulePath, "answer").generate(REQUEST),
    );

    expect(error.message).toBe(
      `models.reader: export "answer" of ${modulePath} does not exist; the ` +
        "file exports: default, numberReader, offlineReader, readerVersion, " +
        "stuckReader",
    );
  });

  it("refuses an export that is not a function", async () => {
    const modulePath = join(FIXTURES, "first-passage.mjs");
    const error = await configError(
      moduleModel(modulePath, "readerVersion").generate(REQUEST),
    );

    expect(error.message).toContain(
      `export "readerVersion" of ${modulePath} is a string; expected a function`,
    );
  });

  it("reports a file that does not compile as a configuration error", async () => {
    const modulePath = join(scratchFolder(), "broken.ts");
    writeFileSync(modulePath, "export default function (: string {\n");
    const error = await configError(moduleModel(modulePath).generate(REQUEST));

    expect(error.message).toContain(`cannot load ${modulePath}`);
  });

  it("reports a throw inside the function as a server error", async () => {
    const model = moduleModel(
      join(FIXTURES, "first-passage.mjs"),
      "offlineReader",
    );
    const error = await callError(model.generate(REQUEST));

    expect(error.errorClass).toBe("server");
    expect(error.isRetryable).toBe(false);
    expect(error.message).toBe(
      'module model "keyword-reader" threw: vector index is offline',
    );
  });

  it("refuses a result that is neither text nor an answer object", async () => {
    const model = moduleModel(
      join(FIXTURES, "first-passage.mjs"),
      "numberReader",
    );
    const error = await callError(model.generate(REQUEST));

    expect(error.errorClass).toBe("bad_response");
    expect(error.message).toContain("the function returned a number");
  });

  it("returns when cancelled even if the function ignores the signal", async () => {
    const model = moduleModel(
      join(FIXTURES, "first-passage.mjs"),
      "stuckReader",
    );
    const controller = new AbortController();
    const call = model.generate({ ...REQUEST, abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await callError(call);

    expect(error.errorClass).toBe("aborted");
    expect(error.isRetryable).toBe(false);
  });

  it("refuses a module path that is not absolute", () => {
    expect(() => moduleModel("reader.ts")).toThrow(
      'models.reader.settings.modulePath: expected an absolute path to a .ts, .mts, .js or .mjs file, got "reader.ts"',
    );
  });
});
