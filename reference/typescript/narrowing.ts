// Code written against the generated types narrows the authentication union on
// `@odata.type`, and a switch that forgets a variant does not compile.

import type { components } from "./schema";
import { beta_list_1_response, v1_0_create_1_response } from "./fixtures.gen";

// The configuration may be null in a response (the CSDL does not forbid it); describing one
// starts once it is known to be there.
type ResponseAuthentication = NonNullable<components["schemas"]["apiAuthenticationConfigurationResponse"]>;
type Connector = components["schemas"]["identityApiConnector"];

/** Fails to compile when a variant of the union reaches it unhandled. */
function unhandled(variant: never): never {
  throw new Error(`unhandled authentication ${JSON.stringify(variant)}`);
}

/** One line about how a connector authenticates, as a response reports it. */
export function describeAuthentication(auth: ResponseAuthentication): string {
  switch (auth["@odata.type"]) {
    case "#microsoft.graph.basicAuthentication":
      // Narrowed to basicAuthenticationMasked: the password, if present, is only the mask.
      return `basic as ${auth.username ?? "(no user name)"}`;
    case "#microsoft.graph.clientCertificateAuthentication": {
      const certificates = auth.certificateList ?? [];
      return `client certificate, ${certificates.filter((c) => c.isActive).length} of ${certificates.length} active`;
    }
    default:
      return unhandled(auth);
  }
}

export function describeConnector(connector: Connector): string {
  const auth = connector.authenticationConfiguration;
  return `${connector.displayName ?? connector.id}: ${auth ? describeAuthentication(auth) : "no authentication"}`;
}

/** Forgets client certificates: the proof that the check in `unhandled` bites. */
export function describeBasicOnly(auth: ResponseAuthentication): string {
  switch (auth["@odata.type"]) {
    case "#microsoft.graph.basicAuthentication":
      return `basic as ${auth.username ?? "(no user name)"}`;
    default:
      // @ts-expect-error clientCertificateAuthentication is not handled, so auth is not never here.
      return unhandled(auth);
  }
}

/** Narrowing is what makes a variant's properties reachable. */
export function certificatesOfBasic(auth: components["schemas"]["basicAuthenticationMasked"]): number {
  // @ts-expect-error basic authentication has no certificateList.
  return auth.certificateList.length;
}

// The documented responses, as their generated fixtures, are values this code accepts.
export const documentedDescriptions: string[] = [
  describeConnector(v1_0_create_1_response),
  ...beta_list_1_response.value.map(describeConnector),
];
