#!/usr/bin/env bash
# Creates the Secrets the dev overlay expects, with fresh random values, in namespace cxmeter-dev.
# Nothing secret is committed: run this once per cluster before `kubectl apply -k deploy/overlays/dev`.
set -euo pipefail
ns=${NAMESPACE:-cxmeter-dev}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl create namespace "$ns"
apply() { kubectl -n "$ns" create secret generic "$@" --dry-run=client -o yaml | kubectl apply -f -; }

# The gateway signs the internal JWT with the private key; the services verify with the public one.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/private.pem" 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in "$work/private.pem" -outform DER | base64 -w0 > "$work/private.b64"
openssl pkey -in "$work/private.pem" -pubout -outform DER | base64 -w0 > "$work/public.b64"
apply cxmeter-internal-jwt --from-file=private-key="$work/private.b64" --from-file=public-key="$work/public.b64"

# Event producers sign their deliveries to metrics-service with a key pair of their own.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/events.pem" 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in "$work/events.pem" -outform DER | base64 -w0 > "$work/events-private.b64"
openssl pkey -in "$work/events.pem" -pubout -outform DER | base64 -w0 > "$work/events-public.b64"
apply cxmeter-events --from-file=private-key="$work/events-private.b64" --from-file=public-key="$work/events-public.b64"

# survey-service seals tenants' SMTP passwords at rest with this AES-256 key.
apply cxmeter-delivery --from-literal=sealing-key="$(openssl rand -base64 32)"

admin_key=$(openssl rand -hex 24)
apply cxmeter-gateway --from-literal=api-key-pepper="$(openssl rand -hex 32)" --from-literal=admin-key="$admin_key"
apply cxmeter-redis --from-literal=url="redis://redis:6379"
apply postgres-admin --from-literal=password="$(openssl rand -hex 16)"
for service in survey ticket metrics gateway; do
  apply "$service-db" --from-literal=url="postgresql://postgres:5432/$service" \
    --from-literal=username="$service" --from-literal=password="$(openssl rand -hex 16)"
done
echo "Secrets created in $ns. Platform admin key (register tenants with it): $admin_key"
