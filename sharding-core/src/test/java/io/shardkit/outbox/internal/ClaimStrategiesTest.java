package io.shardkit.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaimStrategiesTest {

    @ParameterizedTest(name = "{0} {1} -> {4}")
    @CsvSource({
            "H2, 2.4.240 (2025-09-22), 2, 4, true",
            "H2, 2.3.232, 2, 3, true",
            "H2, 2.2.224, 2, 2, false",
            "H2, 1.4.200, 1, 4, false",
            "PostgreSQL, 15.19, 15, 19, true",
            "PostgreSQL, 9.5.0, 9, 5, true",
            "PostgreSQL, 9.4.26, 9, 4, false",
            "MariaDB, 10.11.19-MariaDB, 10, 11, true",
            "MariaDB, 10.6.0-MariaDB, 10, 6, true",
            "MariaDB, 10.5.9-MariaDB, 10, 5, false",
            "MySQL, 8.0.36, 8, 0, true",
            "MySQL, 5.7.44, 5, 7, false",
            "MySQL, 5.5.5-10.11.6-MariaDB, 5, 5, false",
            "Apache Derby, 10.16.1.1, 10, 16, false"
    })
    void skipLockedOnlyWhereTheDatabaseHasIt(String product, String version, int major, int minor,
                                             boolean expected) {
        assertThat(ClaimStrategies.supportsSkipLocked(product, version, major, minor)).isEqualTo(expected);
    }
}
