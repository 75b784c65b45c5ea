// Bodies the contract forbids must not compile. Each is a valid body with one thing wrong,
// marked `// @ts-expect-error` on the line TypeScript reports, so a type that starts to
// accept it fails the build ("Unused '@ts-expect-error' directive").

import type { components, paths } from "./schema";

type Create = components["schemas"]["identityApiConnectorCreate"];
type Connector = components["schemas"]["identityApiConnector"];

/** The documented create, which compiles: the baseline every check below departs from. */
export const validCreate: Create = {
  displayName: "Test API",
  targetUrl: "https://someapi.com/api",
  authenticationConfiguration: {
    "@odata.type": "#microsoft.graph.basicAuthentication",
    username: "<USERNAME>",
    password: "<PASSWORD>",
  },
};

/** clientCertificateAuthentication is what Graph reports; a create cannot send it. */
export const responseOnlyVariantInCreate: Create = {
  displayName: "Test API",
  targetUrl: "https://someapi.com/api",
  authenticationConfiguration: {
    // @ts-expect-error a response-only variant in a request body.
    "@odata.type": "#microsoft.graph.clientCertificateAuthentication",
    certificateList: [],
  },
};

// @ts-expect-error displayName is required in a create.
export const createWithoutDisplayName: Create = {
  targetUrl: "https://someapi.com/api",
  authenticationConfiguration: {
    "@odata.type": "#microsoft.graph.basicAuthentication",
    username: "<USERNAME>",
    password: "<PASSWORD>",
  },
};

/** A response never carries the .pfx or its password: pkcs12Certificate is request-only. */
export const pkcs12CertificateInResponse: Connector = {
  id: "guid",
  displayName: "Test API",
  authenticationConfiguration: {
    // @ts-expect-error a request-only variant in a response connector.
    "@odata.type": "#microsoft.graph.pkcs12Certificate",
    pkcs12Value: "AAAA",
    password: "<password>",
  },
};

export const targetUrlOfWrongType: Create = {
  displayName: "Test API",
  // @ts-expect-error targetUrl is a string (a URI), not a number.
  targetUrl: 8443,
  authenticationConfiguration: {
    "@odata.type": "#microsoft.graph.basicAuthentication",
    username: "<USERNAME>",
    password: "<PASSWORD>",
  },
};

/** Without @odata.type Graph cannot tell which authentication is meant. */
export const authenticationWithoutODataType: Create = {
  displayName: "Test API",
  targetUrl: "https://someapi.com/api",
  // @ts-expect-error the discriminator is required.
  authenticationConfiguration: {
    username: "<USERNAME>",
    password: "<PASSWORD>",
  },
};

/** Graph rejects properties it does not know, so the create body is closed. */
export const createWithUnknownProperty: Create = {
  displayName: "Test API",
  targetUrl: "https://someapi.com/api",
  // @ts-expect-error no such property on identityApiConnectorCreate.
  description: "not a property of a connector",
  authenticationConfiguration: {
    "@odata.type": "#microsoft.graph.basicAuthentication",
    username: "<USERNAME>",
    password: "<PASSWORD>",
  },
};

type Update = components["schemas"]["identityApiConnectorUpdate"];

/** An update that sets one property compiles. */
export const validUpdate: Update = { displayName: "Renamed" };

// @ts-expect-error an update must set at least one property.
export const emptyUpdate: Update = {};

// @ts-expect-error @odata.type alone changes nothing, so it is not an update.
export const typeOnlyUpdate: Update = { "@odata.type": "#microsoft.graph.identityApiConnector" };

/** The metadata's beta-only step is a step of the types too; a made-up one is not. */
type StepParameter = NonNullable<paths["/identity/b2xUserFlows/{b2xIdentityUserFlowId}/apiConnectorConfiguration/{step}"]["get"]["parameters"]["path"]>["step"];
export const betaStep: StepParameter = "preTokenIssuance";
// @ts-expect-error not a step of a user flow.
export const unknownStep: StepParameter = "postSignIn";

/** preTokenIssuance has no $ref: the CSDL does not make it referenceable. */
type ReferenceStep = NonNullable<paths["/identity/b2xUserFlows/{b2xIdentityUserFlowId}/apiConnectorConfiguration/{step}/$ref"]["get"]["parameters"]["path"]>["step"];
export const referenceStep: ReferenceStep = "postAttributeCollection";
// @ts-expect-error preTokenIssuance cannot be bound by reference.
export const preTokenReference: ReferenceStep = "preTokenIssuance";

/** A count is a number, and an expanded step may be null, as the CSDL allows. */
type Count = paths["/identity/apiConnectors/$count"]["get"]["responses"][200]["content"]["text/plain"];
export const count: Count = 3;
// @ts-expect-error a count is not a string.
export const countAsText: Count = "3";
export const unboundStep: components["schemas"]["userFlowApiConnectorConfiguration"] = { postAttributeCollection: null };
