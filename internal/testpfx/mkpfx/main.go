// Command mkpfx writes a fresh test .pfx for tests in other languages, which cannot make
// PKCS 12 files without a library: valid from an hour ago for a day, protected by the
// password in MKPFX_PASSWORD ("" or unset for none). It prints
// {"pkcs12Value": "<base64>", "thumbprint": "<hex>"} on stdout.
//
//	MKPFX_PASSWORD=… go run ./internal/testpfx/mkpfx
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/graph-apiconnector/apiconnector/internal/testpfx"
)

func main() {
	now := time.Now()
	pfx, err := testpfx.Make(os.Getenv("MKPFX_PASSWORD"), now.Add(-time.Hour), now.Add(24*time.Hour))
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkpfx:", err)
		os.Exit(1)
	}
	out := map[string]string{"pkcs12Value": base64.StdEncoding.EncodeToString(pfx.Data), "thumbprint": pfx.Thumbprint}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "mkpfx:", err)
		os.Exit(1)
	}
}
