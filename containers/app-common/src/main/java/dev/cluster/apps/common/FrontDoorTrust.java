package dev.cluster.apps.common;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Whom an app believes about who is signed in: the front door only, recognised by its {@link FrontDoorProof}
 * for this app's own host name ({@code FRONT_DOOR_AUDIENCE}, which the processor sets to the route's {@code
 * <subdomain>.<domain>}). {@link AppServer} checks every request before its handler: identity headers with a
 * valid proof become the request's {@link SignedInUser} ({@link FrontDoorIdentity}); identity headers without
 * one are answered 401, whoever sent them. An app given no key or no audience believes nobody. With {@code
 * FRONT_DOOR_GROUPS} (the route's groups, which the processor sets too) a proven user in none of them is answered
 * 403: the front door checks that already, but the gateway would sign for anyone signed in who asked it directly.
 */
public final class FrontDoorTrust {
  public static final String AUDIENCE_VARIABLE = "FRONT_DOOR_AUDIENCE";
  public static final String GROUPS_VARIABLE = "FRONT_DOOR_GROUPS";
  /** Trusts no identity: an app outside the sign-in, or one not given its key. */
  public static final FrontDoorTrust NOBODY = new FrontDoorTrust(Optional.empty(), "", List.of(), Clock.systemUTC());
  private static final Logger LOG = Logger.getLogger(FrontDoorTrust.class.getName());
  static final String VERIFIED_USER = FrontDoorTrust.class.getName() + ".user";

  private final Optional<FrontDoorProof.Verifier> proof;
  private final String audience;
  private final List<String> groups;
  private final Clock clock;

  /** @param groups the groups whose members may use the app; empty: every signed-in user */
  public FrontDoorTrust(Optional<FrontDoorProof.Verifier> proof, String audience, List<String> groups, Clock clock) {
    this.proof = proof;
    this.audience = audience;
    this.groups = List.copyOf(groups);
    this.clock = clock;
  }

  /** Trusts the front door's proofs checked with {@code publicKey} for {@code audience}, of any signed-in user. */
  public static FrontDoorTrust of(String publicKey, String audience) {
    return of(publicKey, audience, List.of());
  }

  /** Trusts the front door's proofs checked with {@code publicKey} for {@code audience}, of members of {@code groups}. */
  public static FrontDoorTrust of(String publicKey, String audience, List<String> groups) {
    return new FrontDoorTrust(Optional.of(FrontDoorProof.verifier(publicKey)), audience, groups, Clock.systemUTC());
  }

  /** From {@value FrontDoorProof#VERIFY_KEY_VARIABLE} and {@value #AUDIENCE_VARIABLE}; without both, nobody. */
  public static FrontDoorTrust from(Settings settings) {
    Optional<String> key = settings.optional(FrontDoorProof.VERIFY_KEY_VARIABLE);
    Optional<String> audience = settings.optional(AUDIENCE_VARIABLE);
    if (key.isEmpty() || audience.isEmpty()) {
      LOG.warning(() -> "no " + FrontDoorProof.VERIFY_KEY_VARIABLE + " or " + AUDIENCE_VARIABLE
          + ": every request naming a signed-in user will be refused");
      return NOBODY;
    }
    return of(key.get(), audience.get().strip(), FrontDoorIdentity.groups(settings.string(GROUPS_VARIABLE, "")));
  }

  /** Whether the app sits behind the sign-in: it was given a key and its host name to check proofs with. */
  public boolean expectsSignIn() {
    return proof.isPresent() && !audience.isEmpty();
  }

  /**
   * Records the request's signed-in user when its identity headers carry this app's proof; refuses the request
   * (401) when they name a user without one. A request naming nobody passes: its handler decides.
   */
  void check(Context ctx) {
    String user = ctx.header(FrontDoorIdentity.USER_HEADER);
    if (user == null || user.isBlank()) {
      return;
    }
    String groups = ctx.header(FrontDoorIdentity.GROUPS_HEADER);
    boolean proven = expectsSignIn() && proof.get().verify(ctx.header(FrontDoorProof.HEADER), audience, user, groups, clock.instant());
    if (!proven) {
      LOG.warning(() -> "refused an identity without the front door's proof from " + ctx.req().getRemoteAddr()
          + ": " + ctx.method() + " " + ctx.path());
      throw new UnauthorizedResponse("an identity is believed only from the front door");
    }
    SignedInUser signedIn = new SignedInUser(user.strip(), FrontDoorIdentity.groups(groups));
    if (!this.groups.isEmpty() && this.groups.stream().noneMatch(signedIn.groups()::contains)) {
      throw new ForbiddenResponse("this app is for members of " + String.join(", ", this.groups));
    }
    ctx.attribute(VERIFIED_USER, signedIn);
  }
}
