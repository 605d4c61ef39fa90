export * from "./axis-effects.js";
export * from "./bootstrap-mean-interval.js";
export * from "./paired-difference-test.js";
export * from "./pareto-front.js";
export * from "./resampling-options.js";
export * from "./seeded-random.js";
