package dev.cluster.apps.common;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.http.UnauthorizedResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Whom an app believes about who is signed in: the front door only, recognised by its {@link
 * FrontDoorProof} for this app's own host name ({@code FRONT_DOOR_AUDIENCE}, which the processor
 * sets to the route's {@code <subdomain>.<domain>}). {@link AppServer} checks every request before
 * its handler: identity headers with a valid proof become the request's {@link SignedInUser}
 * ({@link FrontDoorIdentity}); identity headers without one are answered 401, whoever sent them. An
 * app given no key or no audience believes nobody. With {@code FRONT_DOOR_GROUPS} (the route's
 * groups, which the processor sets too) a proven user in none of them is answered 403: the front
 * door checks that already, but the gateway would sign for anyone signed in who asked it directly.
 * Each proof is accepted once ({@link SpentProofs}): the front door makes one for every request, so
 * a second request with the same proof is a replay, answered 401.
 */
public final class FrontDoorTrust {
  public static final String AUDIENCE_VARIABLE = "FRONT_DOOR_AUDIENCE";
  public static final String GROUPS_VARIABLE = "FRONT_DOOR_GROUPS";

  /** Trusts no identity: an app outside the sign-in, or one not given its key. */
  public static final FrontDoorTrust NOBODY =
      new FrontDoorTrust(Optional.empty(), "", List.of(), Clock.systemUTC(), 1);

  private static final Logger LOG = Logger.getLogger(FrontDoorTrust.class.getName());
  static final String VERIFIED_USER = FrontDoorTrust.class.getName() + ".user";

  /** Why an {@link Outcome#UNPROVEN} request is refused. */
  public static final String UNPROVEN_MESSAGE = "an identity is believed only from the front door";

  /** Why a {@link Outcome#REPLAYED} request is refused. */
  public static final String REPLAYED_MESSAGE =
      "this proof of the front door was used already: it is good for one request";

  /** Why a {@link Outcome#TOO_MANY_PROOFS} request is refused. */
  public static final String TOO_MANY_PROOFS_MESSAGE =
      "too many signed-in requests this minute: try again shortly";

  private final Optional<FrontDoorProof.Verifier> proof;
  private final String audience;
  private final List<String> groups;
  private final Clock clock;
  private final SpentProofs spent;

  /**
   * @param groups the groups whose members may use the app; empty: every signed-in user
   * @param spentCapacity how many unexpired proofs it remembers at most ({@link SpentProofs})
   */
  public FrontDoorTrust(
      Optional<FrontDoorProof.Verifier> proof,
      String audience,
      List<String> groups,
      Clock clock,
      int spentCapacity) {
    this.proof = proof;
    this.audience = audience;
    this.groups = List.copyOf(groups);
    this.clock = clock;
    this.spent = new SpentProofs(spentCapacity);
  }

  /**
   * Trusts the front door's proofs checked with {@code publicKey} for {@code audience}, of any
   * signed-in user.
   */
  public static FrontDoorTrust of(String publicKey, String audience) {
    return of(publicKey, audience, List.of());
  }

  /**
   * Trusts the front door's proofs checked with {@code publicKey} for {@code audience}, of members
   * of {@code groups}.
   */
  public static FrontDoorTrust of(String publicKey, String audience, List<String> groups) {
    return new FrontDoorTrust(
        Optional.of(FrontDoorProof.verifier(publicKey)),
        audience,
        groups,
        Clock.systemUTC(),
        SpentProofs.DEFAULT_CAPACITY);
  }

  /**
   * From {@value FrontDoorProof#VERIFY_KEY_VARIABLE} and {@value #AUDIENCE_VARIABLE}; without both,
   * nobody.
   */
  public static FrontDoorTrust from(Settings settings) {
    Optional<String> key = settings.optional(FrontDoorProof.VERIFY_KEY_VARIABLE);
    Optional<String> audience = settings.optional(AUDIENCE_VARIABLE);
    if (key.isEmpty() || audience.isEmpty()) {
      LOG.warning(
          () ->
              "no "
                  + FrontDoorProof.VERIFY_KEY_VARIABLE
                  + " or "
                  + AUDIENCE_VARIABLE
                  + ": every request naming a signed-in user will be refused");
      return NOBODY;
    }
    return of(
        key.get(),
        audience.get().strip(),
        FrontDoorIdentity.groups(settings.string(GROUPS_VARIABLE, "")));
  }

