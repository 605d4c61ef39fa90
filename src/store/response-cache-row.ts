/** A model response to keep in the response cache. */
export interface CachedResponseEntry {
  /** Hash of everything that decides the answer; see `ResponseCache`. */
  key: string;
  provider: string;
  modelId: string;
  /** The response as JSON; it must hold no secret. */
  responseJson: string;
}

/** A `response_cache` row as written; `hit_count` starts at 0. */
export interface ResponseCacheRow {
  key: string;
  provider: string;
  model_id: string;
  response_json: string;
  created_at: string;
}

export function toResponseCacheRow(
  entry: CachedResponseEntry,
  createdAt: Date,
): ResponseCacheRow {
  return {
    key: entry.key,
    provider: entry.provider,
    model_id: entry.modelId,
    response_json: entry.responseJson,
    created_at: createdAt.toISOString(),
  };
}
