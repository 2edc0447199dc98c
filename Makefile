# TikTok-Kompass – the two commands for a fresh machine: `make serve` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
SITE_DIR ?= site
PORT ?= 8000
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

# Live preview that survives editor mistakes (macros/serve.py); another port: make serve PORT=8001
serve: $(VENV)/.installed
	$(BIN)/python -m macros.serve --port $(PORT)

# Built into $(SITE_DIR).tmp and moved into place only when build and site check pass; on any
# failure the old $(SITE_DIR) goes too, so nothing stale can look current or be published.
build: $(VENV)/.installed
	@rm -rf $(SITE_DIR).tmp
	@if $(BIN)/mkdocs build --strict --clean --site-dir $(SITE_DIR).tmp \
	    && $(BIN)/python -m macros.sitecheck $(SITE_DIR).tmp; then \
	  rm -rf $(SITE_DIR) && mv $(SITE_DIR).tmp $(SITE_DIR) && echo "Gebaut: $(SITE_DIR)/ ist neu."; \
	else \
	  rm -rf $(SITE_DIR).tmp $(SITE_DIR); \
	  echo "Build fehlgeschlagen: nichts gebaut, $(SITE_DIR)/ entfernt (keine veraltete Seite)." >&2; \
	  exit 1; \
	fi

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
	rm -rf $(SITE_DIR) $(SITE_DIR).tmp .cache

# PNG of every page at 1280×800 and 390×844, light and dark, to look through before a release.
screenshots: $(VENV)/.installed-test
	$(BIN)/mkdocs build --strict --clean --site-dir $(SITE_DIR)
	$(BIN)/python tests/screenshots.py $(SITE_DIR) screenshots
