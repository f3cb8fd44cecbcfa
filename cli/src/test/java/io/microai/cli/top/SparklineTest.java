package io.microai.cli.top;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.microai.shared.scrape.StackFigures;
import org.junit.jupiter.api.Test;

class SparklineTest {
    @Test
    void eightLevelsFromZeroToTheMaximum() {
        assertEquals("▁▂▃▄▅▆▇█", Sparkline.draw(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, 8, true, false));
        assertEquals("▁▁██", Sparkline.draw(new double[] {0, 0, 7, 7}, 4, true, false));
    }

    @Test
    void onlyTheNewestValuesThatFitAreDrawnRightAligned() {
        assertEquals("▁█", Sparkline.draw(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, 2, false, false), "min..max of the visible part");
        assertEquals("  ▁█", Sparkline.draw(new double[] {0, 7}, 4, true, false), "fewer values than columns: padded on the left");
        assertEquals("", Sparkline.draw(new double[] {1, 2}, 0, true, false));
    }

    @Test
    void unknownValuesAreBlankAndFlatLinesAreVisible() {
        assertEquals(" ▁█", Sparkline.draw(new double[] {Double.NaN, 0, 1}, 3, true, false));
        assertEquals("▁▁▁", Sparkline.draw(new double[] {0, 0, 0}, 3, true, false), "nothing happening: bottom");
        assertEquals("▄▄▄", Sparkline.draw(new double[] {0.99, 0.99, 0.99}, 3, false, false), "a steady ratio: middle");
        assertEquals("   ", Sparkline.draw(new double[] {Double.NaN, Double.NaN, Double.NaN}, 3, true, false));
    }

    @Test
    void ratiosUseTheirOwnRangeSoSmallChangesShow() {
        assertEquals("▁█", Sparkline.draw(new double[] {0.98, 1.0}, 2, false, false));
        assertEquals("██", Sparkline.draw(new double[] {0.98, 1.0}, 2, true, false), "on 0..1 they would look the same");
    }

    @Test
    void asciiLevelsForTerminalsWithoutBlockCharacters() {
        assertEquals("_.-:=+*#", Sparkline.draw(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, 8, true, true));
    }

    @Test
    void theRingKeepsTheLastNFiguresOldestFirst() {
        Sparks sparks = new Sparks(3);
        assertEquals(0, sparks.values(Spark.GW_RPS).length);
        StackFigures f = Synthetic.figures();
        for (int i = 0; i < 4; i++) {
            sparks.push(i == 1 ? null : f);
        }
        double[] rps = sparks.values(Spark.GW_RPS);
        assertEquals(3, rps.length);
        assertEquals(Double.NaN, rps[0], "the second push had no figures");
        assertArrayEquals(new double[] {18.5, 18.5}, new double[] {rps[1], rps[2]}, 1e-9);
        assertEquals(0.75, sparks.values(Spark.V_SUCCESS)[2], 1e-9);
        assertEquals(1.0, sparks.values(Spark.V_INVALID)[2], 1e-9, "0.6 high_s + 0.4 bad_signature");
    }
}
