import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { FmopsError, ProviderCallError } from "../../errors/index.js";
import type { ChatRequest } from "../../spec/index.js";
import { countTokens } from "../../util/count-tokens.js";
import { ExecChatModel } from "./exec-chat-model.js";

const FIXTURES = fileURLToPath(
  new URL("../../../fixtures/providers/", import.meta.url),
);

const USER_PROMPT =
  "Passages:\n[1] (shipping.md)\nOrders ship within two days.\n\n" +
  "[2] (refunds.md)\nRefunds are issued within 14 days. Keep the receipt.\n\n" +
  "Question: How long do refunds take?";

const REQUEST: ChatRequest = {
  question: "How long do refunds take?",
  messages: [
    { role: "system", content: "Answer from the passages." },
    { role: "user", content: USER_PROMPT },
  ],
  passages: [
    {
      chunkId: "s1",
      documentId: "shipping.md",
      text: "Orders ship within two days.",
    },
    {
      chunkId: "r1",
      documentId: "refunds.md",
      text: "Refunds are issued within 14 days. Keep the receipt.",
    },
  ],
};

function execModel(command: string[], cwd = FIXTURES): ExecChatModel {
  return new ExecChatModel(
    {
      alias: "reader",
      provider: "exec",
      model: "echo-reader",
      settings: { command },
    },
    { cwd },
  );
}

/** A one-line Node program, run without a shell. */
function nodeProgram(source: string): string[] {
  return [process.execPath, "--input-type=module", "-e", source];
}

async function callError(
  promise: Promise<unknown>,
): Promise<ProviderCallError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ProviderCallError);
  return error as ProviderCallError;
}

