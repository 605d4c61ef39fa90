import { describe, expect, it } from "vitest";
import { sha256 } from "../util/hash.js";
import { defaultPrompt, findBuiltinPrompt } from "./builtin-prompts.js";

describe("built-in prompts", () => {
  it("give the grounded prompt a system part and both placeholders", () => {
    const prompt = defaultPrompt();

    expect(prompt.id).toBe("builtin:grounded");
    expect(prompt.template).toMatch(/^--- user ---$/m);
    expect(prompt.template).toContain("{{context}}");
    expect(prompt.template).toContain("{{question}}");
    expect(prompt.contentHash).toBe(sha256(prompt.template));
  });

  it("find built-ins by id and nothing else", () => {
    expect(findBuiltinPrompt("builtin:grounded")).toEqual(defaultPrompt());
    expect(findBuiltinPrompt("builtin:chatty")).toBeNull();
    expect(findBuiltinPrompt("grounded")).toBeNull();
  });
});
