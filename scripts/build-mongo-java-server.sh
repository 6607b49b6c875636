#!/usr/bin/env bash
# Builds the last-resort embedded database, de.bwaldvogel:mongo-java-server (H2 backend), into one runnable jar:
#   tools/mongo-java-server/target/mongo-java-server-launcher.jar   (java -jar … <port> <h2-file-path>)
# Needs a JDK ≥ 17 and Maven; dependencies come from Maven Central (or ~/.m2 when already there: the build
# then runs offline). Idempotent: does nothing when the jar is newer than the pom and every source file.
# FORCE=1 rebuilds anyway; MVN_OFFLINE=1 adds -o (never touch the network).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PROJECT="$ROOT/tools/mongo-java-server"
JAR="$PROJECT/target/mongo-java-server-launcher.jar"

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
test -f "$JAR" || { echo "build-mongo-java-server: build finished but $JAR is missing" >&2; exit 1; }
touch "$JAR"
echo "built ${JAR#"$ROOT"/}"
