package dev.dlt.model.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Groups a lazy stream of lines into documents, without holding more than one document in memory. */
final class Documents {

    private Documents() {
    }

    /**
     * Documents that start at each heading line (the heading belongs to its document). Lines before the first
     * heading form a document of their own if any is non-blank. {@code titleOf} returns null for non-headings.
     */
    static Stream<Document> byHeading(Stream<String> lines, Function<String, String> titleOf) {
        Iterator<String> in = lines.iterator();
        Iterator<Document> out = new Grouper(in) {
            @Override
            boolean startsNew(String line) {
                return titleOf.apply(line) != null;
            }

            @Override
            String title(List<String> doc) {
                String t = titleOf.apply(doc.get(0));
                return t == null ? "" : t;
            }
        };
        return stream(out).onClose(lines::close);
    }

    /** Documents separated by one or more blank (whitespace-only) lines: paragraphs. */
    static Stream<Document> byBlankLine(Stream<String> lines, String titlePrefix) {
        Iterator<String> in = lines.iterator();
        Iterator<Document> out = new Grouper(in) {
            private int count;

            @Override
            boolean startsNew(String line) {
                return false;
            }

            @Override
            boolean ends(String line) {
                return line.isBlank();
            }

            @Override
            String title(List<String> doc) {
                return titlePrefix + " #" + (count++);
            }
        };
        return stream(out).onClose(lines::close);
    }

    /** One document per line, skipping blank lines. */
    static Stream<Document> byLine(Stream<String> lines, String titlePrefix) {
        return lines.filter(l -> !l.isBlank()).map(l -> new Document(titlePrefix, l));
    }

    /** Keeps the documents whose 0-based position passes {@code keep}; the stream must be sequential. */
    static Stream<Document> byPosition(Stream<Document> docs, LongPredicate keep) {
        long[] position = {0};
        return docs.sequential().filter(d -> keep.test(position[0]++));
    }

    private static Stream<Document> stream(Iterator<Document> it) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
    }

    private abstract static class Grouper implements Iterator<Document> {
        private final Iterator<String> in;
        private String carry;
        private Document next;

        Grouper(Iterator<String> in) {
            this.in = in;
        }

        abstract boolean startsNew(String line);

        boolean ends(String line) {
            return false;
        }

        abstract String title(List<String> doc);

        @Override
        public boolean hasNext() {
            if (next == null) next = read();
            return next != null;
        }

        @Override
        public Document next() {
            if (!hasNext()) throw new NoSuchElementException();
            Document d = next;
            next = null;
            return d;
        }

        private Document read() {
            List<String> doc = new ArrayList<>();
            if (carry != null) {
                doc.add(carry);
                carry = null;
            }
            while (in.hasNext()) {
                String line = in.next();
                if (ends(line)) {
                    if (hasText(doc)) break;
                    continue;
                }
                if (startsNew(line) && !doc.isEmpty()) {
                    carry = line;
                    if (hasText(doc)) break;
                    doc.clear();
                    doc.add(carry);
                    carry = null;
                    continue;
                }
                doc.add(line);
            }
            if (!hasText(doc)) return null;
            return new Document(title(doc), String.join("\n", doc) + "\n");
        }

        private static boolean hasText(List<String> doc) {
            return doc.stream().anyMatch(l -> !l.isBlank());
        }
    }
}
