<?php
# The settings php-fpm's MediaWiki reads (MW_CONFIG_FILE, php-fpm.conf): the generated LocalSettings.php mounted
# by the unit, then what this image adds to any wiki behind the front door's guard: the user the guard proved is
# the wiki's signed-in user (FrontDoorSessionProvider.php), created on first sight. Every request that reaches the
# wiki comes through the guard, which admits only proven users (and the health check), so nobody edits
# anonymously and nobody makes a wiki account of their own.
require_once '/etc/mediawiki/LocalSettings.php';

$wgAutoloadClasses['FrontDoorSessionProvider'] = __DIR__ . '/FrontDoorSessionProvider.php';
$wgSessionProviders['FrontDoorSessionProvider'] = [ 'class' => 'FrontDoorSessionProvider', 'args' => [] ];
$wgGroupPermissions['*']['autocreateaccount'] = true;
$wgGroupPermissions['*']['createaccount'] = false;
$wgGroupPermissions['*']['edit'] = false;
