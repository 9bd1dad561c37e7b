package dev.cluster.runtime.volume;

/**
 * The config.xml of one replica's Syncthing before it first starts: the folder shared with no one
 * yet (peers are added through the REST API as they appear in etcd), listening only on the given
 * address, with global discovery, local discovery, relays, NAT traversal, usage reporting, crash
 * reporting and upgrades off, so it never leaves the addresses it is given.
 */
public record SyncthingConfig(
    String deviceId,
    String deviceName,
    String folderId,
    String folderPath,
    String listenAddress,
    String guiAddress,
    String apiKey) {

  /** Syncthing 1.19's configuration schema version. */
  static final int CONFIG_VERSION = 36;

  public String render() {
    return """
                <configuration version="%d">
                    <folder id="%s" label="%s" path="%s" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
                        <filesystemType>basic</filesystemType>
                        <device id="%s" introducedBy=""></device>
                        <minDiskFree unit="%%">1</minDiskFree>
                        <maxConflicts>10</maxConflicts>
                        <markerName>.stfolder</markerName>
                    </folder>
                    <device id="%s" name="%s" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">
                        <address>dynamic</address>
                        <paused>false</paused>
                        <autoAcceptFolders>false</autoAcceptFolders>
                    </device>
                    <gui enabled="true" tls="false">
                        <address>%s</address>
                        <apikey>%s</apikey>
                    </gui>
                    <options>
                        <listenAddress>%s</listenAddress>
                        <globalAnnounceEnabled>false</globalAnnounceEnabled>
                        <localAnnounceEnabled>false</localAnnounceEnabled>
                        <relaysEnabled>false</relaysEnabled>
                        <natEnabled>false</natEnabled>
                        <startBrowser>false</startBrowser>
                        <urAccepted>-1</urAccepted>
                        <urSeen>3</urSeen>
                        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
                        <crashReportingEnabled>false</crashReportingEnabled>
                        <announceLANAddresses>false</announceLANAddresses>
                        <stunKeepaliveStartS>0</stunKeepaliveStartS>
                        <reconnectionIntervalS>1</reconnectionIntervalS>
                        <setLowPriority>false</setLowPriority>
                    </options>
                </configuration>
                """
        .formatted(
            CONFIG_VERSION,
            xml(folderId),
            xml(folderId),
            xml(folderPath),
            xml(deviceId),
            xml(deviceId),
            xml(deviceName),
            xml(guiAddress),
            xml(apiKey),
            xml(listenAddress));
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
