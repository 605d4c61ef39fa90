import type { ChatResponse, ChatUsage } from "../../spec/index.js";

/**
 * An answer as a team's program, function or chain gives it back. Usage
 * figures it leaves out are counted by fmops.
 */
export interface ReportedAnswer {
  text: string;
  usage?: Partial<ChatUsage>;
  /** @default "stop" */
  finishReason?: ChatResponse["finishReason"];
}

/** An answer that could be read, or the reason it could not. */
export type AnswerReading =
  | { isReadable: true; answer: ReportedAnswer }
  | { isReadable: false; problem: string };
