# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run worker test install browser lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# Serve the bundled data at http://127.0.0.1:$(PORT) (development settings, SQLite by default),
# with a job worker beside the server for imports from the pages; Ctrl-C stops both.
run: install
	DEBUG=true $(BIN)/i4region setup
	DEBUG=true $(BIN)/i4region db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(BIN)/i4region runserver 127.0.0.1:$(PORT)

# One job worker on the database DATABASE_URL names; run as many as needed, on any machine.
worker: install
	$(BIN)/i4region db_worker --no-reload

# What the browser, PDF and translation tests need from Debian, installed when we are root.
DEBIAN_PACKAGES := chromium gettext poppler-utils fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 nginx
browser:
	@dpkg -s $(DEBIAN_PACKAGES) >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_PACKAGES) \
	      $$(command -v npm >/dev/null 2>&1 || echo npm) >/dev/null; \
	  else echo "install Debian's $(DEBIAN_PACKAGES) and npm to run the whole suite"; fi; }

# axe-core for the accessibility audit of the browser tests, from npm's lock file.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# The whole suite on the database DATABASE_URL names (SQLite when unset).
test: install browser lint node_modules/.installed
	DEBUG=true $(BIN)/i4region compilemessages
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench

# The load generator and the proxy of the benchmarks, from Debian, installed when we are root.
BENCH_PACKAGES := wrk nginx
bench: install
	@dpkg -s $(BENCH_PACKAGES) >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BENCH_PACKAGES) >/dev/null; \
	  else echo "install Debian's $(BENCH_PACKAGES) to run every benchmark"; fi; }
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) db.sqlite3 var node_modules
