import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { ProviderSettings } from "../../spec/experiment.js";

/** Sockets kept open per client; above the engine's usual concurrency. */
const MAX_SOCKETS = 64;

const clients = new Map<string, BedrockRuntimeClient>();

/**
 * The shared Bedrock Runtime client for a region and endpoint, created on
 * first use. Every model of the same account and place shares one pool of
 * keep-alive connections.
 *
 * The region comes from `settings.region`, else the standard AWS chain
 * (`AWS_REGION`, the shared config file); credentials always come from the
 * standard chain, so no secret passes through fmops. The SDK makes one
 * attempt per call: the engine's scheduler owns retries.
 */
export function getBedrockClient(
  settings: ProviderSettings = {},
): BedrockRuntimeClient {
  const key = JSON.stringify([
    settings.region ?? null,
    settings.endpoint ?? null,
  ]);
  let client = clients.get(key);
  if (client === undefined) {
    client = createBedrockClient(settings);
    clients.set(key, client);
  }
  return client;
}

function createBedrockClient(settings: ProviderSettings): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    ...(settings.region === undefined ? {} : { region: settings.region }),
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    maxAttempts: 1,
    // The SDK's default handler speaks HTTP/2 only; HTTP/1.1 with keep-alive
    // reaches Bedrock as well as local servers and proxies.
    requestHandler: new NodeHttpHandler({
      httpAgent: { keepAlive: true, maxSockets: MAX_SOCKETS },
      httpsAgent: { keepAlive: true, maxSockets: MAX_SOCKETS },
    }),
  });
}

/**
 * The address an operation is sent to, for error messages; `null` when
 * the region cannot be resolved (which is then the error to report).
 */
export async function describeBedrockUrl(
  client: BedrockRuntimeClient,
  settings: ProviderSettings,
  path: string,
): Promise<string | null> {
  if (settings.endpoint !== undefined) {
    return `${settings.endpoint.replace(/\/+$/, "")}${path}`;
  }
  try {
    const region = await client.config.region();
    return `https://bedrock-runtime.${region}.amazonaws.com${path}`;
  } catch {
    return null;
  }
}

/** The path of a model operation, the model id escaped as the SDK does. */
export function bedrockModelPath(
  modelId: string,
  operation: "converse" | "converse-stream" | "invoke",
): string {
  return `/model/${encodeURIComponent(modelId)}/${operation}`;
}
