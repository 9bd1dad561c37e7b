package dev.cluster.runtime.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/** Connects to etcd's v3 API and converts keys and values, so each agent does it the same way. */
public final class Etcd {

    private Etcd() {
    }

    /** @param endpoints comma-separated client URLs, e.g. {@code http://127.0.0.1:2379,http://127.0.0.1:2479} */
    public static Client connect(String endpoints) {
        return Client.builder()
                .endpoints(Arrays.stream(endpoints.split(",")).map(String::trim).toArray(String[]::new))
                .connectTimeout(Duration.ofSeconds(2))
                
                .build();
    }

    public static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    public static String text(ByteSequence bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
