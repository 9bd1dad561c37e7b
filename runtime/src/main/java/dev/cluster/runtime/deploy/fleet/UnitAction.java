package dev.cluster.runtime.deploy.fleet;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a command does, or would do, to one unit in fleet. */
public enum UnitAction {
  SUBMIT("submit", "submitted"),
  START("start", "started"),
  REPLACE("replace", "replaced (unit file changed)"),
  RESTART("restart", "restarted (bound to a replaced unit)"),
  KEEP_RUNNING(
      "keep running the old unit file",
      "changed, still running its old unit file (units start rolls it)"),
  STOP("stop", "stopped"),
  DESTROY("destroy", "destroyed"),
  UNCHANGED("unchanged", "unchanged"),
  ABSENT("absent", "not in fleet");

  private final String planned;
  private final String done;

  UnitAction(String planned, String done) {
    this.planned = planned;
    this.done = done;
  }

  @JsonValue
  public String planned() {
    return planned;
  }

  public String done() {
    return done;
  }
}
