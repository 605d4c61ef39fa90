/**
 * How hard fmops may use one provider. Absent fields mean no limit of that
 * kind; the run's global concurrency still applies.
 */
export interface ProviderLimits {
  /** Most calls in flight at once. */
  concurrency?: number;
  /** Most calls started in any 60-second window. */
  requestsPerMinute?: number;
  /** Most estimated tokens sent in any 60-second window. */
  tokensPerMinute?: number;
}
