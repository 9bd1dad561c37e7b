package dev.cluster.processor.model;

/**
 * A {@code @Secret}, or a secret the model derives (a database password, an OIDC client's secret).
 *
 * @param generated whether any random value serves, so that {@code deploy} makes it when it is
 *     missing (a derived password or client secret, which only the cluster's own parts read); a
 *     declared {@code @Secret} (an API key, a mail password) and a key pair are set by a person
 */
public record SecretSpec(
    String id, String name, String env, String description, Origin origin, boolean generated) {
  /** A secret a person sets. */
  public SecretSpec(String id, String name, String env, String description, Origin origin) {
    this(id, name, env, description, origin, false);
  }
}
