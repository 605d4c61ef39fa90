/** Stable codes; scripts may match on them. */
export type FmopsErrorCode =
  | "CONFIG_INVALID"
  | "DATASET_INVALID"
  | "RUN_NOT_FOUND"
  | "STORE_ERROR"
  | "PROVIDER_ERROR"
  | "USAGE";

/** Base of every error fmops raises on purpose. */
export class FmopsError extends Error {
  override readonly name: string = "FmopsError";
  readonly code: FmopsErrorCode;

  constructor(code: FmopsErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }

  /** True for errors the user can fix (bad input), as opposed to bugs. */
  get isUserError(): boolean {
    return this.code !== "STORE_ERROR";
  }
}
