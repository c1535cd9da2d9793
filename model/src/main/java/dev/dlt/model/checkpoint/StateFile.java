package dev.dlt.model.checkpoint;

import dev.dlt.model.GptConfig;
import dev.dlt.model.optim.AdamW;
import java.util.Map;

/**
 * The content of {@code state.json}: the config that made the model, the tie state, and where training
 * stands. Serialised by Jackson; field names are the JSON keys users see.
 *
 * @param format        layout version of the checkpoint directory ({@link #FORMAT})
 * @param step          optimisation steps finished
 * @param episode       agent episodes finished
 * @param dataPosition  next batch index (equal to step: batches are a pure function of (seed, step))
 * @param config        the model's shape
 * @param gradientMode  {@code shared} or {@code frozen}
 * @param ties          the tie state vector s (s[i] == i: independent)
 * @param optimizer     AdamW constants
 * @param optimizerStep AdamW's bias-correction counter
 * @param tokenizer     tokenizer name
 * @param seeds         named RNG seeds
 * @param settings      the caller's training settings
 * @param agentBytes    length of {@code agent.bin} (0: no agent state)
 */
record StateFile(int format, long step, int episode, long dataPosition, GptConfig config, String gradientMode,
                 int[] ties, AdamW.Settings optimizer, long optimizerStep, String tokenizer, Map<String, Long> seeds,
                 Map<String, Object> settings, int agentBytes) {

    static final int FORMAT = 1;
}
