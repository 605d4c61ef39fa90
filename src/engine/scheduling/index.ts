export * from "./call-scheduler.js";
export * from "./circuit-breaker.js";
export * from "./clock.js";
export * from "./provider-limits.js";
export * from "./rate-limiter.js";
export * from "./retries-exhausted-error.js";
export * from "./retry-policy.js";
export * from "./token-bucket.js";
