#!/usr/bin/env node
// Serves a directory's files on a free loopback port and prints the port, for a browser test
// that must not depend on anything beyond Node.
//
//   node scripts/serve-dir.mjs docs

import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";

const root = resolve(process.argv[2] ?? ".");
const types = { ".html": "text/html; charset=utf-8", ".png": "image/png", ".json": "application/json", ".js": "text/javascript" };

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://localhost").pathname));
  const file = join(root, path.endsWith("/") ? join(path, "index.html") : path);
  // Nothing outside the directory, whatever the request path says.
  if (file !== root && !file.startsWith(root + sep)) return notFound(res);
  try {
    if (!statSync(file).isFile()) return notFound(res);
  } catch {
    return notFound(res);
  }
  res.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(res);
});

function notFound(res) {
  res.writeHead(404, { "Content-Type": "text/plain" });
  res.end("not found\n");
}

server.listen(0, "127.0.0.1", () => console.log(server.address().port));
