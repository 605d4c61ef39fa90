/** The suffix a repeat r ≥ 2 adds to its question's id: `q#2`, `q#3`… */
const REPEAT_SUFFIX = /#\d+$/;

/** The id of repeat `repeat` (from 1) of a question. */
export function repeatQuestionId(questionId: string, repeat: number): string {
  return repeat === 1 ? questionId : `${questionId}#${repeat}`;
}

/**
 * The question a case asked: `q#3` → `q`. Data set ids never end in `#`
 * and digits (loading refuses them), so the suffix is always a repeat's.
 */
export function questionOfCase(caseId: string): string {
  return caseId.replace(REPEAT_SUFFIX, "");
}

/** Whether a data set may use `id`: the repeat suffix is reserved. */
export function isFreeOfRepeatSuffix(id: string): boolean {
  return !REPEAT_SUFFIX.test(id);
}
