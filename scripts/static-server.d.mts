/** Serves the files under `root` on 127.0.0.1 (see static-server.mjs). */
export function serveDirectory(
  root: string,
  options?: { port?: number; host?: string; tls?: { cert: Buffer | string; key: Buffer | string } },
): Promise<{ url: string; port: number; close: () => Promise<void> }>;
