import { describe, expect, it } from "vitest";
import { urlWithoutCredentials } from "./url-without-credentials.js";

describe("urlWithoutCredentials", () => {
  it("drops user, password and query", () => {
    expect(
      urlWithoutCredentials(
        "https://team:s3cret@gateway.example/v1/embeddings?api-key=abc",
      ),
    ).toBe("https://gateway.example/v1/embeddings");
  });

  it("leaves a plain URL as it is", () => {
    expect(urlWithoutCredentials("http://127.0.0.1:8000/v1")).toBe(
      "http://127.0.0.1:8000/v1",
    );
  });

  it("cleans a string that is not a valid URL too", () => {
    expect(urlWithoutCredentials("//user:pw@host/v1?key=1")).toBe("//host/v1");
  });
});
