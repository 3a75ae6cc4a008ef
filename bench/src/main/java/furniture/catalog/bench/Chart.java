package furniture.catalog.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** One line chart, drawn with the JDK alone: throughput against concurrency (log2 axis) for a few series. */
final class Chart {
    private Chart() {}

    static void draw(Path file, String title, List<Integer> levels, Map<String, double[]> series, String machine) throws IOException {
        int w = 900;
        int h = 540;
        int left = 90;
        int right = 220;
        int top = 60;
        int bottom = 70;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double max = series.values().stream().flatMapToDouble(java.util.Arrays::stream).filter(d -> !Double.isNaN(d)).max().orElse(1);
        max = niceCeiling(max);
        int plotW = w - left - right;
        int plotH = h - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(machine, left, 48);
        g.setColor(new Color(225, 225, 225));
        for (int i = 0; i <= 5; i++) {
            int y = top + plotH - (int) (plotH * i / 5.0);
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%,d", (long) (max * i / 5)), 10, y + 4);
            g.setColor(new Color(225, 225, 225));
        }
        g.setColor(Color.DARK_GRAY);
        for (int i = 0; i < levels.size(); i++) {
            int x = xOf(i, levels.size(), left, plotW);
            g.drawString(Integer.toString(levels.get(i)), x - 4, top + plotH + 20);
        }
        g.drawString("concurrent callers (closed loop)", left + plotW / 2 - 90, h - 25);
        g.drawString("ops/s", 10, top - 10);
        g.drawLine(left, top + plotH, left + plotW, top + plotH);
        g.drawLine(left, top, left, top + plotH);
        Color[] colors = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40)};
        int s = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            Color c = colors[s % colors.length];
            g.setColor(c);
            g.setStroke(new BasicStroke(e.getKey().startsWith("composite") ? 2f : 3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND,
                    10f, e.getKey().startsWith("composite") ? new float[] {8f, 6f} : null, 0f));
            double[] values = e.getValue();
            for (int i = 0; i < values.length; i++) {
                int x = xOf(i, values.length, left, plotW);
                int y = top + plotH - (int) (plotH * values[i] / max);
                g.fillOval(x - 3, y - 3, 6, 6);
                if (i > 0) {
                    int px = xOf(i - 1, values.length, left, plotW);
                    int py = top + plotH - (int) (plotH * values[i - 1] / max);
                    g.drawLine(px, py, x, y);
                }
            }
            g.fillRect(left + plotW + 20, top + 20 + s * 24, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), left + plotW + 40, top + 26 + s * 24);
            s++;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static int xOf(int i, int n, int left, int plotW) {
        return n == 1 ? left + plotW / 2 : left + (int) (plotW * i / (double) (n - 1));
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static Map<String, double[]> series() {
        return new LinkedHashMap<>();
    }
}
