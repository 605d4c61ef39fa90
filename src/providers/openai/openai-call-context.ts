/** What an error raised by one OpenAI call needs to describe itself. */
export interface OpenAiCallContext {
  modelId: string;
  /** The endpoint called, credentials already removed. */
  url: string;
  /** Redacted from every message and body an error keeps. */
  apiKey: string;
  /** The caller's signal; its reason tells a timeout from a cancel. */
  abortSignal?: AbortSignal | undefined;
}

/** Replaces every occurrence of the API key, should a server echo it. */
export function redactApiKey(text: string, context: OpenAiCallContext): string {
  if (context.apiKey === "") return text;
  return text.replaceAll(context.apiKey, "[redacted]");
}
