package dev.cluster.processor.generate.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A systemd (or fleet) unit file: named sections of ordered {@code key=value} lines, rendered the
 * same way every time. Built with {@link #builder(String)}.
 */
public record SystemdUnit(String name, List<Section> sections) {
  public SystemdUnit {
    sections = List.copyOf(sections);
  }

  /** One {@code [Name]} section. */
  public record Section(String name, List<Entry> entries) {
    public Section {
      entries = List.copyOf(entries);
    }
  }

  /** One {@code key=value} line. */
  public record Entry(String key, String value) {}

  public String render() {
    StringBuilder out = new StringBuilder();
    for (Section section : sections) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append('[').append(section.name()).append("]\n");
      for (Entry entry : section.entries()) {
        out.append(entry.key()).append('=').append(entry.value()).append('\n');
      }
    }
    return out.toString();
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Adds lines to the current section; {@link #section(String)} starts the next one. */
  public static final class Builder {
    private final String name;
    private final List<Section> sections = new ArrayList<>();
    private String current;
    private List<Entry> entries;

    private Builder(String name) {
      this.name = name;
    }

    public Builder section(String sectionName) {
      flush();
      current = sectionName;
      entries = new ArrayList<>();
      return this;
    }

    public Builder add(String key, String value) {
      if (current == null) {
        throw new IllegalStateException("add(" + key + ") before any section of " + name);
      }
      entries.add(new Entry(key, value));
      return this;
    }

    public SystemdUnit build() {
      flush();
      return new SystemdUnit(name, sections);
    }

    private void flush() {
      if (current != null) {
        sections.add(new Section(current, entries));
        current = null;
      }
    }
  }
}
