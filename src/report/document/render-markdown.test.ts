import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render-markdown.js";

describe("renderMarkdown", () => {
  it("escapes pipes and joins lines inside table cells", () => {
    const text = renderMarkdown([
      {
        kind: "table",
        table: {
          head: ["question", "score"],
          rows: [["a | b\nc", "0.500"]],
          align: ["left", "right"],
        },
      },
    ]);
    expect(text).toBe(
      "| question | score |\n" +
        "| -------- | ----: |\n" +
        "| a \\| b c | 0.500 |\n",
    );
  });

  it("keeps words with underscores and plain brackets readable", () => {
    const text = renderMarkdown([
      { kind: "paragraph", text: "token_f1 in [0.1, 0.3] at p < 0.05" },
    ]);
    expect(text).toBe("token_f1 in [0.1, 0.3] at p < 0.05\n");
  });

  it("escapes what would become emphasis, a link or a tag", () => {
    const text = renderMarkdown([
      { kind: "paragraph", text: "*bold* _x_ [a](b) <script>" },
    ]);
    expect(text).toBe("\\*bold\\* \\_x\\_ [a\\](b) \\<script>\n");
  });

  it("writes inline code that holds backticks", () => {
    const text = renderMarkdown([
      { kind: "paragraph", text: [{ code: "a`b" }] },
    ]);
    expect(text).toBe("`` a`b ``\n");
  });
});
