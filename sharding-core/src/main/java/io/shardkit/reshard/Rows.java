package io.shardkit.reshard;

import io.shardkit.internal.Murmur3;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Rows read as plain values (large objects as {@code String} / {@code byte[]}), written back with
 * {@code setObject}, and hashed for verification. Stateless and thread-safe.
 */
final class Rows {

    private Rows() {
    }

    /** The column names and JDBC types of a result. */
    record Shape(List<String> columns, int[] types) {
        static Shape of(ResultSetMetaData md) throws SQLException {
            List<String> columns = new ArrayList<>(md.getColumnCount());
            int[] types = new int[md.getColumnCount()];
            for (int i = 1; i <= types.length; i++) {
                columns.add(md.getColumnLabel(i));
                types[i - 1] = md.getColumnType(i);
            }
            return new Shape(List.copyOf(columns), types);
        }

        String insert(String table) {
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + placeholders(columns.size()) + ")";
        }

        int indexOf(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).equalsIgnoreCase(column)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
    }

    static List<@Nullable Object[]> read(ResultSet rs, Shape shape) throws SQLException {
        List<@Nullable Object[]> rows = new ArrayList<>();
        int n = shape.types().length;
        while (rs.next()) {
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                row[i] = switch (shape.types()[i]) {
                    case Types.CLOB, Types.NCLOB, Types.LONGVARCHAR, Types.LONGNVARCHAR -> rs.getString(i + 1);
                    case Types.BLOB, Types.LONGVARBINARY, Types.VARBINARY, Types.BINARY -> rs.getBytes(i + 1);
                    default -> rs.getObject(i + 1);
                };
            }
            rows.add(row);
        }
        return rows;
    }

    static int insert(PreparedStatement ps, List<@Nullable Object[]> rows) throws SQLException {
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                ps.setObject(i + 1, row[i]);
            }
            ps.addBatch();
        }
        if (!rows.isEmpty()) {
            ps.executeBatch();
        }
        return rows.size();
    }

    /** A row's hash: murmur3 of its values as text, in column order; summed, so row order does not matter. */
    static long hash(String table, @Nullable Object[] row) {
        StringBuilder text = new StringBuilder(table);
        for (Object value : row) {
            text.append('\u0001');
            if (value == null) {
                text.append('\u0000');
            } else if (value instanceof byte[] bytes) {
                text.append(HexFormat.of().formatHex(bytes));
            } else if (value instanceof java.math.BigDecimal d) {
                text.append(d.stripTrailingZeros().toPlainString());
            } else {
                text.append(value);
            }
        }
        return Murmur3.hashUtf8(text.toString());
    }

    static String placeholders(int n) {
        StringBuilder s = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "?" : ", ?");
        }
        return s.toString();
    }

    static void bind(PreparedStatement ps, int from, List<?> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(from + i, values.get(i));
        }
    }
}
