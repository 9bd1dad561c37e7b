package dev.cluster.processor.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue and its documentation agree: tags are unique and each is documented. */
class RuleCatalogueTest {
  private static final Path RULES_DOC =
      Path.of(System.getProperty("basedir", "."), "..", "docs", "RULES.md");

  @Test
  void tagsAreUnique() {
    List<String> tags = RuleCatalogue.RULES.stream().map(Rule::tag).toList();
    assertEquals(tags.stream().distinct().toList(), tags);
  }

  @Test
  void everyTagHasItsSectionInRulesMd() throws IOException {
    String doc = Files.readString(RULES_DOC);
    List<String> undocumented =
        RuleCatalogue.RULES.stream()
            .map(Rule::tag)
            .filter(tag -> !doc.contains("### `" + tag + "`"))
            .toList();
    assertEquals(List.of(), undocumented);
  }
}
