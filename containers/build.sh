#!/usr/bin/env bash
# Builds the cluster's images, each from its folder here, with podman (or docker when podman is missing).
#
# Usage: containers/build.sh [--base-bookworm IMG] [--base-trixie IMG] [--tag-prefix PREFIX]
#                            [--with-upstream] [--upstream-base FOLDER=IMG] [IMAGE ...]
#   --base-bookworm/--base-trixie  build Debian-based images on this base instead of the pinned public
#                                  one in their Containerfile (tests use the local debootstrap bases)
#   --tag-prefix                   default dev-cluster/
#   --with-upstream                fail, instead of skipping, when an image built FROM an upstream image
#                                  (gerrit, elasticsearch, cassandra, mongodb) cannot get its base
#   --upstream-base FOLDER=IMG     build that upstream image's folder on IMG instead of its FROM (tests: a
#                                  stand-in imitating the upstream image; give it a --tag-prefix of its own)
#   --list                         print "FOLDER IMAGE" for every image, build nothing
#   --maven-modules                print "FOLDER MODULE" for every Maven app module (containers/MODULE) an
#                                  image copies (MODULE/target/MODULE.jar and target/lib/), build nothing
#   IMAGE ...                      only these folders (default: all)
# Prints the name of each image built on stdout, one a line; progress goes to stderr.
# Outside the framework's checkout (the sources shipped in a cluster's jar), an app module's target/ must be
# laid before: `images build` lays it from the module's image artifact in a Maven repository.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# folder  tag  base: a Debian suite (bookworm/trixie, overridable) or "upstream" (its own FROM)
IMAGES=(
  "redis            7.0        bookworm"
  "mariadb          10.11      bookworm"
  "front-door       1.22       bookworm"
  "mediawiki        1.39       bookworm"
  "buildbot-master  3.7        bookworm"
  "buildbot-worker  3.7        bookworm"
  "sftp             9.2        bookworm"
  "agents           0.1.0      bookworm"
  "file-drop        0.1.0      bookworm"
  "api-proxy        0.1.0      bookworm"
  "auth-gateway     0.1.0      bookworm"
  "key-service      0.1.0      bookworm"
  "noticeboard      0.1.0      bookworm"
  "local-machine    0.1.0      bookworm"
  "local-aws        0.1.0      bookworm"
  "local-etcd       3.5        trixie"
  "local-aws-cli    2          trixie"
  "local-haproxy    2.6        bookworm"
  "local-registry   2.8        bookworm"
  "postgres-patroni 17-4.0.7   trixie"
  "keycloak         26.5.6     trixie"
  "gerrit           3.10.1     upstream"
  "elasticsearch    8.15.3     upstream"
  "cassandra        4.1.7      upstream"
  "mongodb          7.0.14     upstream"
)

# The Maven app module (containers/MODULE, whose package phase lays MODULE/target/MODULE.jar and target/lib/)
# that an image copies: its own, or the front door's guard in front of an app that cannot check the proof.
declare -A MODULES=(
  [file-drop]=file-drop [api-proxy]=api-proxy [auth-gateway]=auth-gateway [key-service]=key-service
  [gerrit]=front-door-guard [mediawiki]=front-door-guard [buildbot-master]=front-door-guard
)

prefix=dev-cluster/ with_upstream=false list_modules=false only=()
declare -A base_for=() upstream_base=()
while [ $# -gt 0 ]; do
  case "$1" in
    --base-bookworm) base_for[bookworm]=$2; shift 2 ;;
    --base-trixie) base_for[trixie]=$2; shift 2 ;;
    --tag-prefix) prefix=$2; shift 2 ;;
    --with-upstream) with_upstream=true; shift ;;
    --maven-modules) list_modules=true; shift ;;
    --upstream-base) upstream_base[${2%%=*}]=${2#*=}; shift 2 ;;
    --list) for row in "${IMAGES[@]}"; do read -r n t _ <<<"$row"; echo "$n $prefix$n:$t"; done; exit 0 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "build.sh: unknown option $1" >&2; exit 2 ;;
    *) only+=("$1"); shift ;;
  esac
done

log() { echo "build.sh: $*" >&2; }

