package io.shardkit.it.persistence.liquibase;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application whose schema Liquibase manages. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class LiquibaseApplication {

    /** Where its changelog is. */
    public static final String CHANGELOG = "spring.liquibase.change-log=classpath:db/it-liquibase/changelog.sql";
}
