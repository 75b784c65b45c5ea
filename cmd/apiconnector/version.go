package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// printVersion writes the module version the binary was built from, as the go command
// stamped it: a tag for `go install ...@v1.2.3`, a pseudo-version for a build in a checkout.
func printVersion(stdout, stderr io.Writer) int {
	info, ok := debug.ReadBuildInfo()
	if _, err := fmt.Fprintln(stdout, versionLine(info, ok)); err != nil {
		diagf(stderr, "apiconnector: %v\n", err)
		return exitViolation
	}
	return exitOK
}

func versionLine(info *debug.BuildInfo, ok bool) string {
	if !ok || info == nil {
		return "apiconnector (unknown version: built without module information)"
	}
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	line := "apiconnector " + version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && version == "(devel)" {
			line += " " + s.Value
		}
	}
	return line + " " + info.GoVersion
}
