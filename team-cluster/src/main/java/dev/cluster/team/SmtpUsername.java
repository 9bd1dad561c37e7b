package dev.cluster.team;

import dev.cluster.annotations.Secret;

/** The user name of Amazon SES's SMTP interface, for the file drop's mail. */
@Secret(description = "SES SMTP user name (an IAM access key id) for outgoing mail")
public class SmtpUsername {}
