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
  // The operations of Graph's metadata (x-graph-source: metadata).
  { method: "get", path: "/identity/apiConnectors/$count" },
  { method: "get", path: "/identity/b2xUserFlows/{b2xIdentityUserFlowId}/apiConnectorConfiguration/{step}" },
  { method: "patch", path: "/identity/b2xUserFlows/{b2xIdentityUserFlowId}/apiConnectorConfiguration/{step}" },
  { method: "get", path: "/identity/b2xUserFlows/{b2xIdentityUserFlowId}/apiConnectorConfiguration/{step}/$ref" },
  { method: "delete", path: "/identity/b2xUserFlows/{b2xIdentityUserFlowId}/apiConnectorConfiguration/{step}/$ref" },
  { method: "post", path: "/identity/b2xUserFlows/{b2xIdentityUserFlowId}/apiConnectorConfiguration/{step}/uploadClientCertificate" },
  { method: "get", path: "/identity/b2cUserFlows/{b2cIdentityUserFlowId}/apiConnectorConfiguration/{step}" },
  { method: "patch", path: "/identity/b2cUserFlows/{b2cIdentityUserFlowId}/apiConnectorConfiguration/{step}" },
  { method: "get", path: "/identity/b2cUserFlows/{b2cIdentityUserFlowId}/apiConnectorConfiguration/{step}/$ref" },
  { method: "delete", path: "/identity/b2cUserFlows/{b2cIdentityUserFlowId}/apiConnectorConfiguration/{step}/$ref" },
  { method: "post", path: "/identity/b2cUserFlows/{b2cIdentityUserFlowId}/apiConnectorConfiguration/{step}/uploadClientCertificate" },
];

// The bound actions, whose last segment Graph also takes namespace-qualified.
const boundActions = new Set(["uploadClientCertificate"]);
const actionNamespace = "microsoft.graph.";

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
  // A literal segment beats a parameter (`$count` is not a connector id), as in Graph.
  const literals = (op) => op.path.split("/").filter((t) => t && !isParameter(t)).length;
  const best = Math.max(...matches.map(literals));
  const chosen = matches.filter((op) => literals(op) === best);
  if (chosen.length !== 1) {
    throw new Error(`${method} ${url}: matches ${chosen.length} operations, want exactly 1`);
  }
  return chosen[0];
}

function isParameter(segment) {
  return /^\{.+\}$/.test(segment);
}

function segmentsMatch(template, actual) {
  return (
    template.length === actual.length &&
    template.every((t, i) => {
      if (isParameter(t)) return true;
      const segment = decodeURIComponent(actual[i]).toLowerCase();
      const last = i === template.length - 1;
      return t.toLowerCase() === segment || (last && boundActions.has(t) && (actionNamespace + t).toLowerCase() === segment);
    })
  );
}
