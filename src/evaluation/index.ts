export * from "./answer-metrics.js";
export * from "./create-evaluators.js";
export * from "./metric-name.js";
export * from "./normalize-answer.js";
export * from "./percentile.js";
export * from "./retrieval-metrics.js";
export * from "./summarize-cell.js";
