#!/bin/bash
# Checks the front door's generated server blocks with nginx itself (`nginx -t`), all of them in one http{}
# as the front door loads them (so clashing server names or listen options show too), in a throwaway
# prefix so that nothing on the machine is touched. The blocks name the certificate the front door is given
# at /etc/nginx/tls/; the check points those paths at a throwaway self-signed certificate.
# Usage: scripts/check-nginx.sh DIR      (needs nginx and openssl; scripts/test-deps.sh installs them)
set -uo pipefail
dir=$(readlink -f "$1")
for tool in nginx openssl; do
  command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin" command -v "$tool" >/dev/null \
    || { echo "$tool is not installed (apt-get install -y $tool)"; exit 2; }
done
PATH="$PATH:/usr/sbin"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/logs" "$tmp/conf.d" "$tmp/tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=front-door.test" \
  -keyout "$tmp/tls/privkey.pem" -out "$tmp/tls/fullchain.pem" >/dev/null 2>&1 || { echo "openssl failed"; exit 2; }
n=0
for f in "$dir"/*.conf; do
  [ -e "$f" ] || continue
  n=$((n + 1))
  sed "s#/etc/nginx/tls/#$tmp/tls/#g" "$f" > "$tmp/conf.d/$(basename "$f")"
done
[ $n -gt 0 ] || { echo "no .conf files in $dir"; exit 1; }
printf 'pid %s/nginx.pid;\nerror_log %s/logs/error.log;\nevents {}\nhttp {\n  include /etc/nginx/mime.types;\n  include %s/conf.d/*.conf;\n}\n' \
  "$tmp" "$tmp" "$tmp" > "$tmp/nginx.conf"
if out=$(nginx -t -q -p "$tmp/" -c "$tmp/nginx.conf" 2>&1) && [ -z "$out" ]; then
  echo "nginx -t: $n server files ok"
else
  echo "nginx -t: FAIL"; echo "$out" | sed "s#$tmp/conf.d/#$dir/#g; s/^/    /"; exit 1
fi
