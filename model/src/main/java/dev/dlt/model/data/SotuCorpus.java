package dev.dlt.model.data;

import dev.dlt.model.UserInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The embedded default corpus: the 233 State of the Union addresses 1790–2021 (PDDL 1.0 / CC0 1.0, licence
 * shipped beside the resource). One address is one document. The split is fixed by year so results stay
 * comparable: train ≤ {@value #TRAIN_LAST_YEAR}, valid {@value #TRAIN_LAST_YEAR}+1 … {@value #TEST_FIRST_YEAR}−1,
 * test ≥ {@value #TEST_FIRST_YEAR}. Immutable and thread-safe; the ~10.8M characters are read once and kept.
 */
public final class SotuCorpus implements Corpus {

    public static final int TRAIN_LAST_YEAR = 1990;
    public static final int TEST_FIRST_YEAR = 2005;
    static final String RESOURCE = "/dev/dlt/model/data/sotu/sotu.zip";

    /**
     * One address.
     *
     * @param year    the year it was delivered (1953 and 1961 each have two)
     * @param speaker the president, e.g. {@code George Washington}
     * @param party   the source's party code: d, r, dr (Democratic-Republican), f (Federalist), w (Whig),
     *                wd (Whig, later unaffiliated), nu (National Union), n (none)
     * @param text    the address as published
     */
    public record Address(int year, String speaker, String party, String text) {
        public Address {
            if (year < 1790) throw new IllegalArgumentException("year " + year + " before 1790");
        }

        public Split split() {
            if (year <= TRAIN_LAST_YEAR) return Split.TRAIN;
            return year < TEST_FIRST_YEAR ? Split.VALID : Split.TEST;
        }
    }

    private static final class Holder {
        static final List<Address> ADDRESSES = load();
    }

    /** All addresses in order of year then speaker. */
    public List<Address> addresses() {
        return Holder.ADDRESSES;
    }

    @Override
    public DataFormat format() {
        return DataFormat.SOTU;
    }

    @Override
    public String identity(Split split) {
        return "sotu/v1/" + split.label();
    }

    @Override
    public Stream<Document> documents(Split split) {
        return addresses().stream().filter(a -> a.split() == split)
                .map(a -> new Document(a.year() + " " + a.speaker(), a.text()));
    }

    @Override
    public Optional<Path> location() {
        return Optional.empty();
    }

    private static List<Address> load() {
        List<Address> out = new ArrayList<>();
        try (InputStream in = SotuCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource missing from the jar: " + RESOURCE);
            try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    String text = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                    out.add(parse(e.getName(), text));
                }
            }
        } catch (IOException e) {
            throw new UserInputException("corrupt embedded corpus " + RESOURCE + ": " + e.getMessage(), e);
        }
        out.sort((a, b) -> a.year() != b.year() ? Integer.compare(a.year(), b.year())
                : a.speaker().compareTo(b.speaker()));
        return List.copyOf(out);
    }

    /** {@code 1790_george_washington_n.txt} → (1790, George Washington, n). */
    static Address parse(String fileName, String text) {
        String[] parts = fileName.replaceFirst("\\.txt$", "").split("_");
        if (parts.length < 3) throw new IllegalStateException("unexpected entry name " + fileName);
        String speaker = Arrays.stream(parts, 1, parts.length - 1)
                .map(w -> w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1))
                .collect(Collectors.joining(" "));
        return new Address(Integer.parseInt(parts[0]), speaker, parts[parts.length - 1], text);
    }
}
