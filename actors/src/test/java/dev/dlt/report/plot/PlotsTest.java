package dev.dlt.report.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlt.model.UserInputException;
import dev.dlt.report.Fixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Every figure is a readable PNG of the promised size. The run is written to {@code target/plot-preview}
 * (not a temp dir) so that a developer can open the images after {@code mvn test}.
 */
class PlotsTest {

    private static final Path PREVIEW = Path.of("target", "plot-preview");

    @Test
    void drawsEveryRunFigureAtTheExpectedSize() throws IOException {
        Path run = PREVIEW.resolve("run-" + System.nanoTime());
        Fixtures.writeSyntheticRun(run, 12, 7);

        List<Path> files = Plots.drawRun(run);

        Set<String> names = files.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        assertEquals(Set.of("loss.png", "perplexity.png", "trainable-params.png", "replication-map.png",
                "tie-history.png", "tie-changes.png"), names);
        for (Path f : files) {
            assertPng(f, Plots.WIDTH, Plots.HEIGHT);
        }
    }

    @Test
    void heatMapOfLayerCorrelations() throws IOException {
        Random rnd = new Random(3);
        float[] base = new float[500];
        for (int i = 0; i < base.length; i++) {
            base[i] = (float) rnd.nextGaussian();
        }
        List<float[]> layers = new ArrayList<>();
        for (int l = 0; l < 8; l++) {
            float[] w = new float[base.length];
            double mix = l < 4 ? 0.9 - 0.2 * l : -0.5 + 0.1 * l;
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (mix * base[i] + (1 - Math.abs(mix)) * rnd.nextGaussian());
            }
            layers.add(w);
        }
        Files.createDirectories(PREVIEW);
        Path file = PREVIEW.resolve("correlation.png");
        List<String> labels = List.of("0", "1", "2", "3", "4", "5", "6", "7");

        CorrelationHeatMap.write(Pearson.matrix(layers), labels, "Pearson correlation of layer weights", file,
                800, 700);

        assertPng(file, 800, 700);
    }

    @Test
    void replicationMapAndHistoryStayReadableAt48Layers() throws IOException {
        Random rnd = new Random(5);
        int[] state = new int[48];
        for (int i = 1; i < state.length; i++) {
            state[i] = rnd.nextDouble() < 0.2 ? i : state[rnd.nextInt(i)];
        }
        Files.createDirectories(PREVIEW);
        Path map = PREVIEW.resolve("replication-map-48.png");
        Path history = PREVIEW.resolve("tie-history-48.png");

        ReplicationMapImage.write(state, "Replication map, 48 layers", map, Plots.WIDTH, Plots.HEIGHT);
        TieHistoryImage.write(List.of(new TieHistoryImage.Sample(0, new int[48]),
                new TieHistoryImage.Sample(400, state), new TieHistoryImage.Sample(1000, state)), "Tie history, 48 layers", history, Plots.WIDTH, Plots.HEIGHT);

        assertPng(map, Plots.WIDTH, Plots.HEIGHT);
        assertPng(history, Plots.WIDTH, Plots.HEIGHT);
    }

    @Test
    void niceTickSteps() {
        assertEquals(1, TieHistoryImage.niceStep(0.4));
        assertEquals(100, TieHistoryImage.niceStep(88));
        assertEquals(200, TieHistoryImage.niceStep(101));
        assertEquals(5000, TieHistoryImage.niceStep(2500.1));
    }

    @Test
    void plottingAnEmptyRunIsOneUserError() throws IOException {
        Path run = Files.createDirectories(PREVIEW.resolve("empty-" + System.nanoTime()));
        UserInputException e = assertThrows(UserInputException.class, () -> Plots.drawRun(run));
        assertTrue(e.getMessage().contains("steps.csv"), e.getMessage());
    }

    private static void assertPng(Path f, int width, int height) throws IOException {
        assertTrue(Files.size(f) > 5_000, f + " is suspiciously small: " + Files.size(f));
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(width, img.getWidth(), f.toString());
        assertEquals(height, img.getHeight(), f.toString());
    }
}
