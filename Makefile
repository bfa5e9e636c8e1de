# GenUI — the two commands of the README, and a few more.
#   make serve   set up what is missing, build, and start GenUI
#   make test    set up what is missing, build, and run every test (unit, CLI, browser)
SHELL := /bin/bash
SWIFT      ?= swift
GENUI_CACHE ?= $(HOME)/.cache/genui
export GENUI_CACHE
# llama.cpp is built into the cache by scripts/build-llama.sh; SwiftPM finds it through pkg-config.
export PKG_CONFIG_PATH := $(GENUI_CACHE)/llama/lib/pkgconfig$(if $(PKG_CONFIG_PATH),:$(PKG_CONFIG_PATH))

.PHONY: all test serve build deps deps-serve deps-test gallery screenshots bench fuzz clean
# Extra arguments for `make serve`, e.g. make serve SERVE_ARGS="--port 9000 --model qwen0.5b"
SERVE_ARGS ?=

all: build

deps:
	@scripts/bootstrap.sh build

deps-serve:
	@scripts/bootstrap.sh serve

deps-test:
	@scripts/bootstrap.sh test

build: deps
	$(SWIFT) build -c release --product genui
	@echo "built .build/release/genui"

# Tests that need downloaded assets or Chromium fail (instead of skipping) under make test.
# They run optimised (the end-to-end tests generate with the real model, and the mask engine and
# sampler are Swift), in their own scratch directory so `make build` is not invalidated.
TEST_FLAGS ?= -c release -Xswiftc -enable-testing --scratch-path .build/test
# The CLI tests run the genui executable, which `swift test` alone does not build in release mode;
# `build --build-tests` builds it with the tests in one plan.
test: deps-test
	$(SWIFT) build $(TEST_FLAGS) --build-tests
	GENUI_REQUIRE_ASSETS=1 GENUI_REQUIRE_BROWSER=1 $(SWIFT) test $(TEST_FLAGS) --skip-build --disable-swift-testing

# README command 1: set up, build, and serve the chat UI on the embedded default model.
serve: deps-serve
	$(SWIFT) build -c release --product genui
	.build/release/genui serve $(SERVE_ARGS)

gallery: build
	@mkdir -p out/gallery
	.build/release/genui gallery Examples -o out/gallery
	@echo "open file://$(CURDIR)/out/gallery/index.html"

# PNG screenshots of every example golden (headless Chromium), to look at the charts by eye.
screenshots: deps-test
	scripts/screenshot-gallery.sh out/screenshots

# libFuzzer over the JSON parser, schema compiler, matcher, tree checks + renderer, markdown and CSV
# (FUZZ_SECONDS per target; crashes land in out/fuzz/TARGET/). See RELIABILITY.md.
FUZZ_SECONDS ?= 60
fuzz: deps-test
	GENUI_FUZZ=1 $(SWIFT) build -c release --product genui-fuzz --scratch-path .build/fuzz \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
	scripts/fuzz.sh $(FUZZ_SECONDS)

bench: build
	.build/release/genui bench render

clean:
	rm -rf .build out
