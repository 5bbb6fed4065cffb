#!/usr/bin/env bash
# Builds every module and starts the whole suite on the embedded defaults:
# an embedded PostgreSQL (one database per service), the three services and the gateway.
# It prints the gateway URL, a demo tenant's API key and the Swagger UI address. Ctrl-C stops it all.
set -euo pipefail
cd "$(dirname "$0")"
echo "Building (first run downloads dependencies; later runs take about a minute)…"
./mvnw -B -q -DskipTests clean package
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "suite/target/classes:suite/target/lib/*" io.cxmeter.suite.RunSuite
