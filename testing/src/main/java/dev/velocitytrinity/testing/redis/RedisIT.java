package dev.velocitytrinity.testing.redis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real Redis server, injected as a {@link RedisServerInfo} parameter: {@code
 * REDIS_URL} when set, else a Testcontainers Redis when a Docker engine is reachable, else an
 * embedded redis-server on a free loopback port. Never a mock and never a skip: a server that
 * cannot start fails the test. One server is shared by the whole test run; isolate tests with
 * {@link RedisServerInfo#keyPrefix()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag("redis")
@ExtendWith(RedisExtension.class)
public @interface RedisIT {}
