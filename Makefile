# Developer entry points; the work is done by scripts/dev.sh.
#   make run                     set up, then serve on http://127.0.0.1:8000
#   make test                    set up, then run the test suite
#   make test ARGS="-k login -x" extra pytest arguments

.PHONY: run test

run:
	bash scripts/dev.sh run

test:
	bash scripts/dev.sh test $(ARGS)
