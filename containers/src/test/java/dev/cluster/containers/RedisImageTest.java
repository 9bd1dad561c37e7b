package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisImageTest {

  @Test
  void answersPingAndKeepsAValue() throws Exception {
    String image = Podman.image("redis");
    int port = Wait.freePort();
    try (var redis = Podman.run(image, List.of("-e", "REDIS_PORT=" + port))) {
      redis.awaitHealthy(Duration.ofSeconds(30));
      try (Socket socket = new Socket("127.0.0.1", port)) {
        OutputStream out = socket.getOutputStream();
        var in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out.write(
            "PING\r\nSET greeting hello\r\nGET greeting\r\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertEquals("+PONG", in.readLine());
        assertEquals("+OK", in.readLine());
        assertEquals("$5", in.readLine());
        assertEquals("hello", in.readLine());
      }
      assertEquals("redis\n", redis.exec("id", "-un").orFail().out(), "runs as the redis user");
    }
  }
}
