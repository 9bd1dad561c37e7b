package dev.cluster.apps.filedrop;

import dev.cluster.apps.common.Settings;

/**
 * How file drop sends mail. In the cluster: Amazon SES's SMTP interface on 587 with STARTTLS
 * required, the SMTP user name and password from Secrets Manager as {@code SMTP_USERNAME}/{@code
 * SMTP_PASSWORD}. {@code SMTP_STARTTLS=false} exists for a local mail server in tests only.
 */
public record SmtpSettings(
    String host, int port, String username, String password, String from, boolean startTls) {
  public static SmtpSettings from(Settings settings) {
    return new SmtpSettings(
        settings.required("SMTP_HOST"),
        (int) settings.number("SMTP_PORT", 587),
        settings.string("SMTP_USERNAME", ""),
        settings.string("SMTP_PASSWORD", ""),
        settings.required("MAIL_FROM"),
        !settings.string("SMTP_STARTTLS", "true").equalsIgnoreCase("false"));
  }

  public boolean authenticates() {
    return !username.isEmpty();
  }

  @Override
  public String toString() {
    return "SmtpSettings["
        + host
        + ":"
        + port
        + ", user "
        + username
        + ", from "
        + from
        + ", starttls "
        + startTls
        + "]";
  }
}
