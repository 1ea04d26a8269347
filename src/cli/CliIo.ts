/** Where a command writes: the process's streams in `estab`, buffers in tests. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Exit codes: 0 success, 1 a result that is an error (or validation errors), 2 unusable input. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Thrown for arguments the command cannot use; `estab` prints the message and exits with 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
