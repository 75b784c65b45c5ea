// Package reconcile manages API connectors and their user-flow bindings as code: it reads
// a desired state from a YAML or JSON file, compares it with the tenant, and plans and
// applies the difference through the client, so that running it again changes nothing.
//
// The file holds no secret, only where to read each one: an environment variable for a
// password, a path for a .pfx. Connectors are matched to the tenant's by displayName;
// Graph never returns a password, so passwords are sent only when a connector is created,
// when its authentication changes, and when rotation is asked for. Certificates are
// compared by thumbprint.
//
// The file format is documented by connectors.schema.json in this folder.
package reconcile
