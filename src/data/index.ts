export { type CorpusFormat, loadCorpus } from "./load-corpus.js";
export {
  hashQuestions,
  loadQuestions,
  type QuestionFormat,
  type QuestionSource,
} from "./load-questions.js";
export {
  findUnknownRelevantIds,
  type UnknownRelevantId,
} from "./validate-relevance.js";
