package dev.dlt.model.checkpoint;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * What a checkpoint carries besides tensors: where training stands and how it was set up. Batches are a
 * pure function of (seed, step), so the data position is the step itself.
 *
 * @param step      optimisation steps finished; training resumes with step {@code step}
 * @param episode   agent episodes finished
 * @param settings  the caller's training settings (learning rate, schedule, batch size, ...), free-form
 *                  JSON values: numbers come back as Integer/Long/Double, maps as maps
 * @param seeds     named RNG seeds of the run (for example {@code init}, {@code data}, {@code dropout},
 *                  {@code agent})
 * @param tokenizer {@link dev.dlt.model.tokenizer.Tokenizer#name()} of the run's tokenizer
 * @param agent     the agent's state as opaque bytes (the agent module serialises it); empty for none.
 *                  Copied in and out.
 */
public record TrainingState(long step, int episode, Map<String, Object> settings, Map<String, Long> seeds,
                            String tokenizer, byte[] agent) {

    public TrainingState {
        if (step < 0 || episode < 0) {
            throw new IllegalArgumentException("step and episode must be >= 0, got " + step + ", " + episode);
        }
        settings = Map.copyOf(Objects.requireNonNull(settings, "settings"));
        seeds = Map.copyOf(Objects.requireNonNull(seeds, "seeds"));
        Objects.requireNonNull(tokenizer, "tokenizer");
        agent = agent == null ? new byte[0] : agent.clone();
    }

    @Override
    public byte[] agent() {
        return agent.clone();
    }

    /** The batch index training continues from: equal to {@link #step()} by construction. */
    public long dataPosition() {
        return step;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingState t && step == t.step && episode == t.episode && settings.equals(t.settings)
                && seeds.equals(t.seeds) && tokenizer.equals(t.tokenizer) && Arrays.equals(agent, t.agent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, episode, settings, seeds, tokenizer, Arrays.hashCode(agent));
    }

    @Override
    public String toString() {
        return "TrainingState[step=" + step + ", episode=" + episode + ", settings=" + settings + ", seeds=" + seeds
                + ", tokenizer=" + tokenizer + ", agent=" + agent.length + " bytes]";
    }
}
