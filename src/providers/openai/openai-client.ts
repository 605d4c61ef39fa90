import OpenAI from "openai";
import { ProviderCallError } from "../../errors/provider-call-error.js";
import type { ProviderSettings } from "../../spec/experiment.js";
import { nodeHttpFetch } from "./node-http-fetch.js";
import { urlWithoutCredentials } from "./url-without-credentials.js";

/** The official endpoint, used when neither settings nor env name one. */
export const DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";

/** Where API keys are looked up; `process.env` unless a test injects one. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** How OpenAI models reach their server, shared by chat and embeddings. */
export interface OpenAiClientOptions {
  /** Read at every call, so a key exported mid-session is picked up. @default process.env */
  env?: Environment;
  /**
   * The SDK's own limit on waiting for response headers (a stream's body
   * is not covered). The engine's per-call timeout arrives through
   * `abortSignal`; this only backs it up. @default 600_000
   */
  timeoutMs?: number;
}

/** A ready client and what error messages may say about it. */
export interface OpenAiConnection {
  client: OpenAI;
  /** Base URL without credentials, e.g. `https://api.openai.com/v1`. */
  publicBaseUrl: string;
  /** The key in use, so that errors can redact it should a server echo it. */
  apiKey: string;
}

const DEFAULT_TIMEOUT_MS = 600_000;

// Node defines `Headers` and `Response` lazily: the first touch loads its
// fetch implementation (undici), some 25 ms. The SDK touches them in its
// first request, inside the first calls' measured latency; touching them
// as this module loads, before any call starts, keeps that out.
void [globalThis.Headers, globalThis.Response];

/** One client per base URL, key and timeout: each keeps its own sockets. */
const clients = new Map<string, OpenAI>();

/** Base URLs as error messages may show them, parsed once per URL. */
const publicBaseUrls = new Map<string, string>();

/**
 * The client for `settings`, reading the API key from the environment
 * now. A missing key is an `auth` error that names the variable, never a
 * value. Clients retry nothing (`maxRetries: 0`) because the engine's
 * scheduler owns retries, and log nothing because fmops owns the output.
 * They send through `nodeHttpFetch`, which costs less CPU per call.
 */
export function connectOpenAi(
  settings: ProviderSettings,
  modelId: string,
  options: OpenAiClientOptions = {},
): OpenAiConnection {
  const env = options.env ?? process.env;
  const baseUrl = resolveBaseUrl(settings, env);
  const publicBaseUrl = publicBaseUrlOf(baseUrl);
  const apiKey = readApiKey(settings, env, modelId, publicBaseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Unambiguous: neither a number nor a URL holds a space.
  const cacheKey = `${timeoutMs} ${baseUrl} ${apiKey}`;
  let client = clients.get(cacheKey);
  if (client === undefined) {
    client = new OpenAI({
      apiKey,
      baseURL: baseUrl,
      maxRetries: 0,
      timeout: timeoutMs,
      logLevel: "off",
      fetch: nodeHttpFetch,
    });
    clients.set(cacheKey, client);
  }
  return { client, publicBaseUrl, apiKey };
}

function publicBaseUrlOf(baseUrl: string): string {
  let publicBaseUrl = publicBaseUrls.get(baseUrl);
  if (publicBaseUrl === undefined) {
    publicBaseUrl = urlWithoutCredentials(baseUrl);
    publicBaseUrls.set(baseUrl, publicBaseUrl);
  }
  return publicBaseUrl;
}

/** `settings.baseUrl`, else `OPENAI_BASE_URL` as the SDK honours it. */
function resolveBaseUrl(settings: ProviderSettings, env: Environment): string {
  const baseUrl =
    settings.baseUrl ?? env.OPENAI_BASE_URL ?? DEFAULT_OPENAI_BASE_URL;
  return baseUrl.replace(/\/+$/, "");
}

function readApiKey(
  settings: ProviderSettings,
  env: Environment,
  modelId: string,
  publicBaseUrl: string,
): string {
  const variable = settings.apiKeyEnv ?? "OPENAI_API_KEY";
  const apiKey = env[variable]?.trim();
  if (apiKey !== undefined && apiKey !== "") return apiKey;
  throw new ProviderCallError(
    `openai ${modelId}: no API key; the environment variable ${variable} ` +
      "is not set or empty. Export it, or name another variable with " +
      "api_key_env in the experiment file.",
    {
      provider: "openai",
      modelId,
      errorClass: "auth",
      url: publicBaseUrl,
      isRetryable: false,
    },
  );
}
