import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FmopsError, ProviderCallError } from "../../errors/index.js";
import type { ChatRequest } from "../../spec/index.js";
import { countTokens } from "../../util/count-tokens.js";
import { LangChainChatModel } from "./langchain-chat-model.js";

const FIXTURES = fileURLToPath(
  new URL("../../../fixtures/providers/", import.meta.url),
);
const CHAIN_FILE = join(FIXTURES, "support-chain.ts");
const CHAT_MODEL_FILE = join(FIXTURES, "quoting-chat-model.ts");

const SYSTEM_PROMPT = "Answer from the passages.";
const USER_PROMPT =
  "[1] (refunds.md)\nRefunds take 14 days. Keep the receipt.\n\n" +
  "[2] (shipping.md)\nOrders ship within two days.\n\n" +
  "Question: How long do refunds take?";

const REQUEST: ChatRequest = {
  question: "  How long do\nrefunds take? ",
  messages: [
    { role: "system", content: SYSTEM_PROMPT },
    { role: "user", content: USER_PROMPT },
  ],
  passages: [
    {
      chunkId: "r1",
      documentId: "refunds.md",
      text: "Refunds take 14 days. Keep the receipt.",
    },
    {
      chunkId: "s1",
      documentId: "shipping.md",
      text: "Orders ship within two days.",
    },
  ],
};

const PROMPT_TOKENS = countTokens(SYSTEM_PROMPT) + countTokens(USER_PROMPT);

function langChainModel(modulePath: string, exportName?: string) {
  const settings =
    exportName === undefined ? { modulePath } : { modulePath, exportName };
  return new LangChainChatModel({
    alias: "support",
    provider: "langchain",
    model: "support-chain",
    settings,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (reason: unknown) => reason,
  );
}

describe("LangChainChatModel with a chain", () => {
  it("answers through the team's chain and counts usage", async () => {
    const model = langChainModel(CHAIN_FILE);
    const response = await model.generate(REQUEST);
    const answer = "Refunds are issued within 14 days of the return.";

    expect(response.text).toBe(answer);
    expect(response.usage).toEqual({
      inputTokens: PROMPT_TOKENS,
      outputTokens: countTokens(answer),
    });
    expect(response).toMatchObject({ finishReason: "stop", costUsd: null });
    expect(model.provider).toBe("langchain");
    expect(model.modelId).toBe("support-chain");
  });

  it("gives the chain the question and the numbered passages", async () => {
    const response = await langChainModel(CHAIN_FILE, "promptPreview").generate(
      REQUEST,
    );

    // The chain's own template, filled with fmops' context and the
    // question its first step tidied.
    expect(response.text).toBe(
      "System: Answer support questions from these passages only:\n\n" +
        "[1] (refunds.md)\nRefunds take 14 days. Keep the receipt.\n\n" +
        "[2] (shipping.md)\nOrders ship within two days.\n" +
        "Human: How long do refunds take?",
    );
  });

  it("reads a chain that ends in a message", async () => {
    const response = await langChainModel(CHAIN_FILE, "messageChain").generate(
      REQUEST,
    );

    expect(response.text).toBe(
      "Refunds are issued within 14 days of the return.",
    );
  });

  it("returns when cancelled while the chain is still running", async () => {
    const model = langChainModel(CHAIN_FILE, "stuckChain");
    const controller = new AbortController();
    const call = model.generate({ ...REQUEST, abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await rejection(call);

    expect(error).toBeInstanceOf(ProviderCallError);
    expect(error).toMatchObject({ errorClass: "aborted", isRetryable: false });
  });
});

describe("LangChainChatModel with a chat model", () => {
  it("sends the prompt messages and keeps the usage the model reports", async () => {
    const response = await langChainModel(CHAT_MODEL_FILE).generate(REQUEST);

    // The model quotes passage [1]'s first sentence and counts words: 4 in
    // the system message, 24 in the user message; 4 in the answer.
    expect(response.text).toBe("Refunds take 14 days.");
    expect(response.usage).toEqual({ inputTokens: 28, outputTokens: 4 });
    expect(response.finishReason).toBe("stop");
  });

  it("counts usage a model does not report", async () => {
    const response = await langChainModel(
      CHAT_MODEL_FILE,
      "listModel",
    ).generate(REQUEST);
    const answer = "Orders ship within two business days.";

    expect(response.text).toBe(answer);
    expect(response.usage).toEqual({
      inputTokens: PROMPT_TOKENS,
      outputTokens: countTokens(answer),
    });
  });

  it("treats a chat model wrapped in a binding as a chat model", async () => {
    const response = await langChainModel(
      CHAT_MODEL_FILE,
      "boundModel",
    ).generate(REQUEST);

    expect(response.text).toBe("Refunds take 14 days.");
  });

  it("reports an error the model throws as a server error", async () => {
    const error = await rejection(
      langChainModel(CHAT_MODEL_FILE, "refusingModel").generate(REQUEST),
    );

    expect(error).toBeInstanceOf(ProviderCallError);
    expect(error).toMatchObject({
      errorClass: "server",
      isRetryable: false,
      message:
        'langchain model "support-chain" threw: quota exhausted for this key',
    });
  });
});

describe("LangChainChatModel loading", () => {
  it("refuses an export that is not a runnable", async () => {
    const modulePath = join(FIXTURES, "first-passage.mjs");
    const error = await rejection(
      langChainModel(modulePath, "offlineReader").generate(REQUEST),
    );

    expect(error).toBeInstanceOf(FmopsError);
    expect(error).toMatchObject({ code: "CONFIG_INVALID" });
    expect((error as FmopsError).message).toBe(
      `models.support: export "offlineReader" of ${modulePath} is a ` +
        "function; expected a LangChain chat model or runnable chain",
    );
  });

  it("names the missing export", async () => {
    const error = await rejection(
      langChainModel(CHAT_MODEL_FILE, "chain").generate(REQUEST),
    );

    expect(error).toMatchObject({ code: "CONFIG_INVALID" });
    expect((error as FmopsError).message).toContain(
      `export "chain" of ${CHAT_MODEL_FILE} does not exist`,
    );
  });
});
