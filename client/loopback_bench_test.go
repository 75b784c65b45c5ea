package client_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/graph-apiconnector/apiconnector/client"
)

// buildServe builds cmd/apiconnector into dir and returns the binary's path.
func buildServe(b *testing.B, dir string) string {
	b.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		b.Skip("the go command is not on PATH; cannot build apiconnector")
	}
	bin := filepath.Join(dir, "apiconnector")
	out, err := exec.CommandContext(b.Context(), goTool, "build", "-o", bin, "github.com/graph-apiconnector/apiconnector/cmd/apiconnector").CombinedOutput()
	if err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runServe runs `bin serve` on a free loopback port and returns its root URL; the process
// is interrupted when the benchmark ends. serve runs in a process of its own, so that the
// benchmark's allocs/op count the caller's side only.
func runServe(b *testing.B, bin string) string {
	b.Helper()
	cmd := exec.CommandContext(b.Context(), bin, "serve", "--addr", "127.0.0.1:0")
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	exited := make(chan struct{})
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() {
		b.Fatal("serve printed no base URL")
	}
	root := strings.TrimSuffix(strings.TrimPrefix(lines.Text(), "v1.0: "), "/v1.0")
	go func() {
		_, _ = io.Copy(io.Discard, stdout)
		_ = cmd.Wait()
		close(exited)
	}()
	b.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(15 * time.Second):
			_ = cmd.Process.Kill()
		}
	})
	return root
}

// BenchmarkCreateLoopback creates the seed's connector in `apiconnector serve` (the built
// binary, a separate process) over loopback HTTP/1.1 with keep-alive. Each side gets a
// fresh serve. The fake validates every request and response against the contract, so
// most of each round trip is serve's; the pair shows what the client adds end to end.
func BenchmarkCreateLoopback(b *testing.B) {
	bin := buildServe(b, b.TempDir())
	ctx := context.Background()
	b.Run("client", func(b *testing.B) {
		root := runServe(b, bin)
		transport := http.DefaultTransport.(*http.Transport).Clone()
		b.Cleanup(transport.CloseIdleConnections)
		c, err := client.New(client.WithBaseURL(root), client.WithAPIVersion(client.VersionBeta),
			client.WithStaticToken(benchToken), client.WithHTTPClient(&http.Client{Transport: transport}))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			conn, err := c.Create(ctx, benchConnector)
			if err != nil {
				b.Fatal(err)
			}
			if conn.ID == "" {
				b.Fatal("created connector has no id")
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		root := runServe(b, bin)
		transport := http.DefaultTransport.(*http.Transport).Clone()
		b.Cleanup(transport.CloseIdleConnections)
		c := newRawClient(transport, root+"/beta")
		b.ReportAllocs()
		for b.Loop() {
			conn, err := c.create(ctx, rawSeedConnector)
			if err != nil {
				b.Fatal(err)
			}
			if conn.ID == "" {
				b.Fatalf("created %+v", conn)
			}
		}
	})
}
