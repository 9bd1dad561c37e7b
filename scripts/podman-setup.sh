#!/usr/bin/env bash
# Makes this Debian machine build and run the project's images with podman and no image registry:
# installs podman (with runc), writes a containers.conf.d drop-in that this kind of machine needs, and
# creates local Debian base images from the apt mirror with debootstrap, one per suite:
#   localhost/debian-base:bookworm, localhost/debian-base:trixie
# Idempotent and cached: an existing base image is kept (about 1 s on a second run).
#
# Usage: scripts/podman-setup.sh [SUITE ...]      (default: bookworm trixie; run as root)
#   env MIRROR=URL           Debian mirror (default: the one apt uses here, else http://deb.debian.org/debian)
#   env SECURITY_MIRROR=URL  (default: the one apt uses here, else http://deb.debian.org/debian-security)
#   env BASE_REPO=NAME       image name without tag (default: localhost/debian-base)
# Prints one image name per suite on stdout.
set -euo pipefail

suites=("$@"); [ ${#suites[@]} -gt 0 ] || suites=(bookworm trixie)
BASE_REPO=${BASE_REPO:-localhost/debian-base}
PKGS=(podman runc debootstrap uidmap fuse-overlayfs slirp4netns netavark aardvark-dns)
CONF=/etc/containers/containers.conf.d/50-dev-cluster.conf

log() { echo "podman-setup: $*" >&2; }
[ "$(id -u)" = 0 ] || { log "must run as root (rootful podman is what works on these machines)"; exit 1; }

# Parallel test JVMs or scripts may call this at once: one at a time.
exec 9>/var/lock/dev-cluster-podman-setup.lock
flock 9

# --- packages ----------------------------------------------------------------------------------------
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# --- engine settings -----------------------------------------------------------------------------------
# runc, not crun: crun 1.8 refuses every container on a cgroup v1/v2 hybrid layout ("cgroups in hybrid
# mode not supported"). Ulimits: root here has no CAP_SYS_RESOURCE, so a container may not ask for more
# than the current hard limits; podman's defaults (nofile 1048576, a huge nproc) do, and podman lowers its
# own hard nproc to 32768 at start, so both are capped.
nofile=$(ulimit -Hn); { [ "$nofile" = unlimited ] || [ "$nofile" -gt 1048576 ]; } && nofile=1048576
nproc=$(ulimit -Hu); { [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ]; } && nproc=32768
cgroup_manager=cgroupfs; [ -d /run/systemd/system ] && cgroup_manager=systemd
want=$(cat <<EOF
# written by scripts/podman-setup.sh
[containers]
default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=${nproc}:${nproc}"]

[engine]
runtime = "runc"
cgroup_manager = "${cgroup_manager}"
events_logger = "file"
EOF
)
if [ ! -f "$CONF" ] || [ "$(cat "$CONF")" != "$want" ]; then
  mkdir -p "$(dirname "$CONF")"
  printf '%s\n' "$want" > "$CONF"
  log "wrote $CONF"
fi

# --- base images ---------------------------------------------------------------------------------------
# The mirror apt already uses here is the one reachable from this machine (and from its containers).
# shellcheck disable=SC2016 # $(REPO_URI) is apt's own placeholder
apt_uri() {  # $1 = apt Label
  apt-get indextargets --format '$(REPO_URI)' 'Identifier: Packages' "Label: $1" 2>/dev/null | head -n1
}
MIRROR=${MIRROR:-$(apt_uri Debian)}; MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${SECURITY_MIRROR:-$(apt_uri Debian-Security)}
SECURITY_MIRROR=${SECURITY_MIRROR:-http://deb.debian.org/debian-security}

# Slims a fresh rootfs the way the official debian:*-slim images are slimmed, and points apt at the mirrors.
slim_rootfs() {
  local root=$1 suite=$2
  rm -f "$root/etc/apt/sources.list"
  cat > "$root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: ${MIRROR%/}
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${SECURITY_MIRROR%/}
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  cat > "$root/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  echo 'Acquire::Languages "none";' > "$root/etc/apt/apt.conf.d/docker-no-languages"
  echo 'APT::Install-Recommends "false";' > "$root/etc/apt/apt.conf.d/docker-no-recommends"
  cat > "$root/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
  # No init system in a container: package scripts must not try to start services.
  printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "$root"/usr/share/man/* "$root"/usr/share/info/*
  # Empty man dirs stay: update-alternatives (openjdk's postinst) fails without /usr/share/man/man1.
  mkdir -p "$root"/usr/share/man/man{1,2,3,4,5,6,7,8}
  find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin \
         "$root"/var/lib/apt/lists/* "$root"/var/log/*.log "$root"/tmp/*
  # podman mounts its own resolv.conf and hostname at run time.
  : > "$root/etc/resolv.conf"; : > "$root/etc/hostname"
}

for suite in "${suites[@]}"; do
  image="$BASE_REPO:$suite"
  if podman image exists "$image"; then
    log "$image already present"
  else
    rootfs=$(mktemp -d /var/tmp/debian-rootfs.XXXXXX)
    trap 'rm -rf "$rootfs"' EXIT
    start=$SECONDS
    log "debootstrap $suite from $MIRROR"
    debootstrap --variant=minbase "$suite" "$rootfs" "$MIRROR" >&2
    slim_rootfs "$rootfs" "$suite"
    # --numeric-owner keeps the rootfs' uids, not the host's names for them; import sets no CMD/ENV.
    tar --numeric-owner -C "$rootfs" -c . \
      | podman import --change 'CMD ["/bin/bash"]' --change 'ENV LANG=C.UTF-8' - "$image" >&2
    rm -rf "$rootfs"; trap - EXIT
    log "built $image in $((SECONDS - start)) s"
  fi
  echo "$image"
done
