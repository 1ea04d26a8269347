// A tiny static file server for dist/addin: `npm start` and the end-to-end tests serve the add-in
// and the standalone page with it. Loopback only, GET and HEAD only, no directory listings, and no
// path can leave the root.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * Serves the files under `root` on 127.0.0.1.
 *
 * @param {string} root folder to serve
 * @param {{ port?: number, host?: string, tls?: { cert: Buffer | string, key: Buffer | string } }} [options]
 *   port 0 (the default) picks a free port; `tls` serves https
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function serveDirectory(root, options = {}) {
  const base = resolve(root);
  const handler = async (request, response) => {
    const headers = { "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" };
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { ...headers, Allow: "GET, HEAD" }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    } catch {
      response.writeHead(400, headers).end("Bad request");
      return;
    }
    if (path.endsWith("/")) path += "standalone.html";
    const file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403, headers).end("Forbidden");
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error("not a file");
      response.writeHead(200, {
        ...headers,
        "Content-Type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
        "Content-Length": String(info.size),
      });
      if (request.method === "HEAD") response.end();
      else createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404, { ...headers, "Content-Type": "text/plain; charset=utf-8" }).end("Not found");
    }
  };
  const listener = (request, response) => void handler(request, response);
  const server = options.tls ? createHttpsServer(options.tls, listener) : createHttpServer(listener);
  const host = options.host ?? "127.0.0.1";
  await new Promise((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolveListen(undefined));
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: options.tls ? `https://localhost:${String(port)}/` : `http://127.0.0.1:${String(port)}/`,
    port,
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections?.();
        server.close(() => resolveClose(undefined));
      }),
  };
}
