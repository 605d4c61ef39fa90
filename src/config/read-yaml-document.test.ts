import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors/config-error.js";
import { parseYamlDocument, readYamlDocument } from "./read-yaml-document.js";

function parseError(text: string): ConfigError {
  try {
    parseYamlDocument(text, "e.yaml");
  } catch (error) {
    if (error instanceof ConfigError) return error;
  }
  throw new Error("expected a ConfigError");
}

describe("readYamlDocument", () => {
  it("reports a missing file as a ConfigError naming it", async () => {
    const folder = mkdtempSync(join(tmpdir(), "fmops-yaml-"));
    const file = join(folder, "absent.yaml");
    try {
      const error = await readYamlDocument(file).catch((thrown) => thrown);

      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toBe(
        `${file}: expected a readable YAML experiment file, got no such file (ENOENT)`,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("keeps the plain data next to the document", () => {
    const source = parseYamlDocument("a: [1, two]\n", "e.yaml");

    expect(source.data).toEqual({ a: [1, "two"] });
  });

  it("reports a syntax error with its line, column and the line's text", () => {
    const error = parseError("a: 1\nb: [1, 2\nc: 3\n");

    // The parser notices the unclosed list where `c` starts: line 3, column 1.
    expect(error.issues[0]?.location).toEqual({
      file: "e.yaml",
      line: 3,
      column: 1,
    });
    expect(error.issues[0]?.received).toBe('the line "c: 3"');
  });

  it("treats a file of comments only as empty", () => {
    const error = parseError("# nothing here\n");

    expect(error.message).toBe(
      "e.yaml:1:1: expected a mapping with the keys name, dataset, matrix " +
        "and evaluators, got an empty document",
    );
  });
});
