import type { IndexNeed } from "../engine/run-bench.js";
import type { Question } from "../spec/dataset.js";
import type { Cell, EmbedderSpec } from "../spec/experiment.js";
import { countTokens } from "../util/count-tokens.js";
import type { CallTally } from "./call-tally.js";
import { isLocalEmbedder } from "./index-needs.js";

export interface QueryEmbeddingPlanning {
  questions: readonly Question[];
  embedders: ReadonlyMap<string, EmbedderSpec>;
  tally: CallTally;
  isCacheEnabled: boolean;
}

/**
 * Remote embedders embed each question to search their index. With the
 * response cache on, a question is embedded once per embedder however
 * many cells search with it; with it off, once per distinct retrieval.
 * Query embeddings cached by earlier runs are not looked up, so this
 * counts them as calls: an upper bound.
 */
export function planQueryEmbeddings(
  planning: QueryEmbeddingPlanning,
  cells: ReadonlyArray<{ cell: Cell; needs: readonly IndexNeed[] }>,
): void {
  const seen = new Set<string>();
  for (const { cell, needs } of cells) {
    for (const need of needs) {
      const spec = planning.embedders.get(need.embedder);
      if (spec === undefined || isLocalEmbedder(spec.id)) continue;
      const { chunking, retrieval, topK } = cell.params;
      const scope = planning.isCacheEnabled
        ? spec.id
        : JSON.stringify([spec.id, chunking, retrieval, topK]);
      for (const question of planning.questions) {
        const name = JSON.stringify([scope, question.question]);
        if (seen.has(name)) continue;
        seen.add(name);
        planning.tally.addCall(
          {
            provider: spec.provider,
            modelId: spec.model,
            kind: "embedding",
            purpose: "system",
          },
          { inputTokens: countTokens(question.question), outputTokens: 0 },
        );
      }
    }
  }
}
