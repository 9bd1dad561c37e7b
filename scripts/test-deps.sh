#!/bin/bash
# Installs the system packages the tests run for real (checkers and engines), only those missing, so the
# test command works on a fresh Debian machine with just Java 17 and Maven. Idempotent: runs
# `apt-get update` at most once, and only when something must be installed. Needs root (or sudo) then.
set -euo pipefail
cd "$(dirname "$0")/.."
# package:command pairs; the command (looked up on PATH and in /usr/sbin) tells whether the package is there.
wanted=(
  nodejs:node npm:npm             # cfn-lint, cfn-guard, dockerfile-utils come from npm
  systemd:systemd-analyze         # checks generated units
  haproxy:haproxy                 # checks generated ambassador configs; the ambassador's data path
  podman:podman runc:runc debootstrap:debootstrap   # container images (scripts/podman-setup.sh); the Patroni 4 root
  etcd-server:etcd                # the agents' coordination (3-member clusters in tests); the Patroni image's tests
  redis-server:redis-server       # containers/api-proxy tests: the proxy's cache and rate limits
  etcd-client:etcdctl             # runtime: by hand and in benchmarks; containers: reads an election's leader
  syncthing:syncthing             # runtime: synced volumes
  util-linux:setpriv              # runtime: elect ties a leader's child to the agent's life
  iproute2:ss                     # runtime: which etcd member carries a session through the local etcd proxy
  nginx:nginx openssl:openssl     # the generated front door: nginx -t, and in front of the sign-in in tests
  openssh-server:sshd openssh-client:sftp curl:curl   # containers/key-service: sshd asks the key service
  docker-registry:docker-registry apache2-utils:htpasswd   # runtime: images push lands in a real registry
  graphviz:dot                    # processor: the generated cluster diagram is drawn by Graphviz
  awscli:aws                      # runtime: the machines' ready-signal sends its signal with the AWS CLI
  ignition:ignition-validate      # processor, team-cluster: the machines' boot configs validate and apply (Ignition 2.14)
  golang-go:go                    # runtime, team-cluster: fleetd 1.0.0 is built from source (real-fleet tests, `local up`)
  chromium:chromium chromium-driver:chromedriver   # auth-gateway: a person signs in through the front door in a real browser
)
missing=()
for pair in "${wanted[@]}"; do
  command="${pair#*:}"
  command -v "$command" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin" command -v "$command" >/dev/null 2>&1 \
    || missing+=("${pair%%:*}")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Keycloak 26 (the tests' identity provider) runs on Java 21 or later, beside the build's Java 17; Debian 12
# packages none, so this only checks (the tests fail naming it too).
java21=""
for release in /usr/lib/jvm/*/release; do
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" 2>/dev/null)
  [ "${major:-0}" -ge 21 ] && java21=$release
done
[ -n "$java21" ] || echo "test-deps: no Java 21+ under /usr/lib/jvm for Keycloak (install e.g. Temurin 21)" >&2
scripts/keycloak-dist.sh >/dev/null
scripts/install-checkers.sh >/dev/null
# runtime: Patroni 4.0.7 from Debian 13 in a cached root validates PatroniYaml's output (the failover tests run
# the postgres-patroni image instead)
runtime/scripts/patroni-trixie-root.sh >/dev/null
# runtime: accounts-sync's test systems are overlays on a cached Debian 12 root with sshd and curl
runtime/scripts/accounts-root.sh >/dev/null
# runtime, team-cluster: fleetd and fleetctl 1.0.0 for the real-fleet tests (testing/RealFleet) and `local up`'s
# machines, built once from fleet's source in shared/vendor/ beside the checkout; without it those tests fail naming
# the script, the others still run
runtime/scripts/fleet-build.sh >/dev/null || echo "test-deps: runtime/scripts/fleet-build.sh failed: the *RealFleetTest tests will fail" >&2
