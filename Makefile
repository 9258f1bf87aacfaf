# Two commands a newcomer needs: `make serve` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHROMIUM := /usr/bin/chromium

.PHONY: serve build test review bench browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat  # a .pth path, no import-hook finder: 15 ms less per hook run
	# Byte-compile now: where PYTHONDONTWRITEBYTECODE is set (as on CI here), every hook run
	# would otherwise recompile the package from source (30 ms of a 150 ms budget).
	$(BIN)/python -m compileall -q review
	touch $(STAMP)

# Debian's chromium for the browser tests; never a browser download of Playwright's own.
browser: $(CHROMIUM)
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; fi

review: $(STAMP)
	$(BIN)/review docs

build: review
	$(BIN)/mkdocs build --strict

# mkdocs serve builds the site itself (the review gate shows findings on the page there).
serve: review
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

test: $(STAMP) browser
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet 'pagefind[extended]>=1.5,<2'  # the [bench] extra: compared with, not used by the site
	$(BIN)/python bench/review_bench.py
	$(BIN)/python bench/site.py
	$(BIN)/python bench/site.py --laws --profile  # skips with a message without ../shared/corpus/laws

clean:
	rm -rf $(VENV) site build *.egg-info
