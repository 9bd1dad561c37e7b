#!/bin/sh
# Creates the host keys once, the users of SFTP_USERS ("name:uid ...") with their chroot folders, and runs
# sshd in the foreground. A chroot must belong to root and not be writable by the user: the user writes in
# upload/ inside it.
set -eu
[ -f /etc/sftp/host-keys/ssh_host_ed25519_key ] || {
  ssh-keygen -q -t ed25519 -N '' -f /etc/sftp/host-keys/ssh_host_ed25519_key
  ssh-keygen -q -t rsa -b 3072 -N '' -f /etc/sftp/host-keys/ssh_host_rsa_key
}
echo "Port $SSH_PORT" > /etc/sftp/port.conf
# Keys from the key service, asked at every login; its token goes into a file only dev-keys can read.
: > /etc/sftp/key-service.conf
if [ -n "${KEY_SERVICE_HOST:-}" ] && [ -n "${KEYS_READ_TOKEN:-}" ]; then
  conf=/etc/dev-authorized-keys
  mkdir -p "$conf"
  echo "http://$KEY_SERVICE_HOST:${KEY_SERVICE_PORT:-8093}" > "$conf/url"
  (umask 027; echo "Authorization: Bearer $KEYS_READ_TOKEN" > "$conf/header")
  echo "$SFTP_GROUP" > "$conf/group"
  chown -R root:dev-keys "$conf"; chmod 750 "$conf"; chmod 640 "$conf"/*
  printf 'AuthorizedKeysCommand /usr/local/bin/dev-authorized-keys %%u %s\nAuthorizedKeysCommandUser dev-keys\n' \
    "$conf" > /etc/sftp/key-service.conf
  # Accounts of the group's members with keys, kept up to date while sshd runs.
  (unset KEYS_READ_TOKEN; while :; do sftp-accounts "$conf" /srv/sftp || true; sleep 15; done) &
fi
unset KEYS_READ_TOKEN
for entry in $SFTP_USERS; do
  name=${entry%%:*} uid=${entry#*:}
  id "$name" >/dev/null 2>&1 || useradd --uid "$uid" --no-create-home --home-dir / --shell /usr/sbin/nologin "$name"
  # sshd refuses a locked account even for key logins: give it an unusable password instead.
  usermod -p '*' "$name"
  mkdir -p "/srv/sftp/$name/upload"
  chown root:root "/srv/sftp/$name"; chmod 755 "/srv/sftp/$name"
  chown "$name:$name" "/srv/sftp/$name/upload"
done
exec /usr/sbin/sshd -D -e -f /etc/ssh/sshd_config
