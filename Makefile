# The kiosk's commands. `make help` lists them.
VENV ?= .venv
PY := $(VENV)/bin/python
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help run central test check setup setup-test assets translations translations-update bench bench-load bench-faults bench-soak bench-deps browser set-pin clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

run: setup ## Set everything up and start the kiosk on http://127.0.0.1:8080
	$(PY) -m kiosk

central: setup ## Central mode by hand: gunicorn, visits in Redis (needs KIOSK_REDIS_URL and KIOSK_SECRET_KEY)
	$(VENV)/bin/gunicorn -c scripts/gunicorn.conf.py wsgi:app

# The tests that compute dates run again under a shifted system clock (libfaketime), so none
# depends on the day it runs. The browser tests are left out there: Chromium and a faked clock
# do not mix, and they read no date of their own.
CLOCK_TESTS := tests/unit tests/web tests/content tests/documents

test: setup-test ## Set everything up (system packages too, as root), lint, and run the whole test suite
	$(MAKE) --no-print-directory check

check: ## Lint and run the whole suite, then the dated tests under a shifted clock (no set-up)
	$(VENV)/bin/ruff check .
	$(PY) -m pytest
	faketime -f "+45d" $(PY) -m pytest -q $(CLOCK_TESTS)
	faketime -f "+400d" $(PY) -m pytest -q $(CLOCK_TESTS)

setup: ## Venv, runtime packages, front-end assets, compiled translations
	bash scripts/setup.sh run

setup-test: ## As setup, plus test packages and the Debian tools the tests use
	bash scripts/setup.sh test

assets: ## Copy htmx and the icons into static/vendor, make the WOFF2 font subsets, compress static files
	npm ci --no-audit --no-fund --loglevel=error
	$(PY) scripts/copy_assets.py

translations: ## Compile the catalogues in translations/
	$(VENV)/bin/pybabel -q compile -d translations

translations-update: ## Extract marked strings (code, templates, flows) and update every catalogue
	$(PY) scripts/update_translations.py

set-pin: ## Set the staff PIN (asks for it)
	$(PY) -m kiosk set-pin

browser: ## Start Chromium in kiosk mode on the running kiosk (Linux)
	bash scripts/kiosk-browser.sh

bench: setup-test ## Print speed and memory figures against same-run baselines
	$(PY) bench/step_latency.py
	$(PY) bench/startup_memory.py
	$(PY) bench/first_load.py

# Load and soak need locust (requirements-bench.txt), which the tests and CI never install.
# Options pass through, e.g. `make bench-load LOAD_ARGS="--minutes 1 --kiosks 10"`.
LOAD_ARGS ?=
SOAK_ARGS ?=

bench-deps:
	$(VENV)/bin/pip install -q -r requirements-bench.txt

bench-load: bench-deps ## Load: 50 kiosks x 10 min on the single-PC server, then 200 x 10 min on central mode
	$(PY) bench/load.py --mode single --kiosks 50 --minutes 10 $(LOAD_ARGS)
	$(PY) bench/load.py --mode central --kiosks 200 --minutes 10 $(LOAD_ARGS)

bench-faults: setup-test ## Faults under central mode, timed: Redis frozen or restarted, workers killed, a restart
	$(PY) bench/faults.py

bench-soak: bench-deps ## Soak: 20 kiosks x 2 hours on central mode; memory growth and Redis back to empty
	$(PY) bench/soak.py --mode central --kiosks 20 --minutes 120 $(SOAK_ARGS)

clean: ## Remove the venv, node_modules and copied assets
	rm -rf $(VENV) node_modules static/vendor
