import { FmopsError } from "../../errors/fmops-error.js";

/**
 * A call that failed on every attempt the retry policy allowed. It keeps
 * each attempt's error in order and reads as the last one, which is also
 * its `cause`.
 */
export class RetriesExhaustedError extends FmopsError {
  override readonly name = "RetriesExhaustedError";
  readonly provider: string;
  /** What each attempt threw, the first attempt first; never empty. */
  readonly errors: unknown[];

  constructor(provider: string, errors: unknown[]) {
    const lastError = errors.at(-1);
    super("PROVIDER_ERROR", messageOf(lastError), { cause: lastError });
    this.provider = provider;
    this.errors = errors;
  }

  get lastError(): unknown {
    return this.errors.at(-1);
  }

  get attemptCount(): number {
    return this.errors.length;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
