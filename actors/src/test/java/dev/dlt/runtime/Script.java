package dev.dlt.runtime;

import static dev.dlt.runtime.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.train.TrainingStep;
import java.util.ArrayList;
import java.util.List;

/**
 * A run as a list of operations — steps and tie changes at step boundaries — played on the local model
 * and on the actor runtime; the results must agree.
 */
public final class Script {

    public sealed interface Op permits Step, Tie, Untie, Eval {}

    public record Step() implements Op {}

    public record Tie(int layer, int target) implements Op {}

    public record Untie(int layer) implements Op {}

    public record Eval() implements Op {}

    private Script() {}

    /** Losses of every step and evaluation, in order, on the local model. */
    public static List<Double> local(RuntimeSettings s, List<Op> ops) {
        List<Double> out = new ArrayList<>();
        try (NDManager root = NDManager.newBaseManager();
             Gpt model = Gpt.create(s.model(), s.initialTies(), s.gradientMode(), root.newSubManager(), s.seed())) {
            AdamW opt = new AdamW(s.adam(), root.newSubManager());
            int step = 0;
            for (Op op : ops) {
                if (op instanceof Step) {
                    out.add(TrainingStep.run(model, opt, batch(step), LR, s.clipNorm(), key(step)).loss());
                    step++;
                } else if (op instanceof Tie t) {
                    model.tie(t.layer(), t.target(), opt);
                } else if (op instanceof Untie u) {
                    model.untie(u.layer(), opt);
                } else {
                    out.add(TrainingStep.evaluate(model, batch(100)));
                }
            }
        }
        return out;
    }

    /** The same on a runtime; also checks the runtime's tie state against the local rule after each change. */
    public static List<Double> actors(ActorRuntime rt, List<Op> ops) {
        List<Double> out = new ArrayList<>();
        TieMap expectedTies = rt.settings().initialTies();
        int step = 0;
        for (Op op : ops) {
            if (op instanceof Step) {
                out.add(rt.step(batch(step), LR, key(step)).loss());
                step++;
            } else if (op instanceof Tie t) {
                expectedTies = expectedTies.tie(t.layer(), t.target());
                assertEquals(expectedTies, rt.tie(t.layer(), t.target()));
            } else if (op instanceof Untie u) {
                expectedTies = expectedTies.untie(u.layer());
                assertEquals(expectedTies, rt.untie(u.layer()));
            } else {
                out.add(rt.evaluate(batch(100)));
            }
        }
        return out;
    }

    public static void assertSame(List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size());
        for (int k = 0; k < expected.size(); k++) {
            assertTrue(relativeDifference(actual.get(k), expected.get(k)) <= 1e-5,
                    "result " + k + ": actors " + actual.get(k) + ", local " + expected.get(k));
        }
    }
}
