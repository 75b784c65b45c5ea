// Sends requests with fetch and records each exchange as a pair of .http files, in the
// format `apiconnector validate` reads, so what went on the wire can be checked afterwards.

import { writeFile } from "node:fs/promises";
import { STATUS_CODES } from "node:http";
import { join } from "node:path";

import { formatRequest, formatResponse } from "./http-message.mjs";

// Headers left out of a recorded response. Hop-by-hop ones describe the connection, not the
// message. Content-Length is left out because the .http format treats whitespace at the end
// of the file as layout: a JSON body that ends in a newline (as Go's encoder writes it) is
// read back one byte shorter, and the length would no longer match.
const notRecorded = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);

export class Recorder {
  /** @param dir where the .http files go */
  constructor(dir, { token = "any" } = {}) {
    this.dir = dir;
    this.token = token;
    /** @type {{name: string, requestFile: string, responseFile: string}[]} */
    this.exchanges = [];
  }

  /**
   * Sends one request with a bearer token (and a JSON body, if given), records it as
   * `<name>.request.http` and `<name>.response.http`, and returns the status and the JSON body.
   */
  async send(name, method, url, body) {
    const headers = [["Authorization", `Bearer ${this.token}`]];
    const text = body === undefined ? "" : JSON.stringify(body);
    if (text) headers.push(["Content-Type", "application/json"]);
    const response = await fetch(url, { method, headers, body: text || undefined });
    const received = Buffer.from(await response.arrayBuffer());

    const requestFile = join(this.dir, `${name}.request.http`);
    const responseFile = join(this.dir, `${name}.response.http`);
    await writeFile(requestFile, formatRequest({ method, url, headers, body: text }));
    const responseHeaders = [...response.headers].filter(([n]) => !notRecorded.has(n));
    const head = formatResponse({
      status: response.status,
      statusText: response.statusText || STATUS_CODES[response.status],
      headers: responseHeaders,
    });
    await writeFile(responseFile, Buffer.concat([Buffer.from(head), received]));
    this.exchanges.push({ name, requestFile, responseFile });

    const json = received.length > 0 && /json/.test(response.headers.get("content-type") ?? "") ? JSON.parse(received) : undefined;
    return { status: response.status, headers: response.headers, json };
  }
}
