package dev.cluster.processor.model;

/** Environment variables that the images of {@link Images} read, where the model sets them. */
public final class ImageVariables {
  private ImageVariables() {}

  /** Through these {@link Images#MARIADB} creates the app's database and user on its first start. */
  public static final String MARIADB_DATABASE = "MARIADB_DATABASE";
  public static final String MARIADB_USER = "MARIADB_USER";
}
