import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { Runnable, RunnableBinding } from "@langchain/core/runnables";
import { FmopsError } from "../../errors/index.js";
import { describeKind } from "../module/describe-kind.js";
import {
  describeLocation,
  type ModuleLocation,
} from "../module/module-location.js";

/**
 * What a `langchain` export turned out to be. A chat model is sent the
 * prompt messages; any other runnable is a chain and is sent the case's
 * question, passages and messages to use as it was built to.
 */
export interface LangChainTarget {
  kind: "chat-model" | "chain";
  runnable: Runnable;
}

/** Sorts an export into a chat model or a chain, or refuses it. */
export function toLangChainTarget(
  value: unknown,
  location: ModuleLocation,
): LangChainTarget {
  if (!Runnable.isRunnable(value)) {
    throw new FmopsError(
      "CONFIG_INVALID",
      `models.${location.alias}: ${describeLocation(location)} is ` +
        `${describeKind(value)}; expected a LangChain chat model or ` +
        "runnable chain",
    );
  }
  const kind = isChatModel(value) ? "chat-model" : "chain";
  return { kind, runnable: value };
}

function isChatModel(runnable: Runnable): boolean {
  if (runnable instanceof BaseChatModel) return true;
  if (hasChatModelTag(runnable)) return true;
  // `model.withConfig(…)` and `model.bind(…)` wrap the model in a binding.
  return (
    RunnableBinding.isRunnableBinding(runnable) && isChatModel(runnable.bound)
  );
}

/**
 * A file that brings its own copy of @langchain/core (its own
 * node_modules, or the isolated graph tsx compiles a TypeScript file in)
 * builds its models from another `BaseChatModel` class, so `instanceof`
 * fails; the model type tag is the same in every copy.
 */
function hasChatModelTag(runnable: Runnable): boolean {
  const model = runnable as { _modelType?: () => unknown };
  return (
    typeof model._modelType === "function" &&
    model._modelType() === "base_chat_model"
  );
}
