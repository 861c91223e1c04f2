#!/usr/bin/env bash
# Builds the Python wheel dist/gilscan-VERSION-py3-none-manylinux_X_Y_x86_64.whl: gilscan compiled
# ahead of time with NativeAOT into one executable that needs no .NET runtime, packed by
# build/make_wheel.py. Needs the .NET SDK, a C toolchain (clang or gcc) with zlib's headers
# (Debian: apt-get install clang zlib1g-dev, or build-essential zlib1g-dev), objdump (binutils) and
# python3. The NativeAOT compiler package comes from NuGet like every other package.
#   bash build/wheel.sh            # -> dist/gilscan-*.whl
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

out=artifacts/native/linux-x64
rm -rf "$out"
compiler=()
if ! command -v clang >/dev/null 2>&1; then
  command -v gcc >/dev/null 2>&1 || { echo "wheel.sh: NativeAOT needs clang or gcc (apt-get install clang zlib1g-dev)" >&2; exit 1; }
  compiler=(-p:CppCompilerAndLinker=gcc)
fi
dotnet publish src/GilScan.Cli -c Release -r linux-x64 -p:GilscanNative=true "${compiler[@]}" -o "$out" -nologo -v quiet -clp:NoSummary
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' src/GilScan.Cli/GilScan.Cli.csproj | head -n 1)
rm -f dist/gilscan-*.whl
python3 build/make_wheel.py "$out/gilscan" "$version" README.md dist
