package dev.cluster.team;

import dev.cluster.annotations.ApiProxy;
import dev.cluster.annotations.Health;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.Redis;
import dev.cluster.annotations.Route;
import dev.cluster.annotations.Service;

/**
 * The REST APIs we pay for, behind our sign-in, with their keys added here and responses cached in
 * Redis.
 */
@Service(
    image = "dev-cluster/api-proxy:0.1.0",
    replicas = 2,
    runsOn = Workers.class,
    ports = @Port(value = 8092, name = "http"),
    secrets = WeatherKey.class)
@Redis
@ApiProxy(
    prefix = "/weather",
    upstream = "https://api.weather.example/v2",
    key = WeatherKey.class,
    keyIn = ApiProxy.KeyLocation.QUERY,
    keyName = "appid",
    cacheSeconds = 300,
    paths = "/forecast/*",
    ratePerMinute = 60)
@Route(subdomain = "apis", allow = Developers.class)
@Health(path = "/healthz")
public class Apis {}
