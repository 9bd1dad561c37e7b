package dev.cluster.processor.generate.services;

import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;

/**
 * MediaWiki's {@code LocalSettings.php} for the image of {@code containers/mediawiki}: its own
 * Postgres through its ambassador (the address from the model, which {@code DB_HOST}/{@code
 * DB_PORT} override, as the unit sets them to the same), its uploads on its synced volume, its
 * server URL from its route. The password is read from {@code DB_PASSWORD} at every request; {@code
 * $wgSecretKey} and {@code $wgUpgradeKey} are derived from it (HMAC), so the file holds no secret
 * and every replica derives the same keys. Sessions live in the database, so either replica serves
 * a signed-in user.
 */
final class MediaWikiSettings {
  static final String MOUNT_PATH = "/etc/mediawiki/LocalSettings.php";

  private MediaWikiSettings() {}

  static ServiceConfig of(ClusterModel model, ServiceSpec wiki) {
    DatabaseAccess db =
        DatabaseAccess.of(model, wiki)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "MediaWiki service "
                            + wiki.name()
                            + " has no @Postgres (rule [service-config] refuses this)"));
    StringBuilder php =
        new StringBuilder()
            .append("<?php\n")
            .append("# MediaWiki of cluster ")
            .append(model.cluster().name())
            .append(", generated from the model: do not edit.\n")
            .append(
                "# Secrets come from the environment (Secrets Manager, through the unit's secrets-env).\n")
            .append("if ( !defined( 'MEDIAWIKI' ) ) {\n\texit;\n}\n\n")
            .append("function clusterSetting( string $name, string $default ): string {\n")
            .append("\t$value = getenv( $name );\n")
            .append("\treturn $value === false || $value === '' ? $default : $value;\n")
            .append("}\n\n")
            .append("$wgSitename = ")
            .append(literal(model.cluster().name() + " " + wiki.name()))
            .append(";\n")
            .append("$wgMetaNamespace = 'Project';\n")
            .append("$wgServer = ")
            .append(literal(ServiceConfigs.publicUrl(model, wiki)))
            .append(";\n")
            .append("$wgScriptPath = '';\n")
            .append("$wgArticlePath = '/$1';\n")
            .append("$wgResourceBasePath = $wgScriptPath;\n")
            .append("$wgLanguageCode = 'en';\n\n")
            .append("$wgDBtype = 'postgres';\n")
            .append("$wgDBserver = clusterSetting( ")
            .append(literal(db.hostEnv()))
            .append(", ")
            .append(literal(db.host()))
            .append(" );\n")
            .append("$wgDBport = (int)clusterSetting( ")
            .append(literal(db.portEnv()))
            .append(", ")
            .append(literal(String.valueOf(db.port())))
            .append(" );\n")
            .append("$wgDBname = ")
            .append(literal(db.database()))
            .append(";\n")
            .append("$wgDBmwschema = 'mediawiki';\n")
            .append("$wgDBuser = ")
            .append(literal(db.user()))
            .append(";\n")
            .append("$wgDBpassword = getenv( ")
            .append(literal(db.passwordEnv()))
            .append(" ) ?: throw new RuntimeException( ")
            .append(literal(db.passwordEnv() + " is not set"))
            .append(" );\n")
            .append("$wgSecretKey = hash_hmac( 'sha256', 'wgSecretKey', $wgDBpassword );\n")
            .append(
                "$wgUpgradeKey = substr( hash_hmac( 'sha256', 'wgUpgradeKey', $wgDBpassword ), 0, 16 );\n\n")
            .append("$wgMainCacheType = CACHE_ACCEL;\n")
            .append("$wgSessionCacheType = CACHE_DB;\n")
            .append("$wgEnableUploads = ")
            .append(ServiceConfigs.volume(wiki).isPresent())
            .append(";\n");
    ServiceConfigs.volume(wiki)
        .ifPresent(
            path ->
                php.append("$wgUploadDirectory = ")
                    .append(literal(path))
                    .append(";\n")
                    .append("$wgUploadPath = '/images';\n"));
    php.append("$wgUseInstantCommons = false;\n")
        .append("$wgEnableEmail = false;\n")
        .append("$wgRightsIcon = '';\n\n")
        .append("$wgDefaultSkin = 'vector';\n")
        .append("wfLoadSkin( 'Vector' );\n");
    return ServiceConfig.files(
        new ServiceConfigFile("LocalSettings.php", MOUNT_PATH, php.toString()));
  }

  /** A PHP single-quoted string. */
  static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
