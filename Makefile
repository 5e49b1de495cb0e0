# Two commands, both from a machine with nothing but Python 3.11:
#   make run   - install into .venv and start the app on the bundled data (port 8501, or $PORT)
#   make test  - install app + test dependencies (and Debian's chromium if missing) and run every test
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test chromium bench snapshot clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(PY) -m streamlit run app.py --server.headless true --server.port $(PORT)

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

test: $(VENV)/.installed-test chromium
	$(PY) -m pytest -q

bench: $(VENV)/.installed-test chromium
	$(PY) benchmarks/bench_extract.py
	$(PY) benchmarks/bench_study.py
	$(PY) benchmarks/bench_app.py

snapshot: $(VENV)/.installed-run
	$(PY) -m analysis snapshot build

clean:
	rm -rf $(VENV) .cache .pytest_cache
