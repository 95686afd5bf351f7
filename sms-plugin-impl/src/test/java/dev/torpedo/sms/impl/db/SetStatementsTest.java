package dev.torpedo.sms.impl.db;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SetStatementsTest {

    @Test
    void placeholdersMakeAnInListOfTheirCount() {
        assertThat(SetStatements.placeholders(1)).isEqualTo("(?)");
        assertThat(SetStatements.placeholders(3)).isEqualTo("(?, ?, ?)");
    }

    @Test
    void chunksCutInOrderIntoPiecesOfAtMostTheMaximum() {
        List<Integer> items = IntStream.range(0, 2 * SetStatements.MAX_ROWS + 1).boxed().toList();

        List<List<Integer>> chunks = SetStatements.chunks(items);

        assertThat(chunks).extracting(List::size).containsExactly(SetStatements.MAX_ROWS, SetStatements.MAX_ROWS, 1);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(items);
        assertThat(SetStatements.chunks(List.of())).isEmpty();
    }
}
