/**
 * `url` with any user name, password and query string removed, fit for
 * error messages and stored records. Some OpenAI-compatible gateways take
 * the key in the query (`?api-key=`), so the whole query goes.
 */
export function urlWithoutCredentials(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/\/[^/@]*@/, "//").replace(/\?.*$/, "");
  }
  parsed.username = "";
  parsed.password = "";
  parsed.search = "";
  return parsed.toString();
}
