export * from "./analyze-text.js";
export * from "./bm25-index.js";
export * from "./hybrid-index.js";
export * from "./open-search-index.js";
export * from "./reciprocal-rank-fusion.js";
export * from "./vector-index.js";
