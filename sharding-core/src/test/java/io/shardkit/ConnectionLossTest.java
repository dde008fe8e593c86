package io.shardkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which driver errors mean "the connection is lost", by SQLSTATE, vendor code and JDBC type, as H2, PostgreSQL
 * and MariaDB report them, and which statement errors must not be taken for one.
 */
class ConnectionLossTest {

    @Test
    void theDriversConnectionLostErrorsAreRecognised() {
        List<SQLException> lost = List.of(
                new SQLException("Connection is broken: \"session closed\"", "90067", 90067),       // H2
                new SQLException("Database is already closed", "90098", 90098),                      // H2
                new SQLException("Database called at shutdown", "90121", 90121),                     // H2
                new SQLException("An I/O error occurred while sending to the backend.", "08006"),  // PostgreSQL
                new SQLException("This connection has been closed.", "08003"),                      // PostgreSQL
                new SQLException("terminating connection due to administrator command", "57P01"),   // PostgreSQL
                new SQLException("terminating connection due to crash of another process", "57P02"),
                new SQLException("the database system is shutting down", "57P03"),
                new SQLException("terminating connection due to idle-session timeout", "57P05"),
                new SQLException("Server shutdown in progress", "08S01", 1053),                      // MariaDB
                new SQLException("Connection was killed", "70100", 1927),                            // MariaDB
                new SQLNonTransientConnectionException("Socket error", "08000"),
                new SQLNonTransientConnectionException("no state at all"),
                new SQLTransientConnectionException("no state either"),
                new SQLRecoverableException("recover by reconnecting"));
        for (SQLException ex : lost) {
            assertThat(ConnectionLoss.isLost(ex)).as("%s [%s, %s]", ex.getMessage(), ex.getSQLState(),
                    ex.getErrorCode()).isTrue();
            assertThat(ConnectionLoss.hikariOverride().adjudicate(ex))
                    .isEqualTo(SQLExceptionOverride.Override.MUST_EVICT);
        }
    }

    @Test
    void errorsOfTheStatementItselfAreNotALostConnection() {
        List<SQLException> statementErrors = List.of(
                new SQLSyntaxErrorException("Syntax error in SQL statement", "42001", 42001),
                new SQLIntegrityConstraintViolationException("Unique index or primary key violation", "23505"),
                new SQLTimeoutException("canceling statement due to statement timeout", "57014"),
                new SQLException("Query execution was interrupted", "70100", 1317),                  // KILL QUERY
                new SQLException("Lock wait timeout exceeded", "HY000", 1205),
                new SQLException("deadlock detected", "40P01"),
                new SQLException("no state, no code"));
        for (SQLException ex : statementErrors) {
            assertThat(ConnectionLoss.isLost(ex)).as(ex.getMessage()).isFalse();
            assertThat(ConnectionLoss.hikariOverride().adjudicate(ex))
                    .as("HikariCP's own rules still decide").isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
        }
    }

    @Test
    void aLostConnectionIsFoundInTheNextExceptionAndCauseChains() {
        BatchUpdateException batch = new BatchUpdateException("batch failed", "HY000", 0, new int[0]);
        batch.setNextException(new SQLException("An I/O error occurred", "08006"));
        assertThat(ConnectionLoss.isLost(batch)).isTrue();

        RuntimeException wrapped = new RuntimeException("from a framework",
                new SQLException("outer", "HY000", 0, new SQLException("Connection is broken", "90067", 90067)));
        assertThat(ConnectionLoss.isLost(wrapped)).isTrue();
        assertThat(ConnectionLoss.isLost(new RuntimeException("no SQL error at all"))).isFalse();
    }

    @Test
    void aCyclicChainEnds() {
        SQLException first = new SQLException("first", "HY000");
        SQLException second = new SQLException("second", "HY000");
        first.setNextException(second);
        second.setNextException(first);
        assertThat(ConnectionLoss.isLost(first)).isFalse();
    }
}
