import { readFileSync } from "node:fs";
import type { JudgeMetric, JudgePromptSpec } from "../../spec/experiment.js";
import { sha256 } from "../../util/hash.js";

/**
 * The prompt version each metric uses. A prompt file is never edited once
 * released: a better prompt is a new file with the next version, so runs
 * scored with the old one stay explained by their stored configuration.
 */
const PROMPT_VERSIONS: Readonly<Record<JudgeMetric | "rubric", string>> = {
  correctness: "v1",
  faithfulness: "v1",
  answer_relevancy: "v1",
  context_precision: "v1",
  context_recall: "v1",
  judge_fluency: "v1",
  rubric: "v1",
};

/** Prompt files ship in `prompts/judge/`; the same two levels up from dist. */
const PROMPTS_FOLDER = new URL("../../../prompts/judge/", import.meta.url);

/** The shipped prompt of a judge metric, read from its versioned file. */
export function readJudgePrompt(metric: JudgeMetric): JudgePromptSpec {
  return readShippedPrompt(metric);
}

/**
 * A team's rubric inside the shipped rubric prompt. The id is the rubric's
 * path; the hash covers both, so changing either changes the config hash.
 */
export function rubricPrompt(
  rubricId: string,
  rubricText: string,
): JudgePromptSpec {
  const wrapper = readShippedPrompt("rubric");
  // A function, so that `$&` or `$$` in a rubric stay as written.
  const template = wrapper.template.replace("{{rubric}}", () =>
    rubricText.trim(),
  );
  return {
    id: rubricId,
    version: wrapper.version,
    template,
    contentHash: sha256(template),
  };
}

function readShippedPrompt(name: JudgeMetric | "rubric"): JudgePromptSpec {
  const version = PROMPT_VERSIONS[name];
  const file = new URL(`${name}.${version}.md`, PROMPTS_FOLDER);
  const template = readFileSync(file, "utf8");
  return {
    id: `judge/${name}.${version}`,
    version,
    template,
    contentHash: sha256(template),
  };
}
