package dev.cluster.team;

import dev.cluster.annotations.Secret;

/** The password of Amazon SES's SMTP interface, for the file drop's mail. */
@Secret(description = "SES SMTP password derived from the IAM secret access key")
public class SmtpPassword {}
