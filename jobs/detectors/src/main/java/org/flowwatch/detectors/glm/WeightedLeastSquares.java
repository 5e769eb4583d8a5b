package org.flowwatch.detectors.glm;

/**
 * Least squares by Householder QR, the decomposition R's lm and glm use: coefficients, hat values and the unscaled
 * covariance (R'R)^-1, all from one factorisation.
 */
record WeightedLeastSquares(double[] coefficients, double[] hatValues, double[][] unscaledCovariance) {

  /** Solves min |a b - y|; null when a column's remaining norm falls under {@code tolerance} times its own. */
  static WeightedLeastSquares solve(double[][] a, double[] y, double tolerance) {
    int n = a.length;
    int p = a[0].length;
    double[][] qr = new double[n][];
    for (int i = 0; i < n; i++) {
      qr[i] = a[i].clone();
    }
    double[] qty = y.clone();
    for (int k = 0; k < p; k++) {
      double columnNorm = 0;
      double originalNorm = 0;
      for (int i = k; i < n; i++) {
        columnNorm += qr[i][k] * qr[i][k];
      }
      for (int i = 0; i < n; i++) {
        originalNorm += a[i][k] * a[i][k];
      }
      columnNorm = Math.sqrt(columnNorm);
      if (columnNorm <= tolerance * Math.sqrt(originalNorm) || columnNorm == 0) {
        return null;
      }
      double alpha = qr[k][k] > 0 ? -columnNorm : columnNorm;
      double[] v = new double[n];
      for (int i = k; i < n; i++) {
        v[i] = qr[i][k];
      }
      v[k] -= alpha;
      double vNorm2 = 0;
      for (int i = k; i < n; i++) {
        vNorm2 += v[i] * v[i];
      }
      for (int j = k; j < p; j++) {
        reflect(qr, v, vNorm2, k, j);
      }
      double dot = 0;
      for (int i = k; i < n; i++) {
        dot += v[i] * qty[i];
      }
      for (int i = k; i < n; i++) {
        qty[i] -= 2 * dot / vNorm2 * v[i];
      }
    }
    double[][] rInverse = upperTriangularInverse(qr, p);
    double[] coefficients = new double[p];
    for (int i = 0; i < p; i++) {
      for (int j = i; j < p; j++) {
        coefficients[i] += rInverse[i][j] * qty[j];
      }
    }
    double[][] covariance = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        for (int k = Math.max(i, j); k < p; k++) {
          covariance[i][j] += rInverse[i][k] * rInverse[j][k];
        }
      }
    }
    double[] hat = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        double rowTimesRInverse = 0;
        for (int k = 0; k <= j; k++) {
          rowTimesRInverse += a[i][k] * rInverse[k][j];
        }
        hat[i] += rowTimesRInverse * rowTimesRInverse;
      }
    }
    return new WeightedLeastSquares(coefficients, hat, covariance);
  }

  private static void reflect(double[][] qr, double[] v, double vNorm2, int k, int column) {
    double dot = 0;
    for (int i = k; i < qr.length; i++) {
      dot += v[i] * qr[i][column];
    }
    for (int i = k; i < qr.length; i++) {
      qr[i][column] -= 2 * dot / vNorm2 * v[i];
    }
  }

  private static double[][] upperTriangularInverse(double[][] r, int p) {
    double[][] inverse = new double[p][p];
    for (int j = p - 1; j >= 0; j--) {
      inverse[j][j] = 1 / r[j][j];
      for (int i = j - 1; i >= 0; i--) {
        double sum = 0;
        for (int k = i + 1; k <= j; k++) {
          sum += r[i][k] * inverse[k][j];
        }
        inverse[i][j] = -sum / r[i][i];
      }
    }
    return inverse;
  }
}
