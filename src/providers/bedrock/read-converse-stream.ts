import type {
  ConverseStreamOutput,
  TokenUsage,
} from "@aws-sdk/client-bedrock-runtime";

/** What a ConverseStream answer adds up to once its last event is read. */
export interface ConverseStreamResult {
  text: string;
  /** From `messageStop`; `null` when the stream ended without one. */
  stopReason: string | null;
  /** From `metadata`; `null` when the stream ended without it. */
  usage: TokenUsage | null;
  /** From the call's start to the first content delta; `null` if none came. */
  timeToFirstTokenMs: number | null;
}

export interface StreamClock {
  /** When the call started, on the `now` clock. */
  startMs: number;
  now: () => number;
}

/**
 * Reads a ConverseStream to its end: text deltas are joined, the first
 * delta of any kind marks the time to first token, and the closing events
 * give the stop reason and the usage. Stops as soon as `abortSignal` fires.
 */
export async function readConverseStream(
  stream: AsyncIterable<ConverseStreamOutput>,
  clock: StreamClock,
  abortSignal?: AbortSignal,
): Promise<ConverseStreamResult> {
  const parts: string[] = [];
  const result: ConverseStreamResult = {
    text: "",
    stopReason: null,
    usage: null,
    timeToFirstTokenMs: null,
  };
  for await (const event of stream) {
    abortSignal?.throwIfAborted();
    if (event.contentBlockDelta !== undefined) {
      result.timeToFirstTokenMs ??= clock.now() - clock.startMs;
      const text = event.contentBlockDelta.delta?.text;
      if (text !== undefined) parts.push(text);
    }
    if (event.messageStop !== undefined) {
      result.stopReason = event.messageStop.stopReason ?? null;
    }
    if (event.metadata !== undefined) {
      result.usage = event.metadata.usage ?? null;
    }
  }
  result.text = parts.join("");
  return result;
}
