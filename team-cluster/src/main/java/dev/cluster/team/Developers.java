package dev.cluster.team;

import dev.cluster.annotations.Group;

/** Everyone who writes code here: may use code review, CI and the wiki. */
@Group(description = "Everyone who writes code for the team")
public class Developers {}
