# xjj — every target installs what it needs into a local .venv from the pinned lock files.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP := $(VENV)/.run-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: demo test lint format bench fuzz mutate clean lock render-check form-pages reference-docx system-tools

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "xjj 需要 Python 3.11 或更高版本"'
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): $(BIN)/python requirements-build.lock requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet -r requirements-build.lock
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

$(DEV_STAMP): $(RUN_STAMP) requirements-dev.lock
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	@touch $@

## demo: validate the built-in sample district and run the month's pipeline on it (rank, accountability,
## early warnings, bulletin, notices, battle map)
demo: $(RUN_STAMP)
	$(BIN)/xjj --data data validate
	$(BIN)/xjj --data data rank --metric 5g.stations
	$(BIN)/xjj --data data accountability
	$(BIN)/xjj --data data warnings
	@echo "月度通报（Markdown、HTML、DOCX）："
	$(BIN)/xjj --data data bulletin --date 2026-11-05 --force
	@echo "约谈通知、问责函和登记表："
	$(BIN)/xjj --data data notices --date 2026-11-05 --force
	@echo "挂图作战图："
	$(BIN)/xjj --data data board --force

## test: the whole test suite on every core (pytest-xdist); some tests open the outputs in
## LibreOffice and Chromium, which system-tools installs from Debian's packages when missing)
test: $(DEV_STAMP) system-tools
	$(BIN)/python -m pytest -q -n auto

## system-tools: LibreOffice, Chromium, poppler and Chinese fonts for the tests and render-check
system-tools:
	@bash scripts/system-tools.sh

## lint: ruff (lint + format check) and mypy --strict over the code, the tests, bench and scripts
## (in one run: scripts/fuzz.py imports tests/fuzzing.py)
lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy src tests bench scripts

format: $(DEV_STAMP)
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

## bench: xjj at province scale against a bare parse and a cold validate (writes bench/results.md);
## BENCH_QUICK=1 for a check in a few minutes (2,000 projects, one run), BENCH_RUNS, BENCH_DIR
## (default /tmp/xjj-bench), BENCH_ONLY=documents (issue 28's rows alone; see bench/run.py).
## The dev venv: the board is opened in Chromium through Playwright (system-tools installs Chromium)
bench: $(DEV_STAMP) system-tools
	$(BIN)/python bench/run.py

## fuzz: a long fuzzing session (100,000 mutated repositories; FUZZ_CASES to change)
fuzz: $(DEV_STAMP)
	$(BIN)/python scripts/fuzz.py $(or $(FUZZ_CASES),100000)

## mutate: mutation testing of the rules in src/xjj_cli/engine/ (tens of minutes; not in `test`).
## A fresh run, MUTATE_CHILDREN (2) at a time; prints the counts and survivors for docs/mutation.md.
mutate: $(DEV_STAMP)
	rm -rf mutants
	XJJ_HYPOTHESIS_PROFILE=mutation $(BIN)/mutmut run --max-children $(or $(MUTATE_CHILDREN),2)
	$(BIN)/python scripts/mutation_record.py

## render-check: DOCX → PDF with LibreOffice and an HTML screenshot with Chromium (installs them)
render-check: $(DEV_STAMP) system-tools
	bash scripts/render-check.sh

## form-pages: docs/form-<kind>-print.png, one fill-in workbook of each kind (town, owner, unit …)
## as LibreOffice prints it on A4, the first page of each sheet (scripts/form_pages.py)
form-pages: $(RUN_STAMP) system-tools
	$(BIN)/python scripts/form_pages.py

## reference-docx: rewrite templates/bulletin-reference.docx, the DOCX bulletin's page and styles
reference-docx: $(RUN_STAMP)
	$(BIN)/python scripts/make-reference-docx.py

## lock: re-pin the dependencies after changing pyproject.toml
lock:
	rm -rf build/lock && $(PYTHON) -m venv build/lock
	build/lock/bin/pip install --quiet --upgrade pip setuptools wheel
	{ head -2 requirements-build.lock; build/lock/bin/pip freeze --all | grep -E '^(pip|setuptools|wheel)=='; } \
	  > requirements-build.lock.new && mv requirements-build.lock.new requirements-build.lock
	build/lock/bin/pip install --quiet .
	{ echo "# Runtime dependencies, pinned. Regenerate with 'make lock' after changing pyproject.toml."; \
	  build/lock/bin/pip freeze --exclude xjj-cli; } > requirements.lock
	build/lock/bin/pip install --quiet ".[dev]"
	{ echo "# Development dependencies, pinned (runtime ones come from requirements.lock)."; \
	  echo "-r requirements.lock"; \
	  build/lock/bin/pip freeze --exclude xjj-cli | grep -v -x -F -f requirements.lock; } > requirements-dev.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
