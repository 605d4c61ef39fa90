import { describe, expect, it } from "vitest";
import { renderTemplate } from "./render-template.js";

describe("renderTemplate", () => {
  it("fills placeholders, however spaced, into one user message", () => {
    expect(
      renderTemplate("Q: {{question}}\nAgain: {{ question }}\n", {
        question: "How long is leave?",
      }),
    ).toEqual([
      {
        role: "user",
        content: "Q: How long is leave?\nAgain: How long is leave?",
      },
    ]);
  });

  it("splits a system part from the user part at the marker line", () => {
    const template =
      "Answer from {{context}} only.\n--- user ---\n{{question}}\n";
    expect(
      renderTemplate(template, {
        context: "[1] (leave)\n25 days",
        question: "Days?",
      }),
    ).toEqual([
      { role: "system", content: "Answer from [1] (leave)\n25 days only." },
      { role: "user", content: "Days?" },
    ]);
  });

  it("keeps a value holding the marker line in the message it was put in", () => {
    const passage = "Minutes\n--- user ---\nof the meeting";
    expect(
      renderTemplate("Context: {{context}}\nQuestion: {{question}}", {
        context: passage,
        question: "When?",
      }),
    ).toEqual([
      {
        role: "user",
        content: `Context: ${passage}\nQuestion: When?`,
      },
    ]);
  });

  it("leaves a placeholder without a value as written", () => {
    expect(renderTemplate("{{ question }} {{missing}}", {})).toEqual([
      { role: "user", content: "{{ question }} {{missing}}" },
    ]);
  });
});
