package dev.cluster.runtime.deploy.users;

import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.ExitCode;
import dev.cluster.runtime.deploy.console.Report;
import dev.cluster.runtime.deploy.console.Table;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code users add|remove|list|groups|disable|enable|uid}: the team's accounts at the identity
 * provider (Keycloak's admin API). Whatever takes access away (remove, disable, leaving a group)
 * also signs the user out everywhere, so the auth gateway hears of it at once through its
 * backchannel logout. The admin password is read like a secret (no echo on a terminal, else
 * standard input).
 */
public final class UsersCommand {
  /** Account names that are also SSH/SFTP account names (see the key service). */
  static final Pattern USER_NAME = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private UsersCommand() {}

  public record AddReport(String user, int uid, List<String> groups, String temporaryPassword)
      implements Report {
    @Override
    public String text() {
      return "Added "
          + user
          + " (uid "
          + uid
          + ")"
          + (groups.isEmpty() ? "" : " to " + String.join(", ", groups))
          + ". Temporary password (changed at the first sign-in): "
          + temporaryPassword
          + "\n";
    }
  }

  public record RemoveReport(String user) implements Report {
    @Override
    public String text() {
      return "Removed " + user + "; their sessions end and they can no longer sign in.\n";
    }
  }

  /**
   * {@code uid} is the account's uidNumber, the same on every system accounts-sync runs on; 0 if it
   * has none.
   */
  public record Account(String user, String email, int uid, List<String> groups) {}

  public record ListReport(List<Account> users) implements Report {
    @Override
    public String text() {
      Table table = new Table("USER", "EMAIL", "UID", "GROUPS");
      users.forEach(
          u ->
              table.row(
                  u.user(),
                  u.email(),
                  u.uid() == 0 ? "-" : Integer.toString(u.uid()),
                  String.join(", ", u.groups())));
      return users.size() + " users\n" + table.render();
    }
  }

  /**
   * {@code signedOut}: the user left a group, so their sessions ended and the next sign-in has the
   * new groups.
   */
  public record GroupsReport(String user, List<String> groups, boolean signedOut)
      implements Report {
    @Override
    public String text() {
      return user
          + ": "
          + (groups.isEmpty() ? "(no groups)" : String.join(", ", groups))
          + "\n"
          + (signedOut
              ? "Signed " + user + " out everywhere: the groups left no longer open anything.\n"
              : "");
    }
  }

  public record EnabledReport(String user, boolean enabled) implements Report {
    @Override
    public String text() {
      return enabled
          ? "Enabled " + user + "; they can sign in again.\n"
          : "Disabled "
              + user
              + "; their sessions ended and they cannot sign in until: users enable "
              + user
              + "\n";
    }
  }

  public static int add(Request request) {
    String user = oneUser(request, "users add");
    String email =
        request
            .invocation()
            .value(Option.EMAIL)
            .orElseThrow(
                () ->
                    new UsageException(
                        "users add needs --email ADDRESS (Keycloak's profile requires one)"));
    if (!EMAIL.matcher(email).matches()) {
      throw new UsageException("'" + email + "' is not an email address");
    }
    KeycloakAdmin admin = connect(request);
    List<KeycloakAdmin.Group> groups = resolve(admin, request.invocation().values(Option.GROUP));
    if (admin.user(user).isPresent()) {
      throw new UsageException("user " + user + " exists already (see: users list)");
    }
    String password = temporaryPassword();
    admin.declareUidNumber();
    KeycloakAdmin.User created = UidAssignment.create(admin, user, email, password);
    int uid = created.uidNumber().orElseThrow();
    groups.forEach(g -> admin.join(created, g));
    request
        .console()
        .result(
            new AddReport(
                user, uid, groups.stream().map(KeycloakAdmin.Group::name).toList(), password));
    return ExitCode.OK;
  }

  public static int remove(Request request) {
    String user = oneUser(request, "users remove");
    KeycloakAdmin admin = connect(request);
    admin.delete(existing(admin, user));
    request.console().result(new RemoveReport(user));
    return ExitCode.OK;
  }

  public static int list(Request request) {
    KeycloakAdmin admin = connect(request);
    List<Account> accounts =
        admin.users().stream()
            .map(
                u ->
                    new Account(
                        u.username(), u.email(), u.uidNumber().orElse(0), admin.groupsOf(u)))
            .toList();
    request.console().result(new ListReport(accounts));
    return ExitCode.OK;
  }

  /** Shows a user's groups, after joining {@code --group}s and leaving {@code --remove-group}s. */
  public static int groups(Request request) {
    String user = oneUser(request, "users groups");
    KeycloakAdmin admin = connect(request);
    List<KeycloakAdmin.Group> join = resolve(admin, request.invocation().values(Option.GROUP));
    List<KeycloakAdmin.Group> leave =
        resolve(admin, request.invocation().values(Option.REMOVE_GROUP));
    KeycloakAdmin.User account = existing(admin, user);
    join.forEach(g -> admin.join(account, g));
    leave.forEach(g -> admin.leave(account, g));
    if (!leave.isEmpty()) {
      admin.signOut(account);
    }
    request.console().result(new GroupsReport(user, admin.groupsOf(account), !leave.isEmpty()));
    return ExitCode.OK;
  }

  /** Disables the account and ends its sessions; {@code enable} undoes it. */
  public static int disable(Request request) {
    return setEnabled(request, "users disable", false);
  }

  public static int enable(Request request) {
    return setEnabled(request, "users enable", true);
  }

  private static int setEnabled(Request request, String command, boolean enabled) {
    String user = oneUser(request, command);
    KeycloakAdmin admin = connect(request);
    KeycloakAdmin.User account = existing(admin, user);
    admin.setEnabled(account, enabled);
    if (!enabled) {
      admin.signOut(account);
    }
    request.console().result(new EnabledReport(user, enabled));
    return ExitCode.OK;
  }

  public record UidReport(String user, int uid, boolean assigned) implements Report {
    @Override
    public String text() {
      return user + (assigned ? " now has uid " : " has uid ") + uid + "\n";
    }
  }

  /**
   * Shows the account's uidNumber; one that has none gets the next free one, as {@code users add}
   * gives.
   */
  public static int uid(Request request) {
    String user = oneUser(request, "users uid");
    KeycloakAdmin admin = connect(request);
    KeycloakAdmin.User account = existing(admin, user);
    if (account.uidNumber().isPresent()) {
      request.console().result(new UidReport(user, account.uidNumber().getAsInt(), false));
      return ExitCode.OK;
    }
    admin.declareUidNumber();
    int uid = UidAssignment.assign(admin, account);
    request.console().result(new UidReport(user, uid, true));
    return ExitCode.OK;
  }

  private static String oneUser(Request request, String command) {
    List<String> operands = request.invocation().operands();
    if (operands.size() != 1) {
      throw new UsageException(command + " takes one user name, got " + operands.size());
    }
    String user = operands.get(0);
    if (!USER_NAME.matcher(user).matches()) {
      throw new UsageException(
          "'"
              + user
              + "' is not a user name: lower-case letters, digits, '_', '.', '-',"
              + " starting with a letter or '_', at most 32 (it is also the SSH account name)");
    }
    return user;
  }

  private static KeycloakAdmin connect(Request request) {
    URI url =
        request
            .invocation()
            .value(Option.KEYCLOAK_URL)
            .map(UsersCommand::url)
            .orElseThrow(
                () ->
                    new UsageException(
                        "users commands need --keycloak-url URL, e.g. https://id.example.com"));
    String admin = request.invocation().value(Option.ADMIN_USER).orElse("admin");
    String password = request.console().readSecret("Password of Keycloak admin " + admin + ": ");
    if (password.isEmpty()) {
      throw new UsageException("no admin password given (type it, or pipe it to standard input)");
    }
    return KeycloakAdmin.signIn(
        url, request.invocation().value(Option.REALM).orElse("team"), admin, password);
  }

  private static URI url(String value) {
    try {
      URI uri = URI.create(value);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("not http(s)");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--keycloak-url " + value + " is not an http(s) URL, e.g. https://id.example.com");
    }
  }

  private static KeycloakAdmin.User existing(KeycloakAdmin admin, String user) {
    return admin
        .user(user)
        .orElseThrow(() -> new UsageException("there is no user " + user + " (see: users list)"));
  }

  private static List<KeycloakAdmin.Group> resolve(KeycloakAdmin admin, List<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    List<KeycloakAdmin.Group> groups = admin.groups();
    List<KeycloakAdmin.Group> found = new ArrayList<>();
    for (String name : names) {
      found.add(
          groups.stream()
              .filter(g -> g.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new UsageException(
                          "there is no group "
                              + name
                              + " (groups: "
                              + groups.stream()
                                  .map(KeycloakAdmin.Group::name)
                                  .collect(Collectors.joining(", "))
                              + "; groups are @Group classes of the cluster)")));
    }
    return found;
  }

  private static String temporaryPassword() {
    byte[] bytes = new byte[15];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
