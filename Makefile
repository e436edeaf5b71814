# FaceGuard: everyday commands. `make demo` and `make test` work on a fresh Debian machine.
SWIFT ?= swift
# Importing a module a target does not declare as a dependency is a build error.
LAYERS = --explicit-target-dependency-import-check error
RELEASE_BIN = .build/release/faceguard
DEBUG_BIN = .build/debug/faceguard

.PHONY: setup build demo test format bench eval bench-server bench-video bench-batch kill-test \
	fuzz soak no-egress bombs memory docker-test k8s-validate

setup:
	@scripts/setup.sh

# Both build and test end setup by making the int8 calibration files next to the models
# (`faceguard calibrate`; it keeps files already made for the same models).
build: setup
	$(SWIFT) build $(LAYERS) -c release --product faceguard
	$(RELEASE_BIN) calibrate

demo: build
	@scripts/demo.sh

test: setup
	$(SWIFT) build $(LAYERS) --product faceguard
	$(DEBUG_BIN) calibrate
	$(SWIFT) test $(LAYERS)
	@scripts/setup-browser.sh
	@scripts/browser_test.py
	@scripts/bench_video.py --smoke --faceguard .build/debug/faceguard --work .build/bench-video-smoke
	@scripts/kill_test.py --smoke --faceguard .build/debug/faceguard
	@scripts/no_egress_test.py --faceguard .build/debug/faceguard
	@scripts/bomb_test.py --faceguard .build/debug/faceguard
	@scripts/fuzz.sh --smoke
	@scripts/validate_k8s.sh

format:
	$(SWIFT) format -i -r Package.swift Sources Tests

bench: build
	$(RELEASE_BIN) bench

eval: build
	@scripts/widerface.sh

bench-server: build
	@scripts/bench_server.sh

# Photos per second and processor time over wall time of a batch, --jobs 1 and 2.
bench-batch: build
	@scripts/bench_batch.py

# Leaks, speed against the encode floor and deface, and memory of `faceguard video`
# (scripts/bench_video.py --help; --smoke for a quick run).
bench-video: build
	@scripts/bench_video.py

# SIGKILL a real batch (photos and a video) at 40 random moments: outputs complete, none corrupt,
# and --skip-existing finishes it with no temporary file left (scripts/kill_test.py --help).
kill-test: build
	@scripts/kill_test.py

# libFuzzer on every parser and decoder (scripts/fuzz.sh --help): FUZZ_SECONDS per target
# (default 280, about an hour for all twelve); findings kept in .build/fuzz/findings/<target>/.
fuzz: setup
	@scripts/fuzz.sh

# 8 clients for 10 minutes on loopback, valid and invalid uploads and slow clients
# (scripts/soak_server.py --help): statuses, latency, memory, files left, upload bytes in logs.
soak: build
	@scripts/soak_server.py

# No network system call from the command, only loopback serving from the server, and both
# working in an empty network namespace (scripts/no_egress_test.py).
no-egress: build
	@scripts/no_egress_test.py

# A bomb of every photo format (header claims and a real zlib bomb) refused quickly with little
# memory (scripts/bomb_test.py).
bombs: build
	@scripts/bomb_test.py

# Peak resident memory of one photo from 0.8 to 100 megapixels, per preset
# (scripts/memory_by_size.py): the source of the server's memory budget per pixel.
memory: build
	@scripts/memory_by_size.py

# Builds the container image (Debian stand-in base images made with debootstrap when no registry
# is reachable) and checks it: the command with --network none and a read-only root, the server's
# /healthz, image size, start time and in/out-of-container speed (scripts/docker_test.sh --help).
docker-test:
	@scripts/docker_test.sh

# Validates deploy/kubernetes/ offline against Kubernetes' schemas (in make test).
k8s-validate:
	@scripts/validate_k8s.sh
