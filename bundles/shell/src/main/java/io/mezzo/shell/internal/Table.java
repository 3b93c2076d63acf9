package io.mezzo.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a command shows as a table: headers and rows of text. Kept free of Karaf so that the rows
 * can be tested as plain data; the commands copy it into a {@code ShellTable} to print.
 */
public record Table(List<String> headers, List<List<String>> rows, String emptyText) {

    public Table {
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
        Objects.requireNonNull(emptyText, "emptyText");
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("row " + row + " does not match headers " + headers);
            }
        }
    }

    public static Builder withHeaders(String... headers) {
        return new Builder(List.of(headers));
    }

    /** The values of one column, top to bottom. */
    public List<String> column(String header) {
        int index = headers.indexOf(header);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + header + " in " + headers);
        }
        return rows.stream().map(row -> row.get(index)).toList();
    }

    public static final class Builder {
        private final List<String> headers;
        private final List<List<String>> rows = new ArrayList<>();
        private String emptyText = "";

        private Builder(List<String> headers) {
            this.headers = headers;
        }

        public Builder row(String... values) {
            rows.add(List.of(values));
            return this;
        }

        /** Shown instead of an empty table, e.g. "No tasks." */
        public Builder whenEmpty(String text) {
            this.emptyText = text;
            return this;
        }

        public Table build() {
            return new Table(headers, rows, emptyText);
        }
    }
}
