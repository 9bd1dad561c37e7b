package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link Public} {@link Service} (nginx) that routes {@code <subdomain>.<domain>} to
 * every {@link Route}d service, and that keeps the cluster's DNS name pointing at its instances.
 *
 * <p>Generates the nginx server blocks of every route and a DNS updater unit that upserts the
 * cluster domain's records with the addresses of the front door's live instances, in the Route 53
 * hosted zone given as the template parameter {@code HostedZoneId}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface FrontDoor {}
