package dev.dlt.agent;

import dev.dlt.model.UserInputException;

/**
 * Exploration rate of the ε-greedy choice as a pure function of the number of finished episodes.
 * ε is {@code max(floor, start · decay^n)} after n episodes; the two schedules differ only in where the
 * decay comes from.
 */
public sealed interface EpsilonSchedule {

    double start();

    double floor();

    /** Factor applied after each episode, in (0, 1]. */
    double decay();

    /** ε after {@code episodesDone} finished episodes. */
    default double epsilon(int episodesDone) {
        if (episodesDone < 0) {
            throw new IllegalArgumentException("episodes done must be >= 0, got " + episodesDone);
        }
        return Math.max(floor(), start() * StrictMath.pow(decay(), episodesDone));
    }

    /** The paper's schedule: ε = 1.0, × 0.95 after each episode, floor 0.01. */
    static EpsilonSchedule paper() {
        return new Geometric(1.0, 0.95, 0.01);
    }

    /** A fixed per-episode decay (the reference's). */
    record Geometric(double start, double decay, double floor) implements EpsilonSchedule {
        public Geometric {
            validate(start, floor);
            if (!(decay > 0 && decay <= 1)) {
                throw new UserInputException("epsilon decay must be in (0, 1], got " + decay);
            }
        }
    }

    /**
     * Exploration sized to the run: the decay is chosen so that ε reaches the floor after
     * {@code ceil(fraction × plannedEpisodes)} episodes (at least 1) and stays there. With the reference's
     * fixed 0.95, a 5-episode run never leaves exploration (ε = 0.77 at the end).
     */
    record SizedToRun(double start, double floor, int plannedEpisodes, double fraction) implements EpsilonSchedule {
        public SizedToRun {
            validate(start, floor);
            if (!(floor > 0)) {
                throw new UserInputException("a sized epsilon schedule needs a floor > 0 (geometric decay never reaches 0), got " + floor);
            }
            if (plannedEpisodes < 1) {
                throw new UserInputException("planned episodes must be >= 1, got " + plannedEpisodes);
            }
            if (!(fraction > 0 && fraction <= 1)) {
                throw new UserInputException("exploration fraction must be in (0, 1], got " + fraction);
            }
        }

        /** Episodes after which ε sits at the floor. */
        public int explorationEpisodes() {
            return Math.max(1, (int) Math.ceil(fraction * plannedEpisodes - 1e-9));
        }

        @Override
        public double decay() {
            return StrictMath.pow(floor / start, 1.0 / explorationEpisodes());
        }

        @Override
        public double epsilon(int episodesDone) {
            // pow may land one ulp above the floor at the last exploration episode; pin it
            return episodesDone >= explorationEpisodes() ? floor : EpsilonSchedule.super.epsilon(episodesDone);
        }
    }

    private static void validate(double start, double floor) {
        if (!(start >= 0 && start <= 1)) {
            throw new UserInputException("epsilon start must be in [0, 1], got " + start);
        }
        if (!(floor >= 0 && floor <= start)) {
            throw new UserInputException("epsilon floor must be in [0, start=" + start + "], got " + floor);
        }
    }
}
