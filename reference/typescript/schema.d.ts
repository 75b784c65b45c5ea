export interface paths {
    "/identity/apiConnectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API connectors
         * @description Lists the tenant's API connectors. A page that is not the last carries `@odata.nextLink`,
         *     the URL of the next page, to be followed as it is.
         */
        get: operations["listApiConnectors"];
        put?: never;
        /**
         * Create an API connector
         * @description Creates an `identityApiConnector`. `displayName`, `targetUrl` and
         *     `authenticationConfiguration` are required. The response echoes the connector with the
         *     password masked, or, for a PKCS 12 certificate, the public information of the certificate.
         *
         *     The call a user flow then makes to `targetUrl`, and what the endpoint must answer, are
         *     described in [connector-call.yaml](./connector-call.yaml).
         */
        post: operations["createApiConnector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/identity/apiConnectors/$count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count API connectors
         * @description The number of connectors, or of those `$filter` matches, as a plain-text integer.
         *     Behaviour chosen where the metadata is silent: no `ConsistencyLevel: eventual` header
         *     is required, since API connectors are not directory objects, and `$search` is not
         *     supported (nothing in the docs searches connectors).
         */
        get: operations["countApiConnectors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/identity/apiConnectors/{identityApiConnectorId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The connector's id, an opaque string Graph generated. */
                identityApiConnectorId: components["parameters"]["identityApiConnectorId"];
            };
            cookie?: never;
        };
        /**
         * Get an API connector
         * @description Reads one connector. The password of basic authentication is masked. `$expand=*` is
         *     accepted and changes nothing: a connector has no navigation properties.
         */
        get: operations["getApiConnector"];
        put?: never;
        post?: never;
        /**
         * Delete an API connector
         * @description Deletes the connector.
         */
        delete: operations["deleteApiConnector"];
        options?: never;
        head?: never;
        /**
         * Update an API connector
         * @description Updates any non-empty subset of `displayName`, `targetUrl` and
         *     `authenticationConfiguration`. A `pkcs12Certificate` replaces the whole authentication
         *     configuration; to add a certificate to the list, upload it instead.
         */
        patch: operations["updateApiConnector"];
        trace?: never;
    };
    "/identity/apiConnectors/{identityApiConnectorId}/uploadClientCertificate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The connector's id, an opaque string Graph generated. */
                identityApiConnectorId: components["parameters"]["identityApiConnectorId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a client certificate
         * @description Adds a PKCS 12 (`.pfx`) certificate to the connector's certificate list. The response is
         *     the connector with the public information of all its certificates; the most recently
         *     uploaded certificate that has not expired and whose `notBefore` has passed is active.
         */
        post: operations["uploadClientCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/identity/b2xUserFlows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an External Identities user flow
         * @description Creates a self-service sign-up user flow, optionally with API connectors bound to its
         *     steps. Graph always answers `apiConnectorConfiguration` as `{}` here; read the binding
         *     with the apiConnectorConfiguration operation.
         */
        post: operations["createB2xUserFlow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/identity/b2xUserFlows/{b2xIdentityUserFlowId}/apiConnectorConfiguration": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2X_1_partner`. */
                b2xIdentityUserFlowId: components["parameters"]["b2xIdentityUserFlowId"];
            };
            cookie?: never;
        };
        /**
         * Get the API connectors of an External Identities user flow
         * @description Reads which connector each step calls; `$expand` returns the connectors themselves
         *     (`*` expands every step). `$select` keeps only the named steps of what `$expand`
         *     returns; without `$expand` it changes nothing, since Graph shows no binding unexpanded.
         */
        get: operations["getB2xUserFlowApiConnectorConfiguration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/identity/b2xUserFlows/{b2xIdentityUserFlowId}/apiConnectorConfiguration/{step}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2X_1_partner`. */
                b2xIdentityUserFlowId: components["parameters"]["b2xIdentityUserFlowId"];
                /** @description The user-flow step whose connector is addressed; `preTokenIssuance` exists only in beta. */
                step: components["parameters"]["anyStep"];
            };
            cookie?: never;
        };
        /**
         * Get the API connector a step of an External Identities user flow calls
         * @description Reads the connector bound to the step, password masked, as a get of the connector
         *     itself answers it. Behaviour chosen where the metadata is silent: a step with no
         *     connector is a 404 `itemNotFound` (as Graph answers an unset single-valued navigation
         *     property), not OData's 204.
         */
        get: operations["getB2xUserFlowStepApiConnector"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update the API connector a step of an External Identities user flow calls
         * @description Updates the connector bound to the step, exactly as an update of
         *     `/identity/apiConnectors/{id}` does: the same body, and 204 with no body (Graph's
         *     default for PATCH; the metadata's "2XX with the entity" is what `Prefer:
         *     return=representation` would add, which is not supported). Behaviour chosen where the
         *     metadata is silent: a step with no connector is a 404.
         */
        patch: operations["updateB2xUserFlowStepApiConnector"];
        trace?: never;
    };
    "/identity/b2xUserFlows/{b2xIdentityUserFlowId}/apiConnectorConfiguration/{step}/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2X_1_partner`. */
                b2xIdentityUserFlowId: components["parameters"]["b2xIdentityUserFlowId"];
                /** @description The user-flow step that calls the connector. */
                step: components["parameters"]["step"];
            };
            cookie?: never;
        };
        /**
         * Get the reference to the API connector a step of an External Identities user flow calls
         * @description Answers the step's binding as an OData entity reference, `{"@odata.id": "<connector
         *     URL>"}`. Behaviour chosen where the metadata is silent: the metadata's response schema
         *     is a bare string, but OData's JSON format writes an entity reference as this object, so
         *     that is the answer; a step with no connector is a 404.
         */
        get: operations["getB2xUserFlowApiConnectorReference"];
        /**
         * Attach or detach an API connector on an External Identities user flow step
         * @description Binds the connector named by `@odata.id` to one step of the user flow. An empty object
         *     `{}` detaches the step's connector.
         */
        put: operations["putB2xUserFlowApiConnectorReference"];
        post?: never;
        /**
         * Detach the API connector from a step of an External Identities user flow
         * @description Unbinds the step's connector; the connector itself is kept. Behaviour chosen where the
         *     metadata is silent: a step with no connector is left as it is and answered 204, as
         *     the documented `PUT {}` answers; `If-Match` is accepted and not compared, since
         *     these bindings carry no ETag.
         */
        delete: operations["deleteB2xUserFlowApiConnectorReference"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/identity/b2xUserFlows/{b2xIdentityUserFlowId}/apiConnectorConfiguration/{step}/uploadClientCertificate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2X_1_partner`. */
                b2xIdentityUserFlowId: components["parameters"]["b2xIdentityUserFlowId"];
                /** @description The user-flow step whose connector is addressed; `preTokenIssuance` exists only in beta. */
                step: components["parameters"]["anyStep"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a client certificate to the API connector a step of an External Identities user flow calls
         * @description The bound action uploadClientCertificate on the step's connector: the same body and
         *     answer as on `/identity/apiConnectors/{id}`, and the connector changes for every flow
         *     that calls it. Also addressed as `…/microsoft.graph.uploadClientCertificate`.
         *     Behaviour chosen where the metadata is silent: a step with no connector is a 404.
         */
        post: operations["uploadB2xUserFlowStepClientCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/identity/b2cUserFlows/{b2cIdentityUserFlowId}/apiConnectorConfiguration": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2C_1_signup`. */
                b2cIdentityUserFlowId: components["parameters"]["b2cIdentityUserFlowId"];
            };
            cookie?: never;
        };
        /**
         * Get the API connectors of an Azure AD B2C user flow (beta)
         * @description Reads which connector each step calls; `$expand` returns the connectors themselves
         *     (`*` expands every step). `$select` keeps only the named steps of what `$expand`
         *     returns. Exists only in `beta`.
         */
        get: operations["getB2cUserFlowApiConnectorConfiguration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/identity/b2cUserFlows/{b2cIdentityUserFlowId}/apiConnectorConfiguration/{step}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2C_1_signup`. */
                b2cIdentityUserFlowId: components["parameters"]["b2cIdentityUserFlowId"];
                /** @description The user-flow step whose connector is addressed; `preTokenIssuance` exists only in beta. */
                step: components["parameters"]["anyStep"];
            };
            cookie?: never;
        };
        /**
         * Get the API connector a step of an Azure AD B2C user flow calls (beta)
         * @description Reads the connector bound to the step, password masked, as a get of the connector
         *     itself answers it. Behaviour chosen where the metadata is silent: a step with no
         *     connector is a 404 `itemNotFound` (as Graph answers an unset single-valued navigation
         *     property), not OData's 204. Exists only in `beta`.
         */
        get: operations["getB2cUserFlowStepApiConnector"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update the API connector a step of an Azure AD B2C user flow calls (beta)
         * @description Updates the connector bound to the step, exactly as an update of
         *     `/identity/apiConnectors/{id}` does: the same body, and 204 with no body (Graph's
         *     default for PATCH; the metadata's "2XX with the entity" is what `Prefer:
         *     return=representation` would add, which is not supported). Behaviour chosen where the
         *     metadata is silent: a step with no connector is a 404. Exists only in `beta`.
         */
        patch: operations["updateB2cUserFlowStepApiConnector"];
        trace?: never;
    };
    "/identity/b2cUserFlows/{b2cIdentityUserFlowId}/apiConnectorConfiguration/{step}/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2C_1_signup`. */
                b2cIdentityUserFlowId: components["parameters"]["b2cIdentityUserFlowId"];
                /** @description The user-flow step that calls the connector. */
                step: components["parameters"]["step"];
            };
            cookie?: never;
        };
        /**
         * Get the reference to the API connector a step of an Azure AD B2C user flow calls (beta)
         * @description Answers the step's binding as an OData entity reference, `{"@odata.id": "<connector
         *     URL>"}`. Behaviour chosen where the metadata is silent: the metadata's response schema
         *     is a bare string, but OData's JSON format writes an entity reference as this object, so
         *     that is the answer; a step with no connector is a 404. Exists only in `beta`.
         */
        get: operations["getB2cUserFlowApiConnectorReference"];
        /**
         * Attach or detach an API connector on an Azure AD B2C user flow step (beta)
         * @description Binds the connector named by `@odata.id` to one step of the user flow. An empty object
         *     `{}` detaches the step's connector. Exists only in `beta`.
         */
        put: operations["putB2cUserFlowApiConnectorReference"];
        post?: never;
        /**
         * Detach the API connector from a step of an Azure AD B2C user flow (beta)
         * @description Unbinds the step's connector; the connector itself is kept. Behaviour chosen where the
         *     metadata is silent: a step with no connector is left as it is and answered 204, as
         *     the documented `PUT {}` answers; `If-Match` is accepted and not compared, since
         *     these bindings carry no ETag. Exists only in `beta`.
         */
        delete: operations["deleteB2cUserFlowApiConnectorReference"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/identity/b2cUserFlows/{b2cIdentityUserFlowId}/apiConnectorConfiguration/{step}/uploadClientCertificate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2C_1_signup`. */
                b2cIdentityUserFlowId: components["parameters"]["b2cIdentityUserFlowId"];
                /** @description The user-flow step whose connector is addressed; `preTokenIssuance` exists only in beta. */
                step: components["parameters"]["anyStep"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a client certificate to the API connector a step of an Azure AD B2C user flow calls (beta)
         * @description The bound action uploadClientCertificate on the step's connector: the same body and
         *     answer as on `/identity/apiConnectors/{id}`, and the connector changes for every flow
         *     that calls it. Also addressed as `…/microsoft.graph.uploadClientCertificate`.
         *     Behaviour chosen where the metadata is silent: a step with no connector is a 404. Exists only in `beta`.
         */
        post: operations["uploadB2cUserFlowStepClientCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description The body of a create. Graph rejects properties it does not know, so this object is
         *     closed. Request side: all three properties are required and none may be `null`, as the
         *     docs describe a create, although the CSDL lets Graph store them null.
         */
        identityApiConnectorCreate: {
            "@odata.type"?: components["schemas"]["identityApiConnectorODataType"];
            /** @description The name of the API connector. */
            displayName: string;
            /**
             * Format: uri
             * @description The absolute URL of the API endpoint to call.
             */
            targetUrl: string;
            authenticationConfiguration: components["schemas"]["apiAuthenticationConfigurationRequest"];
        };
        /**
         * @description The body of an update: any non-empty subset of `displayName`, `targetUrl` and
         *     `authenticationConfiguration` (an `@odata.type` alone changes nothing, so it is not enough).
         *     Request side: none may be `null`; the docs describe no way to clear a property, and a
         *     connector without a name, URL or authentication cannot be called.
         */
        identityApiConnectorUpdate: {
            "@odata.type"?: components["schemas"]["identityApiConnectorODataType"];
            /** @description The name of the API connector. */
            displayName?: string;
            /**
             * Format: uri
             * @description The absolute URL of the API endpoint to call.
             */
            targetUrl?: string;
            authenticationConfiguration?: components["schemas"]["apiAuthenticationConfigurationRequest"];
        } & ({
            "displayName": unknown;
        } | {
            "targetUrl": unknown;
        } | {
            "authenticationConfiguration": unknown;
        });
        /**
         * @description A connector as Graph returns it. Unknown properties are tolerated, since Graph adds
         *     properties over time; secrets are not. As in the CSDL, every property but `id` may be
         *     `null` (none is `Nullable="false"`).
         */
        identityApiConnector: {
            "@odata.context"?: components["schemas"]["odataContext"];
            "@odata.type"?: components["schemas"]["identityApiConnectorODataType"];
            /** @description The connector's id, generated by Graph; an opaque string. */
            id: string;
            /** @description The name of the API connector. */
            displayName?: string | null;
            /**
             * Format: uri
             * @description The absolute URL of the API endpoint to call.
             */
            targetUrl?: string | null;
            authenticationConfiguration?: components["schemas"]["apiAuthenticationConfigurationResponse"];
        };
        /**
         * @description The OData type of the connector, which Graph's SDKs may send.
         * @enum {string}
         */
        identityApiConnectorODataType: "#microsoft.graph.identityApiConnector";
        /** @description One page of connectors. */
        identityApiConnectorCollection: {
            "@odata.context"?: components["schemas"]["odataContext"];
            /**
             * Format: uri
             * @description The URL of the next page; absent on the last page.
             */
            "@odata.nextLink"?: string;
            value: components["schemas"]["identityApiConnector"][];
        };
        /** @description The authentication a request sets, chosen by `@odata.type`. */
        apiAuthenticationConfigurationRequest: components["schemas"]["basicAuthentication"] | components["schemas"]["pkcs12Certificate"];
        /**
         * @description The authentication a response reports, chosen by `@odata.type`. It never carries a
         *     secret. It may be `null`, as the CSDL allows.
         */
        apiAuthenticationConfigurationResponse: (components["schemas"]["basicAuthenticationMasked"] | components["schemas"]["clientCertificateAuthentication"]) | null;
        /**
         * @description HTTP basic authentication, sent to the API as `Authorization Basic`. Request side:
         *     `username` and `password` are required and not `null`, since the API is called with both.
         */
        basicAuthentication: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            "@odata.type": "#microsoft.graph.basicAuthentication";
            /** @description The user name. */
            username: string;
            /** @description The password. Graph never returns it. */
            password: string;
        };
        /** @description HTTP basic authentication as Graph returns it, the password masked or absent. */
        basicAuthenticationMasked: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            "@odata.type": "#microsoft.graph.basicAuthentication";
            /** @description The user name. */
            username?: string | null;
            /** @description The mask, such as `******`, or `null`; a real password here is a leak. */
            password?: string | null;
        };
        /**
         * @description A PKCS 12 (`.pfx`) client certificate to upload. Request side only: both properties are
         *     required and not `null`, as the CSDL's descriptions say ("Required"; a `.pfx` without a
         *     password still takes `""`).
         */
        pkcs12Certificate: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            "@odata.type": "#microsoft.graph.pkcs12Certificate";
            /**
             * Format: byte
             * @description The `.pfx` file, base64-encoded.
             */
            pkcs12Value: string;
            /** @description The password of the `.pfx` file; `""` when it has none. */
            password: string;
        };
        /** @description The public information of the uploaded certificates. Response side only. */
        clientCertificateAuthentication: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            "@odata.type": "#microsoft.graph.clientCertificateAuthentication";
            /**
             * @description The certificates uploaded for this connector. The CSDL gives the collection no
             *     `Nullable="false"`, so it may be `null`; its elements are never `null` here: Graph
             *     has no null certificate to report, and a nullable element type would make every
             *     generated client unwrap each one.
             */
            certificateList?: components["schemas"]["pkcs12CertificateInformation"][] | null;
        };
        /**
         * @description The public information of one uploaded certificate. As in the CSDL, `isActive`,
         *     `notBefore` and `notAfter` are never `null` and `thumbprint` may be.
         */
        pkcs12CertificateInformation: {
            /** @description The SHA-1 thumbprint of the certificate, in hex. */
            thumbprint?: string | null;
            /**
             * Format: int64
             * @description When the certificate becomes valid, in seconds since 1970-01-01T00:00:00Z.
             */
            notBefore?: number;
            /**
             * Format: int64
             * @description When the certificate expires, in seconds since 1970-01-01T00:00:00Z.
             */
            notAfter?: number;
            /** @description Whether this certificate is the one in use. */
            isActive?: boolean;
        };
        /**
         * @description The parameters of uploadClientCertificate. Both are required and not `null`: the
         *     metadata's action parameters are nullable strings, but the docs require both, with `""`
         *     for a `.pfx` without a password, and an upload without a file has nothing to add.
         */
        uploadClientCertificateRequest: {
            /**
             * Format: byte
             * @description The `.pfx` file, base64-encoded.
             */
            pkcs12Value: string;
            /** @description The password of the `.pfx` file; `""` when it has none. */
            password: string;
        };
        /**
         * @description A user-flow step whose connector can be bound by reference (`…/{step}/$ref`). The
         *     CSDL marks these two `Referenceable`; `preTokenIssuance` is not.
         * @enum {string}
         */
        userFlowApiConnectorStep: "postFederationSignup" | "postAttributeCollection";
        /**
         * @description A user-flow step that can call an API connector. `preTokenIssuance` exists only in beta.
         * @enum {string}
         */
        apiConnectorStep: "postFederationSignup" | "postAttributeCollection" | "preTokenIssuance";
        /**
         * @description A step to expand, or `*` for every step. `preTokenIssuance` exists only in beta.
         * @enum {string}
         */
        apiConnectorConfigurationExpand: "*" | "postFederationSignup" | "postAttributeCollection" | "preTokenIssuance";
        /** @description An OData entity reference to the connector a step calls. */
        apiConnectorReferenceResponse: {
            "@odata.context"?: components["schemas"]["odataContext"];
            /**
             * Format: uri
             * @description The connector's absolute URL, `https://<graph host>/<version>/identity/apiConnectors/<id>`.
             */
            "@odata.id": string;
        };
        /**
         * Format: int32
         * @description A count, written as a bare decimal integer in a `text/plain` body.
         */
        odataCount: number;
        /** @description A reference to a connector by its URL; `{}` removes the reference. */
        apiConnectorReference: {
            /**
             * Format: uri
             * @description The connector's absolute URL, `https://<graph host>/<version>/identity/apiConnectors/<id>`.
             */
            "@odata.id"?: string;
        };
        /**
         * @description The connectors bound to a user flow's steps; a step appears in full when expanded.
         *     `preTokenIssuance` exists only in beta. The CSDL's navigation properties have no
         *     `Nullable="false"`, so an expanded step with no connector may be `null`; the fake
         *     leaves it out, as the documented responses do.
         */
        userFlowApiConnectorConfiguration: {
            "@odata.context"?: components["schemas"]["odataContext"];
            /** @description The connector called after federating with an identity provider during sign-up; present when expanded, and may be `null`. */
            postFederationSignup?: components["schemas"]["identityApiConnector"] | null;
            /** @description The connector called after attributes are collected, before the user is created; present when expanded, and may be `null`. */
            postAttributeCollection?: components["schemas"]["identityApiConnector"] | null;
            /** @description The connector called before a token is issued (beta only); present when expanded, and may be `null`. */
            preTokenIssuance?: components["schemas"]["identityApiConnector"] | null;
        };
        /** @description The connectors to bind when a user flow is created. */
        userFlowApiConnectorReferences: {
            postFederationSignup?: components["schemas"]["apiConnectorReference"];
            postAttributeCollection?: components["schemas"]["apiConnectorReference"];
        };
        /**
         * @description The body that creates a self-service sign-up user flow. Request side: a create needs
         *     its three properties, and none may be `null` (the docs never send one, and Graph has
         *     nothing to create from a null); the CSDL's nullability describes what Graph stores.
         */
        b2xIdentityUserFlowCreate: {
            /** @description The name of the flow; Graph adds the prefix `B2X_1_`. */
            id: string;
            /**
             * @description The kind of flow; the docs allow only `signUpOrSignIn` for self-service sign-up.
             * @enum {string}
             */
            userFlowType: "signUpOrSignIn";
            /** @description The version of the flow type (`Edm.Single`). */
            userFlowTypeVersion: number;
            /** @description The identity providers of the flow (beta); not modelled further here. */
            identityProviders?: Record<string, never>[];
            apiConnectorConfiguration?: components["schemas"]["userFlowApiConnectorReferences"];
        };
        /**
         * @description The kind of a user flow (`graph.userFlowType`), with all the values Graph defines.
         * @enum {string}
         */
        userFlowType: "signUp" | "signIn" | "signUpOrSignIn" | "passwordReset" | "profileUpdate" | "resourceOwner" | "unknownFutureValue";
        /**
         * @description An entity of one of a user flow's navigation collections (identityProvider,
         *     userFlowLanguageConfiguration, identityUserFlowAttributeAssignment or
         *     identityProviderBase). Only its `id` is modelled; the rest is tolerated.
         */
        userFlowNavigationItem: {
            /** @description The entity's id. */
            id?: string;
        };
        /**
         * @description A self-service sign-up user flow as Graph returns it, with the properties and
         *     navigation properties the CSDL gives b2xIdentityUserFlow in both versions. Navigation
         *     collections appear only when expanded and are never `null` (OData collections are not).
         */
        b2xIdentityUserFlow: {
            "@odata.context"?: components["schemas"]["odataContext"];
            /** @description The id of the flow, starting with `B2X_1_`. */
            id: string;
            userFlowType?: components["schemas"]["userFlowType"];
            /** @description The version of the flow type (`Edm.Single`, `Nullable="false"`). */
            userFlowTypeVersion?: number;
            apiConnectorConfiguration?: components["schemas"]["userFlowApiConnectorConfigurationValue"];
            /** @description The identity providers of the flow (navigation, not contained). */
            identityProviders?: components["schemas"]["userFlowNavigationItem"][];
            /** @description The languages of the flow (navigation, contained). */
            languages?: components["schemas"]["userFlowNavigationItem"][];
            /** @description The user attribute assignments of the flow (navigation, contained). */
            userAttributeAssignments?: components["schemas"]["userFlowNavigationItem"][];
            /** @description The identity providers of the flow (navigation, referenceable). */
            userFlowIdentityProviders?: components["schemas"]["userFlowNavigationItem"][];
        };
        /**
         * @description A user flow's `apiConnectorConfiguration` property, which may be `null` as the CSDL
         *     allows. Graph answers it as `{}` on a user flow; its bindings are read with the
         *     apiConnectorConfiguration operation. `preTokenIssuance` exists only in beta.
         */
        userFlowApiConnectorConfigurationValue: {
            /** @description The connector called after federating with an identity provider during sign-up; present when expanded, and may be `null`. */
            postFederationSignup?: components["schemas"]["identityApiConnector"] | null;
            /** @description The connector called after attributes are collected, before the user is created; present when expanded, and may be `null`. */
            postAttributeCollection?: components["schemas"]["identityApiConnector"] | null;
            /** @description The connector called before a token is issued (beta only); present when expanded, and may be `null`. */
            preTokenIssuance?: components["schemas"]["identityApiConnector"] | null;
        } | null;
        /**
         * @description An Azure AD B2C user flow as Graph returns it (beta only), with the properties and
         *     navigation properties the CSDL gives b2cIdentityUserFlow. No operation here returns
         *     one yet; the type is for clients that read b2cUserFlows.
         */
        b2cIdentityUserFlow: {
            "@odata.context"?: components["schemas"]["odataContext"];
            /** @description The id of the flow, starting with `B2C_1_`. */
            id: string;
            userFlowType?: components["schemas"]["userFlowType"];
            /** @description The version of the flow type (`Edm.Single`, `Nullable="false"`). */
            userFlowTypeVersion?: number;
            apiConnectorConfiguration?: components["schemas"]["userFlowApiConnectorConfigurationValue"];
            /** @description The default language (RFC 5646) when the request names no ui_locale. */
            defaultLanguageTag?: string | null;
            /** @description Whether language customization is enabled (`Nullable="false"`). */
            isLanguageCustomizationEnabled?: boolean;
            /** @description The identity providers of the flow (navigation, referenceable). */
            identityProviders?: components["schemas"]["userFlowNavigationItem"][];
            /** @description The languages of the flow (navigation, contained). */
            languages?: components["schemas"]["userFlowNavigationItem"][];
            /** @description The user attribute assignments of the flow (navigation, contained). */
            userAttributeAssignments?: components["schemas"]["userFlowNavigationItem"][];
            /** @description The identity providers of the flow (navigation). */
            userFlowIdentityProviders?: components["schemas"]["userFlowNavigationItem"][];
        };
        /**
         * Format: uri
         * @description The OData context URL of the payload.
         */
        odataContext: string;
        /** @description The Graph error envelope. */
        odataError: {
            error: components["schemas"]["odataErrorMain"];
        };
        /** @description What went wrong. `message` is for developers and is not contractual. */
        odataErrorMain: {
            /** @description A machine-readable code, such as `itemNotFound` or `TooManyRequests`. */
            code: string;
            /** @description A developer message; not localized, not to be parsed. */
            message: string;
            /** @description The target of the error. */
            target?: string;
            innerError?: components["schemas"]["odataInnerError"];
        };
        /** @description Diagnostic detail Graph adds; more properties may appear. */
        odataInnerError: {
            /** @description Graph's id of the request, for support cases. */
            "request-id"?: string;
            /** @description The `client-request-id` the caller sent, echoed. */
            "client-request-id"?: string;
            /** @description When the error happened, as Graph writes it (not always with a zone). */
            date?: string;
            /** @description An inner code, such as the HTTP status of a throttled request. */
            code?: string;
            /** @description An inner developer message. */
            message?: string;
            /** @description The HTTP status, as a string. */
            status?: string;
        };
    };
    responses: {
        /** @description The connectors bound to the flow's steps. */
        ApiConnectorConfiguration: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["userFlowApiConnectorConfiguration"];
            };
        };
        /** @description The request is malformed or invalid. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["odataError"];
            };
        };
        /** @description The bearer token is missing, expired or invalid. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["odataError"];
            };
        };
        /** @description The caller lacks the permission or the directory role. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["odataError"];
            };
        };
        /** @description The connector or user flow does not exist. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["odataError"];
            };
        };
        /** @description An object with that identity already exists. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["odataError"];
            };
        };
        /** @description Throttled. Wait for `Retry-After` before retrying. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["odataError"];
            };
        };
        /** @description Graph failed to process the request. */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["odataError"];
            };
        };
        /** @description Graph is unavailable for now; `Retry-After` may say for how long. */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["odataError"];
            };
        };
        /** @description A Graph gateway timed out; the request may or may not have been processed. */
        GatewayTimeout: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["odataError"];
            };
        };
    };
    parameters: {
        /** @description The connector's id, an opaque string Graph generated. */
        identityApiConnectorId: string;
        /** @description The user flow's id, such as `B2X_1_partner`. */
        b2xIdentityUserFlowId: string;
        /** @description The user flow's id, such as `B2C_1_signup`. */
        b2cIdentityUserFlowId: string;
        /** @description The user-flow step that calls the connector. */
        step: components["schemas"]["userFlowApiConnectorStep"];
        /** @description The user-flow step whose connector is addressed; `preTokenIssuance` exists only in beta. */
        anyStep: components["schemas"]["apiConnectorStep"];
        /** @description An ETag, as the metadata allows; accepted and not compared, since bindings carry none. */
        ifMatch: string;
        /**
         * @description Expands navigation properties. A connector has none, so only `*` is allowed, and it
         *     changes nothing.
         */
        expandNone: "*"[];
        /** @description The steps to keep of those `$expand` returns. */
        selectSteps: components["schemas"]["apiConnectorStep"][];
        /** @description The largest number of connectors on one page. */
        top: number;
        /** @description An OData filter, such as `displayName eq 'Test API'` or `startswith(displayName,'Test')`. */
        filter: string;
        /** @description The properties to return; `id` is always returned. */
        select: ("id" | "displayName" | "targetUrl" | "authenticationConfiguration")[];
        /** @description The continuation token of a page, as written in `@odata.nextLink`. */
        skiptoken: string;
        /** @description The steps whose connectors are returned in full; `*` names every step. */
        expandSteps: components["schemas"]["apiConnectorConfigurationExpand"][];
    };
    requestBodies: {
        ApiConnectorReference: {
            content: {
                "application/json": components["schemas"]["apiConnectorReference"];
            };
        };
    };
    headers: {
        /** @description The URL of the created object. */
        Location: string;
        /** @description How long to wait before retrying: seconds, possibly fractional (`2.128`), or an HTTP date. */
        RetryAfter: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listApiConnectors: {
        parameters: {
            query?: {
                /** @description The largest number of connectors on one page. */
                $top?: components["parameters"]["top"];
                /** @description An OData filter, such as `displayName eq 'Test API'` or `startswith(displayName,'Test')`. */
                $filter?: components["parameters"]["filter"];
                /** @description The properties to return; `id` is always returned. */
                $select?: components["parameters"]["select"];
                /** @description The continuation token of a page, as written in `@odata.nextLink`. */
                $skiptoken?: components["parameters"]["skiptoken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of connectors. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["identityApiConnectorCollection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    createApiConnector: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["identityApiConnectorCreate"];
            };
        };
        responses: {
            /** @description Created. The connector, with the password masked. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["identityApiConnector"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    countApiConnectors: {
        parameters: {
            query?: {
                /** @description An OData filter, such as `displayName eq 'Test API'` or `startswith(displayName,'Test')`. */
                $filter?: components["parameters"]["filter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How many connectors there are. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": components["schemas"]["odataCount"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getApiConnector: {
        parameters: {
            query?: {
                /** @description The properties to return; `id` is always returned. */
                $select?: components["parameters"]["select"];
                /**
                 * @description Expands navigation properties. A connector has none, so only `*` is allowed, and it
                 *     changes nothing.
                 */
                $expand?: components["parameters"]["expandNone"];
            };
            header?: never;
            path: {
                /** @description The connector's id, an opaque string Graph generated. */
                identityApiConnectorId: components["parameters"]["identityApiConnectorId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connector. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["identityApiConnector"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    deleteApiConnector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The connector's id, an opaque string Graph generated. */
                identityApiConnectorId: components["parameters"]["identityApiConnectorId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. No body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    updateApiConnector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The connector's id, an opaque string Graph generated. */
                identityApiConnectorId: components["parameters"]["identityApiConnectorId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["identityApiConnectorUpdate"];
            };
        };
        responses: {
            /** @description Updated. No body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    uploadClientCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The connector's id, an opaque string Graph generated. */
                identityApiConnectorId: components["parameters"]["identityApiConnectorId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["uploadClientCertificateRequest"];
            };
        };
        responses: {
            /** @description The connector with its certificates. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["identityApiConnector"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    createB2xUserFlow: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["b2xIdentityUserFlowCreate"];
            };
        };
        responses: {
            /** @description Created. The user flow; its id gets the prefix `B2X_1_`. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["b2xIdentityUserFlow"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getB2xUserFlowApiConnectorConfiguration: {
        parameters: {
            query?: {
                /** @description The steps to keep of those `$expand` returns. */
                $select?: components["parameters"]["selectSteps"];
                /** @description The steps whose connectors are returned in full; `*` names every step. */
                $expand?: components["parameters"]["expandSteps"];
            };
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2X_1_partner`. */
                b2xIdentityUserFlowId: components["parameters"]["b2xIdentityUserFlowId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ApiConnectorConfiguration"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getB2xUserFlowStepApiConnector: {
        parameters: {
            query?: {
                /** @description The properties to return; `id` is always returned. */
                $select?: components["parameters"]["select"];
                /**
                 * @description Expands navigation properties. A connector has none, so only `*` is allowed, and it
                 *     changes nothing.
                 */
                $expand?: components["parameters"]["expandNone"];
            };
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2X_1_partner`. */
                b2xIdentityUserFlowId: components["parameters"]["b2xIdentityUserFlowId"];
                /** @description The user-flow step whose connector is addressed; `preTokenIssuance` exists only in beta. */
                step: components["parameters"]["anyStep"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connector bound to the step. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["identityApiConnector"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    updateB2xUserFlowStepApiConnector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2X_1_partner`. */
                b2xIdentityUserFlowId: components["parameters"]["b2xIdentityUserFlowId"];
                /** @description The user-flow step whose connector is addressed; `preTokenIssuance` exists only in beta. */
                step: components["parameters"]["anyStep"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["identityApiConnectorUpdate"];
            };
        };
        responses: {
            /** @description Updated. No body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getB2xUserFlowApiConnectorReference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2X_1_partner`. */
                b2xIdentityUserFlowId: components["parameters"]["b2xIdentityUserFlowId"];
                /** @description The user-flow step that calls the connector. */
                step: components["parameters"]["step"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reference to the connector bound to the step. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["apiConnectorReferenceResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    putB2xUserFlowApiConnectorReference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2X_1_partner`. */
                b2xIdentityUserFlowId: components["parameters"]["b2xIdentityUserFlowId"];
                /** @description The user-flow step that calls the connector. */
                step: components["parameters"]["step"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ApiConnectorReference"];
        responses: {
            /** @description Bound or unbound. No body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    deleteB2xUserFlowApiConnectorReference: {
        parameters: {
            query?: never;
            header?: {
                /** @description An ETag, as the metadata allows; accepted and not compared, since bindings carry none. */
                "If-Match"?: components["parameters"]["ifMatch"];
            };
            path: {
                /** @description The user flow's id, such as `B2X_1_partner`. */
                b2xIdentityUserFlowId: components["parameters"]["b2xIdentityUserFlowId"];
                /** @description The user-flow step that calls the connector. */
                step: components["parameters"]["step"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unbound. No body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    uploadB2xUserFlowStepClientCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2X_1_partner`. */
                b2xIdentityUserFlowId: components["parameters"]["b2xIdentityUserFlowId"];
                /** @description The user-flow step whose connector is addressed; `preTokenIssuance` exists only in beta. */
                step: components["parameters"]["anyStep"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["uploadClientCertificateRequest"];
            };
        };
        responses: {
            /** @description The connector with its certificates. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["identityApiConnector"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getB2cUserFlowApiConnectorConfiguration: {
        parameters: {
            query?: {
                /** @description The steps to keep of those `$expand` returns. */
                $select?: components["parameters"]["selectSteps"];
                /** @description The steps whose connectors are returned in full; `*` names every step. */
                $expand?: components["parameters"]["expandSteps"];
            };
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2C_1_signup`. */
                b2cIdentityUserFlowId: components["parameters"]["b2cIdentityUserFlowId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ApiConnectorConfiguration"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getB2cUserFlowStepApiConnector: {
        parameters: {
            query?: {
                /** @description The properties to return; `id` is always returned. */
                $select?: components["parameters"]["select"];
                /**
                 * @description Expands navigation properties. A connector has none, so only `*` is allowed, and it
                 *     changes nothing.
                 */
                $expand?: components["parameters"]["expandNone"];
            };
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2C_1_signup`. */
                b2cIdentityUserFlowId: components["parameters"]["b2cIdentityUserFlowId"];
                /** @description The user-flow step whose connector is addressed; `preTokenIssuance` exists only in beta. */
                step: components["parameters"]["anyStep"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connector bound to the step. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["identityApiConnector"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    updateB2cUserFlowStepApiConnector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2C_1_signup`. */
                b2cIdentityUserFlowId: components["parameters"]["b2cIdentityUserFlowId"];
                /** @description The user-flow step whose connector is addressed; `preTokenIssuance` exists only in beta. */
                step: components["parameters"]["anyStep"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["identityApiConnectorUpdate"];
            };
        };
        responses: {
            /** @description Updated. No body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getB2cUserFlowApiConnectorReference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2C_1_signup`. */
                b2cIdentityUserFlowId: components["parameters"]["b2cIdentityUserFlowId"];
                /** @description The user-flow step that calls the connector. */
                step: components["parameters"]["step"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reference to the connector bound to the step. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["apiConnectorReferenceResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    putB2cUserFlowApiConnectorReference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2C_1_signup`. */
                b2cIdentityUserFlowId: components["parameters"]["b2cIdentityUserFlowId"];
                /** @description The user-flow step that calls the connector. */
                step: components["parameters"]["step"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ApiConnectorReference"];
        responses: {
            /** @description Bound or unbound. No body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    deleteB2cUserFlowApiConnectorReference: {
        parameters: {
            query?: never;
            header?: {
                /** @description An ETag, as the metadata allows; accepted and not compared, since bindings carry none. */
                "If-Match"?: components["parameters"]["ifMatch"];
            };
            path: {
                /** @description The user flow's id, such as `B2C_1_signup`. */
                b2cIdentityUserFlowId: components["parameters"]["b2cIdentityUserFlowId"];
                /** @description The user-flow step that calls the connector. */
                step: components["parameters"]["step"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unbound. No body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    uploadB2cUserFlowStepClientCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user flow's id, such as `B2C_1_signup`. */
                b2cIdentityUserFlowId: components["parameters"]["b2cIdentityUserFlowId"];
                /** @description The user-flow step whose connector is addressed; `preTokenIssuance` exists only in beta. */
                step: components["parameters"]["anyStep"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["uploadClientCertificateRequest"];
            };
        };
        responses: {
            /** @description The connector with its certificates. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["identityApiConnector"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
}
