package dev.cluster.apps.filedrop;

/** Sends invitations; {@link SmtpMailer} in the cluster. */
public interface Mailer {
  void send(Invitation invitation) throws MailFailure;

  /** A message the mail server did not accept. */
  final class MailFailure extends Exception {
    public MailFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
