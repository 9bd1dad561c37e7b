package dev.cluster.runtime.deploy.stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * A stack's events that happened after the feed started, oldest first, each handed out once. It
 * follows the stack by its ARN: CloudFormation answers for a deleted stack by its ARN only, so a
 * deletion's last events (and the stack's own DELETE_COMPLETE) are still read after the name is
 * gone. Events arriving while the pages are read shift them, so one event can be on two pages: each
 * EventId is handed out once.
 */
public final class StackEventFeed {
  private final CloudFormationStacks stacks;
  private final String stackId;
  private final Set<String> handedOut = new HashSet<>();
  private String lastSeenId;

  private StackEventFeed(CloudFormationStacks stacks, String stackId, String lastSeenId) {
    this.stacks = stacks;
    this.stackId = stackId;
    this.lastSeenId = lastSeenId;
  }

  /** Starts after the stack's newest event, so that only events of the coming operation show. */
  public static StackEventFeed startingNow(CloudFormationStacks stacks, String stackName) {
    String stackId = stacks.find(stackName).map(Stack::stackId).orElse(stackName);
    return new StackEventFeed(stacks, stackId, stacks.newestEventId(stackId).orElse(null));
  }

  /** The stack's ARN (its name, if it did not exist when the feed started). */
  public String stackId() {
    return stackId;
  }

  public List<StackEvent> poll() {
    String seen = lastSeenId;
    List<StackEvent> newestFirst =
        stacks.eventsNewerThan(stackId, event -> Objects.equals(event.eventId(), seen));
    if (newestFirst.isEmpty()) {
      return List.of();
    }
    lastSeenId = newestFirst.get(0).eventId();
    List<StackEvent> oldestFirst = new ArrayList<>();
    for (StackEvent event : newestFirst) {
      if (handedOut.add(event.eventId())) {
        oldestFirst.add(event);
      }
    }
    Collections.reverse(oldestFirst);
    return List.copyOf(oldestFirst);
  }
}
