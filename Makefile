# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install browser lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# Serve the bundled data at http://127.0.0.1:$(PORT) (development settings, SQLite by default).
run: install
	DEBUG=true $(BIN)/i4region setup
	DEBUG=true $(BIN)/i4region runserver 127.0.0.1:$(PORT)

# Headless Chromium for the browser tests: Debian's package, installed when we are root.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v xgettext >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium gettext poppler-utils fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null; \
	  else echo "chromium is missing: install Debian's chromium package to run the browser tests"; fi; }

# The whole suite on the database DATABASE_URL names (SQLite when unset).
test: install browser lint
	DEBUG=true $(BIN)/i4region compilemessages
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench

bench: install
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) db.sqlite3 var
