import { describe, expect, it } from "vitest";
import { parseExecOutput } from "./parse-exec-output.js";

describe("parseExecOutput", () => {
  it("reads text and usage, ignoring extra members", () => {
    const stdout =
      '{"text":"14 days","usage":{"inputTokens":120,"outputTokens":3},' +
      '"sources":["refunds.md"]}\n';

    expect(parseExecOutput(stdout)).toEqual({
      isReadable: true,
      answer: { text: "14 days", usage: { inputTokens: 120, outputTokens: 3 } },
    });
  });

  it("accepts usage with only some figures", () => {
    expect(parseExecOutput('{"text":"ok","usage":{"outputTokens":1}}')).toEqual(
      { isReadable: true, answer: { text: "ok", usage: { outputTokens: 1 } } },
    );
  });

  it("says what is wrong with stdout it cannot read", () => {
    expect(parseExecOutput(" \n")).toEqual({
      isReadable: false,
      problem: "stdout is empty",
    });
    expect(parseExecOutput("14 days")).toEqual({
      isReadable: false,
      problem: "stdout is not JSON",
    });
    expect(parseExecOutput('["14 days"]')).toEqual({
      isReadable: false,
      problem: "stdout is JSON but not an object",
    });
  });

  it("names the field that breaks the shape", () => {
    const missingText = parseExecOutput('{"answer":"14 days"}');
    const negativeUsage = parseExecOutput(
      '{"text":"ok","usage":{"inputTokens":-1}}',
    );

    expect(missingText.isReadable).toBe(false);
    expect(!missingText.isReadable && missingText.problem).toMatch(/^text: /);
    expect(!negativeUsage.isReadable && negativeUsage.problem).toMatch(
      /^usage\.inputTokens: /,
    );
  });
});