describe("ExecChatModel", () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true });
  });

  it("answers with what the program prints and counts usage it leaves out", async () => {
    const model = execModel([process.execPath, "echo-reader.mjs"]);
    const response = await model.generate(REQUEST);

    // Of the question words (long, refunds, take) only "refunds" occurs,
    // in passage 2; the script answers with its first sentence.
    expect(response.text).toBe("Refunds are issued within 14 days.");
    expect(response.usage).toEqual({
      inputTokens:
        countTokens("Answer from the passages.") + countTokens(USER_PROMPT),
      outputTokens: countTokens("Refunds are issued within 14 days."),
    });
    expect(response).toMatchObject({
      finishReason: "stop",
      costUsd: null,
      timeToFirstTokenMs: null,
    });
    expect(model.provider).toBe("exec");
    expect(model.modelId).toBe("echo-reader");
  });

  it("takes the usage the program reports", async () => {
    const model = execModel([
      process.execPath,
      "echo-reader.mjs",
      "--report-usage",
    ]);
    const response = await model.generate(REQUEST);

    // Counted in words by the script: 4 in the system message, 27 in the
    // user message; 6 in the answer.
    expect(response.usage).toEqual({ inputTokens: 31, outputTokens: 6 });
  });

  it("writes the request to stdin as one JSON object", async () => {
    const echoStdin = nodeProgram(
      'import { text } from "node:stream/consumers";' +
        "const input = await text(process.stdin);" +
        "process.stdout.write(JSON.stringify({ text: input }));",
    );
    const response = await execModel(echoStdin).generate({
      ...REQUEST,
      maxOutputTokens: 64,
    });

    expect(JSON.parse(response.text)).toEqual({
      question: REQUEST.question,
      messages: REQUEST.messages,
      passages: REQUEST.passages,
      temperature: null,
      maxOutputTokens: 64,
    });
  });

  it("runs the program in the folder it is given", async () => {
    const folder = mkdtempSync(join(tmpdir(), "fmops-exec-"));
    folders.push(folder);
    const printCwd = nodeProgram(
      "process.stdout.write(JSON.stringify({ text: process.cwd() }));",
    );
    const response = await execModel(printCwd, folder).generate(REQUEST);

    expect(response.text).toBe(folder);
  });

  it("reports a non-zero exit as a server error with the end of stderr", async () => {
    const model = execModel([process.execPath, "failing-reader.mjs"]);
    const error = await callError(model.generate(REQUEST));

    expect(error.errorClass).toBe("server");
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain("exit code 3");
    expect(error.message).toContain("error: index file answers.idx not found");
    expect(error.responseBody).toBe(
      "loading the index...\nerror: index file answers.idx not found",
    );
  });

  it("reports a program that cannot start as a server error", async () => {
    const model = execModel(["fmops-no-such-program"]);
    const error = await callError(model.generate(REQUEST));

    expect(error.errorClass).toBe("server");
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain("ENOENT");
    expect(error.message).not.toContain("\n");
  });

  it("refuses plain text on stdout, quoting it", async () => {
    const model = execModel([process.execPath, "plain-text-reader.mjs"]);
    const error = await callError(model.generate(REQUEST));

    expect(error.errorClass).toBe("bad_response");
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain("stdout is not JSON");
    expect(error.message).toContain('"Refunds are issued within 14 days."');
    expect(error.responseBody).toBe("Refunds are issued within 14 days.");
  });

  it("quotes at most the first 200 characters of unreadable stdout", async () => {
    const printLetters = nodeProgram(
      'process.stdout.write("a".repeat(200) + "#".repeat(100));',
    );
    const error = await callError(execModel(printLetters).generate(REQUEST));

    expect(error.message).toContain(`"${"a".repeat(200)}"`);
    expect(error.message).not.toContain("#");
  });

  it("refuses JSON without a text field", async () => {
    const printAnswer = nodeProgram(
      'process.stdout.write(JSON.stringify({ answer: "14 days" }));',
    );
    const error = await callError(execModel(printAnswer).generate(REQUEST));

    expect(error.errorClass).toBe("bad_response");
    expect(error.message).toContain("text:");
  });

  it("kills the program when the call is cancelled", async () => {
    const folder = mkdtempSync(join(tmpdir(), "fmops-exec-"));
    folders.push(folder);
    const pidFile = join(folder, "pid");
    const model = execModel([process.execPath, "slow-reader.mjs", pidFile]);
    const controller = new AbortController();

    const call = model.generate({ ...REQUEST, abortSignal: controller.signal });
    await waitForFile(pidFile);
    controller.abort();
    const error = await callError(call);

    expect(error.errorClass).toBe("aborted");
    expect(error.isRetryable).toBe(false);
    const pid = Number(readFileSync(pidFile, "utf8"));
    expect(isRunning(pid)).toBe(false);
  });

  it("reports a call cut off by a timeout signal as a retryable timeout", async () => {
    const model = execModel([process.execPath, "slow-reader.mjs"]);
    const error = await callError(
      model.generate({ ...REQUEST, abortSignal: AbortSignal.timeout(50) }),
    );

    expect(error.errorClass).toBe("timeout");
    expect(error.isRetryable).toBe(true);
  });

  it("starts nothing when the call is already cancelled", async () => {
    const folder = mkdtempSync(join(tmpdir(), "fmops-exec-"));
    folders.push(folder);
    const pidFile = join(folder, "pid");
    const model = execModel([process.execPath, "slow-reader.mjs", pidFile]);

    const error = await callError(
      model.generate({ ...REQUEST, abortSignal: AbortSignal.abort() }),
    );

    expect(error.errorClass).toBe("aborted");
    expect(existsSync(pidFile)).toBe(false);
  });

  it("refuses a model without a command", () => {
    const create = () =>
      new ExecChatModel(
        {
          alias: "reader",
          provider: "exec",
          model: "x",
          settings: { command: [] },
        },
        { cwd: FIXTURES },
      );

    expect(create).toThrow(FmopsError);
    expect(create).toThrow("models.reader.settings.command");
  });
});

async function waitForFile(path: string): Promise<void> {
  while (!existsSync(path)) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
