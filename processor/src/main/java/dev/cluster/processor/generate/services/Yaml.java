package dev.cluster.processor.generate.services;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;

/**
 * The data engines' YAML files, written by Jackson's YAML module from a tree: block style, lists
 * indented under their key, and double quotes only around a string that would read as a number, a
 * boolean or null, or that holds one of YAML's indicators (a {@code ${NAME}} placeholder does; its
 * quotes stay around what fills it).
 */
final class Yaml {
  private static final YAMLMapper MAPPER =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .disable(YAMLGenerator.Feature.SPLIT_LINES)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .build();

  private Yaml() {}

  /** An empty mapping to fill, its keys kept in the order they are put. */
  static ObjectNode mapping() {
    return MAPPER.createObjectNode();
  }

  /**
   * {@code comment}'s lines as {@code #} comments (YAML's tree has no comments), then {@code
   * document}.
   */
  static String document(String comment, ObjectNode document) {
    StringBuilder text = new StringBuilder();
    comment.lines().forEach(line -> text.append("# ").append(line).append('\n'));
    try {
      return text.append(MAPPER.writeValueAsString(document)).toString();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a tree of strings and numbers always writes", e);
    }
  }
}
