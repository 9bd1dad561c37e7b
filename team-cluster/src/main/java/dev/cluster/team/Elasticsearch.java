package dev.cluster.team;

import dev.cluster.annotations.DataEngine;
import dev.cluster.annotations.Env;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.Service;

/** Search for the production systems we study: one data node on each DATA machine. */
@Service(
    image = "docker.elastic.co/elasticsearch/elasticsearch:8.15.3",
    runsOn = DataNodes.class,
    ports = {@Port(value = 9200, name = "http"), @Port(value = 9300, name = "transport")},
    env = @Env(name = "ES_JAVA_OPTS", value = "-Xms4g -Xmx4g"))
@DataEngine(DataEngine.Kind.ELASTICSEARCH)
public class Elasticsearch {}
