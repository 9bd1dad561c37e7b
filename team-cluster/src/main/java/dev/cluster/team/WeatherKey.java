package dev.cluster.team;

import dev.cluster.annotations.Secret;

/** The key of the weather API we pay for; only the API proxy knows it. */
@Secret(description = "API key of the weather service")
public class WeatherKey {}
