package dev.cluster.apps.filedrop;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The email one recipient gets: who shared which files, their links, and until when they work. */
public record Invitation(
    String recipient, String sender, List<SharedFile> files, Instant expiresAt) {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

  public Invitation {
    files = List.copyOf(files);
  }

  /** One file and the link that downloads it. */
  public record SharedFile(String fileName, long size, URI link) {}

  public String subject() {
    return sender
        + " shared "
        + (files.size() == 1 ? files.get(0).fileName() : files.size() + " files")
        + " with you";
  }

  public String body() {
    StringBuilder text = new StringBuilder();
    text.append(sender)
        .append(" shared ")
        .append(files.size() == 1 ? "a file" : "files")
        .append(" with you.\n\n");
    for (SharedFile file : files) {
      text.append(file.fileName())
          .append(" (")
          .append(file.size())
          .append(" bytes)\n  ")
          .append(file.link())
          .append("\n\n");
    }
    text.append("The links work without an account until ")
        .append(WHEN.format(expiresAt.atOffset(ZoneOffset.UTC)))
        .append("; then the files are deleted.\n");
    return text.toString();
  }
}
