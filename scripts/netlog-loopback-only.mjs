#!/usr/bin/env node
// Reads a Chromium net log (--log-net-log) and fails if anything went, or was sent, beyond
// loopback: a request the page made to another host, or a TCP connection to a non-loopback
// address. Chromium's own background requests (update checks, account lookups) are counted
// but not failed as long as they never connected anywhere; the browser test routes them to a
// dead loopback proxy.
//
//   node scripts/netlog-loopback-only.mjs netlog.json

import { readFileSync } from "node:fs";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: netlog-loopback-only.mjs NETLOG.json");
  process.exit(2);
}

const log = parseNetLog(readFileSync(file, "utf8"));
const typeName = Object.fromEntries(Object.entries(log.constants.logEventTypes).map(([name, id]) => [id, name]));

const isLoopbackHost = (host) => /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/i.test(host);
const isLoopbackAddress = (address) => /^(127\.\d+\.\d+\.\d+|\[::1\]):\d+$/.test(address);
const isLoopbackOrigin = (origin) => {
  try {
    return isLoopbackHost(new URL(origin).hostname);
  } catch {
    return false;
  }
};

const failures = [];
let localRequests = 0;
let browserRequestsElsewhere = 0;
for (const event of log.events) {
  const params = event.params ?? {};
  switch (typeName[event.type]) {
    case "URL_REQUEST_START_JOB": {
      if (!params.url) break; // the end of a job, not its start
      const url = new URL(params.url);
      if (isLoopbackHost(url.hostname) || url.protocol === "data:" || url.protocol === "blob:") {
        localRequests++;
        break;
      }
      if (isLoopbackOrigin(params.initiator)) failures.push(`the page requested ${url.origin}${url.pathname}`);
      else browserRequestsElsewhere++;
      break;
    }
    case "TCP_CONNECT_ATTEMPT":
      if (params.address && !isLoopbackAddress(params.address)) failures.push(`TCP connection to ${params.address}`);
      break;
  }
}

if (failures.length > 0) {
  for (const f of failures) console.error(`not loopback: ${f}`);
  process.exit(1);
}
console.log(
  `network: loopback only (${localRequests} requests to loopback or data:/blob:; ${browserRequestsElsewhere} background requests of Chromium's own elsewhere, none connected)`,
);

/** A log whose writer was cut short lacks the brackets that close its event list. */
function parseNetLog(raw) {
  try {
    return JSON.parse(raw);
  } catch {
    return JSON.parse(`${raw.trim().replace(/,$/, "")}]}`);
  }
}
