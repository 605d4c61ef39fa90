/**
 * Exit codes scripts and CI can rely on; the README documents them.
 * 1 is reserved for a failed gate.
 */
export const EXIT_CODES = {
  ok: 0,
  gateFailed: 1,
  usageError: 2,
  runFailed: 3,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
