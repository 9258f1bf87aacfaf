# Two commands a newcomer needs: `make serve` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHROMIUM := /usr/bin/chromium
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

.PHONY: serve build check test review bench browser hook clean

# `make check`, the fast loop (under 15 s): lint, format, types, unit tests.
LINT_PATHS := .
FORMAT_PATHS := .
# Property tests run lighter in the fast loop; `make test` runs them in full.
CHECK_EXAMPLES ?= 150

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[site,test]' --config-settings editable_mode=compat  # a .pth path, no import-hook finder: 15 ms less per hook run
	# Byte-compile now: where PYTHONDONTWRITEBYTECODE is set (as on CI here), every hook run
	# would otherwise recompile the package from source (30 ms of a 150 ms budget).
	$(BIN)/python -m compileall -q review
	touch $(STAMP)

# Debian's chromium for the browser tests; never a browser download of Playwright's own.
# The CJK fonts are checked on their own: a chromium without them draws tofu boxes.
browser: $(CHROMIUM) $(CJK_FONT)
$(CHROMIUM) $(CJK_FONT):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; fi

# The pre-commit hook: every commit touching docs/ is reviewed first (see .pre-commit-config.yaml).
hook: $(STAMP)
	$(BIN)/pre-commit install

review: $(STAMP)
	$(BIN)/review docs

build: review
	$(BIN)/mkdocs build --strict

# A preview, even of pages with errors: mkdocs serve shows each page's findings at its top.
serve: $(STAMP)
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

check: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(FORMAT_PATHS)
	$(BIN)/mypy
	REVIEW_PROPERTY_EXAMPLES=$(CHECK_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider -n auto -m "not e2e and not slow"

# The fast loop first, then the slow and end-to-end tests and the property tests at full strength.
test: check browser
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "e2e or slow or properties"

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]' --config-settings editable_mode=compat  # Pagefind: compared with, not used by the site
	$(BIN)/python bench/review_bench.py
	$(BIN)/python bench/laws.py
	$(BIN)/python bench/site.py
	$(BIN)/python bench/gate.py
	$(BIN)/python bench/site.py --laws --profile  # skips with a message without ../shared/corpus/laws
	$(BIN)/python bench/hook.py  # textlint + prh from bench/textlint (npm ci); skips those rows without node
	$(BIN)/python bench/memory.py  # skips with a message without ../shared/corpus/laws

clean:
	rm -rf $(VENV) site build *.egg-info
