import { describe, expect, it } from "vitest";
import { extractMarkdownTitle } from "./extract-markdown-title.js";

describe("extractMarkdownTitle", () => {
  it("takes the first level-one heading", () => {
    const markdown = "Preamble\n## Section\n# Leave policy\n# Later title";
    expect(extractMarkdownTitle(markdown)).toBe("Leave policy");
  });

  it("drops closing hashes and surrounding spaces", () => {
    expect(extractMarkdownTitle("   #   Travel rules  ##  \n")).toBe(
      "Travel rules",
    );
  });

  it("ignores headings inside fenced code", () => {
    const markdown =
      "```bash\n# install first\n```\n~~~\n# nor this\n~~~\n# Setup";
    expect(extractMarkdownTitle(markdown)).toBe("Setup");
  });

  it("is null without a level-one heading", () => {
    expect(extractMarkdownTitle("#hashtag\n## Only a section\n#\n")).toBeNull();
    expect(
      extractMarkdownTitle("    # indented code, not a heading"),
    ).toBeNull();
  });
});
