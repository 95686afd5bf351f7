package dev.torpedo.sms.impl.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Helpers for statements that touch many rows at once ({@code WHERE id IN (...)}): one statement for a batch costs
 * the database one execution instead of one per row, on all three databases.
 */
public final class SetStatements {

    /**
     * Rows per statement: a full dispatcher batch in one, and a statement's parameters (a few per row) stay far
     * below every driver's limit (PostgreSQL's is 65,535).
     */
    public static final int MAX_ROWS = 500;

    private SetStatements() {
    }

    /** {@code (?, ?, ?)} for {@code count} values. */
    public static String placeholders(int count) {
        return "(" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    /** {@code items} cut into consecutive pieces of at most {@link #MAX_ROWS}. */
    public static <T> List<List<T>> chunks(List<T> items) {
        return chunks(items, MAX_ROWS);
    }

    /** {@code items} cut into consecutive pieces of at most {@code size}. */
    public static <T> List<List<T>> chunks(List<T> items, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A piece holds at least one item, not " + size);
        }
        List<List<T>> chunks = new ArrayList<>((items.size() + size - 1) / size);
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return chunks;
    }
}
