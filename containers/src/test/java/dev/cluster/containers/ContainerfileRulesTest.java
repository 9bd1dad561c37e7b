package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cluster.containers.ContainerfileRules.Exceptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of the project's own Containerfile checks, on small samples that break it. */
class ContainerfileRulesTest {
  private static final String TAIL = "USER app\nHEALTHCHECK CMD true\n";

  @Test
  void aPinnedArgBaseANonRootUserAndAHealthcheckPass() {
    assertEquals(
        List.of(),
        check(
            "ARG BASE=docker.io/library/debian:bookworm-20251117-slim\nFROM ${BASE}\n"
                + "EXPOSE 80 443/tcp 7000-7001\n"
                + TAIL));
    assertEquals(
        List.of(), check("FROM localhost:5000/team/debian@sha256:" + "a".repeat(64) + "\n" + TAIL));
  }

  @Test
  void basesMustBePinnedAndNeverLatest() {
    assertEquals(
        List.of("line 1: base redis has no tag: pin a version"), check("FROM redis\n" + TAIL));
    assertEquals(
        List.of("line 2: base localhost:5000/redis has no tag: pin a version"),
        check("ARG BASE=localhost:5000/redis\nFROM $BASE AS build\n" + TAIL));
    assertEquals(
        List.of(
            "line 1: ARG BASE names a latest tag: redis:latest",
            "line 2: base redis:latest is latest: pin a version"),
        check("ARG BASE=redis:latest\nFROM ${BASE}\n" + TAIL));
    assertEquals(
        List.of("line 1: FROM uses BASE, an ARG without a pinned default before it"),
        check("FROM ${BASE}\nARG BASE=redis:7\n" + TAIL));
  }

  @Test
  void exposedPortsAreInRange() {
    assertEquals(
        List.of(
            "line 2: EXPOSE 70000: port outside 1..65535",
            "line 2: EXPOSE 0/udp: port outside 1..65535",
            "line 2: EXPOSE abc is not a port"),
        check("FROM redis:7\nEXPOSE 70000 0/udp abc 6379\n" + TAIL));
  }

  @Test
  void theFinalStageNeedsANonRootUserAndAHealthcheckUnlessAllowed() {
    assertEquals(
        List.of("no HEALTHCHECK in the final stage", "no USER: the final stage runs as root"),
        check("FROM debian:12 AS build\nUSER app\nHEALTHCHECK CMD true\nFROM debian:12\n"));
    assertEquals(
        List.of("USER 0:0 is root"), check("FROM debian:12\nUSER 0:0\nHEALTHCHECK CMD true\n"));
    assertEquals(
        List.of("no HEALTHCHECK in the final stage"),
        check("FROM debian:12\nUSER app\nHEALTHCHECK NONE\n"));
    assertEquals(
        List.of(),
        ContainerfileRules.check(
            "FROM debian:12\nHEALTHCHECK NONE\n",
            new Exceptions("binds port 22", "no probe adds anything")));
  }

  @Test
  void continuationLinesAndCommentsAreJoinedAsTheBuilderDoes() {
    assertEquals(
        List.of("line 2: EXPOSE 99999: port outside 1..65535"),
        check("FROM debian:12\nEXPOSE 80 \\\n# a comment inside\n  99999\n" + TAIL));
  }

  private static List<String> check(String text) {
    return ContainerfileRules.check(text, Exceptions.NONE);
  }
}
