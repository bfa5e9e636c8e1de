# GenUI — the two commands of the README, and a few more.
#   make serve   set up what is missing, build, and start GenUI
#   make test    set up what is missing, build, and run every test (unit, CLI, browser)
SHELL := /bin/bash
SWIFT      ?= swift
GENUI_CACHE ?= $(HOME)/.cache/genui
export GENUI_CACHE

.PHONY: all test serve build deps deps-test gallery screenshots bench clean

all: build

deps:
	@scripts/bootstrap.sh build

deps-test:
	@scripts/bootstrap.sh test

build: deps
	$(SWIFT) build -c release --product genui
	@echo "built .build/release/genui"

# Tests that need downloaded assets or Chromium fail (instead of skipping) under make test.
test: deps-test
	GENUI_REQUIRE_ASSETS=1 GENUI_REQUIRE_BROWSER=1 $(SWIFT) test --disable-swift-testing

# Until the HTTP server lands, `serve` renders the example gallery and prints where it went.
serve: build gallery

gallery:
	@mkdir -p out/gallery
	.build/release/genui gallery Examples -o out/gallery
	@echo "open file://$(CURDIR)/out/gallery/index.html"

# PNG screenshots of every example golden (headless Chromium), to look at the charts by eye.
screenshots: deps-test
	scripts/screenshot-gallery.sh out/screenshots

bench: build
	.build/release/genui bench render

clean:
	rm -rf .build out
