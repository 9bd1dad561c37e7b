package dev.cluster.apps.filedrop;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What an upload form sent, already on disk: the files (as parts the parser wrote to {@code
 * incoming}) and the small fields: recipients, and optionally fewer days or downloads than the
 * defaults.
 */
record UploadForm(
    List<Part> files,
    List<String> recipients,
    Optional<Integer> days,
    Optional<Integer> maxDownloads) {
  static final int MAX_RECIPIENTS = 50;
  private static final int MAX_FIELD_BYTES = 16 * 1024;

  UploadForm {
    files = List.copyOf(files);
    recipients = List.copyOf(recipients);
  }

  /** Reads the form; a message for the sender when it cannot be used. */
  static UploadForm read(Collection<Part> parts) throws IOException, InvalidForm {
    List<Part> files = new ArrayList<>();
    String recipients = "";
    Optional<Integer> days = Optional.empty();
    Optional<Integer> maxDownloads = Optional.empty();
    for (Part part : parts) {
      if (part.getSubmittedFileName() != null) {
        if (!part.getSubmittedFileName().isBlank()) {
          files.add(part);
        }
        continue;
      }
      switch (part.getName()) {
        case "recipients" -> recipients = field(part);
        case "days" -> days = positive("days", field(part));
        case "maxDownloads" -> maxDownloads = positive("maxDownloads", field(part));
        default -> {}
      }
    }
    if (files.isEmpty()) {
      throw new InvalidForm("choose at least one file");
    }
    return new UploadForm(files, addresses(recipients), days, maxDownloads);
  }

  private static List<String> addresses(String text) throws InvalidForm {
    List<String> addresses =
        Arrays.stream(text.split("[,;\\s]+")).filter(a -> !a.isBlank()).distinct().toList();
    if (addresses.isEmpty() || addresses.size() > MAX_RECIPIENTS) {
      throw new InvalidForm("name between 1 and " + MAX_RECIPIENTS + " recipients");
    }
    for (String address : addresses) {
      try {
        new InternetAddress(address, true).validate();
      } catch (AddressException e) {
        throw new InvalidForm("not an email address: " + address);
      }
    }
    return addresses;
  }

  private static Optional<Integer> positive(String name, String value) throws InvalidForm {
    if (value.isBlank()) {
      return Optional.empty();
    }
    try {
      int number = Integer.parseInt(value.strip());
      if (number > 0) {
        return Optional.of(number);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidForm(name + " must be a whole number above 0");
  }

  private static String field(Part part) throws IOException, InvalidForm {
    if (part.getSize() > MAX_FIELD_BYTES) {
      throw new InvalidForm(part.getName() + " is too long");
    }
    try (InputStream in = part.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A form the sender must correct. */
  static final class InvalidForm extends Exception {
    InvalidForm(String message) {
      super(message);
    }
  }
}
