/**
 * Exit codes scripts and CI can rely on; the README documents them.
 * 1 means a gate failed (`fmops gate`, `fmops bench --gate`).
 */
export const EXIT_CODES = {
  ok: 0,
  gateFailed: 1,
  usageError: 2,
  runFailed: 3,
  /** The run reached its cost budget; it is recorded as `stopped`. */
  budgetReached: 4,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
