package dev.velocitytrinity.quantum.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.core.config.Secret;
import dev.velocitytrinity.quantum.queue.Planner;
import dev.velocitytrinity.quantum.queue.QueueKey;
import dev.velocitytrinity.quantum.queue.QueuePolicy;
import dev.velocitytrinity.quantum.store.RedisConnection;
import dev.velocitytrinity.quantum.store.RedisConnector;
import dev.velocitytrinity.quantum.store.RedisKeys;
import dev.velocitytrinity.quantum.store.RedisQueueStore;
import dev.velocitytrinity.quantum.store.RedisSettings;
import dev.velocitytrinity.testing.redis.RedisIT;
import dev.velocitytrinity.testing.redis.RedisServerInfo;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@RedisIT
@Timeout(30)
class ApiServerIT {

  @Test
  void events_followFromNowWithoutWait_answersAtOnceAndMissesNothingBetweenPolls_pauseNeedsAQueue(
      RedisServerInfo server) throws Exception {
    String password = System.getenv("REDIS_PASSWORD");
    ExecutorService http = Executors.newFixedThreadPool(2);
    try (RedisConnection connection =
        RedisConnector.connect(
            RedisSettings.of(server.url(), password == null ? null : Secret.of(password)))) {
      Clock clock = Clock.systemUTC();
      RedisQueueStore store =
          new RedisQueueStore(connection, new RedisKeys(server.keyPrefix()), clock);
      QueueService service = new QueueService(store, new Planner(clock), QueuePolicy.serial());
      ApiServer api =
          new ApiServer(service, connection::ping, new InetSocketAddress("127.0.0.1", 0), http);
      api.start();
      try {
        ApiClient client =
            new ApiClient(
                URI.create("http://127.0.0.1:" + api.address().getPort()),
                HttpClient.newHttpClient());

        ApiClient.Answer typo = client.pause("acme/ap", true);
        assertThat(typo.status()).isEqualTo(404);
        assertThat(typo.body().path("error").asText())
            .isEqualTo("no queue acme/ap:main (there are no queues yet)");
        assertThat(service.queues()).isEmpty();

        ApiClient.Answer now = client.events("$", 0, null);
        String last = now.body().path("last").asText();
        service.enqueue(new QueueKey("acme/app", "main"), 1, "aaaaaaa1", 0);
        ApiClient.Answer next = client.events(last, 0, null);

        assertThat(now.status()).isEqualTo(200);
        assertThat(now.body().path("events").size()).isZero();
        assertThat(last).matches("\\d+-\\d+");
        List<String> types = new ArrayList<>();
        next.body().path("events").forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).containsExactly("enqueued", "build-started");
        assertThat(next.body().path("last").asText()).isNotEqualTo(last);
        assertThat(client.pause("acme/app", true).status()).isEqualTo(200);
        assertThat(client.pause("acme/other", true).body().path("error").asText())
            .isEqualTo("no queue acme/other:main (queues: acme/app:main)");
      } finally {
        api.close();
      }
    } finally {
      http.shutdownNow();
    }
  }
}
