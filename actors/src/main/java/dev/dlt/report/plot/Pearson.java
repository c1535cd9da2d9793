package dev.dlt.report.plot;

import java.util.List;

/** Pearson correlation of flattened weight vectors, the measure of the paper's Figure 4. Pure functions. */
public final class Pearson {

    private Pearson() {
    }

    /**
     * The Pearson correlation of two equally long vectors, in [-1, 1]; NaN if either is constant (the
     * correlation is undefined there). Accumulates in double so long vectors keep their precision.
     *
     * @throws IllegalArgumentException if the lengths differ or are below 2
     */
    public static double correlation(float[] a, float[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("need two vectors of equal length >= 2, got " + a.length
                    + " and " + b.length);
        }
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= a.length;
        meanB /= b.length;
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - meanA;
            double db = b[i] - meanB;
            cov += da * db;
            varA += da * da;
            varB += db * db;
        }
        if (varA == 0 || varB == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, cov / Math.sqrt(varA * varB)));
    }

    /** The symmetric matrix of correlations between every pair of vectors (e.g. one per layer). */
    public static double[][] matrix(List<float[]> vectors) {
        int n = vectors.size();
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
            for (int j = 0; j < i; j++) {
                m[i][j] = m[j][i] = correlation(vectors.get(i), vectors.get(j));
            }
        }
        return m;
    }
}
