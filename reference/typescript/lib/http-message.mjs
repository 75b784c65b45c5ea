// The .http exchange format of the Graph docs and of `apiconnector validate`: a request line
// (`POST https://…`) or a status line (`HTTP/1.1 201 Created`), header lines, a blank line,
// then the body.

/**
 * Splits an .http file into its start line, headers and body. Header names keep the case
 * they were written in; the body is everything after the first blank line, untouched.
 */
export function parseHttpMessage(text) {
  const normalized = text.replace(/\r\n/g, "\n");
  const blank = normalized.indexOf("\n\n");
  const head = blank === -1 ? normalized.trimEnd() : normalized.slice(0, blank);
  const body = blank === -1 ? "" : normalized.slice(blank + 2);
  const [startLine, ...headerLines] = head.split("\n");
  const headers = headerLines.map((line) => {
    const colon = line.indexOf(":");
    if (colon < 1) throw new Error(`not a header line: ${JSON.stringify(line)}`);
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
  return { startLine, headers, body };
}

/**
 * The method and URL of a request line, `METHOD URL [HTTP/x.y]`. The URL is everything in
 * between, so an OData query written with spaces stays whole.
 */
export function parseRequestLine(startLine) {
  const match = /^(\S+)\s+(.+?)(?:\s+HTTP\/\d(?:\.\d)?)?\s*$/.exec(startLine);
  if (!match) throw new Error(`not a request line: ${JSON.stringify(startLine)}`);
  return { method: match[1], url: match[2] };
}

/** The status code of a status line. */
export function parseStatusLine(startLine) {
  const match = /^HTTP\/\d(?:\.\d)? (\d{3})\b/.exec(startLine);
  if (!match) throw new Error(`not a status line: ${JSON.stringify(startLine)}`);
  return Number(match[1]);
}

/** A request as an .http file. headers is a list of [name, value]. */
export function formatRequest({ method, url, headers, body = "" }) {
  return formatMessage(`${method} ${url}`, headers, body);
}

/** A response as an .http file. */
export function formatResponse({ status, statusText, headers, body = "" }) {
  return formatMessage(`HTTP/1.1 ${status} ${statusText}`, headers, body);
}

function formatMessage(startLine, headers, body) {
  const lines = [startLine, ...headers.map(([name, value]) => `${name}: ${value}`)];
  return `${lines.join("\n")}\n\n${body}`;
}