wanted() {
  [ ${#only[@]} -eq 0 ] && return 0
  local o; for o in "${only[@]}"; do [ "$o" = "$1" ] && return 0; done; return 1
}
for o in "${only[@]}"; do
  printf '%s\n' "${IMAGES[@]}" | awk '{print $1}' | grep -qx "$o" || { log "no image folder $o"; exit 2; }
done
if $list_modules; then
  for row in "${IMAGES[@]}"; do
    read -r name _ <<<"$row"
    if wanted "$name" && [ -n "${MODULES[$name]:-}" ]; then echo "$name ${MODULES[$name]}"; fi
  done
  exit 0
fi
if command -v podman >/dev/null; then engine=podman
elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then engine=docker
else log "neither podman nor a running docker found (scripts/podman-setup.sh installs podman)"; exit 1
fi

# The pinned default of `ARG BASE=...` in a Containerfile.
default_base() { sed -n 's/^ARG BASE=//p' "$1" | head -n1; }

base_available() {
  "$engine" image inspect "$1" >/dev/null 2>&1 || "$engine" pull -q "$1" >/dev/null 2>&1
}

# Maven builds what an image copies only in the framework's checkout: the container sources shipped in a
# cluster's jar hold each image's sources, not the Maven project around them.
need_checkout() {
  [ -f "$here/../processor/pom.xml" ] && return 0
  log "$1: its image copies $2, built by Maven in the framework's checkout, which these sources (shipped in a"
  log "$1: cluster's jar) are not; build it there: images build --containers CHECKOUT/containers $1${3:-}"
  exit 1
}

# The agents image copies the runtime module and its dependencies, laid out by Maven's package phase.
agents_lib() {
  local lib=$here/agents/target/lib
  if ! ls "$lib"/runtime-*.jar >/dev/null 2>&1; then
    need_checkout agents "the runtime's jar and libraries (agents/target/lib)"
    log "agents: $lib is empty; running Maven to fill it"
    (cd "$here/.." && mvn -q -B -pl containers -am package -DskipTests) >&2
  fi
}

# The team apps' images copy their module's jar and libraries, laid out by Maven's package phase.
app_jar() {
  if [ ! -f "$here/$1/target/$1.jar" ]; then
    need_checkout "$1" "$1/target/$1.jar" \
      " (images build lays it from the Maven artifact dev.cluster:$1, classifier image, when it finds one)"
    log "$1: no $1/target/$1.jar; running Maven to build it"
    (cd "$here/.." && mvn -q -B -pl "containers/$1" -am package -DskipTests) >&2
  fi
}

# The images whose app cannot check the front door's proof copy its guard (jar, libraries, the guarded
# entrypoint) into their own target/, their build context's only way to it.
front_door_guard() {
  app_jar front-door-guard
  rm -rf "$here/$1/target/front-door-guard"
  mkdir -p "$here/$1/target/front-door-guard"
  cp -r "$here/front-door-guard/target/front-door-guard.jar" "$here/front-door-guard/target/lib" \
    "$here/front-door-guard/guarded" "$here/$1/target/front-door-guard/"
}

# Keycloak's image copies its distribution zip from Maven Central, at the root pom's keycloak.version,
# which must be the image's tag.
keycloak_zip() {
  local version
  version=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$here/../pom.xml")
  if [ "$version" != "$1" ]; then
    log "keycloak: build.sh tags it $1 but the root pom's keycloak.version is $version: make them equal"; exit 1
  fi
  mkdir -p "$here/keycloak/target"
  cp "$("$here/../scripts/keycloak-dist.sh")" "$here/keycloak/target/keycloak.zip"
}

for row in "${IMAGES[@]}"; do
  read -r name tag suite <<<"$row"
  wanted "$name" || continue
  dir=$here/$name image=$prefix$name:$tag
  args=()
  if [ "$suite" = upstream ] && [ -n "${upstream_base[$name]:-}" ]; then
    args+=(--build-arg "BASE=${upstream_base[$name]}")
  elif [ "$suite" = upstream ]; then
    base=$(default_base "$dir/Containerfile")
    if ! base_available "$base"; then
      if $with_upstream; then log "$name: cannot get its base $base"; exit 1; fi
      log "$name: skipped, its base $base is in no registry reachable from here (--with-upstream to insist)"
      continue
    fi
  elif [ -n "${base_for[$suite]:-}" ]; then
    args+=(--build-arg "BASE=${base_for[$suite]}")
  fi
  # A bookworm image that copies a program from a trixie stage (agents: the docker CLI) takes that base too.
  if [ -n "${base_for[trixie]:-}" ] && grep -q '^ARG TRIXIE_BASE=' "$dir/Containerfile"; then
    args+=(--build-arg "TRIXIE_BASE=${base_for[trixie]}")
  fi
  case "$name" in
    agents) agents_lib ;;
    keycloak) keycloak_zip "$tag" ;;
  esac
  case "${MODULES[$name]:-}" in
    "") ;;
    front-door-guard) front_door_guard "$name" ;;
    *) app_jar "${MODULES[$name]}" ;;
  esac
  start=$SECONDS
  log "$name: building $image"
  # Host network for RUN steps: apt reaches its mirror without a bridge (no iptables needed).
  # podman writes OCI images by default, whose format has no HEALTHCHECK: ask for the docker format.
  [ "$engine" = podman ] && args+=(--format docker)
  "$engine" build -q --network host "${args[@]}" -t "$image" -f "$dir/Containerfile" "$dir" >&2
  log "$name: built $image in $((SECONDS - start)) s"
  echo "$image"
done
