# Developer entry points; everything is in tools/devenv.py (see README).
PYTHON ?= python3

.PHONY: run test lint runtime i18n bench-pricing bench-quick-order bench-algolia-records bench-algolia-search bench-algolia-sync
run:  ## serve the demo database on http://localhost:8069
	$(PYTHON) tools/devenv.py run
test:  ## every test on a fresh database, tours included
	$(PYTHON) tools/devenv.py test $(PYTEST_ARGS)
lint:  ## ruff, pylint-odoo, XML and manifest checks
	$(PYTHON) tools/devenv.py lint
runtime:  ## only build the Odoo runtime
	$(PYTHON) tools/devenv.py runtime
i18n:  ## export .pot files, merge them into fr.po
	$(PYTHON) tools/devenv.py i18n
bench-pricing:  ## batch price API vs native pricing, 10,000 products
	$(PYTHON) tools/devenv.py bench pricing $(BENCH_ARGS)
bench-quick-order:  ## 500-line quick order vs 500 native /shop/cart/update
	$(PYTHON) tools/devenv.py bench quick_order $(BENCH_ARGS)
bench-algolia-records:  ## Algolia records of 50,000 products x 10 pricelists, batch vs one by one
	$(PYTHON) tools/devenv.py bench algolia_records $(BENCH_ARGS)
bench-algolia-search:  ## built-in search p50/p95 vs native /shop?search= on 50,000 products
	$(PYTHON) tools/devenv.py bench algolia_search $(BENCH_ARGS)
bench-algolia-sync:  ## change-to-Algolia latency, 1,000 writes, chaos run with 30 % failures
	$(PYTHON) tools/devenv.py bench algolia_sync $(BENCH_ARGS)
