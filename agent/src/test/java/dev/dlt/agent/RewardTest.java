package dev.dlt.agent;

import dev.dlt.model.UserInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RewardTest {

    @Test
    void paperRewardIsNegativePerplexityClippedAtTen() {
        Reward paper = new Reward.Paper(0);
        assertEquals(-StrictMath.exp(2.0), paper.of(9.0, 2.0, 6, 6), 1e-12); // -7.389, inside the clip
        assertEquals(-10.0, paper.of(9.0, Math.log(10.0) + 1e-9, 6, 6));
        assertEquals(-10.0, paper.of(9.0, 6.5, 6, 6)); // ppl 665: flat at the clip
        assertEquals(-1.0, paper.of(9.0, 0.0, 6, 6), 1e-15);
    }

    @Test
    void negLossAndImprovement() {
        assertEquals(-6.5, new Reward.NegLoss(0).of(7.0, 6.5, 3, 6));
        assertEquals(0.25, new Reward.Improvement(0).of(6.75, 6.5, 3, 6));
        assertEquals(-0.5, new Reward.Improvement(0).of(6.0, 6.5, 3, 6));
    }

    @Test
    void layerCostIsSubtractedAfterClipping() {
        // λ = 0.3, 2 of 6 layers independent: cost 0.1
        assertEquals(-10.1, new Reward.Paper(0.3).of(9.0, 6.5, 2, 6), 1e-12);
        assertEquals(-6.6, new Reward.NegLoss(0.3).of(9.0, 6.5, 2, 6), 1e-12);
        assertEquals(0.15, new Reward.Improvement(0.3).of(6.75, 6.5, 2, 6), 1e-12);
        assertEquals(-0.3, new Reward.NegLoss(0.3).of(0, 0, 6, 6), 1e-15);
    }

    @Test
    void namesParseAndBadNamesAreOneLineUserErrors() {
        assertInstanceOf(Reward.Paper.class, Reward.parse("paper", 0));
        assertInstanceOf(Reward.NegLoss.class, Reward.parse("neg-loss", 0));
        Reward r = Reward.parse(" Improvement ", 0.5);
        assertInstanceOf(Reward.Improvement.class, r);
        assertEquals(0.5, r.layerCost());
        assertEquals("improvement", r.name());
        UserInputException e = assertThrows(UserInputException.class, () -> Reward.parse("ppl", 0));
        assertEquals("unknown --reward 'ppl': expected paper, neg-loss or improvement", e.getMessage());
        assertThrows(UserInputException.class, () -> Reward.parse("paper", -1));
    }
}
