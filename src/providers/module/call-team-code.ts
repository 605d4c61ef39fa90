import type { ChatRequest } from "../../spec/index.js";
import { raceWithAbort } from "../../util/race-with-abort.js";
import {
  abortedCallError,
  type CallingModel,
  thrownCallError,
} from "./call-errors.js";

/**
 * Runs a team's in-process code for one call. It cannot be killed, but
 * the call returns as soon as the request is aborted; what it throws
 * becomes a provider call error naming the model.
 */
export async function callTeamCode(
  model: CallingModel,
  request: ChatRequest,
  start: () => unknown,
): Promise<unknown> {
  const signal = request.abortSignal;
  if (signal?.aborted) throw abortedCallError(model, signal);
  try {
    // Inside a promise, so code that throws before returning is handled
    // like code that rejects.
    const work = Promise.resolve().then(start);
    return await raceWithAbort(work, signal);
  } catch (error) {
    if (signal?.aborted) throw abortedCallError(model, signal);
    throw thrownCallError(model, error);
  }
}
