#!/bin/bash
# Fetches Keycloak's server distribution (org.keycloak:keycloak-quarkus-dist, a zip on Maven Central) into the
# local Maven repository, where the tests' builds unpack it (containers/auth-gateway, runtime). Prints its path.
# The version is the root pom's keycloak.version.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml)
repo=${MAVEN_REPO:-$HOME/.m2/repository}   # the default local repository; set MAVEN_REPO for another
zip="$repo/org/keycloak/keycloak-quarkus-dist/$version/keycloak-quarkus-dist-$version.zip"
# Outside any project: here may be the framework's container sources shipped in a cluster's jar, whose root
# pom names modules they do not hold, which Maven would refuse to read.
[ -f "$zip" ] || (cd / && mvn -B -q dependency:get -Dmaven.repo.local="$repo" \
  -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" -Dtransitive=false) >&2
echo "$zip"
