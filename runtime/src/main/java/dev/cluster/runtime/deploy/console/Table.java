package dev.cluster.runtime.deploy.console;

import java.util.ArrayList;
import java.util.List;

/** Plain-text columns, left aligned, two spaces apart, indented by two. */
public final class Table {
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... header) {
    rows.add(List.of(header));
  }

  public Table row(String... cells) {
    rows.add(List.of(cells));
    return this;
  }

  public String render() {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> row : rows) {
      if (row.isEmpty()) {
        continue;
      }
      StringBuilder line = new StringBuilder("  ");
      for (int c = 0; c < row.size(); c++) {
        line.append(row.get(c));
        if (c < row.size() - 1) {
          line.append(" ".repeat(widths[c] - row.get(c).length() + 2));
        }
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }
}
