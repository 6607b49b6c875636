#!/usr/bin/env bash
# Builds FerretDB v1.24.2 (SQLite backend) into .tools/bin from the Go module proxy.
# `go install …@v1.24.2` alone yields a binary that panics at start: the module ships without the
# generated build/version/version.txt, so we copy the module source, write that file, and build.
set -euo pipefail
VERSION=v1.24.2
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/.tools/bin/ferretdb"
export GOFLAGS=-mod=mod
DIR=$(go mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
WORK=$(mktemp -d)
trap 'chmod -R u+w "$WORK"; rm -rf "$WORK"' EXIT
cp -r "$DIR/." "$WORK/"
chmod -R u+w "$WORK"
echo "$VERSION" > "$WORK/build/version/version.txt"
echo "package" > "$WORK/build/version/package.txt"
mkdir -p "$(dirname "$OUT")"
(cd "$WORK" && go build -trimpath -o "$OUT" ./cmd/ferretdb)
"$OUT" --version | head -1
