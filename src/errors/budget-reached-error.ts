/**
 * A provider call the budget did not admit. The case it belonged to is
 * not recorded: it was not run, and resuming the run with a larger budget
 * runs it.
 */
export class BudgetReachedError extends Error {
  override readonly name = "BudgetReachedError";
}
