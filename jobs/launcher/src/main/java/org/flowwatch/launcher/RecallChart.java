package org.flowwatch.launcher;

import java.util.List;
import java.util.Locale;
import org.flowwatch.detectors.evaluation.DetectorEvaluation.Score;
import org.flowwatch.detectors.evaluation.SyntheticSet;

/** A small self-contained SVG line chart: recall against surge size, one line per method. */
final class RecallChart {
  private static final String[] COLOURS = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02",
      "#a6761d", "#666666"};
  private static final int WIDTH = 520;
  private static final int HEIGHT = 300;
  private static final int LEFT = 50;
  private static final int TOP = 30;
  private static final int PLOT_WIDTH = 280;
  private static final int PLOT_HEIGHT = 220;

  private RecallChart() {}

  static String svg(String mode, List<Score> scores) {
    StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
            + "font-size=\"11\">%n<text x=\"%d\" y=\"18\" font-size=\"13\">Recall by surge size (%s)</text>%n",
        WIDTH, HEIGHT, LEFT, mode));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
        + "stroke=\"#999\"/>%n", LEFT, TOP, PLOT_WIDTH, PLOT_HEIGHT));
    for (int tick = 0; tick <= 4; tick++) {
      double y = TOP + PLOT_HEIGHT * (1 - tick / 4.0);
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n",
          LEFT - 5, y + 4, tick / 4.0));
    }
    double[] sizes = SyntheticSet.SURGE_SIZES;
    for (int i = 0; i < sizes.length; i++) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%sx</text>%n",
          x(i, sizes.length), TOP + PLOT_HEIGHT + 15, sizes[i]));
    }
    int line = 0;
    for (Score score : scores) {
      if (!score.mode().equals(mode)) {
        continue;
      }
      String colour = COLOURS[line % COLOURS.length];
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < sizes.length; i++) {
        double recall = Double.isNaN(score.recallBySize()[i]) ? 0 : score.recallBySize()[i];
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i, sizes.length), TOP + PLOT_HEIGHT * (1 - recall)));
      }
      svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
          + "points=\"%s\"/>%n", colour, points.toString().strip()));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
          LEFT + PLOT_WIDTH + 10, TOP + 12 + 16 * line, colour, escape(score.method())));
      line++;
    }
    return svg.append("</svg>\n").toString();
  }

  private static double x(int index, int count) {
    return LEFT + 20 + (PLOT_WIDTH - 40) * index / (double) (count - 1);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
