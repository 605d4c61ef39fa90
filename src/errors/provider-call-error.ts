import { FmopsError } from "./fmops-error.js";

/** Why a provider call failed, in words a calls table can group by. */
export type ProviderErrorClass =
  | "rate_limit"
  | "server"
  | "timeout"
  | "network"
  | "bad_response"
  | "auth"
  | "bad_request"
  | "circuit_open"
  | "aborted";

export interface ProviderCallErrorDetails {
  provider: string;
  modelId: string;
  errorClass: ProviderErrorClass;
  /** Endpoint called, without credentials. */
  url?: string | null;
  /** HTTP status, when the server answered. */
  statusCode?: number | null;
  /** The response body as received (truncated), when there was one. */
  responseBody?: string | null;
  /** Whether the same request may succeed if sent again. */
  isRetryable: boolean;
  /** How long the server asked us to wait (Retry-After, retry-after-ms). */
  retryAfterMs?: number | null;
}

/** Largest part of a response body an error keeps. */
const MAX_BODY_CHARACTERS = 2_000;

/**
 * A model or embedding call that did not produce a usable response. It
 * carries what a user or a retry policy needs to act on it.
 */
export class ProviderCallError extends FmopsError {
  override readonly name = "ProviderCallError";
  readonly provider: string;
  readonly modelId: string;
  readonly errorClass: ProviderErrorClass;
  readonly url: string | null;
  readonly statusCode: number | null;
  readonly responseBody: string | null;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | null;

  constructor(
    message: string,
    details: ProviderCallErrorDetails,
    options?: ErrorOptions,
  ) {
    super("PROVIDER_ERROR", message, options);
    this.provider = details.provider;
    this.modelId = details.modelId;
    this.errorClass = details.errorClass;
    this.url = details.url ?? null;
    this.statusCode = details.statusCode ?? null;
    this.responseBody = truncate(details.responseBody ?? null);
    this.isRetryable = details.isRetryable;
    this.retryAfterMs = details.retryAfterMs ?? null;
  }
}

/** Classifies an HTTP status the way providers use them. */
export function errorClassOfStatus(statusCode: number): ProviderErrorClass {
  if (statusCode === 429) return "rate_limit";
  if (statusCode === 401 || statusCode === 403) return "auth";
  if (statusCode === 408) return "timeout";
  if (statusCode >= 500) return "server";
  return "bad_request";
}

/** 408, 409, 429 and 5xx are worth another try; other 4xx are not. */
export function isRetryableStatus(statusCode: number): boolean {
  return (
    statusCode === 408 ||
    statusCode === 409 ||
    statusCode === 429 ||
    statusCode >= 500
  );
}

/**
 * Milliseconds to wait from `retry-after-ms` or `Retry-After` (seconds or
 * an HTTP date); `null` when neither header says.
 */
export function parseRetryAfterMs(
  headers: { get(name: string): string | null | undefined },
  nowMs: number = Date.now(),
): number | null {
  const milliseconds = Number(headers.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers.get("retry-after");
  if (value === null || value === undefined || value.trim() === "") return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
  const dateMs = Date.parse(value);
  return Number.isNaN(dateMs) ? null : Math.max(0, dateMs - nowMs);
}

function truncate(body: string | null): string | null {
  if (body === null || body.length <= MAX_BODY_CHARACTERS) return body;
  return `${body.slice(0, MAX_BODY_CHARACTERS)}…`;
}
