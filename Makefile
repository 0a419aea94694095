# The two commands that matter: `make demo` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run

.PHONY: demo test check lint typecheck bench serve screenshots clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# The demo needs the tool alone; the tests add pytest, hypothesis, ruff and mypy, and numba (the
# optional compiled batch loop, tested equal to the numpy path).
$(RUN_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test,fast]'
	touch $(RUN_STAMP) $(STAMP)

demo: $(RUN_STAMP)
	$(VENV)/bin/maplepath assess examples/data_scientist_pgwp.yaml --on 2026-11-21
	@echo "Your own profile: $(VENV)/bin/maplepath assess me.yaml (see docs/profile.md)"

# The browser tests drive Debian's Chromium (Playwright cannot download a browser here) and
# read the PDF report with pdftoppm; the practice store's tests also run on a throwaway
# PostgreSQL server (Debian's postgresql, of any version: /usr/lib/postgresql/N/bin/initdb,
# hence a phony target when none is there). A fresh machine has none of them, so the suite
# installs them (as root, as CI runs). The compiled pool scorer runs on numba's OpenMP threading
# layer, which needs GNU OpenMP (libgomp1; without it maplepath scores with numpy instead).
PG_SERVER := $(if $(wildcard /usr/lib/postgresql/*/bin/initdb),,postgresql-server)
OPENMP := $(if $(wildcard /usr/lib/*/libgomp.so.1 /usr/lib/libgomp.so.1),,openmp-runtime)
SYSTEM_TOOLS := /usr/bin/chromium /usr/bin/pdftoppm $(PG_SERVER) $(OPENMP)
.PHONY: postgresql-server openmp-runtime
$(SYSTEM_TOOLS):
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -q chromium poppler-utils postgresql libgomp1; \
	else echo "the tests need: sudo apt-get install chromium poppler-utils postgresql libgomp1"; \
		exit 1; fi

test: $(STAMP) $(SYSTEM_TOOLS)
	$(PY) -m pytest

serve: $(RUN_STAMP)
	$(VENV)/bin/maplepath serve

# The README's screenshots of the web app, taken by the browser journeys themselves.
screenshots: $(STAMP) $(SYSTEM_TOOLS)
	MAPLEPATH_SCREENSHOTS=docs/img $(PY) -m pytest tests/web/test_browser.py tests/web/test_practice_browser.py

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks tools
	$(VENV)/bin/ruff format --check src tests benchmarks tools

typecheck: $(STAMP)
	$(VENV)/bin/mypy

check: lint typecheck test

# The instruction count of benchmarks/bench_instructions.py runs under Debian's valgrind; without
# root it is not installed and that one figure says it was skipped.
/usr/bin/valgrind:
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q valgrind; \
	else echo "the instruction count needs: sudo apt-get install valgrind"; fi

bench: $(STAMP) | /usr/bin/valgrind
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
