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
