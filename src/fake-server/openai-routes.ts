import type { FakeRoute } from "./fake-route.js";
import { chatCompletionsRoute } from "./openai-routes-chat.js";
import { embeddingsRoute } from "./openai-routes-embeddings.js";
import { writeJson } from "./write-json.js";

export { writeOpenAiFault } from "./openai-routes-faults.js";

/** Models `GET /v1/models` lists; clients probe it to check a server. */
const LISTED_MODELS = ["gpt-4o-mini", "text-embedding-3-small"];

const modelsRoute: FakeRoute = {
  method: "GET",
  path: /^\/v1\/models$/,
  vendor: "openai",
  prepare:
    ({ response }) =>
    () =>
      writeJson(response, 200, {
        object: "list",
        data: LISTED_MODELS.map((id) => ({
          id,
          object: "model",
          created: 1_700_000_000,
          owned_by: "fmops-fake",
        })),
      }),
};

/** The OpenAI endpoints the fake server speaks. */
export const openAiRoutes: FakeRoute[] = [
  chatCompletionsRoute,
  embeddingsRoute,
  modelsRoute,
];
