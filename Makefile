# TikTok-Kompass – the two commands for a fresh machine: `make serve` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
SITE_DIR ?= site
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check-data linkcheck schemas lint clean screenshots

# (Re)install whenever pyproject.toml changes; the stamp files record what is installed.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test,linkcheck]"
	touch $@

# axe-core for the accessibility tests, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict --clean --site-dir $(SITE_DIR)
	$(BIN)/python -m macros.sitecheck $(SITE_DIR)

test: $(VENV)/.installed-test node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/pytest

check-data: $(VENV)/.installed
	$(BIN)/python -m macros.check

linkcheck: $(VENV)/.installed-test build
	$(BIN)/python -m macros.linkcheck $(SITE_DIR)

schemas: $(VENV)/.installed
	$(BIN)/python -m macros.schemas

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

clean:
	rm -rf $(SITE_DIR) .cache

# PNG of every page at 1280×800 and 390×844, light and dark, to look through before a release.
screenshots: $(VENV)/.installed-test
	$(BIN)/mkdocs build --strict --clean --site-dir $(SITE_DIR)
	$(BIN)/python tests/screenshots.py $(SITE_DIR) screenshots
