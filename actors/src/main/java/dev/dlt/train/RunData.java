package dev.dlt.train;

import dev.dlt.model.data.Corpora;
import dev.dlt.model.data.Corpus;
import dev.dlt.model.data.Document;
import dev.dlt.model.data.Split;
import dev.dlt.model.data.TokenCache;
import dev.dlt.model.data.TokenFile;
import dev.dlt.model.tokenizer.Tokenizer;
import dev.dlt.model.tokenizer.Tokenizers;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A corpus, its tokenizer and the token files of its splits: what {@code train}, {@code eval} and
 * {@code tokenize} share. Token files are memory-mapped; nothing here holds a split on the heap.
 */
public record RunData(Corpus corpus, Tokenizer tokenizer, TokenCache cache) {

    /** A trained BPE reads at most this much training text: enough for its statistics, bounded for 1BW. */
    static final int MAX_BPE_TRAINING_CHARS = 64 << 20;

    /** {@code ~/.cache/dlt/tokenizers}: trained vocabularies, one folder per (text, size). */
    public static Path tokenizerCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "dlt", "tokenizers");
    }

    /** Opens {@code data} (format {@code auto} detects it) and resolves the tokenizer against its train split. */
    public static RunData open(String data, String format, String tokenizerSpec) {
        Corpus corpus = Corpora.open(data, "auto".equalsIgnoreCase(format) ? null : format);
        Tokenizer tokenizer = Tokenizers.resolve(tokenizerSpec, () -> trainingText(corpus), tokenizerCache());
        return new RunData(corpus, tokenizer, new TokenCache(TokenCache.dirFor(corpus)));
    }

    /** The tokens of one split, tokenized once and cached beside the data. */
    public TokenFile tokens(Split split) {
        return cache.tokens(corpus, split, tokenizer);
    }

    private static String trainingText(Corpus corpus) {
        StringBuilder sb = new StringBuilder();
        try (Stream<Document> docs = corpus.documents(Split.TRAIN)) {
            Iterator<Document> it = docs.iterator();
            while (it.hasNext() && sb.length() < MAX_BPE_TRAINING_CHARS) {
                sb.append(it.next().text()).append("\n\n");
            }
        }
        return sb.toString();
    }
}
