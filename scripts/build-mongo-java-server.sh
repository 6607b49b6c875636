#!/usr/bin/env bash
# Builds the last-resort embedded database, de.bwaldvogel:mongo-java-server (H2 backend), into one runnable jar:
#   tools/mongo-java-server/target/run/mongo-java-server-launcher.jar   (java -jar … <port> <h2-file-path>)
# Maven writes its jar in place; a JVM running that jar loads classes from it lazily and dies
# (ClassNotFoundException, seen here) when it is rewritten under it. So the jar servers run is a copy
# installed by rename: a rebuild while a server runs gives new servers the new file and leaves the old
# file's inode to the running one.
# Needs a JDK ≥ 17 and Maven; dependencies come from Maven Central (or ~/.m2 when already there: the build
# then runs offline). Idempotent: does nothing when the jar is newer than the pom and every source file.
# FORCE=1 rebuilds anyway; MVN_OFFLINE=1 adds -o (never touch the network).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PROJECT="$ROOT/tools/mongo-java-server"
BUILT="$PROJECT/target/mongo-java-server-launcher.jar"
JAR="$PROJECT/target/run/mongo-java-server-launcher.jar"

for bin in java mvn; do
  if ! command -v "$bin" >/dev/null 2>&1; then
    echo "build-mongo-java-server: '$bin' not found (install a JDK ≥ 17 and Maven, e.g. apt-get install openjdk-17-jdk-headless maven)" >&2
    exit 1
  fi
done

if [[ "${FORCE:-0}" != 1 && -f "$JAR" ]]; then
  newer=$(find "$PROJECT/pom.xml" "$PROJECT/src" -type f -newer "$JAR" -print -quit)
  if [[ -z "$newer" ]]; then
    echo "mongo-java-server launcher up to date: ${JAR#"$ROOT"/}"
    exit 0
  fi
fi

args=(-B -q -Dstyle.color=never -f "$PROJECT/pom.xml" package -DskipTests)
[[ "${MVN_OFFLINE:-0}" == 1 ]] && args=(-o "${args[@]}")
# Debian's Maven prints bare colour resets even in batch mode: strip them (pipefail keeps mvn's exit code).
mvn "${args[@]}" 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d'
test -f "$BUILT" || { echo "build-mongo-java-server: build finished but $BUILT is missing" >&2; exit 1; }
mkdir -p "$(dirname "$JAR")"
cp "$BUILT" "$JAR.tmp.$$"
mv -f "$JAR.tmp.$$" "$JAR"
echo "built ${JAR#"$ROOT"/}"
