package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/graph-apiconnector/apiconnector/contract"
	"github.com/graph-apiconnector/apiconnector/har"
	"github.com/graph-apiconnector/apiconnector/proxy"
)

// proxyShutdownGrace is how long the proxy lets exchanges in flight finish after SIGINT or
// SIGTERM; an upstream as slow as real Graph gets longer than serve's own fake.
const proxyShutdownGrace = 30 * time.Second

func runProxy(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommand("proxy", stdin, stdout, stderr)
	listen := c.flags.String("listen", "127.0.0.1:8081", "loopback `HOST:PORT` to listen on, plain http; port 0 picks a free one")
	upstreamFlag := c.flags.String("upstream", "", "root `URL` to forward to, without the version: https://graph.microsoft.com, or serve's http://127.0.0.1:PORT")
	record := c.flags.String("record", "", "write the exchanges to this HAR `FILE`, secrets masked")
	failOnViolation := c.flags.Bool("fail-on-violation", false, "exit 1 at shutdown if any exchange broke the contract")
	if _, code := c.parse(args); code >= 0 {
		return code
	}
	upstream, err := parseUpstream(*upstreamFlag)
	if err != nil {
		return c.usageError("--upstream: %v", err)
	}
	validator, err := contract.NewValidator()
	if err != nil {
		diagf(stderr, "apiconnector proxy: %v\n", err)
		return exitUsage
	}
	listener, err := (&net.ListenConfig{}).Listen(ctx, "tcp", *listen)
	if err != nil {
		diagf(stderr, "apiconnector proxy: --listen: %v\n", err)
		return exitUsage
	}
	if !isLoopback(listener.Addr()) {
		_ = listener.Close()
		diagf(stderr, "apiconnector proxy: --listen: %s is not a loopback address; the proxy speaks plain http and carries tokens\n", *listen)
		return exitUsage
	}

	logger := slog.New(slog.NewTextHandler(stderr, nil))
	opts := proxy.Options{Upstream: upstream, Validator: validator, Logger: logger}
	var recording *os.File
	if *record != "" {
		recording, err = os.OpenFile(*record, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
		if err != nil {
			_ = listener.Close()
			diagf(stderr, "apiconnector proxy: --record: %v\n", err)
			return exitUsage
		}
		if opts.Recorder, err = har.NewWriter(recording, "apiconnector proxy", moduleVersion()); err != nil {
			_ = listener.Close()
			_ = recording.Close()
			diagf(stderr, "apiconnector proxy: --record: %v\n", err)
			return exitUsage
		}
	}
	p, err := proxy.New(opts)
	if err != nil {
		_ = listener.Close()
		diagf(stderr, "apiconnector proxy: %v\n", err)
		return exitUsage
	}

	root := "http://" + listener.Addr().String()
	if _, err := fmt.Fprintf(stdout, "v1.0: %s/v1.0\nbeta: %s/beta\n", root, root); err != nil {
		_ = listener.Close()
		diagf(stderr, "apiconnector proxy: %v\n", err)
		return exitViolation
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	server := &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()

	code := exitOK
	select {
	case err := <-served:
		diagf(stderr, "apiconnector proxy: %v\n", err)
		code = exitViolation
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), proxyShutdownGrace)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		// Past the grace period the remaining exchanges are cut; each is still counted.
		_ = server.Close()
		diagf(stderr, "apiconnector proxy: shutdown: %v\n", err)
	}
	if opts.Recorder != nil {
		if err := opts.Recorder.Close(); err != nil {
			diagf(stderr, "apiconnector proxy: --record: %v\n", err)
			code = exitViolation
		}
		if err := recording.Close(); err != nil {
			diagf(stderr, "apiconnector proxy: --record: %v\n", err)
			code = exitViolation
		}
	}
	s := p.Summary()
	diagf(stdout, "%d exchanges: %d valid, %d invalid\n", s.Exchanges, s.Valid, s.Invalid)
	if s.RecordErrors > 0 {
		diagf(stderr, "apiconnector proxy: %d exchanges could not be recorded\n", s.RecordErrors)
		code = exitViolation
	}
	if s.Invalid > 0 && *failOnViolation && code == exitOK {
		code = exitViolation
	}
	return code
}

// parseUpstream accepts an absolute https URL, or http to a loopback host (serve): a token
// must not cross a network in the clear.
func parseUpstream(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, errors.New("required")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("%q is not an absolute http(s) URL", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("%q: give the root URL only, without user, query or fragment", raw)
	}
	if u.Scheme == "http" && !isLoopbackHost(u.Hostname()) {
		return nil, fmt.Errorf("%q: plain http only to a loopback host; use https", raw)
	}
	return u, nil
}

func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// moduleVersion names the build in the recording's creator field.
func moduleVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "devel"
}
