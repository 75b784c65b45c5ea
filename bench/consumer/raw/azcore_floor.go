//go:build azcorefloor

// Built with -tags azcorefloor, raw links azcore in without calling it: the floor that
// importing azcore (which the client does, for azcore.TokenCredential) sets under any
// program's size. azcore's internal/transport package builds an HTTP/2 client in its init,
// which keeps golang.org/x/net/http2, idna and x/text's normalization tables in the binary.
// bench/build-size.sh reports this beside client and raw.

package main

import _ "github.com/Azure/azure-sdk-for-go/sdk/azcore" // linked for its size only
