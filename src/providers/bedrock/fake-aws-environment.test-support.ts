import { afterAll, beforeAll } from "vitest";

/** Credentials and region the SDK signs with; the fake server ignores them. */
const FAKE_AWS_ENVIRONMENT: Record<string, string> = {
  AWS_ACCESS_KEY_ID: "AKIAFMOPSTESTKEY0000",
  AWS_SECRET_ACCESS_KEY: "fmops-test-secret",
  AWS_REGION: "us-east-1",
  // fmops supports Node 20; the SDK's notice about Node 22 is noise here.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

/**
 * Sets fake AWS credentials for the tests of the calling file through the
 * standard environment variables, and restores what was there after.
 */
export function withFakeAwsEnvironment(): void {
  const saved = new Map<string, string | undefined>();
  beforeAll(() => {
    for (const [name, value] of Object.entries(FAKE_AWS_ENVIRONMENT)) {
      saved.set(name, process.env[name]);
      process.env[name] = value;
    }
  });
  afterAll(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}
