#!/usr/bin/env node
// npm start: builds the add-in (development mode), serves dist/addin and, where
// office-addin-debugging can sideload (Windows and macOS desktop Excel), sideloads manifest.xml.
// Elsewhere (Linux: there is no desktop Excel) it prints the standalone page's address and keeps
// serving. It never fails just because sideloading is not possible.
//
//   npm start                   build, serve on port 3000, sideload where supported
//   npm start -- --no-build     serve what dist/addin already holds
//   npm start -- --http         plain http even where certificates exist (no sideloading then)
//   PORT=3001 npm start         another port (the manifest names 3000, so Excel needs 3000)
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { join } from "node:path";
import { serveDirectory } from "./static-server.mjs";

const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));
const port = Number(process.env.PORT ?? 3000);
const canSideload = process.platform === "win32" || process.platform === "darwin";
const root = "dist/addin";

function fail(message) {
  process.stderr.write(`npm start: ${message}\n`);
  process.exit(1);
}

if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT=${process.env.PORT} is not a port number.`);

if (!args.has("--no-build")) {
  const webpack = require.resolve("webpack-cli/bin/cli.js");
  const built = spawnSync(process.execPath, [webpack, "--mode", "development", "--stats", "errors-warnings"], {
    stdio: "inherit",
  });
  if (built.status !== 0) fail("the build failed (see above): fix the errors and run npm start again.");
}
if (!existsSync(join(root, "standalone.html"))) fail(`${root} has not been built: run npm start without --no-build.`);

// Excel only loads an add-in from https. Where Office's dev certificates can be installed (Windows,
// macOS) office-addin-dev-certs makes and trusts them; on Linux installing needs sudo, so
// certificates are used only if they are already there (`npx office-addin-dev-certs install`).
async function tlsOptions() {
  if (args.has("--http")) return null;
  if (canSideload) {
    try {
      const devCerts = require("office-addin-dev-certs");
      return await devCerts.getHttpsServerOptions();
    } catch (error) {
      process.stderr.write(
        `npm start: no trusted localhost certificate (${error instanceof Error ? error.message : String(error)}); serving http, so Excel cannot load the add-in. Run npx office-addin-dev-certs install, then npm start again.\n`,
      );
      return null;
    }
  }
  const dir = join(homedir(), ".office-addin-dev-certs");
  const cert = join(dir, "localhost.crt");
  const key = join(dir, "localhost.key");
  return existsSync(cert) && existsSync(key) ? { cert: readFileSync(cert), key: readFileSync(key) } : null;
}

const tls = await tlsOptions();
let server;
try {
  server = await serveDirectory(root, { port, ...(tls ? { tls } : {}) });
} catch (error) {
  if (error && error.code === "EADDRINUSE") {
    fail(
      `port ${String(port)} is in use: stop whatever serves it (perhaps another npm start) or run PORT=3001 npm start.`,
    );
  }
  throw error;
}

const base = server.url.replace("127.0.0.1", "localhost");
process.stdout.write(
  [
    "",
    `Serving ${root} at ${base}`,
    `  Standalone page (any browser): ${base}standalone.html`,
    `  Task pane page (inside Excel):  ${base}taskpane.html`,
    `  Manifest:                       manifest.xml (its URLs name https://localhost:3000)`,
    "",
  ].join("\n"),
);

let sideloaded = false;
if (canSideload && tls && port === 3000) {
  const debugging = require.resolve("office-addin-debugging/cli.js");
  const result = spawnSync(
    process.execPath,
    [debugging, "start", "manifest.xml", "desktop", "--app", "excel", "--no-debug", "--dev-server-port", String(port)],
    { stdio: "inherit" },
  );
  sideloaded = result.status === 0;
  process.stdout.write(
    sideloaded
      ? "Sideloaded into Excel: open the Establishment Costing button on the Home tab.\n"
      : "Sideloading did not work (see above). The server keeps running: sideload manifest.xml by hand (Insert > Add-ins > Upload My Add-in), or use the standalone page.\n",
  );
} else {
  process.stdout.write(
    canSideload
      ? "Not sideloading: Excel needs https on port 3000. The standalone page works as it is.\n"
      : `Sideloading is not supported on ${process.platform} (office-addin-debugging sideloads only into desktop Excel on Windows and macOS). Open the standalone page above in a browser; to try the add-in in Excel on the web, serve https (npx office-addin-dev-certs install) and upload manifest.xml there.\n`,
  );
}
process.stdout.write("Press Ctrl+C to stop.\n");

function stop() {
  if (sideloaded) {
    spawnSync(process.execPath, [require.resolve("office-addin-debugging/cli.js"), "stop", "manifest.xml"], {
      stdio: "inherit",
    });
  }
  void server.close().then(() => process.exit(0));
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
