package dev.cluster.runtime.deploy.stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/** A stack's events that happened after the feed started, oldest first, each handed out once. */
public final class StackEventFeed {
    private final CloudFormationStacks stacks;
    private final String stackName;
    private String lastSeenId;

    private StackEventFeed(CloudFormationStacks stacks, String stackName, String lastSeenId) {
        this.stacks = stacks;
        this.stackName = stackName;
        this.lastSeenId = lastSeenId;
    }

    /** Starts after the stack's newest event, so that only events of the coming operation show. */
    public static StackEventFeed startingNow(CloudFormationStacks stacks, String stackName) {
        return new StackEventFeed(stacks, stackName, stacks.newestEventId(stackName).orElse(null));
    }

    public List<StackEvent> poll() {
        String seen = lastSeenId;
        List<StackEvent> newestFirst = stacks.eventsNewerThan(stackName, event -> Objects.equals(event.eventId(), seen));
        if (newestFirst.isEmpty()) {
            return List.of();
        }
        lastSeenId = newestFirst.get(0).eventId();
        List<StackEvent> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return List.copyOf(oldestFirst);
    }
}
