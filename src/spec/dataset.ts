/** One document of a corpus, as loaded from a folder or a BEIR corpus. */
export interface CorpusDocument {
  /** Stable id: the file path without extension, or BEIR's `_id`. */
  id: string;
  /** Title, when the source has one (BEIR `title`, first markdown heading). */
  title?: string;
  /** Full text to chunk and index (title included where the source has one). */
  text: string;
}

export interface Corpus {
  documents: CorpusDocument[];
  /** sha256 over ids and texts in id order; part of every index key. */
  contentHash: string;
  /** Absolute path the corpus was read from. */
  sourcePath: string;
}

/** One labelled question. */
export interface Question {
  id: string;
  question: string;
  /** Gold answers; empty for retrieval-only datasets such as BEIR. */
  answers: string[];
  /**
   * Relevant document ids with their relevance grade (1 when the source
   * gives no grade). Grade 0 entries are judged non-relevant.
   */
  relevant: Record<string, number>;
}

export interface QuestionSet {
  questions: Question[];
  /** sha256 over the canonical JSON of the questions in file order. */
  contentHash: string;
  sourcePath: string;
}
