// The spec's operations, as keys of the generated `paths` type, and the routing of a
// documented request line to one of them. Each path here must be a key of `paths` in
// schema.d.ts, or the generated fixtures do not compile; a documented request that matches
// none of them stops the generator.

export const operations = [
  { method: "post", path: "/identity/apiConnectors" },
  { method: "get", path: "/identity/apiConnectors" },
  { method: "get", path: "/identity/apiConnectors/{identityApiConnectorId}" },
  { method: "patch", path: "/identity/apiConnectors/{identityApiConnectorId}" },
  { method: "delete", path: "/identity/apiConnectors/{identityApiConnectorId}" },
  { method: "post", path: "/identity/apiConnectors/{identityApiConnectorId}/uploadClientCertificate" },
  { method: "post", path: "/identity/b2xUserFlows" },
  { method: "get", path: "/identity/b2xUserFlows/{b2xIdentityUserFlowId}/apiConnectorConfiguration" },
  { method: "put", path: "/identity/b2xUserFlows/{b2xIdentityUserFlowId}/apiConnectorConfiguration/{step}/$ref" },
  { method: "get", path: "/identity/b2cUserFlows/{b2cIdentityUserFlowId}/apiConnectorConfiguration" },
  { method: "put", path: "/identity/b2cUserFlows/{b2cIdentityUserFlowId}/apiConnectorConfiguration/{step}/$ref" },
];

/**
 * The operation a documented request line names. The URL's first path segment is the
 * version (`v1.0` or `beta`); literal segments match case-insensitively, as Graph does (one
 * docs page writes `apiconnectors`), and a parameter matches any one segment, placeholders
 * such as `{id}` included.
 */
export function routeRequest(method, url) {
  const segments = new URL(url).pathname.split("/").filter(Boolean);
  const [version, ...rest] = segments;
  if (version !== "v1.0" && version !== "beta") {
    throw new Error(`${method} ${url}: the path does not start with v1.0 or beta`);
  }
  const matches = operations.filter(
    (op) => op.method === method.toLowerCase() && segmentsMatch(op.path.split("/").filter(Boolean), rest),
  );
  if (matches.length !== 1) {
    throw new Error(`${method} ${url}: matches ${matches.length} operations, want exactly 1`);
  }
  return matches[0];
}

function segmentsMatch(template, actual) {
  return (
    template.length === actual.length &&
    template.every((t, i) => /^\{.+\}$/.test(t) || t.toLowerCase() === decodeURIComponent(actual[i]).toLowerCase())
  );
}
