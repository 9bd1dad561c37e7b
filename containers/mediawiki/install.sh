#!/bin/sh
# Creates the wiki's tables on its first start, in the database the mounted LocalSettings.php names.
# MediaWiki's installer refuses to run beside a LocalSettings.php, so it runs from a tree of links to the
# code without one, with the settings read from that file by MediaWiki itself (maintenance/eval.php). The
# administrator's password is random and not kept: reset it with maintenance/changePassword.php.
# shellcheck disable=SC2016 # the single-quoted $wg... are PHP's, read by setting()
set -eu
settings=/etc/mediawiki/LocalSettings.php
[ -f "$settings" ] || exit 0
setting() { echo "echo $1;" | php /var/lib/mediawiki/maintenance/eval.php | tr -d '\n'; }
if [ "$(setting 'wfGetDB( DB_PRIMARY )->tableExists( "page", "install.sh" ) ? "yes" : "no"')" = yes ]; then
  exit 0
fi
tree=$(mktemp -d)
for file in /usr/share/mediawiki/*; do ln -s "$file" "$tree/"; done
rm -f "$tree/LocalSettings.php"
confpath=$(mktemp -d)
MW_INSTALL_PATH=$tree php "$tree/maintenance/install.php" --dbtype=postgres \
  --dbserver="$(setting '$wgDBserver')" --dbport="$(setting '$wgDBport')" --dbname="$(setting '$wgDBname')" \
  --dbuser="$(setting '$wgDBuser')" --dbpass="$(setting '$wgDBpassword')" --dbschema="$(setting '$wgDBmwschema')" \
  --server="$(setting '$wgServer')" --scriptpath="$(setting '$wgScriptPath')" \
  --pass="$(head -c 24 /dev/urandom | base64)" --confpath="$confpath" "$(setting '$wgSitename')" Admin
rm -rf "$tree" "$confpath"
