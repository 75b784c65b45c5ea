# The project's entry points. CI calls `make test`, exactly as the README says.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := test

SPEC := openapi/openapi.yaml
CALL_SPEC := openapi/connector-call.yaml
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true
export SCARF_ANALYTICS := false

# Packages that must stay out of what gen/ (and so a generated client) pulls in.
HEAVY_DEPS := getkin/kin-openapi|yaml|gorilla/mux

.PHONY: test generate check-generated check-deps vet lint-spec go-test demo interop-msgraph sync-docs \
	check-consumer check-readme check-example-endpoint generate-typescript check-typescript docs docs-browser-test lint lint-go check-tidy check-gofmt \
	fuzz fuzz-ci vuln bench build-size bench-peer bench-pb33f check-go-run

## test: everything CI checks: generated code up to date, light deps, vet, lint, tests with -race,
## 20,000 inputs of each fuzz target, a consumer module, the example endpoint under the conformance
## tester, the TypeScript reference, the rendered reference page in a real browser, and the
## README's own steps and its ways of installing the command
test: check-generated check-deps vet lint go-test fuzz-ci check-consumer check-readme check-example-endpoint check-go-run check-typescript docs-browser-test

GENERATED := gen internal/specdoc

## generate: regenerate gen/ from openapi.yaml, gen/call/ from connector-call.yaml, and
## internal/specdoc (openapi.yaml as Go code)
generate:
	go generate ./gen/... ./internal/specdoc/...

## check-generated: fail when gen/ or internal/specdoc differs from what the spec generates
check-generated: generate
	@if [ -n "$$(git status --porcelain -- $(GENERATED))" ]; then \
		git status --porcelain -- $(GENERATED); git diff --stat -- $(GENERATED); \
		echo "$(GENERATED) are stale against $(SPEC) or $(CALL_SPEC): run make generate and commit"; exit 1; \
	fi
	@echo "$(GENERATED) are up to date"

## check-deps: gen/, gen/call/ and endpoint/ must not depend on an OpenAPI, YAML or router package
check-deps:
	@if go list -deps ./gen/... ./endpoint | grep -E '$(HEAVY_DEPS)'; then echo "gen/ or endpoint/ depends on the packages above"; exit 1; fi
	@echo "gen/, gen/call/ and endpoint/ have no OpenAPI, YAML or router dependency"

vet:
	go vet ./...

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## lint: the whole offline lint set: the spec linters, golangci-lint and its formatters,
## go mod tidy -diff and gofmt; zero findings
lint: lint-spec lint-go check-tidy check-gofmt

lint-go: bin/golangci-lint
	bin/golangci-lint run ./...
	bin/golangci-lint fmt --diff

bin/golangci-lint: tools/go.mod tools/go.sum
	cd tools && go build -o ../bin/golangci-lint github.com/golangci/golangci-lint/v2/cmd/golangci-lint

check-tidy:
	go mod tidy -diff

# gen/ is gofmt-clean as generated; checked all the same.
check-gofmt:
	@files=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$files" ]; then echo "gofmt would change: $$files"; exit 1; fi
	@echo "gofmt: clean"

## lint-spec: Redocly (recommended + strict examples) and Spectral (spectral:oas) on both specs,
## zero errors and warnings
lint-spec: node_modules/.package-lock.json
	@for spec in $(SPEC) $(CALL_SPEC); do \
		echo "== $$spec"; \
		npx --no-install redocly lint --format=json $$spec 2>/dev/null | node scripts/redocly-gate.mjs; \
		npx --no-install spectral lint --fail-severity=warn $$spec; \
	done

go-test:
	go test -race -count=1 ./...

## demo: the main job: create the documented connector against the in-process fake
demo:
	echo '<PASSWORD>' | go run ./cmd/apiconnector create --fake --display-name "Test API" --target-url https://someapi.com/api --username '<USERNAME>' --password-stdin

## interop-msgraph: Microsoft's Go SDK against apiconnector serve, every exchange validated (minutes to build)
INTEROP_ADDR := 127.0.0.1:18080
interop-msgraph:
	go build -o bin/apiconnector ./cmd/apiconnector
	cd examples/msgraph-sdk && go build -o ../../bin/msgraph-sdk .
	bin/apiconnector serve --addr $(INTEROP_ADDR) & pid=$$!; trap 'kill -INT $$pid' EXIT; sleep 1; bin/msgraph-sdk http://$(INTEROP_ADDR)

## sync-docs: refresh contract/testdata/docs from a checkout of the public Graph docs (DOCS=path)
sync-docs:
	@test -n "$(DOCS)" || { echo "usage: make sync-docs DOCS=<docs checkout>"; exit 2; }
	go run ./internal/syncdocs -docs "$(DOCS)" -out contract/testdata/docs

## check-consumer: examples/consumer, a module of its own, regenerates its client unchanged and passes its tests
check-consumer:
	scripts/check-consumer.sh

