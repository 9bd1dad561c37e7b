package dev.cluster.apps.authgateway;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The gateway's side of OpenID Connect, on Nimbus: the authorization code flow with PKCE (S256),
 * state and nonce; the code exchanged with the client secret; the ID token's signature checked
 * against the provider's published keys (JWKS), and its issuer, audience, expiry and nonce checked;
 * RP-initiated logout.
 */
public final class IdentityProviderClient {
  private final OIDCProviderMetadata provider;
  private final ClientID clientId;
  private final Secret clientSecret;
  private final URI redirectUri;
  private final IDTokenValidator validator;
  private final LogoutTokenValidator logoutValidator;

  public IdentityProviderClient(OIDCProviderMetadata provider, GatewaySettings settings) {
    this.provider = provider;
    this.clientId = new ClientID(settings.clientId());
    this.clientSecret = new Secret(settings.clientSecret());
    this.redirectUri = settings.redirectUri();
    try {
      this.validator =
          new IDTokenValidator(
              provider.getIssuer(), clientId, JWSAlgorithm.RS256, provider.getJWKSetURI().toURL());
      this.logoutValidator =
          new LogoutTokenValidator(
              provider.getIssuer(), clientId, JWSAlgorithm.RS256, provider.getJWKSetURI().toURL());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(
          "the provider's jwks_uri is not a URL: " + provider.getJWKSetURI(), e);
    }
  }

  /**
   * Reads the provider's discovery document ({@code <issuer>/.well-known/openid-configuration}).
   */
  public static OIDCProviderMetadata discover(URI issuer) throws IOException {
    try {
      return OIDCProviderMetadata.resolve(new Issuer(issuer));
    } catch (com.nimbusds.oauth2.sdk.GeneralException e) {
      throw new IOException(
          "cannot read the discovery document of " + issuer + ": " + e.getMessage(), e);
    }
  }

  /** Where to send the browser to sign in. */
  public URI authorizationUri(PendingSignIn signIn) {
    return new AuthenticationRequest.Builder(
            new ResponseType(ResponseType.Value.CODE),
            new Scope("openid", "profile", "email"),
            clientId,
            redirectUri)
        .endpointURI(provider.getAuthorizationEndpointURI())
        .state(signIn.state())
        .nonce(signIn.nonce())
        .codeChallenge(signIn.verifier(), CodeChallengeMethod.S256)
        .build()
        .toURI();
  }

  /** Exchanges the code for tokens and validates the ID token; the user and groups it names. */
  public SignedIn exchange(String code, PendingSignIn signIn) throws SignInFailed {
    try {
      return signedIn(
          send(
              new AuthorizationCodeGrant(
                  new AuthorizationCode(code), redirectUri, signIn.verifier())),
          signIn.nonce());
    } catch (IOException e) {
      throw new SignInFailed("the sign-in could not be completed: " + e.getMessage(), e);
    }
  }

  /**
   * Asks the provider again who holds {@code refreshToken} (a refresh token grant): it refuses when
   * the account was disabled or removed or its session ended, and otherwise answers with the
   * account's groups as they are now. {@link SignInFailed} is that refusal; {@link IOException}
   * means the provider did not answer at all.
   */
  public SignedIn refresh(String refreshToken) throws SignInFailed, IOException {
    return signedIn(send(new RefreshTokenGrant(new RefreshToken(refreshToken))), null);
  }

  private TokenResponse send(com.nimbusds.oauth2.sdk.AuthorizationGrant grant) throws IOException {
    HTTPRequest request =
        new TokenRequest(
                provider.getTokenEndpointURI(),
                new ClientSecretBasic(clientId, clientSecret),
                grant)
            .toHTTPRequest();
    request.setConnectTimeout(5_000);
    request.setReadTimeout(10_000);
    try {
      TokenResponse response = OIDCTokenResponseParser.parse(request.send());
      if (!response.indicatesSuccess()
          && response.toErrorResponse().getErrorObject().getHTTPStatusCode() >= 500) {
        throw new IOException(
            "the identity provider failed: HTTP "
                + response.toErrorResponse().getErrorObject().getHTTPStatusCode());
      }
      return response;
    } catch (ParseException e) {
      throw new IOException(
          "the identity provider's token endpoint answered no token response: " + e.getMessage(),
          e);
    }
  }

