package dev.cluster.apps.authgateway;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;
import java.time.Instant;

/**
 * A sign-in sent to the identity provider and not yet back: what the callback must find and check.
 */
public record PendingSignIn(
    State state, Nonce nonce, CodeVerifier verifier, URI returnTo, Instant expires) {}
