package dev.cluster.apps.filedrop;

import dev.cluster.apps.common.PinnedLoggers;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Jakarta Mail (Eclipse Angus) over SMTP; with STARTTLS required unless the settings turn it off.
 */
public final class SmtpMailer implements Mailer {
  /** Mail's protocol debug output holds each mail, download links and all, and the SMTP login. */
  private static final List<Logger> PROTOCOL_DEBUG =
      PinnedLoggers.at(Level.INFO, "org.eclipse.angus.mail", "jakarta.mail");

  private final Session session;
  private final InternetAddress from;

  public SmtpMailer(SmtpSettings smtp) {
    Properties props = new Properties();
    props.put("mail.smtp.host", smtp.host());
    props.put("mail.smtp.port", Integer.toString(smtp.port()));
    props.put("mail.smtp.connectiontimeout", "10000");
    props.put("mail.smtp.timeout", "30000");
    props.put("mail.smtp.writetimeout", "30000");
    props.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
    // Never fall back to plain text when the server does not offer STARTTLS: the password would
    // travel bare.
    props.put("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
    props.put("mail.smtp.ssl.checkserveridentity", "true");
    props.put("mail.smtp.auth", Boolean.toString(smtp.authenticates()));
    Authenticator login =
        new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            return new PasswordAuthentication(smtp.username(), smtp.password());
          }
        };
    this.session = Session.getInstance(props, smtp.authenticates() ? login : null);
    try {
      this.from = new InternetAddress(smtp.from(), true);
    } catch (MessagingException e) {
      throw new IllegalArgumentException("MAIL_FROM is not an address: " + smtp.from(), e);
    }
  }

  @Override
  public void send(Invitation invitation) throws MailFailure {
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(from);
      message.setRecipient(
          Message.RecipientType.TO, new InternetAddress(invitation.recipient(), true));
      message.setSubject(invitation.subject(), StandardCharsets.UTF_8.name());
      message.setText(invitation.body(), StandardCharsets.UTF_8.name());
      Transport.send(message);
    } catch (MessagingException e) {
      throw new MailFailure("mail to " + invitation.recipient() + " was not sent", e);
    }
  }
}
