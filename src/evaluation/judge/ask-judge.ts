import { z } from "zod";
import { BudgetReachedError } from "../../errors/budget-reached-error.js";
import type { ChatMessage, ChatModel } from "../../spec/chat-model.js";
import type { Unscored } from "../../spec/evaluator.js";
import type { JudgeSpec } from "../../spec/experiment.js";
import { parseAnswerJson } from "../offline/parse-answer-json.js";

/** What a judge is asked: the messages and the reply's expected shape. */
export interface JudgeQuestion<Reply> {
  messages: ChatMessage[];
  schema: z.ZodType<Reply>;
  /** The case's question, for providers that read the whole request. */
  question: string;
}

/** The judge's parsed reply, or why there is none. */
export type JudgeReply<Reply> =
  | { isParsed: true; value: Reply }
  | { isParsed: false; unscored: Unscored };

type ReplyCheck<Reply> =
  | { isValid: true; value: Reply }
  | { isValid: false; problem: string; summary: string };

/**
 * Asks the judge and parses its reply as JSON of the expected shape. An
 * unusable reply is sent back with what was wrong, up to `parseRetries`
 * more times. A failed call (after the gateway's own retries) or a reply
 * still unusable gives `Unscored` with the reason, never a score.
 */
export async function askJudge<Reply>(
  judge: ChatModel,
  settings: JudgeSpec,
  question: JudgeQuestion<Reply>,
): Promise<JudgeReply<Reply>> {
  const tries = settings.parseRetries + 1;
  const messages = [...question.messages];
  for (let attempt = 1; ; attempt += 1) {
    const reply = await callJudge(judge, settings, messages, question.question);
    if (typeof reply !== "string") return { isParsed: false, unscored: reply };

    const checked = checkReply(reply, question.schema);
    if (checked.isValid) return { isParsed: true, value: checked.value };
    if (attempt === tries) {
      const times = tries === 1 ? "1 try" : `${tries} tries`;
      const reason = `judge reply ${checked.summary} after ${times}`;
      return { isParsed: false, unscored: { score: null, reason } };
    }
    messages.push(
      { role: "assistant", content: reply },
      { role: "user", content: correction(checked.problem) },
    );
  }
}

async function callJudge(
  judge: ChatModel,
  settings: JudgeSpec,
  messages: ChatMessage[],
  question: string,
): Promise<string | Unscored> {
  try {
    const response = await judge.generate({
      messages: [...messages],
      question,
      passages: [],
      temperature: settings.model.temperature,
      maxOutputTokens: settings.model.maxOutputTokens,
    });
    return response.text;
  } catch (error) {
    // A call the budget refused leaves the case unrun, not unscored.
    if (error instanceof BudgetReachedError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return { score: null, reason: `judge call failed: ${message}` };
  }
}

function checkReply<Reply>(
  reply: string,
  schema: z.ZodType<Reply>,
): ReplyCheck<Reply> {
  const json = parseAnswerJson(reply);
  if (!json.isJson) {
    return {
      isValid: false,
      problem: "Your reply was not valid JSON.",
      summary: "was not valid JSON",
    };
  }
  const parsed = schema.safeParse(json.value);
  if (parsed.success) return { isValid: true, value: parsed.data };
  const issues = z.prettifyError(parsed.error);
  return {
    isValid: false,
    problem: `Your JSON did not have the expected shape:\n${issues}`,
    summary: `did not have the expected shape (${oneLine(issues)})`,
  };
}

function correction(problem: string): string {
  return (
    `${problem}\nReply again with JSON only, no other text, in the shape ` +
    "the instructions give."
  );
}

function oneLine(text: string): string {
  return text.replaceAll(/\s*\n\s*/g, "; ").replaceAll("✖ ", "");
}
