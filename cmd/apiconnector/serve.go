package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/graph-apiconnector/apiconnector/fake"
)

// shutdownGrace is how long serve lets requests in flight finish after SIGINT or SIGTERM.
const shutdownGrace = 5 * time.Second

// Limits of serve's HTTP server, so that a client that sends its headers or body slowly, or
// keeps a connection idle, cannot hold it forever. A request body is at most 1 MiB.
const (
	serveHeaderTimeout = 10 * time.Second
	serveReadTimeout   = 30 * time.Second // headers and body together
	serveWriteTimeout  = 60 * time.Second // covers injected latency
	serveIdleTimeout   = 2 * time.Minute
	serveMaxHeader     = 64 << 10
)

// newHTTPServer is the server serve runs the fake on.
func newHTTPServer(handler http.Handler) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: serveHeaderTimeout,
		ReadTimeout:       serveReadTimeout,
		WriteTimeout:      serveWriteTimeout,
		IdleTimeout:       serveIdleTimeout,
		MaxHeaderBytes:    serveMaxHeader,
	}
}

func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("serve", stdin, stdout, stderr)
	addr := c.flags.String("addr", "127.0.0.1:8080", "`HOST:PORT` to listen on; port 0 picks a free one")
	seed := c.flags.String("seed", "", "JSON `FILE` of connectors and user flows to start with")
	pageSize := c.flags.Int("page-size", 100, "connectors per list page (`N`)")
	verbose := c.flags.Bool("verbose", false, "log each request (never bodies or secrets) to stderr")
	if _, code := c.parse(args); code >= 0 {
		return code
	}
	if *pageSize < 1 {
		return c.usageError("--page-size: must be at least 1")
	}

	opts := []fake.Option{fake.WithPageSize(*pageSize)}
	if *verbose {
		opts = append(opts, fake.WithLogger(slog.New(slog.NewTextHandler(stderr, nil))))
	}
	server := fake.New(opts...)
	if *seed != "" {
		if err := loadSeed(server, *seed); err != nil {
			diagf(stderr, "apiconnector serve: %v\n", err)
			return exitUsage
		}
	}

	listener, err := (&net.ListenConfig{}).Listen(ctx, "tcp", *addr)
	if err != nil {
		diagf(stderr, "apiconnector serve: %v\n", err)
		return exitUsage
	}
	if !isLoopback(listener.Addr()) {
		diagf(stderr, "apiconnector serve: warning: listening on %s, which is reachable from other machines; the fake accepts any token\n", listener.Addr())
	}
	root := "http://" + listener.Addr().String()
	if _, err := fmt.Fprintf(stdout, "v1.0: %s/v1.0\nbeta: %s/beta\n", root, root); err != nil {
		// Whoever started serve reads the base URLs here; without them it cannot connect.
		_ = listener.Close()
		diagf(stderr, "apiconnector serve: %v\n", err)
		return exitViolation
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	httpServer := newHTTPServer(server)
	served := make(chan error, 1)
	go func() { served <- httpServer.Serve(listener) }()

	select {
	case err := <-served:
		diagf(stderr, "apiconnector serve: %v\n", err)
		return exitViolation
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil {
		diagf(stderr, "apiconnector serve: shutdown: %v\n", err)
		return exitViolation
	}
	diagf(stderr, "apiconnector serve: stopped\n")
	return exitOK
}

func loadSeed(server *fake.Server, path string) error {
	f, err := os.Open(path) //nolint:gosec // the user names the seed file
	if err != nil {
		return fmt.Errorf("--seed: %w", err)
	}
	defer func() { _ = f.Close() }() // opened read-only: a Close error cannot lose data
	if err := server.LoadSeed(f); err != nil {
		return fmt.Errorf("--seed %s: %w", path, err)
	}
	return nil
}

func isLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}
