#!/bin/bash
# Fetches Keycloak's server distribution (org.keycloak:keycloak-quarkus-dist, a zip on Maven Central) into the
# local Maven repository, where the tests' builds unpack it (containers/auth-gateway, runtime). Prints its path.
# The version is the root pom's keycloak.version.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml)
repo=${MAVEN_REPO:-$HOME/.m2/repository}   # the default local repository; set MAVEN_REPO for another
zip="$repo/org/keycloak/keycloak-quarkus-dist/$version/keycloak-quarkus-dist-$version.zip"
[ -f "$zip" ] || mvn -B -q dependency:get -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" -Dtransitive=false
echo "$zip"
