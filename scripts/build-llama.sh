#!/usr/bin/env bash
# Builds llama.cpp (CPU) from the source vendored in the pinned PyPI sdist llama-cpp-python==0.3.36
# and installs it under $GENUI_CACHE/llama (headers, static libs, llama.pc). Idempotent: a second
# run finds the installed llama.pc and returns at once.
set -euo pipefail
CACHE=${GENUI_CACHE:-$HOME/.cache/genui}
PREFIX="$CACHE/llama"
VERSION=0.3.36
SHA256=832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e
say() { printf '\033[1m[genui llama.cpp]\033[0m %s\n' "$*" >&2; }

# The build's own revision: a change of flags below rebuilds caches made with the old ones.
BUILD_REV=3
if [ -f "$PREFIX/lib/pkgconfig/llama.pc" ] && [ -f "$PREFIX/.genui-built-$VERSION-r$BUILD_REV" ]; then
    exit 0
fi

# pip needs the sdist's build backend to read its metadata, and cmake comes from the same venv
# when the system has none.
ensure_build_venv() {
    local venv="$CACHE/venv-build"
    if [ ! -x "$venv/bin/cmake" ]; then
        say "preparing a build venv (scikit-build-core, cmake, ninja)"
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q scikit-build-core cmake ninja
    fi
}

mkdir -p "$CACHE/pypi" "$CACHE/src"
sdist="$CACHE/pypi/llama_cpp_python-$VERSION.tar.gz"
if [ ! -f "$sdist" ]; then
    say "downloading llama-cpp-python==$VERSION (sdist) from PyPI"
    ensure_build_venv
    "$CACHE/venv-build/bin/pip" download -q --no-deps --no-binary :all: --no-build-isolation \
        -d "$CACHE/pypi" "llama-cpp-python==$VERSION"
fi
echo "$SHA256  $sdist" | sha256sum -c --quiet - || { say "sha256 mismatch for $sdist"; exit 1; }

# The archive's top directory is named by its build backend (llama_cpp_python-X today); ask the archive.
top=$(tar -tzf "$sdist" | sed -n "1s|/.*||p")
src="$CACHE/src/$top"
if [ ! -d "$src/vendor/llama.cpp" ]; then
    say "extracting"
    tar -xzf "$sdist" -C "$CACHE/src"
fi

cmake_bin=$(command -v cmake || true)
if [ -z "$cmake_bin" ]; then ensure_build_venv; cmake_bin="$CACHE/venv-build/bin/cmake"; fi
build="$CACHE/build-llama"
# The instruction set: x86-64-v3 (AVX2, FMA, F16C, BMI2) wherever the CPU has it, not the build
# machine's own (-march=native). Two reasons, both met on an AMX-capable Xeon:
# - native code took in this release's AMX matmul kernel, which died with SIGILL at its first tile
#   instruction and killed the server at the first token;
# - AVX-512 kernels round differently from AVX2 ones, so the same seed sampled other answers on
#   such a machine (longer ones, past the tests' limits). One instruction set everywhere gives
#   the same answers on every x86-64-v3 machine; a 135M-0.5B model decoding one token at a time
#   gains little from wider vectors.
# Elsewhere (other architectures, older x86) the build stays native, without AMX.
isa_flags=(-DGGML_NATIVE=ON)
extra_flags=""
if [ "$(uname -m)" = "x86_64" ]; then
    extra_flags="-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"
    cpu_flags=" $(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null) "
    if [[ $cpu_flags == *" avx2 "* && $cpu_flags == *" fma "* && $cpu_flags == *" f16c "* && $cpu_flags == *" bmi2 "* ]]; then
        isa_flags=(-DGGML_NATIVE=OFF -DGGML_SSE42=ON -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON
                   -DGGML_AVX_VNNI=OFF -DGGML_AVX512=OFF -DGGML_AVX512_VBMI=OFF -DGGML_AVX512_VNNI=OFF -DGGML_AVX512_BF16=OFF)
    fi
fi
say "configuring (CPU, static)"
"$cmake_bin" -S "$src/vendor/llama.cpp" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_FLAGS="$extra_flags" -DCMAKE_CXX_FLAGS="$extra_flags" \
    -DCMAKE_INSTALL_PREFIX="$PREFIX" -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
    -DLLAMA_BUILD_APP=OFF -DLLAMA_BUILD_COMMON=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
    -DLLAMA_BUILD_SERVER=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF \
    "${isa_flags[@]}" -DGGML_OPENMP=OFF >/dev/null
say "building (a few minutes on 2 cores; progress below)"
"$cmake_bin" --build "$build" -j "$(nproc)" 2>&1 | grep -E '^\[ *[0-9]+%\]' | awk 'NR % 10 == 1' >&2
"$cmake_bin" --install "$build" >/dev/null
# The upstream llama.pc lists the static libraries in an order a static link cannot use and
# leaves out the CPU backend; write one that links.
cat > "$PREFIX/lib/pkgconfig/genui-llama.pc" <<PC
prefix=$PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: genui-llama
Description: llama.cpp $VERSION (static, CPU) as built for GenUI
Version: $VERSION
Libs: -L\${libdir} -lllama -lggml -lggml-cpu -lggml-base -lstdc++ -lm -lpthread
Cflags: -I\${includedir}
PC
touch "$PREFIX/.genui-built-$VERSION-r$BUILD_REV"
# SwiftPM does not notice a rebuilt static library: drop the products linked against the old one
# (a checkout that was built before), so that the next build links them again.
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ -d "$repo/.build" ]; then
    find "$repo/.build" \( -name genui -o -name GenUIPackageTests.xctest \) -type f -delete
fi
say "installed into $PREFIX"
