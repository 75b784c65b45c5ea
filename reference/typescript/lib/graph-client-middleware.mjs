// Middleware for Microsoft's JavaScript Graph client (@microsoft/microsoft-graph-client), so
// that it can drive `apiconnector serve` on loopback and every exchange can be checked.
//
// The client's own AuthenticationHandler attaches a token only to https URLs of Graph hosts
// (or configured custom hosts), and serve speaks plain HTTP on 127.0.0.1; BearerToken is the
// custom middleware the client documents for such cases. Recording writes each exchange as
// .http files, as Recorder does for fetch.

import { writeFile } from "node:fs/promises";
import { STATUS_CODES } from "node:http";
import { join } from "node:path";

import { formatRequest, formatResponse } from "./http-message.mjs";

/** Sets `Authorization: Bearer <token>` on every request. */
export class BearerToken {
  constructor(token) {
    this.token = token;
  }

  async execute(context) {
    context.options ??= {};
    const headers = new Headers(context.options.headers);
    headers.set("Authorization", `Bearer ${this.token}`);
    context.options.headers = Object.fromEntries(headers);
    return this.next.execute(context);
  }

  setNext(next) {
    this.next = next;
  }
}

// Response headers left out of a recording: hop-by-hop ones, and Content-Length, which an
// .http file cannot keep exact (see recorder.mjs).
const notRecorded = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);

/**
 * Records each exchange that passes through as `<n>-<method>.request.http` and
 * `.response.http` in dir, in the order sent; `exchanges` lists them.
 */
export class Recording {
  constructor(dir) {
    this.dir = dir;
    /** @type {{name: string, requestFile: string, responseFile: string, request: string, tag?: string}[]} */
    this.exchanges = [];
    /** Set before a call to tag the next exchange (say, one the contract must refuse). */
    this.nextTag = undefined;
  }

  async execute(context) {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    const options = context.options ?? {};
    const method = (options.method ?? "GET").toUpperCase();
    const headers = [...new Headers(options.headers)];
    const body = options.body === undefined || options.body === null ? "" : String(options.body);

    await this.next.execute(context);

    const response = context.response;
    const received = Buffer.from(await response.clone().arrayBuffer());
    const name = `${String(this.exchanges.length + 1).padStart(2, "0")}-${method.toLowerCase()}`;
    const requestFile = join(this.dir, `${name}.request.http`);
    const responseFile = join(this.dir, `${name}.response.http`);
    const request = formatRequest({ method, url, headers, body });
    await writeFile(requestFile, request);
    const head = formatResponse({
      status: response.status,
      statusText: response.statusText || STATUS_CODES[response.status],
      headers: [...response.headers].filter(([n]) => !notRecorded.has(n)),
    });
    await writeFile(responseFile, Buffer.concat([Buffer.from(head), received]));
    this.exchanges.push({ name, requestFile, responseFile, request, tag: this.nextTag });
    this.nextTag = undefined;
  }

  setNext(next) {
    this.next = next;
  }
}
