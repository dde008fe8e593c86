package io.shardkit.it.persistence.schema;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application whose only persistence is its schema (Flyway migrations or {@code spring.sql.init} scripts). */
@SpringBootConfiguration
@EnableAutoConfiguration
public class MigrationApplication {
}
