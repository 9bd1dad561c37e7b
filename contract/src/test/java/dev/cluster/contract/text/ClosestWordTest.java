package dev.cluster.contract.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClosestWordTest {

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertEquals(0, ClosestWord.editDistance("port", "port"));
    assertEquals(2, ClosestWord.editDistance("prot", "port"));
    assertEquals(1, ClosestWord.editDistance("ttl", "tt"));
    assertEquals(4, ClosestWord.editDistance("", "etcd"));
  }

  @Test
  void onlyAWordCloseEnoughToBeATypoIsSuggested() {
    List<String> known = List.of("deploy", "destroy", "describe", "plan");
    assertEquals(Optional.of("deploy"), ClosestWord.to("depoly", known));
    assertEquals(Optional.of("plan"), ClosestWord.to("pln", known));
    assertEquals(Optional.empty(), ClosestWord.to("status", known));
    assertEquals("", ClosestWord.suggestion("status", known));
  }
}