  /**
   * The ID token of a successful answer, validated ({@code nonce} only when the sign-in sent one).
   */
  private SignedIn signedIn(TokenResponse response, Nonce nonce) throws SignInFailed {
    if (!response.indicatesSuccess()) {
      throw new SignInFailed(
          "the identity provider refused: "
              + response.toErrorResponse().getErrorObject().getDescription());
    }
    OIDCTokenResponse tokens = (OIDCTokenResponse) response.toSuccessResponse();
    JWT idToken = tokens.getOIDCTokens().getIDToken();
    if (idToken == null) {
      throw new SignInFailed("the identity provider answered without an ID token");
    }
    try {
      IDTokenClaimsSet claims = validator.validate(idToken, nonce);
      String user = claims.getStringClaim("preferred_username");
      List<String> groups = claims.getStringListClaim("groups");
      if (user == null || user.isBlank()) {
        throw new SignInFailed("the ID token names no preferred_username");
      }
      RefreshToken refreshToken = tokens.getOIDCTokens().getRefreshToken();
      return new SignedIn(
          user,
          groups == null ? List.of() : groups,
          idToken.serialize(),
          claims.getSubject().getValue(),
          claims.getStringClaim("sid"),
          refreshToken == null ? null : refreshToken.getValue());
    } catch (com.nimbusds.jose.JOSEException | com.nimbusds.jose.proc.BadJOSEException e) {
      throw new SignInFailed("the identity provider's ID token is not valid: " + e.getMessage(), e);
    }
  }

  /**
   * Validates a backchannel logout token (signature against the JWKS, issuer, audience, the logout
   * event, no nonce) and returns the subject and provider session it ends.
   */
  public LoggedOut loggedOut(String logoutToken) throws SignInFailed {
    try {
      LogoutTokenClaimsSet claims =
          logoutValidator.validate(com.nimbusds.jwt.JWTParser.parse(logoutToken));
      return new LoggedOut(
          claims.getSubject() == null ? null : claims.getSubject().getValue(),
          claims.getSessionID() == null ? null : claims.getSessionID().getValue());
    } catch (java.text.ParseException
        | com.nimbusds.jose.JOSEException
        | com.nimbusds.jose.proc.BadJOSEException e) {
      throw new SignInFailed("not a valid logout token: " + e.getMessage(), e);
    }
  }

  /** Who the provider logged out: its subject and, when it says, its session. */
  public record LoggedOut(String subject, String providerSession) {}

  /** Where to send the browser to end its session at the provider too. */
  public URI logoutUri(String idToken, URI afterLogout) {
    try {
      return new LogoutRequest(
              provider.getEndSessionEndpointURI(),
              com.nimbusds.jwt.JWTParser.parse(idToken),
              afterLogout,
              null)
          .toURI();
    } catch (java.text.ParseException e) {
      throw new IllegalStateException("an ID token this gateway validated no longer parses", e);
    }
  }

  /** A fresh state, nonce and PKCE verifier for a sign-in returning to {@code returnTo}. */
  public static PendingSignIn start(URI returnTo, Instant expires) {
    return new PendingSignIn(new State(), new Nonce(), new CodeVerifier(), returnTo, expires);
  }

  /**
   * Who the ID token says signed in, and the refresh token with which the gateway asks again
   * ({@code null} when the provider gave none).
   */
  public record SignedIn(
      String user,
      List<String> groups,
      String idToken,
      String subject,
      String providerSession,
      String refreshToken) {}

  /** A sign-in that must not produce a session. */
  public static final class SignInFailed extends Exception {
    public SignInFailed(String message) {
      super(message);
    }

    public SignInFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
