package dev.cluster.processor.model;

/** Environment variables that the images of {@link Images} read, where the model sets them. */
public final class ImageVariables {
  private ImageVariables() {}

  /**
   * Through these {@link Images#MARIADB} creates the app's database and user on its first start.
   */
  public static final String MARIADB_DATABASE = "MARIADB_DATABASE";

  public static final String MARIADB_USER = "MARIADB_USER";

  /** The password of the user {@link Images#MARIADB} creates for the app, which the app shares. */
  public static final String MARIADB_PASSWORD = "MARIADB_PASSWORD";

  /**
   * The password of the app's own role, which {@link Images#POSTGRES}'s post-bootstrap script gives
   * the role it creates when the first member bootstraps the cluster. Not a {@code PATRONI_*} name:
   * Patroni takes those as its own settings.
   */
  public static final String POSTGRES_APP_PASSWORD = "POSTGRES_APP_PASSWORD";
}