## check-readme: run the README's quick start, its plan example, its endpoint example (on 127.0.0.1:8081) and its
## consumer section as written, the last in a new module in a temporary directory against apiconnector serve on 127.0.0.1:8080
check-readme:
	go run ./internal/readmecheck -readme README.md -free 127.0.0.1:8080 -free 127.0.0.1:8081

## check-example-endpoint: examples/endpoint, run as a process, passes `apiconnector endpoint test` at the steps the
## README's endpoint section (make check-readme) does not run
check-example-endpoint:
	scripts/check-example-endpoint.sh

## check-go-run: the README's `go run .../cmd/apiconnector@VERSION validate`, `go install` and
## replace forms, run from a scratch module outside this one against a version made from HEAD
check-go-run:
	scripts/check-go-run.sh

## generate-typescript: regenerate reference/typescript/schema.d.ts and fixtures.gen.ts
generate-typescript: node_modules/.package-lock.json
	node reference/typescript/scripts/gen-schema.mjs
	node reference/typescript/scripts/gen-fixtures.mjs

## check-typescript: generated TypeScript up to date, every documented body type-checks, serve's exchanges validate
check-typescript: generate-typescript
	scripts/fail-if-changed.sh reference/typescript
	npx --no-install tsc -p reference/typescript
	node --test reference/typescript/test/

## docs: the API reference as one self-contained HTML page, docs/index.html, that works offline
docs: node_modules/.package-lock.json
	npx --no-install redocly build-docs $(SPEC) --inlineBundle --template scripts/redoc-offline.hbs \
		--openapi.schemasExpansionLevel=all -o docs/index.html

## docs-browser-test: headless Chromium renders docs/ with no network beyond loopback; leaves docs/screenshot.png
docs-browser-test: docs
	scripts/docs-browser-test.sh docs

# Fuzz targets as package:FuzzName; each runs in its own `go test`.
FUZZ_TARGETS := contract:FuzzParseExchange internal/docsmd:FuzzExtractExamples contract:FuzzValidator \
	client:FuzzDecodeAuth client:FuzzHostileGraph fake:FuzzServeHTTP reconcile:FuzzParse callcontract:FuzzCheckReply \
	endpoint:FuzzHandler cmd/apiconnector:FuzzCLIOutput internal/jsonwalk:FuzzWalk har:FuzzRead
FUZZTIME ?= 60s

## fuzz: every fuzz target for $(FUZZTIME) (default 60s), one at a time; a crasher is written to <pkg>/testdata/fuzz/<FuzzName>/
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t#*:}; \
		echo "== $$name ./$$pkg $(FUZZTIME)"; \
		go test -run='^$$' -fuzz="^$$name\$$" -fuzztime=$(FUZZTIME) ./$$pkg; \
	done

## fuzz-ci: 20,000 inputs of each fuzz target (the seed corpora already run in go-test). A
## count, not a duration: go1.26's fuzz coordinator can report a spurious "context deadline
## exceeded" when a -fuzztime duration ends on a loaded machine (go.dev/issue/75804).
fuzz-ci:
	$(MAKE) fuzz FUZZTIME=20000x

## vuln: govulncheck against a local copy of the Go vulnerability database (module proxy only)
vuln:
	scripts/govulncheck-offline.sh ./...

BENCH_PKGS := ./client/ ./contract/
BENCH_OUT := bench/results/$(shell date +%F).txt

## bench: client vs hand-written net/http (create, get, list of 1,000, loopback create),
## validation vs plain decoding and vs kin-openapi's openapi3filter, 6 runs each; bench/ratios
## checks the ratios against the targets; then the startup instructions of one validate
## process, counted by callgrind (needs valgrind)
bench:
	@mkdir -p bench/results
	go test -run '^$$' -bench . -benchmem -count 6 $(BENCH_PKGS) | tee $(BENCH_OUT)
	status=0; go run ./bench/ratios $(BENCH_OUT) || status=$$?; bench/startup.sh | tee -a $(BENCH_OUT) || status=$$((status ? status : $$?)); exit $$status

## build-size: cold builds of a one-create program with the client and with net/http only: size, time, peak RSS, deps
build-size:
	bench/build-size.sh

## bench-peer: msgraph-sdk-go v1.89.0 vs the client creating connectors against serve (minutes to build; not in CI)
bench-peer:
	bench/peer/run.sh

PB33F_OUT := bench/results/$(shell date +%F)-pb33f.txt

## bench-pb33f: the validator vs libopenapi-validator v0.16.2 (synchronous) on the kin-openapi
## baseline's three exchanges, 6 runs each, load noted; a module of its own (not in CI)
bench-pb33f:
	@mkdir -p bench/results
	uptime | tee $(PB33F_OUT)
	cd bench/pb33f && go test -run '^$$' -bench . -benchmem -count 6 | tee -a ../../$(PB33F_OUT)
	uptime | tee -a $(PB33F_OUT)
	go run ./bench/ratios -set libopenapi-validator $(PB33F_OUT)
