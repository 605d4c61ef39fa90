import { describe, expect, it } from "vitest";
import { locateField } from "./locate-field.js";
import { parseYamlDocument } from "./read-yaml-document.js";

// Line numbers below are those of this text, counted from 1.
const TEXT = [
  "# comment", //                                            1
  "name: demo", //                                           2
  "matrix:", //                                              3
  "  chunking:", //                                          4
  "    - { strategy: recursive, size: 256 }", //             5
  "    - strategy: token", //                                6
  "      size: 64", //                                       7
  "  top_k: [3, 5]", //                                      8
  "",
].join("\n");

function locate(path: PropertyKey[]) {
  const source = parseYamlDocument(TEXT, "demo.yaml");
  return locateField(source.document, source.lineCounter, path);
}

describe("locateField", () => {
  it("points a mapping entry at its key", () => {
    expect(locate(["name"])).toEqual({ line: 2, column: 1 });
    expect(locate(["matrix", "chunking", 1, "size"])).toEqual({
      line: 7,
      column: 7,
    });
  });

  it("points a list item at the item, in flow and block style", () => {
    // "  top_k: [3, 5]" puts the 5 in column 14 of line 8.
    expect(locate(["matrix", "top_k", 1])).toEqual({ line: 8, column: 14 });
    expect(locate(["matrix", "chunking", 1])).toEqual({ line: 6, column: 7 });
  });

  it("points a missing key at the mapping that should hold it", () => {
    // The first chunking entry is the flow mapping opening in column 7.
    expect(locate(["matrix", "chunking", 0, "overlap"])).toEqual({
      line: 5,
      column: 7,
    });
    // The root mapping starts after the comment.
    expect(locate(["dataset", "corpus"])).toEqual({ line: 2, column: 1 });
  });

  it("stops at a value that has no children", () => {
    expect(locate(["name", "first"])).toEqual({ line: 2, column: 1 });
    expect(locate(["matrix", "top_k", 9])).toEqual({ line: 8, column: 3 });
  });
});
