import { expect } from "vitest";
import { HostError } from "../../src/host/WorkbookHost";

/** The HostError a call rejects with (the test fails if it resolves or rejects otherwise). */
export async function expectHostError(promise: Promise<unknown>): Promise<HostError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostError);
  return error as HostError;
}
