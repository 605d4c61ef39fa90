export * from "./budget-reached-error.js";
export * from "./config-error.js";
export * from "./dataset-error.js";
export * from "./fmops-error.js";
export * from "./provider-call-error.js";
export * from "./run-stopped-error.js";