  /**
   * Whether the app sits behind the sign-in: it was given a key and its host name to check proofs
   * with.
   */
  public boolean expectsSignIn() {
    return proof.isPresent() && !audience.isEmpty();
  }

  /** What a request's identity headers are worth to this app. */
  public enum Outcome {
    /** They name nobody: the handler decides what an anonymous request may do. */
    NOBODY_NAMED,
    /** They carry this app's proof, and the user is in one of its groups (or it has none). */
    PROVEN,
    /**
     * They name a user without a valid proof for this app: whoever sent them, they are not believed
     * (401).
     */
    UNPROVEN,
    /** Proven, but the user is in none of the app's groups (403). */
    OUTSIDE_GROUPS,
    /** A valid proof this app accepted before: a replay (401). */
    REPLAYED,
    /**
     * A valid proof, but the app remembers as many unexpired proofs as it may: refused until some
     * expire (503).
     */
    TOO_MANY_PROOFS
  }

  /** The judgement of one request's identity headers, with the proven user when there is one. */
  public record Judgement(Outcome outcome, Optional<SignedInUser> user) {}

  /**
   * Judges the identity headers' values as a request brings them ({@code null} when absent): the
   * one check every app and the front door's guard ({@code containers/front-door-guard}) run.
   */
  public Judgement judge(String user, String groups, String proofHeader) {
    if (user == null || user.isBlank()) {
      return new Judgement(Outcome.NOBODY_NAMED, Optional.empty());
    }
    Instant now = clock.instant();
    Optional<FrontDoorProof.Valid> valid =
        expectsSignIn()
            ? proof.get().valid(proofHeader, audience, user, groups, now)
            : Optional.empty();
    if (valid.isEmpty()) {
      return new Judgement(Outcome.UNPROVEN, Optional.empty());
    }
    switch (spent.spend(valid.get().nonce(), valid.get().expires(), now)) {
      case REPLAYED -> {
        return new Judgement(Outcome.REPLAYED, Optional.empty());
      }
      case FULL -> {
        return new Judgement(Outcome.TOO_MANY_PROOFS, Optional.empty());
      }
      case FIRST -> {}
    }
    SignedInUser signedIn = new SignedInUser(user.strip(), FrontDoorIdentity.groups(groups));
    boolean member =
        this.groups.isEmpty() || this.groups.stream().anyMatch(signedIn.groups()::contains);
    return new Judgement(member ? Outcome.PROVEN : Outcome.OUTSIDE_GROUPS, Optional.of(signedIn));
  }

  /** Why an {@link Outcome#OUTSIDE_GROUPS} user is refused. */
  public String groupsMessage() {
    return "this app is for members of " + String.join(", ", groups);
  }

  /**
   * Records the request's signed-in user when its identity headers carry this app's proof; refuses
   * the request (401) when they name a user without one. A request naming nobody passes: its
   * handler decides.
   */
  void check(Context ctx) {
    Judgement judgement =
        judge(
            ctx.header(FrontDoorIdentity.USER_HEADER),
            ctx.header(FrontDoorIdentity.GROUPS_HEADER),
            ctx.header(FrontDoorProof.HEADER));
    switch (judgement.outcome()) {
      case NOBODY_NAMED -> {}
      case UNPROVEN -> {
        LOG.warning(
            () ->
                "refused an identity without the front door's proof from "
                    + ctx.req().getRemoteAddr()
                    + ": "
                    + ctx.method()
                    + " "
                    + ctx.path());
        throw new UnauthorizedResponse(UNPROVEN_MESSAGE);
      }
      case OUTSIDE_GROUPS -> throw new ForbiddenResponse(groupsMessage());
      case REPLAYED -> {
        LOG.warning(
            () ->
                "refused a replayed proof of the front door from "
                    + ctx.req().getRemoteAddr()
                    + ": "
                    + ctx.method()
                    + " "
                    + ctx.path());
        throw new UnauthorizedResponse(REPLAYED_MESSAGE);
      }
      case TOO_MANY_PROOFS -> {
        LOG.warning(
            () ->
                "refused a proof of the front door: as many unexpired proofs remembered as allowed");
        throw new ServiceUnavailableResponse(TOO_MANY_PROOFS_MESSAGE);
      }
      case PROVEN -> ctx.attribute(VERIFIED_USER, judgement.user().orElseThrow());
    }
  }
}
